"""The persistent graph: an on-disk Oxigraph store, one named graph per article.

Oxigraph evaluates SPARQL natively and serializes fast; rdflib is used only to
build each article's small graph. Replacing an article's graph is one SPARQL
update (drop + insert), which Oxigraph applies in one transaction: a failure
leaves the store as it was.

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

import errno
import fcntl
import gc
import json
import os
from contextlib import contextmanager
import tempfile
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from ..errors import InputError, QueryError, StoreError
from ..rdf.graph import PREFIXES

FORMATS = {
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
}
DATASET_FORMATS = (".trig", ".nq", ".jsonld")
QUERY_PREFIXES = {prefix: str(ns) for prefix, ns in PREFIXES.items()} | {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "time": "http://www.w3.org/2006/time#",
    "id": "https://w3id.org/negotiation-kg/id/",
}


def rdf_format(path: str | Path) -> ox.RdfFormat:
    """Return the RDF format for a file name's extension; raise a clear error for any other.

    >>> rdf_format("out.ttl")
    <RdfFormat Turtle>
    """
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise StoreError(path, f"unknown RDF format {suffix or '(no extension)'!r}",
                         f"use one of {', '.join(FORMATS)}")
    return FORMATS[suffix]


def write_atomically(path: Path, write) -> None:
    """Call ``write(tmp_path)``, then rename the result onto ``path``; nothing half-written is left."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError as e:
        raise InputError(path, f"cannot write here ({e.strerror})", "give a path in a writable directory") from None
    try:
        write(Path(tmp))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; exports are meant to be read by others
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        hint = "free some disk space" if e.errno == errno.ENOSPC else "check the directory is writable"
        raise InputError(path, f"cannot write the file ({e.strerror or e}); nothing was written", hint) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


MARKER = ".negotiation-kg-store"


def is_store_directory(path: Path) -> bool:
    """Is ``path`` a store this tool made (its marker file, or an Oxigraph store of an earlier version)?"""
    return (path / MARKER).is_file() or ((path / "CURRENT").is_file() and (path / "IDENTITY").is_file())


def claim_store_directory(path: Path) -> None:
    """Make ``path`` a store directory, refusing a directory that holds anything else."""
    if path.exists() and not path.is_dir():
        raise StoreError(path, "this is a file, not a store directory", "give a directory for the store")
    if path.is_dir() and any(path.iterdir()) and not is_store_directory(path):
        raise StoreError(path, "the directory holds files that are not a negotiation-kg store",
                         "give an empty or new directory for the store; nothing was changed")
    path.mkdir(parents=True, exist_ok=True)
    (path / MARKER).touch()


@contextmanager
def store_lock(path: Path):
    """Hold the write lock of the store at ``path`` (a lock file beside it), or fail at once naming the holder.

    Every writer takes it, an ingest and a build alike, so a build never replaces a store an ingest is writing.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = path.with_name(f".{path.name}.lock")
    with open(lock_path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise StoreError(path, f"another kg process is writing to the store ({holder})",
                             "wait for it to finish, or give another --store") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"kg pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)


class GraphStore:
    """An Oxigraph store holding one named graph per article (in memory when ``path`` is None).

    Opened for writing, it holds the store's write lock (:func:`store_lock`) until closed; ``lock=False``
    is for a store only its creator knows of (a build's staging store).
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False, lock: bool = True) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self._lock = None
        if self.path is not None and not read_only and lock:
            self._lock = store_lock(self.path)
            self._lock.__enter__()
        try:
            if self.path is None:
                self.ox = ox.Store()
            elif read_only:
                if not self.path.exists():
                    raise StoreError(self.path, "no store here", "build one first: kg build, or kg ingest FILE")
                self.ox = ox.Store.read_only(str(self.path))
            else:
                claim_store_directory(self.path)
                self.ox = ox.Store(str(self.path))
        except OSError as e:
            self.release_lock()
            raise StoreError(self.path, f"cannot open the store ({store_problem(e)})",
                             "check the path is a writable directory and no other kg process is writing to it") from None
        except BaseException:
            self.release_lock()
            raise

    def release_lock(self) -> None:
        if self._lock is not None:
            self._lock.__exit__(None, None, None)
            self._lock = None

    def close(self) -> None:
        """Release the store (Oxigraph closes it when the object is collected)."""
        if getattr(self, "ox", None) is not None:
            if self.path is not None and not self.read_only:
                self.ox.flush()
            self.ox = None
            gc.collect()
        self.release_lock()

    def __enter__(self) -> "GraphStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def replace_article(self, graph: Graph) -> None:
        """Replace the named graph ``graph.identifier`` with ``graph``, in one transaction."""
        name = ox.NamedNode(str(graph.identifier))
        try:
            triples = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
        except Exception as e:  # rdflib raises plain Exception for an IRI it cannot write
            raise StoreError(graph.identifier, f"the article's graph is not valid RDF ({e})",
                             "report this as a bug with the article attached") from None
        # a single update: Oxigraph applies it atomically, so the old graph survives a failed insert
        update = f"DROP SILENT GRAPH {name} ;\nINSERT DATA {{ GRAPH {name} {{\n{triples}\n}} }}"
        try:
            self.ox.update(update)
        except OSError as e:
            raise StoreError(self.path or "memory store", f"cannot write ({store_problem(e)})",
                             "check free disk space and permissions") from None
        except SyntaxError as e:  # a term rdflib wrote but Oxigraph refuses: nothing was changed
            raise StoreError(graph.identifier, f"the article's graph is not valid RDF ({str(e).splitlines()[0]})",
                             "report this as a bug with the article attached") from None

    def update(self, sparql: str) -> None:
        """Apply a SPARQL update (the project's prefixes declared) in one transaction."""
        try:
            self.ox.update(sparql, prefixes=QUERY_PREFIXES)
        except OSError as e:
            raise StoreError(self.path or "memory store", f"cannot write ({store_problem(e)})",
                             "check free disk space and permissions") from None

    def drop_graph(self, name) -> None:
        """Remove the named graph ``name`` (nothing happens if it is not there)."""
        node = ox.NamedNode(str(name))
        if self.ox.contains_named_graph(node):
            self.ox.remove_graph(node)

    def query(self, sparql: str, substitutions: dict | None = None):
        """Run a SPARQL query with the project's prefixes; the default graph is the union of all articles.

        ``substitutions`` (variable → term) binds values into the query (SEP-0007), not into its text.
        """
        try:
            return self.ox.query(sparql, prefixes=QUERY_PREFIXES, use_default_graph_as_union=True,
                                 substitutions=substitutions or {})
        except SyntaxError as e:
            raise QueryError("query", f"malformed SPARQL: {e}", "fix the query at the line and column given") from None
        except OSError as e:
            raise StoreError(self.path or "memory store", f"cannot read ({store_problem(e)})", "") from None

    def select(self, sparql: str, substitutions: dict | None = None) -> list[dict[str, object]]:
        """Return the rows of a SELECT query as dicts of Python values (str, int, date...)."""
        results = self.query(sparql, substitutions)
        if not isinstance(results, ox.QuerySolutions):
            raise QueryError("query", "not a SELECT query", "use kg query for CONSTRUCT, DESCRIBE and ASK")
        names = [v.value for v in results.variables]
        return [{n: to_python(row[n]) for n in names} for row in results]

    def digest_of(self, article: str) -> str | None:
        """The content digest the store holds for the article graph ``article`` (None if not stored)."""
        rows = self.select("SELECT ?a ?d WHERE { GRAPH ?a { ?a nkg:contentDigest ?d } }", {ox.Variable("a"): ox.NamedNode(article)})
        return rows[0]["d"] if rows else None

    def labels(self, iris: list[str], excluding: str | None = None) -> dict[str, str]:
        """The ``rdfs:label`` the store gives each of ``iris`` (in any graph but ``excluding``)."""
        if not iris:
            return {}
        values = " ".join(f"<{iri}>" for iri in iris)
        rows = self.select(f"SELECT ?x ?l ?g WHERE {{ VALUES ?x {{ {values} }} GRAPH ?g {{ ?x rdfs:label ?l }} }}")
        found: dict[str, str] = {}
        for row in sorted(rows, key=lambda r: (r["g"], r["l"])):  # the same choice whatever the query order
            if row["g"] != excluding:
                found.setdefault(row["x"], row["l"])
        return found

    def articles(self) -> list[str]:
        """The IRIs of the article graphs (not the graph of cross-article links)."""
        return sorted(g.value for g in self.ox.named_graphs() if "/article/" in g.value)

    def triple_count(self) -> int:
        return int(next(iter(self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")))["n"].value)

    def summary(self) -> dict[str, int]:
        """Counts a user checks after a build: articles, actors, events, proposals, positions, triples."""
        counts = {}
        for name, cls in (("actors", "nkg:Actor"), ("events", "nkg:Event"), ("proposals", "nkg:Proposal"),
                          ("positions", "nkg:Position"), ("articles", "schema:NewsArticle")):
            row = next(iter(self.query(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a {cls} }}")))
            counts[name] = int(row["n"].value)
        counts["triples"] = self.triple_count()
        return counts

    def dump(self, path: str | Path) -> Path:
        """Write the whole graph to ``path`` (format from the extension), atomically.

        Dataset formats (.trig .nq .jsonld) keep the named graphs; triple formats
        (.ttl .nt) get their union.
        """
        path = Path(path)
        fmt = rdf_format(path)

        def write(tmp: Path) -> None:
            if path.suffix.lower() == ".jsonld":
                self.ox.dump(str(tmp), fmt)
                tmp.write_text(json.dumps(with_context(json.loads(tmp.read_text(encoding="utf-8"))),
                                          ensure_ascii=False), encoding="utf-8")
            elif path.suffix.lower() in DATASET_FORMATS:
                self.ox.dump(str(tmp), fmt, prefixes=QUERY_PREFIXES)
            else:
                # the same actor triple sits in every article that mentions it: one copy in the union
                triples = self.query("CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o "
                                     "WHERE { GRAPH ?g { ?s ?p ?o } } }")
                ox.serialize(triples, str(tmp), fmt, prefixes=QUERY_PREFIXES)

        write_atomically(path, write)
        return path



def compact(iri: str) -> str:
    """``iri`` as a prefixed name when one of the project's prefixes covers it."""
    for prefix, base in QUERY_PREFIXES.items():
        if iri.startswith(base) and len(iri) > len(base):
            return f"{prefix}:{iri[len(base):]}"
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
                out[key] = [compact(t) for t in value] if isinstance(value, list) else compact(value)
            else:
                out[key if key.startswith("@") else compact(key)] = walk(value)
        return out

    return {"@context": dict(QUERY_PREFIXES), "@graph": walk(expanded)}


def to_python(term) -> object:
    """A pyoxigraph term as a plain Python value: IRIs as str, typed literals as int/bool/date."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value.rsplit("#", 1)[-1]
        if dt in ("integer", "int", "long"):
            return int(term.value)
        if dt == "decimal" or dt == "double":
            return float(term.value)
        if dt == "boolean":
            return term.value == "true"
        if dt == "date":
            from datetime import date
            return date.fromisoformat(term.value)
        return term.value
    return term.value


def store_problem(error: OSError) -> str:
    text = str(error)
    if "lock" in text.lower():
        return "another process is using it"
    if "ermission" in text or "read-only" in text.lower():
        return "permission denied"
    return text.splitlines()[0][:200] if text else type(error).__name__
