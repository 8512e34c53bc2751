"""Linking across articles: the same event reported by two articles is linked with ``owl:sameAs``.

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

from .rdf.namespace import ID
from .store import GraphStore

LINKS_GRAPH = ID["graph/same-events"]

SAME_EVENTS = """
SELECT DISTINCT ?a ?b WHERE {
  VALUES ?type { nkg:Meeting nkg:Statement nkg:Protest nkg:Agreement nkg:Exchange }
  GRAPH ?g1 { ?a a ?type ; nkg:status ?status ; nkg:participant ?p .
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
