"""Republished copies: an article ingested again under another headline, URL or with trivial edits
is one story."""

from __future__ import annotations

import json

import pytest

from kg.ingestion import ingest
from kg.query import named_queries, run_select
from kg.store import GraphStore

HARBOUR = r"""Harbour talks stall
Negotiators from Veldoria and the Northern Coalition met in Geneva on Tuesday to discuss a plan to
reopen the \ harbour of Port Anselm, which has been closed since the fighting began last spring. The
Northern Coalition proposed a 30-day pause in shelling around the port and the release of 40
detained \ fishermen, according to a statement from its delegation. Veldoria rejected the proposal,
saying any pause must include the withdrawal of coalition forces from the coast. Mediators from
Norway said they would hold another round of talks next week in Oslo.
"""

BORDER = r"""Border crossing to reopen
Officials of the Republic of Tarvia and the Eastern Union agreed on Friday to reopen the Kessel
crossing for \ trucks carrying grain, after weeks of talks brokered by Turkey. The Eastern Union
demanded guarantees that inspections would be completed within 48 hours. Tarvia's trade minister
Ilse Marten said the deal was a historic step for farmers on both sides.
"""


def article(folder, name: str, text: str, url: str, published: str = "2024-03-06") -> None:
    (folder / f"{name}.txt").write_text(text)
    (folder / f"{name}.json").write_text(
        json.dumps({"url": url, "published": published, "source": "Wire"})
    )


def copy_of(text: str, headline: str) -> str:
    """The same story under a new headline, lightly edited, as a newsroom republishes it."""
    body = (
        text.split("\n", 1)[1]
        .replace("on Tuesday", "on Tuesday,")
        .replace("next week", "next week.")
    )
    return f"{headline}\n{body}"


@pytest.fixture()
def corpus(tmp_path):
    originals, copies = tmp_path / "originals", tmp_path / "copies"
    originals.mkdir()
    copies.mkdir()
    article(originals, "harbour", HARBOUR, "https://news.example/harbour-talks")
    article(originals, "border", BORDER, "https://news.example/border")
    article(
        copies,
        "harbour-update",
        copy_of(HARBOUR, "Geneva: no deal on Port Anselm"),
        "https://news.example/geneva-port",
        "2024-03-07",
    )
    article(
        copies,
        "harbour-same-url",
        copy_of(HARBOUR, "Port Anselm talks end without deal"),
        "https://news.example/harbour-talks",
    )
    return originals, copies


def rows_of(store, name: str, actor: str | None = None) -> list[tuple]:
    rows = run_select(store, named_queries()[name].text, {"actor": actor})
    return sorted(tuple(sorted((k, str(v)) for k, v in r.items())) for r in rows)


def quads(store, folder) -> set[str]:
    return set(store.dump(folder / "dump.nq").read_text().splitlines())


def test_a_republished_copy_adds_its_headline_and_url_and_no_fact(corpus):
    originals, copies = corpus
    alone, together = GraphStore(), GraphStore()
    ingest([originals], alone)
    report = ingest([originals, copies], together)
    assert sorted(p.rsplit("/", 1)[-1] for p in report.republished) == [
        "harbour-same-url.txt",
        "harbour-update.txt",
    ]
    assert not report.failed
    for name in ("positions", "meetings", "proposals", "positions-on", "timeline", "actors"):
        assert rows_of(together, name) == rows_of(alone, name), name
    headlines = together.select(
        "SELECT ?h ?u WHERE { ?a a schema:NewsArticle ; nkg:republishedAs ?c . "
        "?c schema:headline ?h OPTIONAL { ?c schema:url ?u } }"
    )
    assert sorted(r["h"] for r in headlines) == [
        "Geneva: no deal on Port Anselm",
        "Port Anselm talks end without deal",
    ]
    assert "https://news.example/geneva-port" in {r["u"] for r in headlines}
    assert together.summary()["articles"] == 2


def test_a_copy_ingested_later_or_again_gives_the_same_store(corpus, tmp_path):
    originals, copies = corpus
    at_once, later = GraphStore(tmp_path / "a"), GraphStore(tmp_path / "b")
    ingest([originals, copies], at_once)
    ingest([originals], later)
    report = ingest([copies], later)
    assert len(report.republished) == 2
    assert quads(at_once, tmp_path) == quads(later, tmp_path) and quads(at_once, tmp_path)
    again = ingest([originals, copies], later)  # a rerun: everything is already in
    assert not again.ingested and not again.republished and len(again.unchanged) == 4
    assert quads(at_once, tmp_path) == quads(later, tmp_path)


def test_a_copy_met_first_is_the_story_and_the_original_its_copy(corpus):
    originals, copies = corpus
    store = GraphStore()
    ingest([copies / "harbour-update.txt"], store)
    report = ingest([originals], store)
    assert [p.rsplit("/", 1)[-1] for p in report.republished] == ["harbour.txt"]
    assert [
        r["h"] for r in store.select("SELECT ?h WHERE { ?a nkg:republishedAs/schema:headline ?h }")
    ] == ["Harbour talks stall"]


def test_two_reports_of_one_event_are_not_copies(tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    article(other, "harbour", HARBOUR, "https://news.example/harbour-talks")
    article(
        other,
        "harbour-2",
        "Geneva round ends\nVeldoria and the Northern Coalition ended their talks in Geneva "
        "on Tuesday without a deal on Port Anselm. Veldoria rejected a 30-day pause in shelling, "
        "officials said, and insisted coalition forces leave the coast first. Norway will host the "
        "next round.\n",
        "https://other.example/geneva",
    )
    report = ingest([other], GraphStore())
    assert len(report.ingested) == 2 and not report.republished


def test_the_store_with_copies_conforms_to_the_shapes(corpus):
    from kg.validate import validate_store

    store = GraphStore()
    ingest(list(corpus), store)
    assert validate_store(store).conforms


def test_kg_ingest_says_how_many_copies_it_folded_in(corpus, tmp_path, capsys):
    from kg.cli import main

    originals, copies = corpus
    assert (
        main(["ingest", str(originals), str(copies), "--store", str(tmp_path / "s"), "-j", "1"])
        == 0
    )
    err = capsys.readouterr().err
    assert "2 ingested, 0 unchanged, 2 republished, 0 failed" in err


def test_a_corrected_date_under_the_same_headline_and_url_replaces_the_article(corpus):
    originals, _ = corpus
    store = GraphStore()
    ingest([originals], store)
    (originals / "harbour.json").write_text(
        json.dumps(
            {
                "url": "https://news.example/harbour-talks",
                "published": "2024-03-05",
                "source": "Wire",
            }
        )
    )
    report = ingest([originals / "harbour.txt"], store)
    assert len(report.ingested) == 1 and not report.republished
    dates = store.select(
        "SELECT ?d WHERE { ?a schema:url ?u ; schema:datePublished ?d FILTER(CONTAINS(STR(?u), "
        "'harbour')) }"
    )
    assert [str(r["d"]) for r in dates] == ["2024-03-05"]
