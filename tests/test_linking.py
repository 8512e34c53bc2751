"""Across articles: one IRI per person whatever name an article uses, and the same event linked."""

import pytest
from conftest import write
from rdflib import Literal

from kg.ingestion import ingest
from kg.store import GraphStore

FULL = "Talks resume\nIsraeli Prime Minister Benjamin Netanyahu met Qatari officials in Doha on Monday.\n"
SHORT = "Netanyahu rejects plan\nNetanyahu rejected the Hamas plan on Tuesday, officials said.\n"


def persons(store: GraphStore) -> set[str]:
    return {
        r["l"] for r in store.select("SELECT DISTINCT ?l WHERE { ?p a nkg:Person ; rdfs:label ?l }")
    }


# one batch, or one batch per article: the same actors
@pytest.mark.parametrize("batch_size", [64, 1])
def test_a_surname_only_article_joins_the_full_name_in_the_same_ingest(tmp_path, batch_size):
    write(tmp_path / "a.txt", FULL)
    write(tmp_path / "b.txt", SHORT)
    store = GraphStore()
    assert ingest([tmp_path], store, published="2024-01-28", batch_size=batch_size).ok
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
    aliases = store.select(
        "SELECT ?a WHERE { ?p rdfs:label 'Benjamin Netanyahu' ; skos:altLabel ?a }"
    )
    assert "Netanyahu" in {r["a"] for r in aliases}


def test_an_ambiguous_surname_is_left_alone(tmp_path):
    write(tmp_path / "a.txt", "T\nAnna Smith met John Smith in Oslo on Monday.\n")
    write(tmp_path / "b.txt", "T\nSmith said the talks failed.\n")
    store = GraphStore()
    assert ingest([tmp_path], store, published="2024-01-28").ok
    speakers = store.select(
        "SELECT ?l WHERE { ?e a nkg:Statement ; nkg:participant/rdfs:label ?l }"
    )
    assert {r["l"] for r in speakers} == {"Smith"}  # which Smith is not said: not guessed


# ---------------------------------------------------------------- the same occurrence: labelled decisions

from datetime import date  # noqa: E402

from kg.link.events import content_words, same_occurrence  # noqa: E402

SAID = "the minister said the grain tariff would be halved next month"


def ev(kind, start, end, *people, status="Occurred", text=SAID):
    return {
        "type": f"nkg#{kind}",
        "status": status,
        "start": date.fromisoformat(start),
        "end": date.fromisoformat(end),
        "people": frozenset(people),
        "words": content_words(text, frozenset(people)),
    }


@pytest.mark.parametrize(
    "a, b, same",
    [
        (
            ev("Meeting", "2024-01-22", "2024-01-22", "burns", "barnea"),
            ev("Meeting", "2024-01-22", "2024-01-22", "burns"),
            True,
        ),
        (
            ev("Meeting", "2024-01-21", "2024-01-22", "burns", "barnea", "kamel"),
            ev("Meeting", "2024-01-22", "2024-01-23", "barnea", "kamel"),
            True,
        ),
        # shuttle diplomacy: one envoy, two meetings on one day
        (
            ev("Meeting", "2024-01-22", "2024-01-22", "burns", "barnea"),
            ev("Meeting", "2024-01-22", "2024-01-22", "burns", "kamel"),
            False,
        ),
        (
            ev("Statement", "2024-01-22", "2024-01-22", "netanyahu"),
            ev("Statement", "2024-01-22", "2024-01-22", "netanyahu"),
            True,
        ),
        (
            ev("Statement", "2024-04-30", "2024-04-30", "netanyahu"),
            ev("Statement", "2024-05-02", "2024-05-02", "netanyahu"),
            False,
        ),
        (
            ev("Statement", "2024-01-22", "2024-01-22", "netanyahu", "gallant"),
            ev("Statement", "2024-01-22", "2024-01-22", "netanyahu"),
            False,
        ),
        (
            ev("Meeting", "2024-01-22", "2024-01-22", "burns"),
            ev("Agreement", "2024-01-22", "2024-01-22", "burns"),
            False,
        ),
        (
            ev("Meeting", "2024-01-22", "2024-01-22", "burns"),
            ev("Meeting", "2024-01-22", "2024-01-22", "burns", status="Planned"),
            False,
        ),
        # vague
        (
            ev("Meeting", "2024-01-01", "2024-01-31", "burns"),
            ev("Meeting", "2024-01-22", "2024-01-22", "burns"),
            False,
        ),
        # vague
        (
            ev("Meeting", "2024-01-01", "2024-01-31", "burns"),
            ev("Meeting", "2024-01-01", "2024-01-31", "burns"),
            False,
        ),
        # one speaker, one day, two things said: two statements
        (
            ev("Statement", "2024-01-22", "2024-01-22", "bank"),
            ev(
                "Statement",
                "2024-01-22",
                "2024-01-22",
                "bank",
                text="the bank said it expected a shortage in the money market",
            ),
            False,
        ),
        # the same words reworded by another outlet: one statement
        (
            ev("Statement", "2024-01-22", "2024-01-22", "bank"),
            ev(
                "Statement",
                "2024-01-22",
                "2024-01-23",
                "bank",
                text="next month the grain tariff will be halved, the minister told reporters",
            ),
            True,
        ),
        # the same words with other figures: two statements (a forecast, then its revision)
        (
            ev(
                "Statement",
                "2024-01-22",
                "2024-01-22",
                "bank",
                text="the bank forecast a shortage of 800 mln in the market",
            ),
            ev(
                "Statement",
                "2024-01-22",
                "2024-01-22",
                "bank",
                text="the bank revised its forecast of the shortage in the market to 450 mln",
            ),
            False,
        ),
        (
            ev("Meeting", "2024-01-22", "2024-01-22", "a", "b", "c", "d"),
            ev("Meeting", "2024-01-22", "2024-01-22", "a", "e", "f", "g"),
            False,
        ),
        # one party, one day, two deals: a single participant is no identity without the same words
        (
            ev(
                "Agreement",
                "2024-01-22",
                "2024-01-22",
                "chile",
                text="Chile agreed to sell 200,000 tonnes of copper to a Korean smelter",
            ),
            ev(
                "Agreement",
                "2024-01-22",
                "2024-01-22",
                "chile",
                text="Chile agreed to lend Peru three mln dlrs for its flood relief",
            ),
            False,
        ),
        (
            ev(
                "Agreement",
                "2024-01-22",
                "2024-01-22",
                "chile",
                text="Chile agreed to lend Peru three mln dlrs for its flood relief",
            ),
            ev(
                "Agreement",
                "2024-01-22",
                "2024-01-23",
                "chile",
                text="Peru will borrow three mln dlrs from Chile for flood relief",
            ),
            True,
        ),
    ],
)
def test_labelled_link_decisions(a, b, same):
    assert same_occurrence(a, b) is same and same_occurrence(b, a) is same


def test_identity_is_never_chained(tmp_path):
    # three reports of one speaker's meetings a day apart: each overlaps the next, the first and last do not
    for n, (day, who) in enumerate(
        (("2024-01-20", "Qatar"), ("2024-01-21", "Egypt"), ("2024-01-22", "Hamas"))
    ):
        write(
            tmp_path / f"{n}.txt",
            f"T{n}\nQatari envoys met Hamas leaders in Doha on Monday, {who} said.\n",
            sidecar=f'{{"published": "{day}"}}',
        )
    store = GraphStore()
    assert ingest([tmp_path], store).ok
    pairs = store.select("SELECT ?a ?b WHERE { ?a owl:sameAs ?b ; a nkg:Event }")
    edges = {frozenset((r["a"], r["b"])) for r in pairs}
    nodes = {x for e in edges for x in e}
    # every linked group is a clique: no two members are joined only through a third
    for x in nodes:
        group = {y for e in edges if x in e for y in e}
        assert all(frozenset((p, q)) in edges for p in group for q in group if p != q)


@pytest.mark.parametrize("batch_size", [64, 1])
def test_spelling_variants_and_honorifics_are_one_actor_with_the_merge_written_down(
    tmp_path, batch_size
):
    write(
        tmp_path / "a.txt",
        "T\nSecretary of State Antony Blinken met Qatari officials in Doha on Monday.\n",
    )
    write(tmp_path / "b.txt", "T\nAntony Blinken said on Tuesday the talks were useful.\n")
    write(tmp_path / "c.txt", "T\nAnthony Blinken said on Wednesday that gaps remain.\n")
    write(tmp_path / "d.txt", "T\nMr. Antony Blinken flew to Cairo on Thursday.\n")
    store = GraphStore()
    assert ingest([tmp_path], store, published="2024-01-28", batch_size=batch_size).ok
    assert {p for p in persons(store) if "Blinken" in p} == {"Antony Blinken"}
    notes = {r["n"] for r in store.select("SELECT ?n WHERE { ?p nkg:resolvedFrom ?n }")}
    assert any(n.startswith("Anthony Blinken: a spelling variant") for n in notes)


def groups_named(store: GraphStore, name: str) -> list[dict]:
    """The groups (IRI ``x``, label ``l``) whose label is ``name`` in any case."""
    return store.select(
        "SELECT DISTINCT ?x ?l ?name WHERE { ?x a nkg:Group ; rdfs:label ?l FILTER(LCASE(?l) = ?name) }",
        {"name": Literal(name.lower())},
    )


def test_generic_groups_of_unrelated_articles_stay_apart(tmp_path):
    write(tmp_path / "a.txt", "T\nFamilies protested in Tel Aviv on Monday.\n")
    write(tmp_path / "b.txt", "T\nFamilies protested in Kyiv on Tuesday.\n")
    store = GraphStore()
    assert ingest([tmp_path], store, published="2024-01-28").ok
    assert len({r["x"] for r in groups_named(store, "families")}) == 2


LINKS = "SELECT ?a ?b WHERE { GRAPH <https://w3id.org/negotiation-kg/id/graph/same-events> { ?a owl:sameAs ?b } }"


def test_a_changed_article_loses_the_links_of_its_old_version(tmp_path):
    url = '{"url": "https://news.example/b"}'  # one URL: a new text of it replaces the old version
    write(tmp_path / "a.txt", "T\nQatari envoys met Hamas leaders in Doha on Monday.\n")
    write(
        tmp_path / "b.txt",
        "T\nQatari envoys met Hamas leaders in Doha on Monday, Qatar said.\n",
        sidecar=url,
    )
    store = GraphStore()
    assert ingest([tmp_path], store, published="2024-01-28").ok
    assert len(store.select(LINKS)) == 1
    write(
        tmp_path / "b.txt",
        "T\nQatari envoys met Hamas leaders in Doha on Monday, officials said.\n",
        sidecar=url,
    )
    assert ingest(
        [tmp_path / "b.txt"], store, published="2024-01-28"
    ).ingested  # the same meeting, a new text
    assert len(store.select(LINKS)) == 1
    write(
        tmp_path / "b.txt",
        "T\nEgyptian envoys met Fatah leaders in Cairo on Monday.\n",
        sidecar=url,
    )
    assert ingest(
        [tmp_path / "b.txt"], store, published="2024-01-28"
    ).ingested  # another meeting: no link left
    assert store.select(LINKS) == []


def test_an_actor_named_in_two_spellings_in_one_ingest_keeps_one_label(tmp_path):
    write(tmp_path / "a.txt", "T\nQatari Officials met Hamas leaders in Doha on Monday.\n")
    write(tmp_path / "b.txt", "T\nQatari officials met Hamas leaders in Doha on Tuesday.\n")
    store = GraphStore()
    assert ingest([tmp_path], store, published="2024-01-28").ok
    rows = groups_named(store, "Qatari officials")
    assert len(rows) == 1
    alt = store.select("SELECT ?a WHERE { ?x a nkg:Group ; skos:altLabel ?a }")
    assert {r["a"] for r in alt} == {"Qatari officials"} - {rows[0]["l"]}


def test_one_speaker_on_one_day_is_one_statement_only_when_the_words_agree(tmp_path):
    write(
        tmp_path / "a.txt",
        "T\nThe Bank of Chile said on Monday that talks with its creditors had stalled.\n",
    )
    write(
        tmp_path / "b.txt",
        "T\nThe Bank of Chile said on Monday it would cut interest rates by half a point.\n",
    )
    write(
        tmp_path / "c.txt",
        "T\nInterest rates will be cut by half a point, the Bank of Chile said on Monday.\n",
    )
    store = GraphStore()
    assert ingest([tmp_path], store, published="2024-01-28").ok
    pairs = store.select(LINKS)
    assert len(pairs) == 1
    linked = {iri.split("/article/")[1][0] for iri in (pairs[0]["a"], pairs[0]["b"])}
    assert linked == {"b", "c"}


def test_a_variant_already_stored_keeps_its_iri_when_the_other_spelling_comes_more_often(tmp_path):
    write(tmp_path / "c.txt", "T\nAnthony Blinken said on Wednesday that gaps remain.\n")
    store = GraphStore()
    assert ingest([tmp_path / "c.txt"], store, published="2024-01-28").ok
    (tmp_path / "later").mkdir()
    write(
        tmp_path / "later" / "a.txt", "T\nAntony Blinken met Qatari officials in Doha on Monday.\n"
    )
    write(
        tmp_path / "later" / "b.txt", "T\nAntony Blinken said on Tuesday the talks were useful.\n"
    )
    assert ingest([tmp_path / "later"], store, published="2024-01-28").ok
    assert len({p for p in persons(store) if "Blinken" in p}) == 1
