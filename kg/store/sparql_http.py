"""The HTTP backend: any SPARQL 1.1 server (Oxigraph's ``oxigraph serve``, Fuseki, GraphDB...) as the store.

``--store http://host:7878/query`` picks it. Queries go to that URL and updates
to its ``/update`` sibling (``/query`` or ``/sparql`` → ``/update``), by the
SPARQL 1.1 Protocol. The server's default graph must be the union of its named
graphs, as the project's queries expect (``oxigraph serve --union-default-graph``;
Fuseki ``tdb2:unionDefaultGraph true``).

The protocol has no way to bind a query's variables, so values are written
into the query text as RDF terms (escaped by rdflib, so a value can never
become SPARQL), the way SEP-0007 substitution would bind them:

>>> print(substituted("SELECT ?n ?actor WHERE { ?x rdfs:label ?n FILTER(?n = ?actor) } GROUP BY ?n ?actor",
...                   {"actor": Literal('Ha"mas')}))
SELECT ?n ("Ha\\"mas" AS ?actor) WHERE { ?x rdfs:label ?n FILTER(?n = "Ha\\"mas") } GROUP BY ?n ("Ha\\"mas")
>>> update_url("http://localhost:7878/query")
'http://localhost:7878/update'
"""

from __future__ import annotations

import io
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from pathlib import Path

from rdflib import Dataset, Graph, Literal  # noqa: F401  (Literal: the doctest)
from rdflib.query import Result

from ..errors import InputError, QueryError, StoreError
from .backend import Bindings, is_url, register_backend, replacement
from .files import server_lock_path, store_lock
from .values import QUERY_PREFIXES, term_value

TOKENS = re.compile(
    r'''(?P<comment>\#[^\n]*)
  | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
               |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$]\w+)
  | (?P<word>[A-Za-z_]\w*)
  | (?P<other>[\s\S])''',
    re.X,
)
RESULTS = "application/sparql-results+json"
TRIPLES = "application/n-triples"
TIMEOUT = 600  # seconds; a server's own limit usually comes first


def substituted(sparql: str, bindings: Bindings) -> str:
    """``sparql`` with each bound variable replaced by its value: kept as a column in the projection
    (``("v" AS ?x)``), bracketed in GROUP BY and ORDER BY, the bare term everywhere else."""
    if not bindings:
        return sparql
    out, clause, depth, after_as = [], "body", 0, False
    for m in TOKENS.finditer(sparql):
        kind, text = m.lastgroup, m.group()
        if kind == "word":
            word = text.upper()
            if word == "SELECT":
                clause, depth = "projection", 0
            elif word == "WHERE" or (word in ("LIMIT", "OFFSET", "HAVING", "VALUES")):
                clause = "body"
            elif word in ("GROUP", "ORDER"):
                clause, depth = "modifier", 0
        elif kind == "other" and text in "({":
            if text == "{" and clause == "projection":
                clause = "body"
            depth += text == "("
        elif kind == "other" and text in ")}":
            depth -= text == ")"
            if text == "}" and clause == "modifier":
                clause = "body"
        elif kind == "var" and text[1:] in bindings and not after_as:
            term = bindings[text[1:]].n3()
            if clause == "projection" and depth == 0:
                text = f"({term} AS {text})"
            elif clause == "modifier" and depth == 0:
                text = f"({term})"
            else:
                text = term
        if not text.isspace():
            after_as = kind == "word" and text.upper() == "AS"
        out.append(text)
    return "".join(out)


def update_url(query_url: str) -> str:
    """The update endpoint beside a query endpoint (``…/query`` or ``…/sparql`` → ``…/update``)."""
    return re.sub(r"/(query|sparql)/?$", "/update", query_url)


def prologue() -> str:
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in QUERY_PREFIXES.items())


@register_backend("sparql-http")
class SparqlHttpBackend:
    """A SPARQL 1.1 server at ``url`` (its query endpoint); ``read_only`` refuses updates before they are sent."""

    @classmethod
    def handles(cls, location: str | Path | None) -> bool:
        return is_url(location)

    def __init__(self, url: str, *, read_only: bool = False, lock: bool = True) -> None:
        self.url, self.read_only = url, read_only
        self._lock = None
        if not read_only and lock:  # two ingests into one server take turns, as on disk
            self._lock = store_lock(server_lock_path(url), subject=url)
            self._lock.__enter__()
        try:
            self.named_graphs()  # fail now, with the URL in the message, if nothing answers there
        except BaseException:
            self.close()
            raise

    def flush(self) -> None:
        pass  # the server keeps its own store

    def close(self) -> None:
        if self._lock is not None:
            self._lock.__exit__(None, None, None)
            self._lock = None

    def post(self, url: str, form: dict[str, str], accept: str) -> tuple[str, bytes]:
        request = urllib.request.Request(
            url,
            data=urllib.parse.urlencode(form).encode("utf-8"),
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                return response.headers.get_content_type(), response.read()
        except urllib.error.HTTPError as e:
            detail = e.read().decode("utf-8", "replace").strip().splitlines()
            if e.code == 400:
                raise QueryError(
                    "query",
                    f"the server refused the query: {' '.join(detail)[:300]}",
                    "fix the query",
                ) from None
            raise StoreError(
                url, f"the server answered {e.code} {e.reason}", "check the server and its logs"
            ) from None
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise StoreError(
                url,
                f"no SPARQL server answers here ({reason})",
                "start the server, or check the URL (its query endpoint, e.g. http://host:7878/query)",
            ) from None

    def query(self, sparql: str, bindings: Bindings) -> Result:
        text = prologue() + substituted(sparql, bindings)
        content_type, body = self.post(self.url, {"query": text}, f"{RESULTS}, {TRIPLES};q=0.9")
        if content_type == TRIPLES:
            out = Result("CONSTRUCT")
            out.graph = Graph().parse(data=body.decode("utf-8"), format="nt")
            return out
        return Result.parse(io.BytesIO(body), format="json")

    def select(self, sparql: str, bindings: Bindings) -> list[dict[str, object]]:
        result = self.query(sparql, bindings)
        if result.type != "SELECT":
            raise QueryError(
                "query", "not a SELECT query", "use kg query for CONSTRUCT, DESCRIBE and ASK"
            )
        names = [str(v) for v in result.vars]
        return [{n: term_value(row.get(n)) for n in names} for row in (r.asdict() for r in result)]

    def update(self, sparql: str) -> None:
        if self.read_only:
            raise StoreError(self.url, "the store was opened read-only", "open it for writing")
        self.post(update_url(self.url), {"update": prologue() + sparql}, "*/*")

    def replace_graph(self, name: str, ntriples: str) -> None:
        self.update(replacement(name, ntriples))

    def replace_graphs(self, graphs: Mapping[str, str]) -> None:
        # one request, one transaction on the server
        if graphs:
            self.update(" ;\n".join(replacement(n, text) for n, text in graphs.items()))

    def drop_graph(self, name: str) -> None:
        self.update(f"DROP SILENT GRAPH <{name}>")

    def named_graphs(self) -> list[str]:
        return [r["g"] for r in self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", {})]

    def dump(self, path: Path, suffix: str) -> None:
        if suffix in (".ttl", ".nt"):
            graph = self.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", {}).graph
            graph.serialize(path, format={".ttl": "turtle", ".nt": "nt"}[suffix])
            return
        dataset = Dataset()
        for prefix, iri in QUERY_PREFIXES.items():
            dataset.bind(prefix, iri)
        for row in self.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {}):
            dataset.add((row.s, row.p, row.o, dataset.graph(row.g)))
        dataset.serialize(
            path, format={".trig": "trig", ".nq": "nquads", ".jsonld": "json-ld"}[suffix]
        )

    def load(self, path: Path) -> None:
        dataset = Dataset()
        try:
            dataset.parse(path)
        except Exception as e:  # rdflib raises many kinds for a file that is not RDF
            raise InputError(
                path, f"cannot read it as RDF ({str(e).splitlines()[0]})", "check the file"
            ) from None
        for graph in dataset.graphs():
            if len(graph):
                name = graph.identifier
                body = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
                self.update(f"INSERT DATA {{ GRAPH <{name}> {{\n{body}\n}} }}")
