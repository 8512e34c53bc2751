"""Across articles: one IRI per person whatever name an article uses, and the same event linked."""
from kg.ingest import ingest
from kg.store import GraphStore
from conftest import write

FULL = "Talks resume\nIsraeli Prime Minister Benjamin Netanyahu met Qatari officials in Doha on Monday.\n"
SHORT = "Netanyahu rejects plan\nNetanyahu rejected the Hamas plan on Tuesday, officials said.\n"


def persons(store: GraphStore) -> set[str]:
    return {r["l"] for r in store.select("SELECT DISTINCT ?l WHERE { ?p a nkg:Person ; rdfs:label ?l }")}


def test_a_surname_only_article_joins_the_full_name_in_the_same_batch(tmp_path):
    write(tmp_path / "a.txt", FULL)
    write(tmp_path / "b.txt", SHORT)
    store = GraphStore()
    assert ingest([tmp_path], store, published="2024-01-28").ok
    assert persons(store) == {"Benjamin Netanyahu"}
    holders = store.select("SELECT ?l WHERE { ?x nkg:heldBy/rdfs:label ?l }")
    assert {r["l"] for r in holders} == {"Benjamin Netanyahu"}


def test_a_later_article_takes_the_full_name_from_the_store(tmp_path):
    write(tmp_path / "a.txt", FULL)
    write(tmp_path / "b.txt", SHORT)
    store = GraphStore()
    assert ingest([tmp_path / "a.txt"], store, published="2024-01-28").ok
    assert ingest([tmp_path / "b.txt"], store, published="2024-01-28").ok
    assert persons(store) == {"Benjamin Netanyahu"}
    aliases = store.select("SELECT ?a WHERE { ?p rdfs:label 'Benjamin Netanyahu' ; skos:altLabel ?a }")
    assert "Netanyahu" in {r["a"] for r in aliases}


def test_an_ambiguous_surname_is_left_alone(tmp_path):
    write(tmp_path / "a.txt", "T\nAnna Smith met John Smith in Oslo on Monday.\n")
    write(tmp_path / "b.txt", "T\nSmith said the talks failed.\n")
    store = GraphStore()
    assert ingest([tmp_path], store, published="2024-01-28").ok
    speakers = store.select("SELECT ?l WHERE { ?e a nkg:Statement ; nkg:participant/rdfs:label ?l }")
    assert {r["l"] for r in speakers} == {"Smith"}  # which Smith is not said: not guessed
