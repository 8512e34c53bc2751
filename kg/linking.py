"""Linking across articles: one name per person, and the same event reported twice linked with ``owl:sameAs``.

A person an article names only by surname ("Netanyahu") takes the full name
another article gives ("Benjamin Netanyahu"), when exactly one person of the
store or of the batch has that surname, so that the actor keeps one IRI.

Two events are the same when they have the same type and status, share a
participant, come from different articles, and their date intervals overlap
(an open bound overlaps everything; an event with no date at all is never
matched, for lack of evidence). The links live in one named graph of their own,
recomputed from the whole store after each ingest, so they do not depend on the
order articles arrive in and re-ingesting changes nothing.
"""
from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import OWL

from .facts import ActorRef, ArticleFacts
from .rdf.namespace import ID
from .store import GraphStore
from .vocab import name_words

LINKS_GRAPH = ID["graph/same-events"]

SAME_EVENTS = """
SELECT DISTINCT ?a ?b WHERE {
  GRAPH ?g1 { ?a a nkg:Event, ?type ; nkg:status ?status ; nkg:participant ?p . FILTER(?type != nkg:Event)
              OPTIONAL { ?a nkg:earliestDate ?ea } OPTIONAL { ?a nkg:latestDate ?la } }
  GRAPH ?g2 { ?b a ?type ; nkg:status ?status ; nkg:participant ?p .
              OPTIONAL { ?b nkg:earliestDate ?eb } OPTIONAL { ?b nkg:latestDate ?lb } }
  FILTER(?g1 != ?g2 && STR(?a) < STR(?b))
  FILTER((BOUND(?ea) || BOUND(?la)) && (BOUND(?eb) || BOUND(?lb)))
  FILTER(COALESCE(?ea <= ?lb, true) && COALESCE(?eb <= ?la, true))
}
"""


def same_events(store: GraphStore) -> list[tuple[str, str]]:
    """Pairs of events of different articles that report the same event (each pair once, sorted)."""
    return sorted((row["a"], row["b"]) for row in store.select(SAME_EVENTS))


def relink(store: GraphStore) -> int:
    """Recompute the ``owl:sameAs`` links of the whole store into their named graph; return how many."""
    graph = Graph(identifier=LINKS_GRAPH)
    for a, b in same_events(store):
        graph.add((URIRef(a), OWL.sameAs, URIRef(b)))
    if len(graph):
        store.replace_article(graph)
    else:
        store.drop_graph(LINKS_GRAPH)
    return len(graph)


PERSON_LABELS = "SELECT DISTINCT ?label WHERE { GRAPH ?g { ?p a nkg:Person ; rdfs:label ?label } }"


def full_names(store: GraphStore, batch: list[ArticleFacts]) -> dict[ActorRef, ActorRef]:
    """Surname-only persons of ``batch`` → the one person of the store or the batch with that surname.

    >>> from kg.articles import Article
    >>> from kg.facts import Actor
    >>> a = ArticleFacts(Article("a.txt", "a", "T", "T"), actors=(Actor(ActorRef("Person", "Benjamin Netanyahu")),))
    >>> b = ArticleFacts(Article("b.txt", "b", "T", "T"), actors=(Actor(ActorRef("Person", "Netanyahu")),))
    >>> full_names(GraphStore(), [a, b])
    {ActorRef(kind='Person', label='Netanyahu'): ActorRef(kind='Person', label='Benjamin Netanyahu')}
    """
    known = {row["label"] for row in store.select(PERSON_LABELS)}
    known |= {a.label for f in batch for a in f.actors if a.kind == "Person"}
    by_surname: dict[str, set[str]] = {}
    for label in known:
        words = name_words(label)
        if len(words) > 1:
            by_surname.setdefault(words[-1], set()).add(label)
    names = {}
    for f in batch:
        for a in f.actors:
            words = name_words(a.label)
            if a.kind == "Person" and len(words) == 1 and len(by_surname.get(words[0], ())) == 1:
                names[a.ref] = ActorRef("Person", next(iter(by_surname[words[0]])))
    return names
