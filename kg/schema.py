"""The schema, read from the ontology: the kinds of actor, event and term, the term attributes with their
datatypes, the stances and statuses — declared once, in ``ontology/negotiation.ttl``.

Python code, pages and exports take their lists from here; how each kind is
drawn (colour, shape, the verb of taking part) is in ``kg/data/presentation.tsv``,
how an event kind behaves (a report of words, talks, a deal ...) in
``kg/data/event_kinds.tsv``. Adding an event kind is a subclass of ``nkg:Event``
in the ontology and rows of data, no code: see docs/event-kinds.md.

>>> EVENT_KINDS
('Meeting', 'Statement', 'Protest', 'Agreement', 'Exchange', 'DealBegins', ...)
>>> has_trait("Statement", "speech"), kinds_with("talks"), trait_value("Meeting", "links")
(True, ('Meeting',), 'met')
>>> TERM_DATATYPES["durationDays"].split("#")[1], "ReleaseTerm" in TERM_KINDS
('integer', True)
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from .packaged import ontology_file
from .vocab import data_lines

NKG = "https://w3id.org/negotiation-kg/ontology#"


@lru_cache(maxsize=1)
def ontology() -> tuple[Graph, dict[str, int]]:
    """The ontology graph, and where each term is declared in the file (to keep the ontology's own order)."""
    text = ontology_file("negotiation.ttl").read_text(encoding="utf-8")
    order = {m.group(1): m.start() for m in re.finditer(r"^nkg:(\w+)\s+a\s", text, re.M)}
    return Graph().parse(data=text, format="turtle"), order


def local(term) -> str:
    return str(term)[len(NKG) :]


def ordered(names) -> tuple[str, ...]:
    order = ontology()[1]
    return tuple(sorted(set(names), key=lambda n: order.get(n, len(order))))


def subclasses(parent: str) -> tuple[str, ...]:
    """The ontology's direct subclasses of ``nkg:parent``, in file order."""
    g = ontology()[0]
    return ordered(
        local(c)
        for c in g.subjects(RDFS.subClassOf, URIRef(NKG + parent))
        if str(c).startswith(NKG)
    )


def instances(cls: str) -> tuple[str, ...]:
    g = ontology()[0]
    return ordered(
        local(i) for i in g.subjects(RDF.type, URIRef(NKG + cls)) if str(i).startswith(NKG)
    )


def term_datatypes() -> dict[str, str]:
    """Each term attribute (a datatype property of nkg:Term) and its XSD datatype IRI, in file order."""
    g = ontology()[0]
    found = {
        local(p): str(g.value(p, RDFS.range))
        for p in g.subjects(RDF.type, OWL.DatatypeProperty)
        if g.value(p, RDFS.domain) == URIRef(NKG + "Term")
    }
    return {name: found[name] for name in ordered(found)}


ACTOR_KINDS = subclasses("Actor")
EVENT_KINDS = subclasses("Event")
TERM_KINDS = subclasses("Term")
TERM_DATATYPES = term_datatypes()
TERM_ATTRIBUTES = tuple(TERM_DATATYPES)
STANCES = instances("Stance")
STATUSES = instances("EventStatus")
FACTUALITIES = instances("Factuality")


@lru_cache(maxsize=1)
def presentation() -> dict[str, dict[str, str]]:
    """kind → {colour, shape, verb} of ``kg/data/presentation.tsv`` (pages and the timeline)."""
    rows = csv.reader(data_lines("presentation.tsv"), delimiter="\t")
    return {
        kind: {"colour": colour, "shape": shape, "verb": verb} for kind, colour, shape, verb in rows
    }


# the traits of kg/data/event_kinds.tsv the code reads (the file says what each means)
EVENT_TRAITS = frozenset(
    {
        "speech",
        "companions",
        "object-joins",
        "frees-people",
        "asserted-only",
        "talks",
        "deal",
        "mediated",
        "links",
        "sided",
        "two-sided",
    }
)


@lru_cache(maxsize=1)
def event_traits() -> dict[str, dict[str, str]]:
    """kind → {trait: its word, or "" for a plain trait} of ``kg/data/event_kinds.tsv``.

    A row for a kind the ontology lacks, or a trait the code does not read, is an error
    naming the file: a typo would otherwise silently drop a behaviour.

    >>> event_traits()["Exchange"]["links"]
    'exchanged'
    """
    table: dict[str, dict[str, str]] = {}
    for line in data_lines("event_kinds.tsv"):
        kind, _, cell = line.partition("\t")
        traits = dict(t.partition("=")[::2] for t in cell.split())
        unknown = set(traits) - EVENT_TRAITS
        if kind not in EVENT_KINDS or unknown:
            problem = (
                f"kind {kind!r} is not a subclass of nkg:Event"
                if kind not in EVENT_KINDS
                else f"unknown trait(s) {', '.join(sorted(unknown))} of {kind}"
            )
            raise ValueError(f"kg/data/event_kinds.tsv: {problem}; see the file's header")
        table[kind] = traits
    return table


def has_trait(kind: str, trait: str) -> bool:
    """Does the event kind ``kind`` have ``trait`` (``kg/data/event_kinds.tsv``)?

    >>> has_trait("Agreement", "deal"), has_trait("Meeting", "speech")
    (True, False)
    >>> has_trait("Proposal", "deal")  # not a kind of event: no trait
    False
    """
    return trait in event_traits().get(kind, {})


def trait_value(kind: str, trait: str) -> str | None:
    """The word ``trait`` carries for ``kind`` ("links=met": "met"); None without the trait.

    >>> trait_value("Agreement", "mediated"), trait_value("Statement", "links")
    ('deal', None)
    """
    return event_traits().get(kind, {}).get(trait)


def kinds_with(trait: str, value: str | None = None) -> tuple[str, ...]:
    """The event kinds with ``trait`` (carrying ``value``, when given), in the ontology's order.

    >>> kinds_with("mediated", "deal"), kinds_with("asserted-only")
    (('Agreement', 'Exchange'), ('Agreement', 'Exchange'))
    """
    return tuple(
        k
        for k in EVENT_KINDS
        if trait in event_traits().get(k, {})
        and (value is None or event_traits()[k][trait] == value)
    )
