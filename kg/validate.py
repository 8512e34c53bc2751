"""Validating a graph against ``ontology/shapes.ttl`` with pySHACL, with a readable report.

>>> from rdflib import Graph
>>> validate_graph(Graph()).conforms
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from .errors import InputError
from .packaged import ontology_file
from .rdf.iris import local_name
from .schema import NKG, local, subclasses


@dataclass
class Violation:
    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.focus}: {self.path}: {self.message}"


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    def text(self) -> str:
        if self.conforms:
            return "conforms to ontology/shapes.ttl"
        lines = [f"{len(self.violations)} violation(s) of ontology/shapes.ttl:"]
        lines += [f"  - {v}" for v in self.violations]
        return "\n".join(lines)


SUBCLASSES_OF = URIRef("https://w3id.org/negotiation-kg/shapes#subclassesOf")


def shapes_graph() -> Graph:
    """``ontology/shapes.ttl``, each list it declares as ``nkgsh:subclassesOf`` a class filled in
    with that class's subclasses in the ontology: the kinds of event and term, declared once.

    >>> g = shapes_graph()
    >>> kinds = URIRef("https://w3id.org/negotiation-kg/shapes#EventKinds")
    >>> [str(k).split("#")[1] for k in g.items(kinds)][:3]
    ['Meeting', 'Statement', 'Protest']
    """
    g = Graph().parse(data=ontology_file("shapes.ttl").read_text(encoding="utf-8"), format="turtle")
    for head, parent in list(g.subject_objects(SUBCLASSES_OF)):
        listed = Collection(g, head)
        listed.clear()  # the file's own copy, for other SHACL tools; the ontology decides here
        listed += [URIRef(NKG + kind) for kind in subclasses(local(parent))]
    return g


def listed_kinds(parent: str) -> list[str]:
    """The kinds ``ontology/shapes.ttl`` itself lists for ``parent`` (what another SHACL tool sees).

    >>> listed_kinds("Term")[:2]
    ['PauseTerm', 'CeasefireTerm']
    """
    g = Graph().parse(data=ontology_file("shapes.ttl").read_text(encoding="utf-8"), format="turtle")
    heads = [h for h, p in g.subject_objects(SUBCLASSES_OF) if local(p) == parent]
    return [local(k) for h in heads for k in Collection(g, h)]


def ontology_graph() -> Graph:
    return Graph().parse(
        data=ontology_file("negotiation.ttl").read_text(encoding="utf-8"), format="turtle"
    )


def validate_graph(data: Graph) -> ValidationReport:
    """Validate ``data`` (the union of all article graphs) against the project's SHACL shapes."""
    from pyshacl import validate

    conforms, report, _ = validate(
        data,
        shacl_graph=shapes_graph(),
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
    )
    violations = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        violations.append(Violation(str(focus), short(path), str(message)))
    violations.sort(key=lambda v: (v.focus, v.path, v.message))
    return ValidationReport(bool(conforms), violations)


def store_union(store) -> Graph:
    """The union of a store's article graphs as one rdflib graph (for pySHACL)."""
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        path = store.dump(Path(d) / "union.nt")
        return Graph().parse(path, format="nt")


LABEL_SOURCES = """SELECT ?x ?l ?g WHERE { GRAPH ?g { ?x rdfs:label ?l } } ORDER BY ?l ?g"""


def validate_store(store) -> ValidationReport:
    """Validate the union of a store's graphs; a node with several labels is reported with each label and
    the articles that give it, so the user can see where the spellings come from."""
    report = validate_graph(store_union(store))
    for v in report.violations:
        if v.path == "label":
            rows = store.select(LABEL_SOURCES, {"x": URIRef(v.focus)})
            v.message += "; labels: " + "; ".join(
                f"{r['l']!r} in {local_name(r['g'])}" for r in rows
            )
    return report


def short(term) -> str:
    return local_name(term) if term is not None else "(node)"


def load_union(path: str | Path) -> Graph:
    """Read an RDF file (dataset or triples) into one graph: the union of its named graphs."""
    path = Path(path)
    formats = {
        ".trig": "trig",
        ".nq": "nquads",
        ".ttl": "turtle",
        ".nt": "nt",
        ".jsonld": "json-ld",
    }
    fmt = formats.get(path.suffix.lower())
    if fmt is None:
        raise InputError(path, "unknown RDF format", f"use one of {', '.join(formats)}")
    if not path.is_file():
        raise InputError(path, "no such file", "check the path")
    ds = Dataset(default_union=True)
    try:
        ds.parse(str(path), format=fmt)
    except Exception as e:  # rdflib's parsers raise many unrelated types
        raise InputError(
            path,
            f"cannot parse the file as {fmt} ({str(e).splitlines()[0][:200]})",
            "check it is a valid RDF file",
        ) from None
    union = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    return union
