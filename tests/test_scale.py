"""At corpus size: linking finds every candidate through its day blocks; the mediators' score is
exact."""

from __future__ import annotations

import random

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import XSD, Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.link.events import EVENTS_OF, LINKS_GRAPH, link_article, relink
from kg.rdf.namespace import ID, NKG, PROV
from kg.store import GraphStore
from kg.views.network import example_graph, mediators, side_betweenness, structural_scores

PEOPLE = (ID["person/anna-berg"], ID["person/omar-haddad"])


def meeting_article(name: str, start: str, end: str) -> Graph:
    """An article graph holding one meeting of the two PEOPLE, dated from ``start`` to ``end``."""
    g = Graph(identifier=ID[f"article/{name}"])
    event = URIRef(f"{g.identifier}/meeting-1")
    for kind in (NKG.Event, NKG.Meeting):
        g.add((event, RDF.type, kind))
    g.add((event, NKG.status, NKG.Occurred))
    g.add((event, NKG.earliestDate, Literal(start, datatype=XSD.date)))
    g.add((event, NKG.latestDate, Literal(end, datatype=XSD.date)))
    for person in PEOPLE:
        g.add((event, NKG.participant, person))
    return g


def linked_articles(store: GraphStore) -> set[frozenset[str]]:
    rows = store.select(f"SELECT ?a ?b WHERE {{ GRAPH <{LINKS_GRAPH}> {{ ?a owl:sameAs ?b }} }}")
    return {
        frozenset(iri.split("/article/")[1].split("/")[0] for iri in (r["a"], r["b"])) for r in rows
    }


def test_a_report_dated_to_a_day_and_its_eve_finds_the_report_of_the_eve():
    store = GraphStore()
    for name, start, end in (
        ("eve", "2024-03-04", "2024-03-04"),
        ("next", "2024-03-06", "2024-03-06"),
        ("week-later", "2024-03-12", "2024-03-12"),
    ):
        store.replace_article(meeting_article(name, start, end))
    store.replace_article(meeting_article("both", "2024-03-04", "2024-03-05"))
    link_article(store, str(ID["article/both"]), new=True)
    # the eve overlaps the report's two days; the day after and a week later do not
    assert linked_articles(store) == {frozenset({"both", "eve"})}


def test_a_report_a_day_later_is_found_in_the_block_of_its_own_first_day():
    store = GraphStore()
    store.replace_article(meeting_article("late", "2024-03-05", "2024-03-06"))
    store.replace_article(meeting_article("early", "2024-03-05", "2024-03-05"))
    link_article(store, str(ID["article/early"]), new=True)
    assert linked_articles(store) == {frozenset({"early", "late"})}


def test_a_loosely_dated_report_is_never_linked():
    store = GraphStore()
    store.replace_article(meeting_article("month", "2024-03-01", "2024-03-31"))
    store.replace_article(meeting_article("day", "2024-03-05", "2024-03-05"))
    assert link_article(store, str(ID["article/day"]), new=True) == 0
    assert link_article(store, str(ID["article/month"]), new=True) == 0


def reports_article(name: str, reports: list[tuple[str, str, str, tuple[str, ...], str]]) -> Graph:
    """An article graph of ``reports``: (kind, first day, last day, people, the words said)."""
    g = Graph(identifier=ID[f"article/{name}"])
    for n, (kind, start, end, people, said) in enumerate(reports):
        event = URIRef(f"{g.identifier}/{kind.lower()}-{n}")
        for k in (NKG.Event, NKG[kind]):
            g.add((event, RDF.type, k))
        g.add((event, NKG.status, NKG.Occurred))
        g.add((event, NKG.earliestDate, Literal(start, datatype=XSD.date)))
        g.add((event, NKG.latestDate, Literal(end, datatype=XSD.date)))
        for person in people:
            g.add((event, NKG.participant, ID[f"person/{person}"]))
        evidence = URIRef(f"{event}/evidence")
        g.add((event, PROV.wasDerivedFrom, evidence))
        g.add((evidence, NKG.text, Literal(said)))
    return g


def links_of(store: GraphStore) -> set[frozenset[str]]:
    rows = store.select(f"SELECT ?a ?b WHERE {{ GRAPH <{LINKS_GRAPH}> {{ ?a owl:sameAs ?b }} }}")
    return {frozenset((r["a"], r["b"])) for r in rows}


def test_a_report_is_the_same_as_one_event_of_an_article_the_first_in_its_own_order():
    # two meetings of one article that both match another article's one report: only one joins
    # it, the first of the article's events in the order its own query gives them
    store = GraphStore()
    pair = ("lena-vogt", "tariq-aziz")
    store.replace_article(
        reports_article("one", [("Meeting", "2025-06-10", "2025-06-10", pair, "")])
    )
    store.replace_article(
        reports_article(
            "two",
            [
                ("Meeting", "2025-06-10", "2025-06-10", pair, ""),
                ("Meeting", "2025-06-10", "2025-06-10", (*pair, "mira-holm"), ""),
            ],
        )
    )
    one, two = str(ID["article/one"]), str(ID["article/two"])
    assert relink(store) == 1  # one, then two, in one chunk
    first = store.select(EVENTS_OF, {"article": URIRef(two)})[0]["e"]
    assert links_of(store) == {frozenset((first, f"{one}/meeting-0"))}


PEOPLE_POOL = ("ada-lind", "bo-sten", "cem-yilmaz", "dara-okafor", "eli-ross")
SAYINGS = (
    "the ministry said the wool quota would rise 4 pct",
    "wool quota to rise 4 pct, the ministry said",
    "the ministry said the ferry strike had ended",
    "the ministry said the wool quota would fall 9 pct",
)


@pytest.mark.parametrize("seed", range(4))
def test_a_chunk_links_as_its_articles_linked_one_by_one(seed):
    # linked together, articles read their events, candidates and words in one query each and
    # write their links at the end of the chunk; linked one after the other, one query each
    rng = random.Random(seed)
    graphs = []
    for n in range(30):
        reports = []
        for _ in range(rng.randint(1, 4)):
            day = f"2025-06-{rng.randint(10, 13)}"
            end = day if rng.random() < 0.8 else f"2025-06-{int(day[-2:]) + 1}"
            kind = rng.choice(["Meeting", "Statement"])
            people = tuple(rng.sample(PEOPLE_POOL, rng.randint(1, 3)))
            reports.append((kind, day, end, people, rng.choice(SAYINGS)))
        graphs.append(reports_article(f"a{n:02d}", reports))
    together, one_by_one = GraphStore(), GraphStore()
    for g in graphs:
        together.replace_article(g)
        one_by_one.replace_article(g)
    articles = together.articles()
    count = relink(together, articles, new=frozenset(articles))
    for n, article in enumerate(articles):
        link_article(one_by_one, article, new=True, later=set(articles[n + 1 :]))
    assert links_of(together) == links_of(one_by_one)
    assert count == len(links_of(together)) > 0


side_event_edges = st.lists(
    st.tuples(st.integers(0, 40), st.sets(st.integers(0, 7), min_size=1, max_size=3)),
    min_size=1,
    max_size=60,
)


@settings(max_examples=60, deadline=None)
@given(side_event_edges)
def test_side_betweenness_is_networkx_betweenness_whatever_the_graph(events):
    # events with the same sides are counted rather than walked: the result must still be exact
    H = nx.Graph()
    for event, sides in events:
        for side in sides:
            H.add_edge(("side", side), ("event", event))
    exact = nx.betweenness_centrality(H)
    assert all(abs(exact[n] - b) < 1e-9 for n, b in side_betweenness(H).items())
    assert set(side_betweenness(H)) == {n for n in H if n[0] == "side"}


def test_the_mediators_rank_as_on_exact_betweenness():
    G = example_graph()
    for n in range(30):  # many reports of the same meetings: twins, counted rather than walked
        G.add_edge(f"copy{n}", "person/al-thani", key="participant")
        G.add_edge(f"copy{n}", "person/abbas-kamel", key="participant")
    exact = structural_scores(G, nx.betweenness_centrality)
    assert max(exact, key=exact.get) == "country/qatar"
    assert [label for label, _ in mediators(G)][0] == "Qatar"
    assert all(abs(exact[s] - v) < 1e-9 for s, v in structural_scores(G).items())
