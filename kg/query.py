"""SPARQL over the store: running queries with bound parameters, the named analyst queries, result formats.

Queries run on the store's backend with the ontology's prefixes predeclared;
results come back as rdflib :class:`~rdflib.query.Result` objects. Parameters
(``actor``, ``from``, ``to``) are bound as RDF values through SEP-0007
substitution, never spliced into the query text. A query can
be stopped after a timeout: it then runs in a child process that is ended.

>>> from kg.store import GraphStore
>>> [row["n"] for row in run_select(GraphStore(), "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")]
[0]
"""

from __future__ import annotations

import multiprocessing
import re
import signal
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from rdflib import XSD, Literal, URIRef
from rdflib.query import Result

from .errors import InputError, QueryError, StoreError
from .store import QUERY_PREFIXES, GraphStore

# package data: found the same in a checkout and in a wheel
QUERIES_DIR = resources.files("kg.queries")
PARAMETERS = ("actor", "only", "from", "to")
ACTOR_NAMES = "SELECT DISTINCT ?n ?label WHERE { ?x a nkg:Actor ; rdfs:label ?label ; rdfs:label|skos:altLabel ?n }"
KNOWN_ACTOR = """SELECT ?n ?actor WHERE { ?x a nkg:Actor ; rdfs:label|skos:altLabel ?n
                                           FILTER(LCASE(STR(?n)) = LCASE(STR(?actor))) } LIMIT 1"""


@dataclass(frozen=True)
class NamedQuery:
    """A query of ``queries/``: its name, what it answers, the parameters it reads, its text."""

    name: str
    description: str
    parameters: tuple[str, ...]
    text: str


def named_queries(directory=QUERIES_DIR) -> dict[str, NamedQuery]:
    """The analyst queries of ``kg/queries/*.rq``, by name.

    >>> "meetings" in named_queries()
    True
    """
    out = {}
    for path in sorted(
        (p for p in directory.iterdir() if p.name.endswith(".rq")), key=lambda p: p.name
    ):
        text = path.read_text(encoding="utf-8")
        header = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
        params = next(
            (h.split(":", 1)[1] for h in header if h.lower().startswith("parameters:")), ""
        )
        description = " ".join(h for h in header if not h.lower().startswith("parameters:"))
        name = path.name.removesuffix(".rq")
        out[name] = NamedQuery(
            name, description, tuple(p.strip() for p in params.split(",") if p.strip()), text
        )
    return out


def closest_names(name: str, names: list[str], limit: int = 1, cutoff: float = 60) -> list[str]:
    """The ``limit`` names of ``names`` most like ``name`` (a typo's intended word, a surname's full name).

    >>> closest_names("meetingz", ["meetings", "positions"]), closest_names("xyz", ["meetings"])
    (['meetings'], [])
    >>> closest_names("Arouri", ["Saleh al-Arouri", "Hamas", "Israel"], limit=3)
    ['Saleh al-Arouri']
    """
    from rapidfuzz import fuzz, process, utils

    found = process.extract(
        name,
        names,
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=limit,
        score_cutoff=cutoff,
    )
    return [match for match, _, _ in found]


def check_actor(store: GraphStore, actor: str | None) -> None:
    """Refuse an ``--actor`` no actor of the store is called, suggesting the names most like it.

    >>> check_actor(GraphStore(), "Hamas")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: --actor: no actor called 'Hamas' in the store; see: kg query actors
    """
    if not actor or store.select(KNOWN_ACTOR, {"actor": Literal(actor)}):
        return
    label = {
        str(r["n"]): str(r["label"]) for r in store.select(ACTOR_NAMES)
    }  # any name → the actor's label
    guesses = list(
        dict.fromkeys(label[n] for n in closest_names(actor, list(label), limit=10, cutoff=75))
    )[:3]
    hint = f"did you mean {' or '.join(guesses)}?" if guesses else "see: kg query actors"
    raise InputError("--actor", f"no actor called {actor!r} in the store", hint)


def names_file(spec: str) -> bool:
    """Whether ``spec`` names a query file (by its suffix, or a file that is there) rather than
    being a query itself.

    >>> names_file("talks.rq"), names_file("SELECT * { ?s ?p ?o }")
    (True, False)
    """
    return spec.endswith((".rq", ".sparql")) or (
        len(spec) < 256 and "\n" not in spec and Path(spec).is_file()
    )


def query_text(spec: str) -> str:
    """The SPARQL of ``spec``: a named query, a ``.rq`` file, or the query itself.

    >>> query_text("meetingz")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: query: no named query 'meetingz'; did you mean meetings? (see: kg query --list)
    """
    queries = named_queries()
    if spec in queries:
        return queries[spec].text
    if (
        re.fullmatch(r"[\w-]+", spec) and not Path(spec).is_file()
    ):  # a name, not a query: one of ours misspelt?
        guess = closest_names(spec, list(queries))
        raise InputError(
            "query",
            f"no named query {spec!r}",
            (f"did you mean {guess[0]}? " if guess else "") + "(see: kg query --list)",
        )
    if names_file(spec):
        path = Path(spec)
        if not path.is_file():
            raise InputError(spec, "no such query file", "check the path, or run: kg query --list")
        return path.read_text(encoding="utf-8")
    if not re.search(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", spec, re.I):
        raise InputError(spec, "not a query, a .rq file or a named query", "see: kg query --list")
    return spec


def unread_parameter(sparql: str, params: dict, spec: str) -> None:
    """Refuse a flag that binds a variable the query never reads (``--actor`` for ``owl-time``):
    nothing would be filtered by it, and the store would refuse the binding.

    >>> unread_parameter("SELECT ?x ?actor WHERE { ?x ?p ?actor }", {"actor": "Hamas"}, "q")
    >>> unread_parameter("SELECT ?x WHERE { ?x ?p ?o }", {"actor": "Hamas", "to": None}, "q")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: --actor: the query does not read ?actor; leave it out (kg query --list: what each reads)
    """
    for name, value in params.items():
        if value and not re.search(rf"[?$]{name}\b", sparql):
            raise InputError(
                f"--{name}",
                f"the {query_name(spec)} does not read ?{name}",
                "leave it out (kg query --list: what each reads)",
            )


def query_name(spec: str) -> str:
    """What an error calls the query ``spec`` names: a named query, a file, stdin or the text.

    >>> query_name("deals"), query_name("-"), query_name("SELECT * { ?s ?p ?o }")
    ('named query deals', 'query on stdin', 'query')
    """
    if spec in named_queries():
        return f"named query {spec}"
    if spec == "-":
        return "query on stdin"
    if names_file(spec):
        return spec
    return "query"


def substitutions(params: dict[str, str | None]) -> dict[str, Literal]:
    """Bind the given parameters as typed literals (dates as xsd:date): values, not query text.

    >>> substitutions({"actor": "Hamas", "from": "2024-01-01", "to": None})["from"].datatype == XSD.date
    True
    """
    bound = {}
    for name, value in params.items():
        if value in (None, "", False):
            continue
        if name == "only":  # a switch: bound (to true) or not at all
            bound[name] = Literal(True)
            continue
        if name in ("from", "to"):
            try:
                date.fromisoformat(value)
            except ValueError:
                raise InputError(
                    f"--{name}", f"{value!r} is not a date", "write it as YYYY-MM-DD"
                ) from None
            bound[name] = Literal(value, datatype=XSD.date)
        else:
            bound[name] = Literal(value)
    return bound


def run(
    store: GraphStore,
    sparql: str,
    params: dict[str, str | None] | None = None,
    min_confidence: float | None = None,
) -> Result:
    """Run ``sparql`` on ``store`` (default graph: the union of all articles) with ``params`` bound; with
    ``min_confidence``, a SELECT's rows that name a fact of lower confidence are left out."""
    results = store.query(sparql, substitutions(params or {}))
    weak = weak_facts(store, min_confidence)
    if weak and results.type == "SELECT":
        results.bindings = [
            b for b in results.bindings if not any(str(v) in weak for v in b.values())
        ]
    return results


WEAK_FACTS = (
    "SELECT ?f WHERE { ?f <https://w3id.org/negotiation-kg/ontology#confidence> ?c "
    "FILTER(?c < %r) }"
)


def weak_facts(store: GraphStore, min_confidence: float | None) -> frozenset[str]:
    """The IRIs of the facts whose ``nkg:confidence`` is under ``min_confidence`` (none when it is 0 or None).

    >>> weak_facts(GraphStore(), 0.5)
    frozenset()
    """
    if not min_confidence:
        return frozenset()
    return frozenset(str(row["f"]) for row in store.select(WEAK_FACTS % float(min_confidence)))


def run_select(
    store: GraphStore, sparql: str, params: dict[str, str | None] | None = None
) -> list[dict]:
    """The rows of a SELECT query as dicts of Python values."""
    return store.select(sparql, substitutions(params or {}))


def short(term: object) -> str:
    """A term for a terminal: IRIs as prefixed names, literals as their text.

    >>> short(URIRef("https://w3id.org/negotiation-kg/ontology#Meeting")), short(Literal("x"))
    ('nkg:Meeting', 'x')
    """
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, ns in QUERY_PREFIXES.items():
            if term.startswith(ns):
                return f"{prefix}:{term[len(ns) :]}"
        return f"<{term}>"
    return str(term)


def table(results: Result, max_width: int = 60) -> str:
    """An aligned text table of SELECT results (without the parameter columns, which only echo the flags)."""
    names = [str(v) for v in results.vars if str(v) not in PARAMETERS]
    rows = [[short(row.get(n)) for n in names] for row in (r.asdict() for r in results)]
    cut = lambda s: s if len(s) <= max_width else s[: max_width - 1] + "…"
    rows = [[cut(c.replace("\n", " ")) for c in r] for r in rows]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()
    out = [line(names), line(["-" * w for w in widths]), *(line(r) for r in rows)]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def tsv(results: Result) -> str:
    """SELECT results as SPARQL 1.1 TSV: a header of ``?variables``, then terms written as in Turtle."""
    names = [str(v) for v in results.vars]
    lines = ["\t".join(f"?{n}" for n in names)]
    for row in (r.asdict() for r in results):
        lines.append("\t".join(row[n].n3() if n in row else "" for n in names))
    return "\n".join(lines) + "\n"


def without_parameters(results: Result) -> Result:
    """SELECT results without the parameter columns (``?actor ?from ?to`` only echo the flags on every row)."""
    kept = [v for v in results.vars if str(v) not in PARAMETERS]
    if len(kept) == len(results.vars):
        return results
    out = Result("SELECT")
    out.vars = kept
    out.bindings = [{k: v for k, v in row.items() if k in kept} for row in results.bindings]
    return out


def render(results: Result, fmt: str) -> str:
    """Results as text: a table or CSV/TSV/JSON/XML for SELECT and ASK, Turtle for CONSTRUCT/DESCRIBE."""
    if results.type in ("CONSTRUCT", "DESCRIBE"):
        if hasattr(results, "turtle"):  # a backend that writes Turtle itself, far faster
            return results.turtle()
        graph = results.graph
        for prefix, ns in QUERY_PREFIXES.items():
            graph.bind(prefix, ns, replace=True)
        return graph.serialize(format="turtle")
    if results.type == "ASK":
        if fmt in ("json", "xml"):
            return results.serialize(format=fmt).decode("utf-8")
        return "true" if results.askAnswer else "false"
    if fmt == "table":
        return table(results)
    results = without_parameters(results)
    if fmt == "tsv":
        return tsv(results)
    return results.serialize(format=fmt).decode("utf-8")


def open_source(store_path: str | None, data: str | None) -> GraphStore:
    """The store to query: an RDF file loaded into memory (``data``), or the on-disk store, read-only."""
    if data:
        path = Path(data)
        if not path.is_file():
            raise InputError(path, "no such file", "check the path")
        store = GraphStore()
        store.load(path)
        return store
    return GraphStore(store_path, read_only=True)


def rendered(
    store_path: str | None,
    data: str | None,
    sparql: str,
    params: dict,
    fmt: str,
    min_confidence: float | None = None,
) -> str:
    """The query's results as text; a federated query whose ``SERVICE`` cannot be reached is a
    :class:`QueryError` that says so (results are read lazily: the network fails while they are rendered)."""
    try:
        store = open_source(store_path, data)
        # a name no actor has: "did you mean ...?", not 0 rows
        check_actor(store, params.get("actor"))
        return render(run(store, sparql, params, min_confidence), fmt)
    except OSError as e:
        if not re.search(r"\bSERVICE\b", sparql, re.I):
            raise StoreError(store_path or data, f"cannot read ({e})", "check the store") from None
        raise QueryError(
            "SERVICE",
            f"a remote endpoint of the query could not be reached ({e})",
            "check the network connection, or run the query without its SERVICE clause",
        ) from None


def _child(conn, store_path, data, sparql, params, fmt, min_confidence=None) -> None:
    # a forked child inherits the parent's SIGTERM handler (the CLI's unwinds like Ctrl-C); the
    # parent stops a query that runs over with SIGTERM, which must end the child, not be handled
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        conn.send(("ok", rendered(store_path, data, sparql, params, fmt, min_confidence)))
    except Exception as e:  # every failure goes back to the parent, which reports it
        conn.send(("error", e))
    finally:
        conn.close()


def query_with_timeout(
    store_path: str | None,
    data: str | None,
    sparql: str,
    params: dict,
    fmt: str = "table",
    timeout: float | None = None,
    min_confidence: float | None = None,
) -> str:
    """Run a query and render it; with ``timeout``, in a child process that is stopped when it runs over."""
    substitutions(params)  # a bad --from or --to is reported before any work starts
    if not timeout:
        return rendered(store_path, data, sparql, params, fmt, min_confidence)
    parent, child = multiprocessing.Pipe(duplex=False)
    ctx = multiprocessing.get_context("fork")
    proc = ctx.Process(
        target=_child,
        args=(child, store_path, data, sparql, params, fmt, min_confidence),
        daemon=True,
    )
    proc.start()
    child.close()
    if not parent.poll(timeout):
        proc.terminate()
        proc.join(5)
        if proc.is_alive():
            proc.kill()
        raise QueryError(
            "query", f"stopped after {timeout:g} s", "narrow the query or raise --timeout"
        )
    status, value = parent.recv()
    proc.join(5)
    if status == "error":
        raise value
    return value
