"""How a negotiation moved: proposal versions and counter-proposals, positions in date order."""

from __future__ import annotations

import json

import pytest
from conftest import DEV, EVAL, SEED, kg_main, needs_shared, write

from kg.rdf.namespace import NKG


def three_rounds(tmp_path):
    for name, day, text in (
        ("a", "2024-01-10", "Hamas proposed a 60-day pause in which 100 hostages would be freed."),
        (
            "b",
            "2024-02-05",
            "Hamas proposed a 42-day pause and a full withdrawal from Gaza, which Israel must accept.",
        ),
        (
            "c",
            "2024-02-20",
            "Israel offered a 30-day pause in which 40 hostages would be freed, in answer to Hamas.",
        ),
    ):
        write(
            tmp_path / f"{name}.txt",
            f"Round {name}\n{text}\n",
            sidecar=json.dumps({"published": day}),
        )
    assert kg_main("ingest", tmp_path, "--store", tmp_path / "store", "-q").returncode == 0
    return tmp_path / "store"


def test_a_later_version_revises_and_a_counter_proposal_responds_with_the_change_term_by_term(
    tmp_path,
):
    store = three_rounds(tmp_path)
    out = kg_main("query", "proposal-history", "--store", store, "--format", "json")
    rows = {
        (b["proposer"]["value"], b.get("relation", {}).get("value")): b.get("change", {}).get(
            "value"
        )
        for b in json.loads(out.stdout)["results"]["bindings"]
    }
    assert (
        rows[("Hamas", "revises")]
        == "revises: pause 60 days → 42 days; release dropped; withdrawal added"
    )
    assert rows[("Israel", "respondsTo")].startswith("responds to: pause 42 days → 30 days")
    shown = kg_main("proposals", "--store", store, "--actor", "hamas")
    assert shown.returncode == 0 and "revises" in shown.stdout and "Israel" not in shown.stdout


def test_positions_are_dated_and_listed_in_order_with_changes_marked(tmp_path):
    write(
        tmp_path / "a.txt",
        "A\nHamas said on Monday it accepted the truce plan.\n",
        sidecar='{"published": "2024-01-10"}',
    )
    write(
        tmp_path / "b.txt",
        "B\nHamas rejected the truce plan on Tuesday.\n",
        sidecar='{"published": "2024-02-10"}',
    )
    assert kg_main("ingest", tmp_path, "--store", tmp_path / "store", "-q").returncode == 0
    out = kg_main("positions", "--store", tmp_path / "store", "--actor", "Hamas")
    lines = [line for line in out.stdout.splitlines() if line.startswith("2024-")]
    assert [line.split()[0] for line in lines] == sorted(line.split()[0] for line in lines)
    assert any("Rejects" in line and "was Accepts" in line for line in lines)


@needs_shared(EVAL / "score.py")
def test_seed_and_dev_articles_give_lineage_and_dated_positions(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for path in [SEED, *sorted(DEV.glob("*.txt"))]:
        (folder / path.name).write_text(path.read_text())
        if path.with_suffix(".json").exists():
            (folder / path.with_suffix(".json").name).write_text(
                path.with_suffix(".json").read_text()
            )
    assert kg_main("ingest", folder, "--store", tmp_path / "store", "-q").returncode == 0
    history = json.loads(
        kg_main(
            "query", "proposal-history", "--store", tmp_path / "store", "--format", "json"
        ).stdout
    )
    linked = [b for b in history["results"]["bindings"] if "relation" in b]
    assert linked and all(
        "→" in b["change"]["value"]
        or "added" in b["change"]["value"]
        or "dropped" in b["change"]["value"]
        for b in linked
    )
    undated = kg_main(
        "query",
        "SELECT (COUNT(?p) AS ?n) WHERE { ?p a nkg:Position FILTER NOT EXISTS { ?p nkg:earliestDate ?d } }",
        "--store",
        tmp_path / "store",
        "--format",
        "csv",
    )
    assert undated.stdout.split()[-1] == "0"
    hamas = kg_main("positions", "--store", tmp_path / "store", "--actor", "Hamas")
    dates = [line.split()[0] for line in hamas.stdout.splitlines() if line[:4].isdigit()]
    assert len(dates) >= 3 and dates == sorted(dates)


# one side's offers over a few months and the other side's answers, in sentences of our own
ROUNDS = [
    # the same offer years before: found by reading the side's earlier offers, not day by day
    ("r0", "2019-06-01", "Ecuador proposed a 20-day pause in which 15 detainees would be freed."),
    ("r1", "2025-03-02", "Ecuador proposed a 20-day pause in which 15 detainees would be freed."),
    ("r2", "2025-03-20", "Ecuador proposed a 20-day pause in which 15 detainees would be freed."),
    (
        "r3",
        "2025-04-11",
        "Ecuador proposed a 35-day pause and a full withdrawal from Loja, which Peru must weigh.",
    ),
    (
        "r4",
        "2025-04-30",
        "Peru offered a 10-day pause in which 6 detainees would be freed, in answer to Ecuador.",
    ),
    (
        "r5",
        "2025-05-15",
        "Ecuador proposed a 35-day pause and a full withdrawal from Loja, which Peru must weigh.",
    ),
    (
        "r6",
        "2025-06-03",
        "Peru offered a 12-day pause in which 9 detainees would be freed, in answer to Ecuador.",
    ),
]


def lineage_of(store) -> list[tuple]:
    from kg.link.proposals import LINEAGE_GRAPH

    rows = store.select(f"SELECT ?p ?r ?q WHERE {{ GRAPH <{LINEAGE_GRAPH}> {{ ?p ?r ?q }} }}")
    return sorted((r["p"], r["r"], str(r["q"])) for r in rows)


def round_files(folder, names, texts=None):
    folder.mkdir()
    for name, day, text in ROUNDS:
        if name in names:
            text = (texts or {}).get(name, text)
            write(folder / f"{name}.txt", f"Round {name}\n{text}\n", json.dumps({"published": day}))
    return folder


def test_each_ingest_links_only_its_proposals_and_gives_the_whole_recomputations_lineage(
    tmp_path, monkeypatch
):
    from kg.ingestion import ingest
    from kg.link import proposals
    from kg.link.proposals import relink_lineage
    from kg.store import GraphStore

    # a store this small would be relinked whole: the incremental linking is what is checked
    monkeypatch.setattr(proposals, "WHOLE_SHARE", 0)

    # later rounds first, then the earlier ones they answer and repeat: the earlier ones become
    # the latest match of proposals already linked; then a new version of one round
    runs = [{"r0", "r3", "r6"}, {"r1", "r5"}, {"r2", "r4"}]
    store = GraphStore()
    for i, names in enumerate(runs):
        ingest([round_files(tmp_path / f"run{i}", names)], store)
        incremental = lineage_of(store)
        relink_lineage(store)
        assert incremental == lineage_of(store)
    assert {r for _, r, _ in lineage_of(store)} >= {
        "http://www.w3.org/2002/07/owl#sameAs",
        str(NKG.revises),
        str(NKG.respondsTo),
    }
    changed = {"r3": "Ecuador proposed a 50-day pause in which 30 detainees would be freed."}
    ingest([round_files(tmp_path / "again", {"r3"}, changed)], store)
    incremental = lineage_of(store)
    relink_lineage(store)
    assert incremental == lineage_of(store)


def test_a_run_killed_before_its_lineage_is_linked_is_linked_by_the_next_run(tmp_path, monkeypatch):
    import kg.ingestion as ingestion
    from kg.link import proposals
    from kg.link.proposals import PENDING_GRAPH, relink_lineage
    from kg.store import GraphStore

    monkeypatch.setattr(proposals, "WHOLE_SHARE", 0)  # not relinked whole, as a large store

    whole = GraphStore()
    ingestion.ingest([round_files(tmp_path / "all", {n for n, _, _ in ROUNDS})], whole)
    store = GraphStore()
    ingestion.ingest([round_files(tmp_path / "first", {"r0", "r1", "r3"})], store)
    # the second run's batches are committed, then it dies before linking the lineage
    monkeypatch.setattr(ingestion, "link_lineage", lambda store, new: 0)
    ingestion.ingest([round_files(tmp_path / "second", {"r2", "r4", "r5"})], store)
    assert store.graphs_held([str(PENDING_GRAPH)])
    monkeypatch.setattr(ingestion, "link_lineage", proposals.link_lineage)
    ingestion.ingest([round_files(tmp_path / "third", {"r6"})], store)
    assert not store.graphs_held([str(PENDING_GRAPH)])
    assert lineage_of(store) == lineage_of(whole) and lineage_of(whole)
    relink_lineage(store)
    assert lineage_of(store) == lineage_of(whole)


# far apart in time: the same offer five years on, an answer 80 days after an offer, and an
# offer stored later whose earlier and later reports of the same terms are years away
FAR = [
    ("far-a", "2021-02-01", "Ecuador proposed a 25-day pause in which 8 detainees would be freed."),
    (
        "far-b",
        "2024-10-22",
        "Ecuador proposed a 35-day pause, which Peru must weigh, in which 9 detainees would go free.",
    ),
    ("far-c", "2026-03-01", "Ecuador proposed a 25-day pause in which 8 detainees would be freed."),
    (
        "far-d",
        "2025-01-10",
        "Peru offered a 10-day pause in which 4 detainees would be freed, in answer to Ecuador.",
    ),
    ("far-e", "2024-03-05", "Ecuador proposed a 25-day pause in which 8 detainees would be freed."),
]


def test_a_small_runs_lineage_finds_links_far_back_and_far_on_as_the_whole_recomputation_does(
    tmp_path, monkeypatch
):
    import re

    from kg.ingestion import ingest
    from kg.link import proposals
    from kg.link.proposals import relink_lineage
    from kg.store import GraphStore

    monkeypatch.setattr(proposals, "WHOLE_SHARE", 0)  # linked run by run, as in a large store
    store = GraphStore()
    for i, names in enumerate([{"far-a", "far-b", "far-c"}, {"far-d"}, {"far-e"}]):
        folder = tmp_path / f"run{i}"
        folder.mkdir()
        for name, day, text in FAR:
            if name in names:
                write(
                    folder / f"{name}.txt",
                    f"Offer {name}\n{text}\n",
                    json.dumps({"published": day}),
                )
        ingest([folder], store)
        incremental = lineage_of(store)
        relink_lineage(store)
        assert incremental == lineage_of(store)

    def article(iri: str) -> str:
        return re.search(r"/article/(far-\w)", iri).group(1)

    links = {
        (article(p), r.rsplit("#", 1)[-1], article(q))
        for p, r, q in lineage_of(store)
        if not r.endswith("change")
    }
    assert ("far-d", "respondsTo", "far-b") in links  # an offer 80 days before
    assert ("far-e", "sameAs", "far-a") in links  # the same terms three years back
    assert ("far-c", "sameAs", "far-e") in links  # no longer far-a: far-e is later
    assert ("far-c", "sameAs", "far-a") not in links
    assert ("far-b", "revises", "far-e") in links  # a revision of the offer stored last


# one side's offers over three years: the same terms a year and more apart, a run adding reports
# between them (sentences of our own)
TRUCE = "Bolivia put forward a 14-day truce under which 12 prisoners would be released."
CEASEFIRE = "Bolivia offered a ceasefire of 30 days."
STORED = [
    ("s1", "2022-05-10", TRUCE),
    ("s0", "2023-01-05", CEASEFIRE),
    ("s2", "2024-01-15", TRUCE),
    ("s3", "2024-02-01", TRUCE),
    ("s4", "2025-06-01", CEASEFIRE),
]
# the run: f1 reported again 14 months on (s2) and 15 (s3), f2 15 months after s0 and before s4
RUN = [("f1", "2022-11-20", TRUCE), ("f2", "2024-03-01", CEASEFIRE)]


def test_a_runs_same_terms_a_year_or_more_away_are_found_by_reading_days_not_the_whole_store(
    tmp_path, monkeypatch
):
    import re

    from kg.ingestion import ingest
    from kg.link import proposals
    from kg.link.proposals import relink_lineage
    from kg.store import GraphStore

    monkeypatch.setattr(proposals, "WHOLE_SHARE", 0)  # linked run by run, as in a large store
    asked = []  # the run's queries of the store's index of values: each costs what the store holds
    query = proposals.same_terms_query
    monkeypatch.setattr(
        proposals, "same_terms_query", lambda who, rec: asked.append(rec) or query(who, rec)
    )
    store = GraphStore()
    for i, offers in enumerate([STORED, RUN]):
        folder = tmp_path / f"run{i}"
        folder.mkdir()
        for name, day, text in offers:
            write(folder / f"{name}.txt", f"Offer {name}\n{text}\n", json.dumps({"published": day}))
        asked.clear()
        ingest([folder], store)
        incremental = lineage_of(store)
        relink_lineage(store)
        assert incremental == lineage_of(store)

    assert not asked  # every match of the run is within three years of it: days were read
    links = {
        (re.search(r"/article/(\w\d)", p).group(1), re.search(r"/article/(\w\d)", q).group(1))
        for p, r, q in lineage_of(store)
        if r.endswith("sameAs")
    }
    assert {("f1", "s1"), ("s2", "f1"), ("s3", "s2"), ("f2", "s0"), ("s4", "f2")} <= links
    assert ("s2", "s1") not in links and ("s4", "s0") not in links  # their match is the run's


# two sides' offers (sentences of our own): the same terms, a revision and a counter-offer
PAUSE = "Chile proposed a 21-day pause in which 8 fishermen would be freed."
LONGER = "Chile offered Ecuador a pause of 45 days."
COUNTER = "Ecuador offered Chile a pause of 10 days."


def days_on(first: str, *gaps: int) -> list[str]:
    """The days ``gaps`` days apart from ``first``, each from the one before."""
    from datetime import date, timedelta

    out = [date.fromisoformat(first)]
    for gap in gaps:
        out.append(out[-1] + timedelta(days=gap))
    return [d.isoformat() for d in out]


def edge_runs() -> dict[str, list[list[tuple[str, str, str]]]]:
    """Stores and runs whose links lie at the edges of the windows the incremental lineage reads:
    exactly a year, thirteen months, three years and a day over, a run wholly after or before
    the stored days."""
    year = days_on("2019-03-01", 365, 365)  # across a leap day: 366 days apart by the calendar
    month13 = days_on("2020-01-31", 396, 396, 396)
    three = days_on("2018-06-10", 1095, 1, 1095)
    later = days_on("2021-01-02", 30, 380, 20, 320, 10)
    return {
        "exactly-a-year": [
            [("s1", year[0], PAUSE), ("s2", year[2], PAUSE), ("s3", year[2], LONGER)],
            [("f1", year[1], PAUSE), ("f2", year[1], COUNTER)],
        ],
        "thirteen-months": [
            [("s1", month13[0], PAUSE), ("s2", month13[2], PAUSE), ("s3", month13[3], PAUSE)],
            [("f1", month13[1], PAUSE), ("f2", month13[3], LONGER)],
        ],
        "three-years-and-a-day": [
            [("s1", three[0], PAUSE), ("s2", three[2], LONGER), ("s3", three[3], PAUSE)],
            [("f1", three[1], PAUSE), ("f2", three[2], PAUSE)],
        ],
        # f1's later reports are past a year, in days f2's year before it has read already; each
        # fresh offer's match before it is within a year (s0, s3): nothing more is read for it
        "later-reports-in-days-read-already": [
            [
                ("s0", later[0], PAUSE),
                ("s1", later[2], PAUSE),
                ("s2", later[3], PAUSE),
                ("s3", later[4], LONGER),
            ],
            [("f1", later[1], PAUSE), ("f2", later[5], LONGER)],
        ],
        "run-after-the-store": [
            [("s1", "2016-04-02", PAUSE), ("s2", "2016-05-01", COUNTER)],
            [("f1", "2021-09-09", PAUSE), ("f2", "2021-09-30", COUNTER)],
        ],
        "run-before-the-store": [
            [("s1", "2023-04-02", PAUSE), ("s2", "2023-04-20", PAUSE), ("s3", "2024-01-05", PAUSE)],
            [("f1", "2017-11-11", PAUSE), ("f2", "2019-02-02", PAUSE)],
        ],
    }


@pytest.mark.parametrize("runs", list(edge_runs().values()), ids=list(edge_runs()))
def test_a_runs_lineage_at_the_edges_of_the_days_it_reads_is_the_whole_recomputations(
    tmp_path, monkeypatch, runs
):
    from kg.ingestion import ingest
    from kg.link import proposals
    from kg.link.proposals import relink_lineage
    from kg.store import GraphStore

    monkeypatch.setattr(proposals, "WHOLE_SHARE", 0)  # linked run by run, as in a large store
    store = GraphStore()
    for i, offers in enumerate(runs):
        folder = tmp_path / f"run{i}"
        folder.mkdir()
        for name, day, text in offers:
            write(folder / f"{name}.txt", f"Offer {name}\n{text}\n", json.dumps({"published": day}))
        ingest([folder], store)
        incremental = lineage_of(store)
        relink_lineage(store)
        assert incremental == lineage_of(store), f"after run {i}"
    assert any(r.endswith("sameAs") for _, r, _ in lineage_of(store))
