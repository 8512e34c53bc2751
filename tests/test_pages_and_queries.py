"""The pages and the commands say the same: the timeline page's proposals and positions are the rows
of the named queries behind `kg proposals` and `kg positions`, dated by one rule."""

from __future__ import annotations

from conftest import write

import kg
from kg.cli import main
from kg.query import named_queries, run_select
from kg.views.timeline import timeline_rows
from kg.views.timeline_page import page_data


def page_items(store, kind: str) -> list[dict]:
    return [i for i in page_data(store, timeline_rows(store))["items"] if i["kind"] == kind]


def test_the_page_shows_the_proposals_kg_proposals_lists(seed_store):
    rows = run_select(seed_store, named_queries()["proposal-history"].text)
    items = page_items(seed_store, "Proposal")
    assert rows and len(items) == len({(r["proposal"], r["proposer"]) for r in rows})
    assert sorted((i["actors"][0], i["start"]) for i in items) == sorted(
        (r["proposer"], str(r["date"])) for r in rows
    )
    for r in rows:  # each proposal's terms, worded as the graph's term labels, in its item's label
        label = f"{r['proposer']} proposal: {r['terms'][:20]}"
        assert any(i["label"].startswith(label) for i in items)


def test_the_page_shows_each_position_kg_positions_lists_once(seed_store):
    rows = run_select(seed_store, named_queries()["positions-over-time"].text)
    items = page_items(seed_store, "Position")
    assert len(items) == len({r["position"] for r in rows})
    assert len(items) < len(rows)  # one position has two stances: two rows, one item
    assert sorted(i["start"] for i in items) == [i["start"] for i in items]  # in date order
    assert any("demands/red line" in i["label"] for i in items)  # its stances on one item


def test_a_proposal_without_stated_terms_is_in_kg_proposals_and_on_the_page(tmp_path, capsys):
    article = write(
        tmp_path / "plan.txt",
        "Border talks\nEgypt put forward a new proposal to the two sides at the talks "
        "in Cairo, officials said on Monday.\n",
        '{"published": "2024-03-04"}',
    )
    kg.ingest([article], tmp_path / "store")
    assert main(["proposals", "--store", str(tmp_path / "store")]) == 0
    printed = capsys.readouterr().out
    assert "2024-03-04  Egypt" in printed and "(1 rows)" in printed
    with kg.open(tmp_path / "store") as graph:
        items = page_items(graph.store, "Proposal")
    assert [(i["label"], i["start"]) for i in items] == [("Egypt proposal", "2024-03-04")]
