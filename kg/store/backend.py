"""The storage protocol: what a backend does, and the backends registered by name.

A backend holds named graphs and answers SPARQL 1.1. It speaks plain Python
values (``select``) and rdflib terms (``query``, bindings), never its own
types, so the queries, views and CLI above it never know which one runs.
:class:`~kg.store.graphstore.GraphStore` adds the rest (replacing an article,
counts, dumps, JSON-LD). Oxigraph on disk or in memory is the first backend; an
HTTP SPARQL 1.1 server (Oxigraph's, Fuseki, GraphDB...) is the second. A third
registers itself the same way, in the registry of :mod:`kg.plugins` (or through an
entry point of the group ``negotiation_kg.backends``, from a package of its own):

>>> @register_backend("null")
... class Null:
...     @classmethod
...     def handles(cls, location): return location == "null:"
>>> backend_class("null:").__name__
'Null'
>>> plugins.unregister("backend", "null")
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Protocol

from rdflib.query import Result
from rdflib.term import Identifier

from .. import plugins

Bindings = Mapping[str, Identifier]


class Backend(Protocol):
    """A store of named graphs with SPARQL 1.1; the default graph of a query is the union of the named graphs."""

    @classmethod
    def handles(cls, location: str | Path | None) -> bool:
        """Can this backend open ``location`` (a directory, a URL, None for memory)?"""

    def select(self, sparql: str, bindings: Bindings) -> list[dict[str, object]]:
        """The rows of a SELECT query as dicts of plain Python values (str, int, float, bool, date, None)."""

    def query(self, sparql: str, bindings: Bindings) -> Result:
        """Any query's result as an rdflib :class:`~rdflib.query.Result` (rows of rdflib terms, a
        boolean or a graph)."""

    def update(self, sparql: str) -> None:
        """Apply a SPARQL update in one transaction."""

    def replace_graph(self, name: str, ntriples: str) -> None:
        """Replace the named graph ``name`` with the N-Triples ``ntriples``, in one transaction."""

    def replace_graphs(self, graphs: Mapping[str, str]) -> None:
        """Replace each named graph of ``graphs`` (name → N-Triples), all or nothing where
        the backend can (a backend without this method gets :meth:`replace_graph` per graph)."""

    def drop_graph(self, name: str) -> None:
        """Remove the named graph ``name`` (nothing happens if it is not there)."""

    def named_graphs(self) -> list[str]:
        """The IRIs of the named graphs."""

    def dump(self, path: Path, suffix: str) -> None:
        """Write every quad to ``path`` in the format of ``suffix`` (.trig .nq .jsonld keep the graphs;
        .ttl .nt hold their distinct union; .jsonld is expanded JSON-LD)."""

    def load(self, path: Path) -> None:
        """Add the quads or triples of the RDF file ``path``."""

    def flush(self) -> None:
        """Write what the store buffers in memory to disk (nothing to do for a server)."""

    def close(self) -> None:
        """Release the store."""


def register_backend(name: str) -> Callable[[type], type]:
    """Register a backend class under ``name``; :func:`backend_class` picks it for the locations it handles."""

    def register(cls: type) -> type:
        plugins.register(name, "backend", obj=cls)
        return cls

    return register


def backend_class(location: str | Path | None) -> type:
    """The registered backend that handles ``location`` (the last registered first, so a plug-in can override)."""
    for cls in reversed(plugins.loaded("backend")):
        if cls.handles(location):
            return cls
    raise LookupError(f"no store backend handles {location!r}")


def is_url(location: str | Path | None) -> bool:
    """Is ``location`` an HTTP(S) URL rather than a path?

    >>> is_url("http://localhost:7878/query"), is_url("store")
    (True, False)
    """
    return isinstance(location, str) and location.startswith(("http://", "https://"))


def replacement(name: str, ntriples: str) -> str:
    """The SPARQL update that replaces the named graph ``name`` with ``ntriples`` (one request, one transaction).

    >>> print(replacement("https://example.org/g", "<https://example.org/s> <https://example.org/p> 1 ."))
    DROP SILENT GRAPH <https://example.org/g> ;
    INSERT DATA { GRAPH <https://example.org/g> {
    <https://example.org/s> <https://example.org/p> 1 .
    } }
    """
    return f"DROP SILENT GRAPH <{name}> ;\nINSERT DATA {{ GRAPH <{name}> {{\n{ntriples}\n}} }}"
