"""Across articles: one IRI per person whatever name an article uses, and the same event linked."""
from kg.ingestion import ingest
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


# ---------------------------------------------------------------- the same occurrence: labelled decisions

from datetime import date  # noqa: E402

import pytest  # noqa: E402

from kg.link.events import same_occurrence  # noqa: E402


def ev(kind, start, end, *people, status="Occurred"):
    return {"type": f"nkg#{kind}", "status": status, "start": date.fromisoformat(start), "end": date.fromisoformat(end),
            "people": frozenset(people)}


@pytest.mark.parametrize("a, b, same", [
    (ev("Meeting", "2024-01-22", "2024-01-22", "burns", "barnea"), ev("Meeting", "2024-01-22", "2024-01-22", "burns"), True),
    (ev("Meeting", "2024-01-21", "2024-01-22", "burns", "barnea"), ev("Meeting", "2024-01-22", "2024-01-23", "barnea", "kamel"), True),
    (ev("Statement", "2024-01-22", "2024-01-22", "netanyahu"), ev("Statement", "2024-01-22", "2024-01-22", "netanyahu"), True),
    (ev("Statement", "2024-04-30", "2024-04-30", "netanyahu"), ev("Statement", "2024-05-02", "2024-05-02", "netanyahu"), False),
    (ev("Statement", "2024-01-22", "2024-01-22", "netanyahu", "gallant"), ev("Statement", "2024-01-22", "2024-01-22", "netanyahu"), False),
    (ev("Meeting", "2024-01-22", "2024-01-22", "burns"), ev("Agreement", "2024-01-22", "2024-01-22", "burns"), False),
    (ev("Meeting", "2024-01-22", "2024-01-22", "burns"), ev("Meeting", "2024-01-22", "2024-01-22", "burns", status="Planned"), False),
    (ev("Meeting", "2024-01-01", "2024-01-31", "burns"), ev("Meeting", "2024-01-22", "2024-01-22", "burns"), False),  # vague
    (ev("Meeting", "2024-01-01", "2024-01-31", "burns"), ev("Meeting", "2024-01-01", "2024-01-31", "burns"), True),   # same words
    (ev("Meeting", "2024-01-22", "2024-01-22", "a", "b", "c", "d"), ev("Meeting", "2024-01-22", "2024-01-22", "a", "e", "f", "g"), False),
])
def test_labelled_link_decisions(a, b, same):
    assert same_occurrence(a, b) is same and same_occurrence(b, a) is same


def test_identity_is_never_chained(tmp_path):
    # three reports of one speaker's meetings a day apart: each overlaps the next, the first and last do not
    for n, day in enumerate(("2024-01-20", "2024-01-21", "2024-01-22")):
        write(tmp_path / f"{n}.txt", f"T{n}\nQatari envoys met Hamas leaders in Doha on Monday.\n",
              sidecar=f'{{"published": "{day}"}}')
    store = GraphStore()
    assert ingest([tmp_path], store).ok
    pairs = store.select("SELECT ?a ?b WHERE { ?a owl:sameAs ?b ; a nkg:Event }")
    edges = {frozenset((r["a"], r["b"])) for r in pairs}
    nodes = {x for e in edges for x in e}
    # every linked group is a clique: no two members are joined only through a third
    for x in nodes:
        group = {y for e in edges if x in e for y in e}
        assert all(frozenset((p, q)) in edges for p in group for q in group if p != q)


def test_spelling_variants_and_honorifics_are_one_actor_with_the_merge_written_down(tmp_path):
    write(tmp_path / "a.txt", "T\nSecretary of State Antony Blinken met Qatari officials in Doha on Monday.\n")
    write(tmp_path / "b.txt", "T\nAntony Blinken said on Tuesday the talks were useful.\n")
    write(tmp_path / "c.txt", "T\nAnthony Blinken said on Wednesday that gaps remain.\n")
    write(tmp_path / "d.txt", "T\nMr. Antony Blinken flew to Cairo on Thursday.\n")
    store = GraphStore()
    assert ingest([tmp_path], store, published="2024-01-28").ok
    assert {p for p in persons(store) if "Blinken" in p} == {"Antony Blinken"}
    notes = {r["n"] for r in store.select("SELECT ?n WHERE { ?p nkg:resolvedFrom ?n }")}
    assert any(n.startswith("Anthony Blinken: a spelling variant") for n in notes)


def test_generic_groups_of_unrelated_articles_stay_apart(tmp_path):
    write(tmp_path / "a.txt", "T\nFamilies protested in Tel Aviv on Monday.\n")
    write(tmp_path / "b.txt", "T\nFamilies protested in Kyiv on Tuesday.\n")
    store = GraphStore()
    assert ingest([tmp_path], store, published="2024-01-28").ok
    groups = store.select("SELECT DISTINCT ?g WHERE { ?g a nkg:Group ; rdfs:label ?l FILTER(LCASE(?l) = 'families') }")
    assert len(groups) == 2
