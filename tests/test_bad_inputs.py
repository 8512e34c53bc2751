"""One bad input fails alone, with a clear message, and never breaks what comes after it (issue
22)."""

from __future__ import annotations

import sys
import tomllib
from dataclasses import replace
from datetime import date

import pytest
from conftest import ROOT, write
from hypothesis import given, settings
from hypothesis import strategies as st

STORY = (
    "Envoys meet\nQatar said on Monday that envoys of both sides met in Doha to discuss a truce.\n"
)
OTHER = (
    "Talks stall\nEgypt said on Tuesday that the talks in Cairo had stalled over a prisoner swap.\n"
)


def ingest_one_bad(tmp_path, bad_text: str = OTHER, sidecar: str | None = None, **overrides):
    """Ingest a good article and a bad one into a memory store; the report."""
    from kg.ingestion import ingest
    from kg.store import GraphStore

    good = write(tmp_path / "good.txt", STORY, sidecar='{"published": "2024-01-28"}')
    bad = write(tmp_path / "bad.txt", bad_text, sidecar=sidecar)
    return ingest([good, bad], GraphStore(), **overrides)


@pytest.mark.parametrize(
    "sidecar, words",
    [
        ('{"url": ["https://example.org/a", "https://example.org/b"]}', '"url" is a JSON list'),
        ('{"url": 42}', '"url" is a JSON number'),
        ('{"url": {"href": "https://example.org/a"}}', '"url" is a JSON object'),
        ('{"source": {"name": "Reuters"}}', '"source" is a JSON object'),
        ('{"published": 20240128}', '"published" is a JSON number'),
        ('{"title": true}', '"title" is a JSON boolean'),
        ('{"title": "Talks \\ud800 resume"}', "lone surrogate"),
        ('{"source": "Reu\\udfffters"}', "lone surrogate"),
        ('{"a": ' * 100_000 + "1" + "}" * 100_000, "nested too deeply"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
)
def test_a_bad_sidecar_fails_its_article_alone_with_a_clear_message(tmp_path, sidecar, words):
    report = ingest_one_bad(tmp_path, sidecar=sidecar)
    assert len(report.ingested) == 1 and len(report.failed) == 1
    error = report.failed[0]
    assert error.subject.endswith("bad.json") and words in str(error), str(error)


def test_a_flag_holding_half_a_character_is_refused(tmp_path):
    from kg.errors import InputError
    from kg.read.articles import read_article

    path = write(tmp_path / "a.txt", STORY)
    with pytest.raises(InputError, match="--title: .*lone surrogate"):
        read_article(path, title="Talks \udcff resume")


@pytest.mark.parametrize(
    "limit, text, words",
    [
        ("MAX_FILE_BYTES", STORY * 40, "MB an article may be"),
        ("MAX_TEXT_CHARS", STORY * 40, "characters, more than the"),
        (None, "Head\n" + "word, " * 2_000 + "end.\n", "without a sentence end"),
    ],
)
def test_an_article_over_a_size_limit_fails_alone_and_says_which_limit(
    tmp_path, monkeypatch, limit, text, words
):
    import kg.read.articles as articles

    if limit:
        monkeypatch.setattr(articles, limit, 1_000)
    report = ingest_one_bad(tmp_path, text, published="2024-01-28")
    assert len(report.ingested) == 1 and [e.subject.endswith("bad.txt") for e in report.failed] == [
        True
    ]
    assert words in str(report.failed[0])


def test_html_articles_need_lxml_html_clean_which_is_a_dependency():
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert any(d.replace("-", "_").startswith("lxml_html_clean") for d in dependencies)


def test_without_an_html_reader_only_the_html_articles_fail(tmp_path, monkeypatch):
    # an import of it fails, as with lxml_html_clean missing
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    page = "<html><body><article><p>" + OTHER * 3 + "</p></article></body></html>"
    from kg.ingestion import ingest
    from kg.store import GraphStore

    good = write(tmp_path / "good.txt", STORY)
    bad = write(tmp_path / "bad.html", page)
    report = ingest([good, bad], GraphStore(), published="2024-01-28")
    assert len(report.ingested) == 1 and "HTML articles cannot be read here" in str(
        report.failed[0]
    )


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.dates(), st.integers(0, 400)), min_size=1, max_size=6))
def test_the_timeline_page_takes_any_dates_the_calendar_has(spans):
    from kg.views.timeline_page import event_items, robust_window

    rows = [
        {
            "earliest": start,
            "latest": min(
                date.max, date.fromordinal(min(start.toordinal() + width, date.max.toordinal()))
            ),
            "type": "Meeting",
            "participants": "Qatar",
        }
        for start, width in spans
    ]
    items = event_items(rows)
    assert len(items) == len(rows)
    window = robust_window(items)
    assert window["start"] <= window["end"]


def test_publication_dates_at_the_ends_of_the_calendar_break_no_later_export(tmp_path):
    from kg.ingestion import ingest
    from kg.store import GraphStore
    from kg.views.export import write_exports

    store = GraphStore()
    for n, day in enumerate(("0001-01-01", "9999-12-31")):
        write(
            tmp_path / f"edge{n}.txt",
            f"Edge {n}\nThe envoys of Qatar and Egypt met in Doha on Monday and will "
            "meet again next week, Qatar said.\n",
            sidecar=f'{{"published": "{day}"}}',
        )
    assert len(ingest([tmp_path], store).ingested) == 2
    written = write_exports(store, tmp_path / "exports")
    assert all(p.exists() for p in written)
    assert "9999-12-" in (tmp_path / "exports" / "timeline.csv").read_text()


def test_a_build_leaves_out_the_article_whose_graph_fails_the_shapes_and_builds_the_rest(
    tmp_path, monkeypatch
):
    from rdflib import RDFS, Literal

    import kg.ingestion as ingestion
    from kg.building import build

    real = ingestion.article_graph

    def two_labels(facts):  # one actor named two ways inside one article, as a rule's bug would
        graph = real(facts)
        if "stalled" in facts.article.body:
            label = next(a.label for a in facts.actors)
            node = graph.value(predicate=RDFS.label, object=Literal(label))
            graph.add((node, RDFS.label, Literal(label + " (again)")))
        return graph

    monkeypatch.setattr(ingestion, "article_graph", two_labels)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    write(seeds / "good.txt", STORY, sidecar='{"published": "2024-01-28"}')
    write(seeds / "bad.txt", OTHER, sidecar='{"published": "2024-01-29"}')
    result = build(seeds, tmp_path / "store", tmp_path / "exports")
    assert result.counts["articles"] == 1
    assert len(result.report.failed) == 1 and "left out of the build" in str(
        result.report.failed[0]
    )
    assert "bad" in str(result.report.failed[0]) and "Talks stall" in str(result.report.failed[0])
    assert (tmp_path / "exports" / "graph.trig").exists()


@pytest.mark.parametrize(
    "args",
    [
        ("query", "actors", "--timeout", "1e308"),
        ("serve", "--port", "65536"),
        ("serve", "--port", "99999999999999999999"),
    ],
)
def test_flag_values_past_what_the_system_can_count_are_refused_in_one_line(args):
    from conftest import kg_main

    result = kg_main(*args)
    assert (
        result.returncode == 2
        and "error: argument" in result.stderr
        and "Traceback" not in result.stderr
    )


def test_a_graph_the_store_refuses_keeps_no_other_article_of_its_batch_out(tmp_path, monkeypatch):
    """A batch's graphs go into the store in one transaction; one the store refuses is then
    named in the report, and the others of its batch go in all the same."""
    from kg import ingestion
    from kg.store import GraphStore

    real = ingestion.graphs_of

    def one_broken(facts):
        return [
            replace(p, ntriples=p.ntriples + "<broken\n") if "stall" in p.ntriples else p
            for p in real(facts)
        ]

    monkeypatch.setattr(ingestion, "graphs_of", one_broken)
    third = "Truce holds\nJordan said on Friday that the truce in the north had held overnight.\n"
    day = '{"published": "2024-01-28"}'
    paths = [
        write(tmp_path / name, text, sidecar=day)
        for name, text in (("a.txt", STORY), ("b.txt", OTHER), ("c.txt", third))
    ]
    store = GraphStore()
    report = ingestion.ingest(paths, store, batch_size=3)
    assert len(report.ingested) == 2 and len(store.articles()) == 2
    assert [e.problem.split(" (")[0] for e in report.failed] == [
        "the article's graph is not valid RDF"
    ]
    assert (
        "stall"
        not in " ".join(
            r["h"] for r in store.select("SELECT ?h WHERE { ?a schema:headline ?h }")
        ).lower()
    )
