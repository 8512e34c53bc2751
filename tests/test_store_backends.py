"""The storage protocol: the same queries, views and CLI on Oxigraph on disk and on a SPARQL server over HTTP."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import SEED, kg_main
from rdflib import Dataset, Literal, URIRef

from kg import plugins
from kg.serve import free_port
from kg.store import GraphStore
from kg.store.backend import backend_class
from kg.store.sparql_http import TOKENS, SparqlHttpBackend, substituted

OXIGRAPH = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which(
    "oxigraph"
)


@pytest.fixture()
def sparql_server(tmp_path):
    """``oxigraph serve`` on a free port, read-write, its default graph the union of the named graphs."""
    if OXIGRAPH is None:
        pytest.skip("the oxigraph server (pip package oxigraph) is not installed")
    port = free_port()
    server = subprocess.Popen(
        [
            OXIGRAPH,
            "serve",
            "--location",
            str(tmp_path / "served"),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/query"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(10)


def test_each_location_opens_in_its_backend():
    assert set(plugins.names("backend")) >= {"oxigraph", "sparql-http"}
    assert backend_class("http://example.org/sparql") is SparqlHttpBackend
    assert backend_class("store").__name__ == "OxigraphBackend"
    assert backend_class(None).__name__ == "OxigraphBackend"


def test_a_bound_value_is_a_value_and_never_query_text():
    hostile = Literal('x" } } ; DROP ALL ; #')
    text = substituted(
        "SELECT ?n ?actor WHERE { ?x rdfs:label ?n FILTER(?n = ?actor) }", {"actor": hostile}
    )
    words = [m.group() for m in TOKENS.finditer(text) if m.lastgroup == "word"]
    strings = [m.group() for m in TOKENS.finditer(text) if m.lastgroup == "string"]
    assert "DROP" not in words and len(strings) == 2 and all("DROP ALL" in s for s in strings)
    # a variable that is bound elsewhere in the query text is left alone: ?actorName is not ?actor
    assert "?actorName" in substituted(
        "SELECT ?actorName WHERE { ?a ?b ?actorName }", {"actor": hostile}
    )


def test_a_variable_bound_by_the_query_keeps_its_name():
    text = substituted(
        "SELECT (COUNT(?e) AS ?n) WHERE { ?e ?p ?n2 } ORDER BY ?n", {"n": Literal(1)}
    )
    assert "AS ?n)" in text and text.endswith(
        'ORDER BY ("1"^^<http://www.w3.org/2001/XMLSchema#integer>)'
    )


def test_no_server_is_one_clear_message(tmp_path):
    url = f"http://127.0.0.1:{free_port()}/query"
    result = kg_main("query", "meetings", "--store", url)
    assert result.returncode != 0
    assert "no SPARQL server answers here" in result.stderr and "Traceback" not in result.stderr


def test_ingest_and_queries_give_the_same_answers_over_http(sparql_server, seed_store_path):
    ingested = kg_main("ingest", SEED, "--store", sparql_server, "-q")
    assert ingested.returncode == 0, ingested.stderr
    for args in (
        ("meetings",),
        ("timeline", "--from", "2024-01-20", "--to", "2024-01-26"),
        ("about-actor", "--actor", "Hamas"),
        ("proposals",),
    ):
        native = kg_main("query", *args, "--store", seed_store_path)
        served = kg_main("query", *args, "--store", sparql_server)
        assert served.returncode == 0, served.stderr
        assert sorted(served.stdout.splitlines()) == sorted(native.stdout.splitlines()), args
    with (
        GraphStore(sparql_server, read_only=True) as remote,
        GraphStore(seed_store_path, read_only=True) as local,
    ):
        assert remote.summary() == local.summary()
        article = local.articles()[0]
        assert remote.digests_of([article]) == local.digests_of([article])


def test_a_rerun_over_http_skips_the_unchanged_article_and_exports_work(sparql_server, tmp_path):
    assert kg_main("ingest", SEED, "--store", sparql_server, "-q").returncode == 0
    again = kg_main("ingest", SEED, "--store", sparql_server)
    assert again.returncode == 0 and "1 unchanged" in again.stderr + again.stdout
    with GraphStore(sparql_server) as store:
        out = store.dump(tmp_path / "all.trig")
        quads = Dataset().parse(out, format="trig")
        assert len(store.articles()) == 1
        assert len(quads) == store.triple_count() > 500
        assert URIRef(store.articles()[0]) in {g.identifier for g in quads.graphs()}


def test_build_refuses_a_server_and_says_what_to_run(project):
    result = kg_main("build", "--store", "http://127.0.0.1:9/query", cwd=project)
    assert result.returncode == 2 and "kg ingest seeds --store URL" in result.stderr


# two days of one negotiation, ingested one after the other (the path docs/scale.md gives)
PARTITIONS = {
    "day1": {
        "a": "Norwegian envoys met Sudanese army leaders in Jeddah on Monday.",
        "b": "Sudanese army leaders met Norwegian envoys in Jeddah on Monday, officials said.",
    },
    "day2": {
        "c": "The Sudanese army said on Tuesday that it would open two aid corridors "
        "within 10 days.",
        "d": "Two aid corridors will open within 10 days, the Sudanese army said on Tuesday.",
        "e": "Norwegian envoys met Sudanese army leaders in Jeddah on Monday.",
    },
}
LINKED = (
    "SELECT ?a ?b WHERE { GRAPH <https://w3id.org/negotiation-kg/id/graph/same-events> "
    "{ ?a owl:sameAs ?b } }"
)


def linked_pairs(store: GraphStore) -> set[frozenset[str]]:
    return {
        frozenset(r[k].split("/article/")[1][0] for k in ("a", "b")) for r in store.select(LINKED)
    }


def test_a_corpus_ingested_day_by_day_into_a_sparql_server_links_as_a_local_store(
    sparql_server, tmp_path
):
    from kg.ingestion import ingest

    for day, (folder, texts) in zip(("2024-05-06", "2024-05-07"), PARTITIONS.items()):
        for name, text in texts.items():
            (tmp_path / folder).mkdir(exist_ok=True)
            article = tmp_path / folder / f"{name}.txt"
            article.write_text(f"Talks in Jeddah\n{text}\n", encoding="utf-8")
            article.with_suffix(".json").write_text(f'{{"published": "{day}"}}', encoding="utf-8")
    with GraphStore(sparql_server) as remote, GraphStore() as local:
        for folder in PARTITIONS:
            for store in (remote, local):
                assert ingest([tmp_path / folder], store).ok
        # the second day's report of the first day's meeting joins its two reports across ingests
        assert linked_pairs(remote) == {frozenset(p) for p in ("ab", "cd", "ae", "be")}
        assert linked_pairs(remote) == linked_pairs(local)
        assert remote.summary() == local.summary()
