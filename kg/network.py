"""The graph as a networkx ``MultiDiGraph``, for traversal and for GraphML.

One node per actor, event, proposal, term and position, keyed by IRI, with
scalar attributes only (``label``, ``kind``, ``earliest``, ``latest``) so the
graph writes to GraphML; one edge per relation, keyed by the predicate's name.

>>> from kg.store import GraphStore
>>> G = to_networkx(GraphStore())
>>> G.number_of_nodes()
0
"""
from __future__ import annotations

import networkx as nx

from .store import GraphStore

NODE_KINDS = ("Person", "Organization", "Country", "Group", "Meeting", "Statement", "Protest", "Agreement",
              "Exchange", "Proposal", "Position", "PauseTerm", "CeasefireTerm", "ExchangeRatioTerm",
              "ReleaseTerm", "WithdrawalTerm")
EDGE_PREDICATES = ("participant", "proposedBy", "hasTerm", "heldBy", "about", "reportedBy", "affiliatedWith",
                   "before")

NODES_QUERY = """
SELECT ?node ?kind (SAMPLE(?l) AS ?label) (MIN(?e) AS ?earliest) (MAX(?x) AS ?latest) WHERE {
  VALUES ?kind { %s }
  ?node a ?kind .
  OPTIONAL { ?node rdfs:label ?l }
  OPTIONAL { ?node nkg:earliestDate ?e }
  OPTIONAL { ?node nkg:latestDate ?x }
} GROUP BY ?node ?kind
"""
EDGES_QUERY = """
SELECT DISTINCT ?s ?p ?o WHERE { VALUES ?p { %s } ?s ?p ?o }
"""


def local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def to_networkx(store: GraphStore) -> nx.MultiDiGraph:
    """Return the actors, events, proposals, terms and positions of ``store`` as a MultiDiGraph."""
    G = nx.MultiDiGraph()
    kinds = " ".join(f"nkg:{k}" for k in NODE_KINDS)
    for row in store.select(NODES_QUERY % kinds):
        G.add_node(row["node"], label=row["label"] or local_name(row["node"]), kind=local_name(row["kind"]),
                   earliest=str(row["earliest"] or ""), latest=str(row["latest"] or ""))
    predicates = " ".join(f"nkg:{p}" for p in EDGE_PREDICATES)
    for row in store.select(EDGES_QUERY % predicates):
        if row["s"] in G and row["o"] in G:
            name = local_name(row["p"])
            G.add_edge(row["s"], row["o"], key=name, relation=name)
    return G


def write_graphml(G: nx.MultiDiGraph, path) -> None:
    nx.write_graphml(G, path)
