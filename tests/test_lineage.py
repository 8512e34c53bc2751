"""How a negotiation moved: proposal versions and counter-proposals, positions in date order."""

from __future__ import annotations

import json

from conftest import DEV, EVAL, SEED, kg_main, needs_shared, write


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
