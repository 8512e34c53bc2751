"""Property: whatever text and date an article has, extraction yields a graph that parses and conforms to the
shapes, or names the article and the reason — never a traceback, never a half-written graph."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SENTENCES = [
    "Qatar said on Monday that envoys met in Doha.",
    "Hamas rejected the 60-day truce plan.",
    "Israel will free 100 prisoners for every hostage, officials said.",
    "The talks will resume next week.",
]

paragraph = st.one_of(
    st.text(max_size=300),  # any Unicode, controls included
    st.sampled_from(SENTENCES),
    st.builds(
        lambda s, n: s * n, st.sampled_from(SENTENCES), st.integers(50, 400)
    ),  # huge paragraphs
    st.just(""),
    st.just("\x0c\x1b\x00\x7f"),
    st.just("   \t  "),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    headline=st.text(max_size=80),
    paragraphs=st.lists(paragraph, max_size=6),
    published=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
)
def test_any_article_gives_a_conforming_graph_or_a_named_reason(headline, paragraphs, published):
    from rdflib import Dataset

    from kg.errors import KGError
    from kg.ingestion import ingest
    from kg.store import GraphStore
    from kg.validate import validate_graph

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "article.txt"
        path.write_text(
            "\n".join([headline, *paragraphs]), encoding="utf-8", errors="surrogatepass"
        )
        store = GraphStore()
        report = ingest([path], store, published=published.isoformat())
        if report.failed:
            assert len(report.failed) == 1 and isinstance(report.failed[0], KGError)
            assert str(report.failed[0]).startswith(str(path)) and report.failed[0].problem
            assert store.articles() == []  # nothing half-written
            return
        out = store.dump(Path(d) / "out.trig")
        data = Dataset()
        data.parse(out, format="trig")
        union = data.graph()
        for s, p, o, _ in data.quads((None, None, None, None)):
            union.add((s, p, o))
        result = validate_graph(union)
        assert result.conforms, result.text()
