"""Reconciling an article's graph with the store before it is loaded: one preferred label per actor.

An actor's IRI comes from its kind and a slug of its name, so "Families" and
"families", or "António Guterres" and "Antonio Guterres", are one IRI. Each
article would otherwise give it its own ``rdfs:label``, and the union of the
article graphs would break the one-label rule of the shapes. The label already
in the store stays the preferred one; the new spelling becomes a
``skos:altLabel`` of the article's graph, so no name is lost.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from ..rdf.namespace import NKG
from ..store import GraphStore


def reconcile_labels(graph: Graph, store: GraphStore, known: dict[str, str] | None = None) -> Graph:
    """``graph`` with each actor's label replaced by the one the store already gives it (the old one kept as
    an alternative).

    >>> from rdflib import Graph, Literal, URIRef
    >>> g = Graph(identifier=URIRef("https://w3id.org/negotiation-kg/id/article/b"))
    >>> x = URIRef("https://w3id.org/negotiation-kg/id/group/families")
    >>> _ = g.add((x, RDF.type, NKG.Actor)); _ = g.add((x, RDFS.label, Literal("families")))
    >>> store = GraphStore()
    >>> a = Graph(identifier=URIRef("https://w3id.org/negotiation-kg/id/article/a"))
    >>> _ = a.add((x, RDF.type, NKG.Actor)); _ = a.add((x, RDFS.label, Literal("Families")))
    >>> store.replace_article(a)
    >>> g = reconcile_labels(g, store)
    >>> str(g.value(x, RDFS.label)), [str(v) for v in g.objects(x, SKOS.altLabel)]
    ('Families', ['families'])

    ``known`` (actor IRI → preferred label) spares the store a question for each actor it has already answered
    in this ingest: a common actor is named by thousands of article graphs, and the store lists its label once per
    graph. It is updated with this graph's actors.
    """
    actors = sorted({str(a) for a in graph.subjects(RDF.type, NKG.Actor)})
    known = {} if known is None else known
    known.update(
        store.labels([a for a in actors if a not in known], excluding=str(graph.identifier))
    )
    for iri in actors:
        node = URIRef(iri)
        if iri not in known:  # the first to name it: its label is the one later articles keep
            here = sorted(str(label) for label in graph.objects(node, RDFS.label))
            if here:
                known[iri] = here[0]
            continue
        label = known[iri]
        for own in list(graph.objects(node, RDFS.label)):
            if str(own) != label:
                graph.remove((node, RDFS.label, own))
                graph.add((node, SKOS.altLabel, own))
                graph.add((node, RDFS.label, Literal(label)))
    return graph


def actor_labels(graph: Graph) -> dict[str, tuple[str, ...]]:
    """Each actor IRI of ``graph`` and its ``rdfs:label`` values, sorted."""
    return {
        str(a): tuple(sorted(str(label) for label in graph.objects(a, RDFS.label)))
        for a in set(graph.subjects(RDF.type, NKG.Actor))
    }


def labels_agree(
    labels: dict[str, tuple[str, ...]], store: GraphStore, name: str, known: dict[str, str]
) -> bool:
    """Would :func:`reconcile_labels` leave a graph whose actors have ``labels`` as it is? If so,
    the actors it names first are recorded in ``known`` as :func:`reconcile_labels` records them.

    >>> x, y = "https://example.org/families", "https://example.org/doha"
    >>> known = {x: "Families"}
    >>> g = "https://example.org/g"
    >>> labels_agree({x: ("Families",), y: ("Doha",)}, GraphStore(), g, known), known[y]
    (True, 'Doha')
    >>> labels_agree({x: ("families",)}, GraphStore(), g, known)
    False
    """
    known.update(store.labels(sorted(a for a in labels if a not in known), excluding=name))
    if any(label != known[a] for a, own in labels.items() if a in known for label in own):
        return False
    for a, own in labels.items():
        if a not in known and own:  # the first to name it: its label is the one later articles keep
            known[a] = own[0]
    return True
