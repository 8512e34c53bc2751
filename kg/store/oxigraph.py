"""The Oxigraph backend: a store on disk (a directory this tool made) or in memory.

Oxigraph evaluates SPARQL natively and serializes fast. Opened for writing, a
store on disk holds the write lock (:func:`~kg.store.files.store_lock`) until it
is closed, so two writers never interleave.

>>> b = OxigraphBackend(None)
>>> one = '<https://example.org/s> <https://example.org/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .'
>>> b.replace_graph("https://example.org/g", one)
>>> b.select("SELECT ?o WHERE { ?s ?p ?o }", {})
[{'o': 1}]
"""

from __future__ import annotations

import gc
from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.query import Result
from rdflib.term import Identifier

from ..errors import InputError, QueryError, StoreError
from .backend import Bindings, is_url, register_backend, replacement
from .files import claim_store_directory, store_lock
from .syntax import syntax_error
from .values import QUERY_PREFIXES, literal_value, store_problem

FORMATS = {
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
}
DATASET_SUFFIXES = (".trig", ".nq", ".jsonld")
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
# a read-only open that meets a file the writer just deleted is tried again, this many times
OPEN_ATTEMPTS = 20


def ox_term(term: Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as Oxigraph's."""
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(
            str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None
        )
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    return ox.NamedNode(str(term))


def rdflib_term(term) -> Identifier | None:
    """An Oxigraph term as rdflib's."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == XSD_STRING else URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    return URIRef(term.value)


def plain_value(term) -> object:
    """An Oxigraph term as a plain Python value, without building an rdflib term (the bulk path)."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return literal_value(term.value, term.datatype.value)
    return term.value


def as_nquads(graphs: Mapping[str, str]) -> str:
    """The N-Triples of each named graph of ``graphs`` (name → N-Triples) as one N-Quads text.

    A triple ends with `` .`` and a line break; N-Triples writes a line break inside a literal as
    ``\\n``, so every line break ends a triple.

    >>> print(as_nquads({"https://example.org/g": "<https://example.org/s> <https://example.org/p> 1 ."}))
    <https://example.org/s> <https://example.org/p> 1 <https://example.org/g> .
    <BLANKLINE>
    """
    return "".join(
        (text if text.endswith("\n") else text + "\n").replace(" .\n", f" <{name}> .\n")
        for name, text in graphs.items()
    )


class NativeTriples(Result):
    """A CONSTRUCT or DESCRIBE result kept as Oxigraph's triples: written as Turtle by Oxigraph's
    own serializer (:meth:`turtle`; rdflib's took 52 s for the 320,000 triples of the
    ``owl-time`` query over 5,000 articles, Oxigraph's under a second), an rdflib graph built
    only when asked for (``.graph``).

    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p"), ox.Literal("o")))
    >>> result = NativeTriples(store.query("CONSTRUCT WHERE { ?s ?p ?o }"))
    >>> print(result.turtle().strip().splitlines()[-1])
    <http://x/s> <http://x/p> "o" .
    """

    def __init__(self, triples) -> None:
        self._triples = triples  # an iterator: read once, by whichever is asked for first
        super().__init__("CONSTRUCT")

    @property
    def graph(self) -> Graph | None:
        if self._graph is None and self._triples is not None:
            self._graph = Graph()
            for t in self._triples:
                self._graph.add(
                    (rdflib_term(t.subject), rdflib_term(t.predicate), rdflib_term(t.object))
                )
            self._triples = None
        return self._graph

    @graph.setter
    def graph(self, value: Graph | None) -> None:
        self._graph = value

    def turtle(self) -> str:
        """The triples as Turtle, with the project's prefixes."""
        if self._triples is None:  # the rdflib graph was built: it has them
            return self.graph.serialize(format="turtle")
        text = ox.serialize(self._triples, format=ox.RdfFormat.TURTLE, prefixes=QUERY_PREFIXES)
        self._triples = None
        return text.decode("utf-8")


def read_only_store(path: Path) -> ox.Store:
    """The Oxigraph store at ``path`` opened read-only, while a writer may be at work in it.

    A read-only open reads the list of the store's files, then opens each: a writer that flushes
    or merges files in between deletes some of them (or the log it replays), and the open fails
    for a file that is no longer there. It is tried again, with the list as it is then.
    """
    for _ in range(OPEN_ATTEMPTS - 1):
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as e:
            if "No such file" not in str(e):
                raise
    return ox.Store.read_only(str(path))


@register_backend("oxigraph")
class OxigraphBackend:
    """An Oxigraph store at ``path`` (in memory when None); ``lock=False`` for a store only its maker knows of."""

    @classmethod
    def handles(cls, location: str | Path | None) -> bool:
        return not is_url(location)

    def __init__(
        self, path: str | Path | None, *, read_only: bool = False, lock: bool = True
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self._lock = None
        if self.path is not None and not read_only and lock:
            self._lock = store_lock(self.path)
            self._lock.__enter__()
        try:
            self.ox = self.opened()
        except (OSError, RuntimeError) as e:  # RuntimeError: what RocksDB calls corruption
            self.release_lock()
            raise StoreError(
                self.path,
                f"cannot open the store ({store_problem(e)})",
                "check the path is a writable directory and no other kg process is writing to it",
            ) from None
        except BaseException:
            self.release_lock()
            raise

    def opened(self) -> ox.Store:
        if self.path is None:
            return ox.Store()
        if self.read_only:
            if not self.path.exists():
                raise StoreError(
                    self.path, "no store here", "build one first: kg build, or kg ingest FILE"
                )
            return read_only_store(self.path)
        claim_store_directory(self.path)
        return ox.Store(str(self.path))

    def release_lock(self) -> None:
        if self._lock is not None:
            self._lock.__exit__(None, None, None)
            self._lock = None

    def flush(self) -> None:
        # RocksDB keeps writes in memory tables until flushed: unflushed, an ingest's memory grew by ~95 MB per
        # 1,000 articles
        if self.path is not None and not self.read_only:
            try:
                self.ox.flush()
            except OSError as e:
                raise StoreError(
                    self.where(),
                    f"cannot write ({store_problem(e)}); what was committed before stays",
                    "free some disk space, or check the file system is writable",
                ) from None

    def close(self) -> None:
        try:
            if getattr(self, "ox", None) is not None:
                self.flush()
        finally:
            # closed even when that flush fails (a full disk): else the store stays open, and
            # locked, in this process until it exits
            self.ox = None
            gc.collect()  # Oxigraph closes the store when the object is collected
            self.release_lock()

    def where(self) -> str | Path:
        return self.path or "memory store"

    def native(self, sparql: str, bindings: Bindings):
        try:
            return self.ox.query(
                sparql,
                prefixes=QUERY_PREFIXES,
                use_default_graph_as_union=True,
                substitutions={ox.Variable(k): ox_term(v) for k, v in bindings.items()},
            )
        except SyntaxError as e:  # one line naming where, not the parser's list of tokens
            raise syntax_error(str(e), sparql) from None
        except OSError as e:
            raise StoreError(self.where(), f"cannot read ({store_problem(e)})", "") from None

    def select(self, sparql: str, bindings: Bindings) -> list[dict[str, object]]:
        results = self.native(sparql, bindings)
        if not isinstance(results, ox.QuerySolutions):
            raise QueryError(
                "query", "not a SELECT query", "use kg query for CONSTRUCT, DESCRIBE and ASK"
            )
        names = [v.value for v in results.variables]
        return [{n: plain_value(row[n]) for n in names} for row in results]

    def query(self, sparql: str, bindings: Bindings) -> Result:
        results = self.native(sparql, bindings)
        if isinstance(results, ox.QuerySolutions):
            out = Result("SELECT")
            out.vars = [Variable(v.value) for v in results.variables]
            names = [v.value for v in results.variables]
            out.bindings = [
                {Variable(n): rdflib_term(row[n]) for n in names if row[n] is not None}
                for row in results
            ]
        elif isinstance(results, ox.QueryBoolean):
            out = Result("ASK")
            out.askAnswer = bool(results)
        else:
            out = NativeTriples(results)
        return out

    def update(self, sparql: str) -> None:
        try:
            self.ox.update(sparql, prefixes=QUERY_PREFIXES)
        except OSError as e:
            raise StoreError(
                self.where(),
                f"cannot write ({store_problem(e)})",
                "check free disk space and permissions",
            ) from None

    def replace_graph(self, name: str, ntriples: str) -> None:
        self.replace_graphs({name: ntriples})

    def replace_graphs(self, graphs: Mapping[str, str]) -> None:
        # one transaction either way, so a failure leaves the store as it was: a batch of new
        # graphs is one N-Quads load, without SPARQL's parser (a third of the time); a batch that
        # replaces a graph the store holds is one update (each graph dropped, then inserted).
        # Not Oxigraph's bulk loader: a quarter of the CPU in this thread, but the small files it
        # adds per batch cost the store's threads more to merge than that (docs/scale.md)
        try:  # a disk error while asking what is held is a StoreError too, as in the write
            held = any(self.ox.contains_named_graph(ox.NamedNode(n)) for n in graphs)
            if held:
                self.ox.update(" ;\n".join(replacement(n, text) for n, text in graphs.items()))
            elif graphs:
                self.ox.load(as_nquads(graphs), format=ox.RdfFormat.N_QUADS)
        except OSError as e:
            raise StoreError(
                self.where(),
                f"cannot write ({store_problem(e)})",
                "check free disk space and permissions",
            ) from None
        except SyntaxError as e:  # a term rdflib wrote but Oxigraph refuses: nothing was changed
            raise StoreError(
                ", ".join(graphs),
                f"the article's graph is not valid RDF ({str(e).splitlines()[0]})",
                "report this as a bug with the article attached",
            ) from None

    def drop_graph(self, name: str) -> None:
        node = ox.NamedNode(name)
        if self.ox.contains_named_graph(node):
            self.ox.remove_graph(node)

    def named_graphs(self) -> list[str]:
        return [g.value for g in self.ox.named_graphs()]

    def dump(self, path: Path, suffix: str) -> None:
        if suffix in DATASET_SUFFIXES:
            if suffix == ".jsonld":  # expanded: the store adds the context
                self.ox.dump(str(path), FORMATS[suffix])
            else:
                self.ox.dump(str(path), FORMATS[suffix], prefixes=QUERY_PREFIXES)
        else:
            # the same actor triple sits in every article that mentions it: one copy in the union
            triples = self.native(
                "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o "
                "WHERE { GRAPH ?g { ?s ?p ?o } } }",
                {},
            )
            ox.serialize(triples, str(path), FORMATS[suffix], prefixes=QUERY_PREFIXES)

    def load(self, path: Path) -> None:
        # a file of triples (Turtle, N-Triples, RDF/XML) goes into a named graph of its own: the
        # named queries match an item inside its article's graph (GRAPH ?article) and found
        # nothing in a default graph; the union of the graphs, queried by default, holds it still
        graph = (
            None
            if path.suffix.lower() in DATASET_SUFFIXES
            else ox.NamedNode(path.resolve().as_uri())
        )
        try:
            self.ox.bulk_load(path=str(path), to_graph=graph)
        except (SyntaxError, ValueError) as e:
            raise InputError(
                path, f"cannot read it as RDF ({str(e).splitlines()[0]})", "check the file"
            ) from None
