"""Terms as values: literals as Python values, IRIs as prefixed names, JSON-LD with the project's context.

>>> literal_value("2024-01-28", "http://www.w3.org/2001/XMLSchema#date")
datetime.date(2024, 1, 28)
>>> compact("https://w3id.org/negotiation-kg/ontology#Meeting")
'nkg:Meeting'
"""

from __future__ import annotations

from datetime import date

from rdflib.term import Identifier, Literal

from ..rdf.graph import PREFIXES

QUERY_PREFIXES = {prefix: str(ns) for prefix, ns in PREFIXES.items()} | {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "time": "http://www.w3.org/2006/time#",
    "id": "https://w3id.org/negotiation-kg/id/",
    "wd": "http://www.wikidata.org/entity/",
}
XSD = "http://www.w3.org/2001/XMLSchema#"


def literal_value(text: str, datatype: str | None) -> object:
    """A literal's lexical form and datatype IRI as a plain Python value (int, float, bool, date or str).

    >>> literal_value("42", "http://www.w3.org/2001/XMLSchema#integer"), literal_value("x", None)
    (42, 'x')
    """
    kind = (datatype or "").rsplit("#", 1)[-1]
    if kind in ("integer", "int", "long"):
        return int(text)
    if kind in ("decimal", "double"):
        return float(text)
    if kind == "boolean":
        return text == "true"
    if kind == "date":
        return date.fromisoformat(text)
    return text


def term_value(term: Identifier | None) -> object:
    """An rdflib term as a plain Python value: IRIs and blank nodes as str, literals by their datatype.

    >>> from rdflib import URIRef
    >>> term_value(URIRef("https://example.org/x")), term_value(None)
    ('https://example.org/x', None)
    """
    if term is None:
        return None
    if isinstance(term, Literal):
        return literal_value(str(term), str(term.datatype) if term.datatype else None)
    return str(term)


def compact(iri: str) -> str:
    """``iri`` as a prefixed name when one of the project's prefixes covers it."""
    for prefix, base in QUERY_PREFIXES.items():
        if iri.startswith(base) and len(iri) > len(base):
            return f"{prefix}:{iri[len(base) :]}"
    return iri


def with_context(expanded: list) -> dict:
    """Expanded JSON-LD as a document with an ``@context`` of the project's prefixes and compact keys and types.

    >>> doc = with_context([{"@id": "x", "@type": ["https://w3id.org/negotiation-kg/ontology#Meeting"],
    ...                      "http://www.w3.org/2000/01/rdf-schema#label": [{"@value": "talks"}]}])
    >>> doc["@graph"][0]["@type"], list(doc["@graph"][0])[2], doc["@context"]["nkg"]
    (['nkg:Meeting'], 'rdfs:label', 'https://w3id.org/negotiation-kg/ontology#')
    """

    def walk(node):
        if isinstance(node, list):
            return [walk(n) for n in node]
        if not isinstance(node, dict):
            return node
        out = {}
        for key, value in node.items():
            if key == "@type":
                out[key] = (
                    [compact(t) for t in value] if isinstance(value, list) else compact(value)
                )
            else:
                out[key if key.startswith("@") else compact(key)] = walk(value)
        return out

    return {"@context": dict(QUERY_PREFIXES), "@graph": walk(expanded)}


def store_problem(error: OSError) -> str:
    """An operating-system error of the store in a few words a user understands."""
    text = str(error)
    if "No space left" in text or "quota exceeded" in text.lower():
        return "the disk is full"
    if "Read-only file system" in text:
        return "the file system is read-only"
    if "lock" in text.lower():
        return "another process is using it"
    if "ermission" in text or "read-only" in text.lower():
        return "permission denied"
    return text.splitlines()[0][:200] if text else type(error).__name__
