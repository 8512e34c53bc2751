"""The persistent graph: one named graph per article, in a backend chosen by where the store is.

A directory (or nothing, for memory) is an Oxigraph store; an ``http(s)://``
URL is a SPARQL 1.1 server (:mod:`kg.store.sparql_http`). Everything above the
store speaks plain Python values and rdflib terms. Replacing an article's
graph, or all the graphs of a batch, is one transaction: a failure leaves the
store as it was.

>>> from rdflib import Graph, Literal, URIRef
>>> g = Graph(identifier=URIRef("https://w3id.org/negotiation-kg/id/article/a"))
>>> _ = g.add((URIRef("https://w3id.org/negotiation-kg/id/x"), URIRef("https://schema.org/name"), Literal("x")))
>>> store = GraphStore()          # in memory
>>> store.replace_article(g)
>>> store.replace_article(g)      # again: same triples, no duplicates
>>> store.triple_count()
1
"""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph, Literal, URIRef  # noqa: F401  (Literal: the doctest)
from rdflib.query import Result
from rdflib.term import Identifier

from ..errors import StoreError
from . import oxigraph, sparql_http  # noqa: F401  (registers the two backends)
from .backend import Bindings, backend_class
from .files import write_atomically
from .oxigraph import FORMATS
from .values import with_context

# what every article graph's IRI holds, and the graphs of the links between articles do not
ARTICLE_MARK = "/article/"


def rdf_suffix(path: str | Path) -> str:
    """The RDF format of a file name, as its extension; a clear error for any other.

    >>> rdf_suffix("out.TTL")
    '.ttl'
    """
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise StoreError(
            path,
            f"unknown RDF format {suffix or '(no extension)'!r}",
            f"use one of {', '.join(FORMATS)}",
        )
    return suffix


def ntriples_of(graph: Graph) -> str:
    """``graph`` as N-Triples; a clear error naming the graph if rdflib cannot write it."""
    try:
        return graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    except Exception as e:  # rdflib raises plain Exception for an IRI it cannot write
        raise StoreError(
            graph.identifier,
            f"the article's graph is not valid RDF ({e})",
            "report this as a bug with the article attached",
        ) from None


class GraphStore:
    """The store at ``location``: a directory, an ``http(s)://`` SPARQL endpoint, or None for memory.

    Opened for writing, a directory store holds the store's write lock until closed; ``lock=False`` is for a
    store only its creator knows of (a build's staging store).
    """

    def __init__(
        self, location: str | Path | None = None, *, read_only: bool = False, lock: bool = True
    ) -> None:
        self.location = location
        self.backend = backend_class(location)(location, read_only=read_only, lock=lock)
        # a directory, for a store on disk
        self.path: Path | None = getattr(self.backend, "path", None)

    def close(self) -> None:
        """Release the store (and its write lock)."""
        self.backend.close()

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def replace_article(self, graph: Graph) -> None:
        """Replace the named graph ``graph.identifier`` with ``graph``, in one transaction."""
        triples = ntriples_of(graph)
        self.backend.replace_graph(str(graph.identifier), triples)

    def replace_articles_ntriples(self, graphs: dict[str, str]) -> dict[str, StoreError]:
        """Replace each named graph of ``graphs`` (name → N-Triples): all in one transaction (on
        Oxigraph one N-Quads load, or one update if any of them is stored already), or,
        if that fails, each in its own, so that one bad graph keeps no other out; the errors of
        those that could not go in, by name.

        >>> store = GraphStore()
        >>> g = "https://w3id.org/negotiation-kg/id/article/"
        >>> one = '<https://example.org/s> <https://example.org/p> "x" .\\n'
        >>> errors = store.replace_articles_ntriples({g + "a": one, g + "b": "<bad"})
        >>> list(errors), store.articles()
        (['https://w3id.org/negotiation-kg/id/article/b'], ['https://w3id.org/negotiation-kg/id/article/a'])
        """
        if hasattr(self.backend, "replace_graphs"):  # a plug-in's backend may not have it
            try:
                self.backend.replace_graphs(graphs)
                return {}
            except StoreError:
                pass
        errors = {}
        for name, ntriples in graphs.items():  # a transaction per graph
            try:
                self.backend.replace_graph(name, ntriples)
            except StoreError as e:
                errors[name] = e
        return errors

    def flush(self) -> None:
        """Write what the store buffers in memory to disk, so memory stays bounded over a long ingest."""
        self.backend.flush()

    def update(self, sparql: str) -> None:
        """Apply a SPARQL update (the project's prefixes declared) in one transaction."""
        self.backend.update(sparql)

    def drop_graph(self, name: str) -> None:
        """Remove the named graph ``name`` (nothing happens if it is not there)."""
        self.backend.drop_graph(str(name))

    def query(self, sparql: str, bindings: Bindings | None = None) -> Result:
        """Run a SPARQL query with the project's prefixes; the default graph is the union of all articles.

        ``bindings`` (variable name → rdflib term) binds values into the query (SEP-0007), not into its text.
        """
        return self.backend.query(sparql, bindings or {})

    def select(self, sparql: str, bindings: Bindings | None = None) -> list[dict[str, object]]:
        """The rows of a SELECT query as dicts of Python values (str, int, date...).

        >>> GraphStore().select("SELECT ?x WHERE { VALUES ?x { 1 2 } }")
        [{'x': 1}, {'x': 2}]
        """
        return self.backend.select(sparql, bindings or {})

    def load(self, path: str | Path) -> None:
        """Add the quads or triples of an RDF file."""
        self.backend.load(Path(path))

    def digests_of(self, articles: list[str]) -> dict[str, str]:
        """The content digest the store holds for each of the article graphs ``articles`` that it
        holds one for, in one query.

        >>> store = GraphStore()
        >>> a = "https://w3id.org/negotiation-kg/id/article/a"
        >>> store.update(f'INSERT DATA {{ GRAPH <{a}> {{ <{a}> nkg:contentDigest "d1" }} }}')
        >>> store.digests_of([a, a + "-other"])
        {'https://w3id.org/negotiation-kg/id/article/a': 'd1'}
        """
        rows = self.select_for(
            "a", [URIRef(a) for a in articles], "GRAPH ?a { ?a nkg:contentDigest ?d }"
        )
        return {row["a"]: row["d"] for row in rows}

    def graphs_held(self, names: list[str]) -> set[str]:
        """Those of the named graphs ``names`` that hold any triple, in one query."""
        rows = self.select_for(
            "g", [URIRef(n) for n in names], "FILTER EXISTS { GRAPH ?g { ?s ?p ?o } }"
        )
        return {row["g"] for row in rows}

    def select_for(self, variable: str, terms: list[Identifier], where: str) -> list[dict]:
        """The distinct rows of the pattern ``where`` with ``?variable`` bound to each of
        ``terms`` in turn: one query for many terms (none for no terms).

        >>> GraphStore().select_for("x", [Literal(1), Literal(2)], "BIND(?x * 10 AS ?y)")
        [{'x': 1, 'y': 10}, {'x': 2, 'y': 20}]
        """
        if not terms:
            return []
        values = " ".join(term.n3() for term in terms)
        return self.select(
            f"SELECT DISTINCT * WHERE {{ VALUES ?{variable} {{ {values} }} {where} }}"
        )

    def add_to_graphs(self, quads: list[tuple[Identifier, Identifier, Identifier, URIRef]]) -> None:
        """Add (subject, predicate, object, graph) quads of rdflib terms, in one transaction."""
        if quads:
            self.update(
                "INSERT DATA { "
                + " ".join(
                    f"GRAPH {g.n3()} {{ {s.n3()} {p.n3()} {o.n3()} }}" for s, p, o, g in quads
                )
                + " }"
            )

    def labels(self, iris: list[str], excluding: str | None = None) -> dict[str, str]:
        """The ``rdfs:label`` the store gives each of ``iris`` (in any graph but ``excluding``)."""
        if not iris:
            return {}
        values = " ".join(f"<{iri}>" for iri in iris)
        rows = self.select(
            f"SELECT ?x ?l ?g WHERE {{ VALUES ?x {{ {values} }} GRAPH ?g {{ ?x rdfs:label ?l }} }}"
        )
        found: dict[str, str] = {}
        for row in sorted(
            rows, key=lambda r: (r["g"], r["l"])
        ):  # the same choice whatever the query order
            if row["g"] != excluding:
                found.setdefault(row["x"], row["l"])
        return found

    def articles(self) -> list[str]:
        """The IRIs of the article graphs (not the graphs of cross-article links)."""
        return sorted(g for g in self.backend.named_graphs() if ARTICLE_MARK in g)

    def holds_articles(self, count: int) -> bool:
        """Does the store hold ``count`` article graphs or more? Asks for no more than that many,
        where :meth:`articles` lists every graph of the store.

        >>> GraphStore().holds_articles(1)
        False
        """
        rows = self.select(
            f'SELECT ?g WHERE {{ GRAPH ?g {{ }} FILTER(CONTAINS(STR(?g), "{ARTICLE_MARK}")) }} '
            f"LIMIT {count}"
        )
        return len(rows) >= count

    def triple_count(self) -> int:
        """How many triples the article and link graphs hold together."""
        return self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"]

    def summary(self) -> dict[str, int]:
        """Counts a user checks after a build: articles, actors, events, proposals, positions, triples."""
        counts = {}
        for name, cls in (
            ("actors", "nkg:Actor"),
            ("events", "nkg:Event"),
            ("proposals", "nkg:Proposal"),
            ("positions", "nkg:Position"),
            ("articles", "schema:NewsArticle"),
        ):
            counts[name] = self.select(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a {cls} }}")[
                0
            ]["n"]
        counts["triples"] = self.triple_count()
        return counts

    def dump(self, path: str | Path) -> Path:
        """Write the whole graph to ``path`` (format from the extension), atomically.

        Dataset formats (.trig .nq .jsonld) keep the named graphs; triple formats (.ttl .nt) get their union.
        JSON-LD gets an ``@context`` of the project's prefixes.
        """
        path = Path(path)
        suffix = rdf_suffix(path)

        def write(tmp: Path) -> None:
            self.backend.dump(tmp, suffix)
            if suffix == ".jsonld":
                expanded = json.loads(tmp.read_text(encoding="utf-8"))
                tmp.write_text(
                    json.dumps(with_context(expanded), ensure_ascii=False), encoding="utf-8"
                )

        write_atomically(path, write)
        return path
