"""The store: named graphs per article, replacement in one transaction, queries, dumps."""

import pytest
from rdflib import Graph, Literal, URIRef

from kg.errors import QueryError, StoreError
from kg.store import GraphStore

ID = "https://w3id.org/negotiation-kg/id/"


def article_graph(name: str, *labels: str) -> Graph:
    g = Graph(identifier=URIRef(ID + "article/" + name))
    for label in labels:
        g.add(
            (
                URIRef(ID + "person/" + label.lower()),
                URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
                Literal(label),
            )
        )
    return g


def test_each_article_is_a_named_graph_and_replacing_it_keeps_others(tmp_path):
    with GraphStore(tmp_path / "s") as store:
        store.replace_article(article_graph("a", "Alpha", "Beta"))
        store.replace_article(article_graph("b", "Gamma"))
        store.replace_article(article_graph("a", "Alpha"))  # a new version of article a
        assert store.articles() == [ID + "article/a", ID + "article/b"]
        rows = store.select("SELECT ?l WHERE { ?s rdfs:label ?l } ORDER BY ?l")
        assert [r["l"] for r in rows] == ["Alpha", "Gamma"]


def test_a_failed_replacement_leaves_the_old_graph(tmp_path):
    with GraphStore(tmp_path / "s") as store:
        store.replace_article(article_graph("a", "Alpha"))
        broken = article_graph("a")
        broken.add(
            (URIRef("http://example.org/has space"), URIRef("http://example.org/p"), Literal("x"))
        )
        with pytest.raises(StoreError):
            store.replace_article(broken)
        assert [r["l"] for r in store.select("SELECT ?l WHERE { ?s rdfs:label ?l }")] == ["Alpha"]


LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"


@pytest.mark.parametrize("stored", [True, False], ids=["replacing a stored one", "all new"])
def test_a_batch_the_store_refuses_changes_nothing_until_each_graph_goes_in_alone(tmp_path, stored):
    """A batch is one transaction: with one graph refused, no other graph of it was half
    written by the attempt (the old version of a stored article is what a reader sees until the
    batch is retried graph by graph)."""
    a, b, c = (ID + "article/" + n for n in "abc")
    with GraphStore(tmp_path / "s") as store:
        if stored:
            store.replace_article(article_graph("a", "Alpha"))
        batch = {a: f'<{ID}person/x> {LABEL} "Alpha two" .', b: "<bad", c: f'<{c}> {LABEL} "One" .'}
        with pytest.raises(StoreError):
            store.backend.replace_graphs(batch)
        labels = store.select("SELECT ?l WHERE { ?s rdfs:label ?l }")
        assert [r["l"] for r in labels] == (["Alpha"] if stored else [])
        assert list(store.replace_articles_ntriples(batch)) == [b]
        labels = store.select("SELECT ?l WHERE { ?s rdfs:label ?l } ORDER BY STR(?l)")
        assert [str(r["l"]) for r in labels] == ["Alpha two", "One"]


def test_a_batch_of_new_graphs_refused_near_its_end_leaves_nothing_of_it(tmp_path):
    """A batch of new graphs goes in as one transaction: one refused near the end of a long batch
    keeps out the thousands of quads before it, until the batch is retried graph by graph."""
    names = [ID + f"article/n{k}" for k in range(200)]
    batch = {
        name: "".join(f'<{ID}person/p{i}> {LABEL} "{k} {i}" .\n' for i in range(100))
        for k, name in enumerate(names)
    }
    batch[names[-2]] += "<bad"
    with GraphStore(tmp_path / "s") as store:
        with pytest.raises(StoreError, match="not valid RDF"):
            store.backend.replace_graphs(batch)
        assert store.triple_count() == 0 and store.articles() == []
        assert list(store.replace_articles_ntriples(batch)) == [names[-2]]
        assert store.triple_count() == 199 * 100


def test_a_read_only_open_that_meets_a_file_just_deleted_is_tried_again(tmp_path, monkeypatch):
    """A reader opened during an ingest can meet a file the writer has just merged away; the
    open is tried again with the store's files as they are then. Any other error is reported at
    once, as a store error (one line, no traceback)."""
    import pyoxigraph as ox

    with GraphStore(tmp_path / "s") as store:
        store.replace_article(article_graph("a", "Alpha"))
    opened = ox.Store.read_only
    failures = ["Corruption: IO error: No such file or directory: 000012.sst"] * 2

    def flaky(path):
        if failures:
            raise OSError(failures.pop())
        return opened(path)

    monkeypatch.setattr(ox.Store, "read_only", staticmethod(flaky))
    with GraphStore(tmp_path / "s", read_only=True) as reader:
        assert reader.articles() == [ID + "article/a"]
    assert failures == []

    def broken(path):
        failures.append(path)
        raise OSError("Corruption: bad block checksum")

    monkeypatch.setattr(ox.Store, "read_only", staticmethod(broken))
    with pytest.raises(StoreError, match="cannot open the store"):
        GraphStore(tmp_path / "s", read_only=True)
    assert len(failures) == 1


def test_the_store_persists_on_disk(tmp_path):
    with GraphStore(tmp_path / "s") as store:
        store.replace_article(article_graph("a", "Alpha"))
    with GraphStore(tmp_path / "s", read_only=True) as again:
        assert again.triple_count() == 1


KILLED_BETWEEN_FLUSHES = """
import os, signal, sys
from kg.store import GraphStore

store = GraphStore(sys.argv[1])
for n in range(3):  # three batches of two new articles, each committed, none flushed
    batch = {}
    for name in (f"a{n}", f"b{n}"):
        label = f'<{ID}person/p{n}> <http://www.w3.org/2000/01/rdf-schema#label> "{name}" .'
        batch["{ID}article/" + name] = label
    assert store.replace_articles_ntriples(batch) == {}
    store.update(f'INSERT DATA {{ GRAPH <{ID}article/a{n}> {{ <{ID}article/a{n}> '
                 f'nkg:contentDigest "d{n}" }} }}')
os.kill(os.getpid(), signal.SIGKILL)  # no close, no flush: the store's memory tables are lost
"""


def test_a_writer_killed_between_flushes_keeps_everything_it_committed(tmp_path):
    """A writer killed before it flushed the store to disk loses nothing it committed (the store's
    write-ahead log holds it), and
    readers see it before any writer opens the store again."""
    import subprocess
    import sys

    code = KILLED_BETWEEN_FLUSHES.replace("{ID}", ID)
    run = subprocess.run([sys.executable, "-c", code, str(tmp_path / "s")], capture_output=True)
    assert run.returncode == -9, run.stderr.decode()
    expected = sorted(f"{x}{n}" for x in "ab" for n in range(3))
    for read_only in (True, False):
        with GraphStore(tmp_path / "s", read_only=read_only) as store:
            assert store.articles() == [ID + "article/" + name for name in expected]
            labels = store.select("SELECT ?l WHERE { ?s rdfs:label ?l } ORDER BY ?l")
            assert [r["l"] for r in labels] == expected
            digests = store.select("SELECT ?d WHERE { ?a nkg:contentDigest ?d } ORDER BY ?d")
            assert [r["d"] for r in digests] == ["d0", "d1", "d2"]


def test_a_malformed_query_names_the_problem():
    with pytest.raises(QueryError, match="malformed SPARQL"):
        GraphStore().query("SELEC ?x WHERE { ?x ?y ?z }")


def test_a_missing_store_is_not_created_by_readers(tmp_path):
    with pytest.raises(StoreError, match="no store here"):
        GraphStore(tmp_path / "nothing", read_only=True)
    assert not (tmp_path / "nothing").exists()


def test_dump_writes_atomically_and_refuses_unknown_formats(tmp_path):
    store = GraphStore()
    store.replace_article(article_graph("a", "Alpha"))
    out = store.dump(tmp_path / "g.ttl")
    assert "Alpha" in out.read_text()
    with pytest.raises(StoreError, match="unknown RDF format"):
        store.dump(tmp_path / "g.rdfx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.ttl"]
