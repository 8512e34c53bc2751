"""The ``kg`` command: options → one library call per command, output and exit codes.

Exit codes: 0 success; 1 some articles failed (the others went in); 2 bad input
or usage; 3 store problem; 4 bad query; 5 graph does not conform to the shapes.
"""

from __future__ import annotations

import argparse
import errno
import signal
import sys
import tempfile
import threading
from pathlib import Path

from . import __version__
from .cli_types import counting, host_name, iso_date, probability, seconds
from .config import default_store
from .errors import InputError, KGError

STORE_HELP = "$KG_STORE, else the store of ./kg.toml, else store"
DEFAULT_SEEDS = "seeds"
DEFAULT_EXPORTS = "exports"


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def store_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store", help=f"store directory, or a SPARQL 1.1 endpoint URL (default: {STORE_HELP})"
    )


def metadata_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--published", metavar="YYYY-MM-DD", help="publication date (overrides the sidecar)"
    )
    parser.add_argument("--source", help="publisher, e.g. Reuters (overrides the sidecar)")
    parser.add_argument("--url", help="the article's URL (overrides the sidecar)")
    parser.add_argument("--title", help="headline (overrides the sidecar and the first line)")


def confidence_flag(parser: argparse.ArgumentParser) -> None:
    from .extract.confidence_model import default_min_confidence

    parser.add_argument(
        "--min-confidence",
        type=probability,
        metavar="P",
        help="keep only the facts the learned model gives at least this confidence, 0 to 1 "
        f"(default: {default_min_confidence():g}, chosen by cross-validation; 0 keeps all)",
    )


def workers_flag(parser: argparse.ArgumentParser) -> None:
    from .config import default_workers

    parser.add_argument(
        "-j",
        "--workers",
        type=counting(1),
        default=default_workers(),
        help="processes that parse and extract (default: every core, %(default)s)",
    )


def components_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--components",
        metavar="NAMES",
        help="extraction components to run, comma-separated: 'rules' (the rule "
        "families; the default) and those of installed plug-ins "
        "(docs/extending.md)",
    )


def in_workers(args: argparse.Namespace) -> bool:
    """Whether other processes extract (-j N, --scheduler): they cannot see a plug-in registered
    at run time in this one.

    >>> in_workers(argparse.Namespace(workers=2)), in_workers(argparse.Namespace(workers=1))
    (True, False)
    """
    return getattr(args, "workers", 1) > 1 or bool(getattr(args, "scheduler", None))


def chosen_components(args: argparse.Namespace) -> tuple[str, ...] | None:
    """The --components given, checked before any article is read (None: the default)."""
    from .ingestion import chosen_components as checked

    return checked(args.components, in_workers(args))


def merge_policy_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--merge-policy",
        metavar="NAME",
        help="how the components' facts become one article's: 'spans' (one fact where "
        "components found the same; the default), 'rules' (all of them, as found) or one of "
        "an installed plug-in (docs/extending.md)",
    )


def chosen_merger(args: argparse.Namespace) -> str | None:
    """The --merge-policy given, checked before any article is read (None: the default)."""
    from .ingestion import chosen_merger as checked

    return checked(args.merge_policy, in_workers(args))


def stored_confidence_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--min-confidence",
        type=probability,
        metavar="P",
        help="leave out the facts stored with a lower nkg:confidence, 0 to 1 (default: none left out; "
        "the ingest kept those at the model's minimum)",
    )


def selection_flags(
    parser: argparse.ArgumentParser, actor: str, start: str, end: str, only: bool = True
) -> None:
    """--actor (and --only), --from, --to: the same flags wherever a command narrows the graph."""
    parser.add_argument("--actor", help=actor)
    if only:
        only_flag(parser)
    parser.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", type=iso_date, help=start)
    parser.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", type=iso_date, help=end)


def only_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--only",
        action="store_true",
        help="the --actor itself, not the named people affiliated with it (who speak for it)",
    )


def overrides(args: argparse.Namespace) -> dict:
    return {
        k: getattr(args, k)
        for k in ("published", "source", "url", "title")
        if getattr(args, k, None)
    }


def print_failures(report) -> None:
    for error in report.failed:
        say(f"kg: error: {error}")


def print_summary(counts: dict[str, int]) -> None:
    print(
        " ".join(
            f"{name}={counts[name]}"
            for name in ("articles", "actors", "events", "proposals", "positions", "triples")
        )
    )


# ---------------------------------------------------------------------- commands


def cmd_ingest(args: argparse.Namespace) -> int:
    from . import ingest
    from .progress import ingest_progress, summary_text
    from .read.articles import find_articles
    from .store import GraphStore

    components = chosen_components(args)
    merge = chosen_merger(args)
    total = len(find_articles(args.paths))
    with GraphStore(args.store) as store, ingest_progress(total, args.quiet) as progress:
        report = ingest(
            args.paths,
            store,
            progress=progress,
            workers=args.workers,
            scheduler=args.scheduler,
            extracted=getattr(progress, "extracted", None),
            min_confidence=args.min_confidence,
            components=components,
            merge=merge,
            **overrides(args),
        )
    print_failures(report)
    with GraphStore(args.store, read_only=True) as store:
        print_summary(store.summary())
    if report.failed or not args.quiet:
        say(f"kg: {summary_text(report)}" + (" (see above)" if report.failed else ""))
    return exit_status(report)


def exit_status(report) -> int:
    """0 all went in; 1 some failed, the others went in; 2 (or the errors' own code) nothing could go in."""
    if not report.failed:
        return 0
    if report.ingested or report.unchanged or report.republished:
        return 1
    return max(e.exit_code for e in report.failed) if report.failed else 2


def cmd_extract(args: argparse.Namespace) -> int:
    from . import ingest
    from .extract.explain import explanation_lines
    from .store import GraphStore, rdf_suffix

    out = None if args.output in (None, "-") else Path(args.output)
    if out is not None:
        try:
            rdf_suffix(out)  # an unknown extension fails before any parsing
        except KGError as e:
            raise InputError(e.subject, e.problem, e.hint) from None
    components = chosen_components(args)
    merge = chosen_merger(args)
    store = GraphStore()
    report = ingest(
        args.files,
        store,
        keep_facts=args.explain,
        min_confidence=args.min_confidence,
        components=components,
        merge=merge,
        **overrides(args),
    )
    if report.failed:
        print_failures(report)
        say("kg: nothing written; fix the input(s) above and run again")
        return max(max(e.exit_code for e in report.failed), 2 if not report.ingested else 1)
    if args.explain:
        for facts in report.facts:
            for line in explanation_lines(facts):
                print(line, file=sys.stderr if out is None else sys.stdout)
    if out is None:
        with tempfile.TemporaryDirectory() as d:
            path = store.dump(Path(d) / f"graph{args.format}")
            sys.stdout.write(path.read_text(encoding="utf-8"))
    else:
        store.dump(out)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from . import build
    from .progress import ingest_progress
    from .read.articles import find_articles

    components = chosen_components(args)
    with ingest_progress(len(find_articles([args.seeds])), args.quiet) as progress:
        result = build(
            args.seeds,
            args.store,
            args.exports,
            validate=not args.no_validate,
            workers=args.workers,
            progress=progress,
            min_confidence=args.min_confidence,
            components=components,
        )
    print_failures(result.report)
    tell = (lambda message: None) if args.quiet else say  # -q: errors only
    for path in result.written:
        tell(f"wrote {path}")
    photograph_graph_page(Path(args.exports), tell)
    if not args.quiet:
        print_summary(result.counts)
    return 0 if result.report.ok else 1


def cmd_export(args: argparse.Namespace) -> int:
    from .store import GraphStore
    from .store.backend import is_url
    from .store.files import inside
    from .views.export import write_exports

    if not is_url(args.store) and inside(Path(args.store), Path(args.output)):
        raise InputError(
            "--output",
            f"{args.output} holds the store {args.store}; the exports replace their folder whole",
            "give the exports a folder of their own",
        )
    formats = [n.strip() for n in args.format.split(",") if n.strip()] if args.format else None
    with GraphStore(args.store, read_only=True) as store:
        written = write_exports(store, args.output, formats)
    for path in written:
        say(f"wrote {path}")
    picture = Path(args.output) / "graph.png"
    if picture.exists() and any(p.name == "graph.html" for p in written):
        photograph_graph_page(
            Path(args.output), say
        )  # kg build took it: not left older than the page
    return 0


def photograph_graph_page(exports: Path, tell) -> None:
    """``exports/graph.png``, a picture of ``exports/graph.html`` (where a headless Chromium is)."""
    from .views.screenshot import screenshot

    picture = exports / "graph.png"
    if screenshot(exports / "graph.html", picture):
        tell(f"wrote {picture}")
    elif picture.exists():
        tell(f"{picture} is older than graph.html: no headless Chromium here to take it again")
    else:
        tell(
            "no screenshot of the graph page: no headless Chromium here (apt-get install chromium)"
        )


def cmd_validate(args: argparse.Namespace) -> int:
    from .store import GraphStore
    from .validate import load_union, validate_graph, validate_store

    if args.file:
        result, name = validate_graph(load_union(args.file)), args.file
    else:
        with GraphStore(args.store, read_only=True) as store:
            result, name = validate_store(store), args.store
    print(f"{name}: {result.text()}")
    return 0 if result.conforms else 5


def cmd_query(args: argparse.Namespace) -> int:
    from .errors import QuerySyntaxError
    from .query import (
        named_queries,
        query_name,
        query_text,
        query_with_timeout,
        unread_parameter,
    )

    if args.list or not args.query:
        for q in named_queries().values():
            params = f"  [--{' --'.join(q.parameters)}]" if q.parameters else ""
            print(f"{q.name:14} {q.description}{params}")
        return 0
    spec = sys.stdin.read() if args.query == "-" else args.query
    sparql = query_text(spec)
    params = {"actor": args.actor, "only": args.only, "from": args.date_from, "to": args.date_to}
    unread_parameter(sparql, params, args.query)
    fmt = "table" if args.format == "turtle" else args.format
    try:
        text = query_with_timeout(
            None if args.data else args.store,
            args.data,
            sparql,
            params,
            fmt,
            args.timeout,
            args.min_confidence,
        )
    except QuerySyntaxError as e:  # named as the user gave it: the file, the named query, stdin
        raise e.named(query_name(args.query)) from None
    print(text.rstrip("\n"))
    return 0


def cmd_proposals(args: argparse.Namespace) -> int:
    from .query import check_actor, named_queries, run_select
    from .store import GraphStore
    from .views.history import aligned

    with GraphStore(args.store, read_only=True) as store:
        check_actor(store, args.actor)
        rows = run_select(
            store,
            named_queries()["proposal-history"].text,
            {"actor": args.actor, "only": args.only},
        )
    print(
        aligned(
            rows,
            ("date", "proposer", "terms", "relation", "previous", "change", *via(rows)),
            width=90,
        )
    )
    return 0


def via(rows: list[dict]) -> tuple[str, ...]:
    """The ``via`` column where some row came in through a person affiliated with --actor."""
    return ("via",) if any(r.get("via") for r in rows) else ()


def cmd_positions(args: argparse.Namespace) -> int:
    from .query import check_actor, named_queries, run_select
    from .store import GraphStore
    from .views.history import aligned, mark_changes

    with GraphStore(args.store, read_only=True) as store:
        check_actor(store, args.actor)
        rows = run_select(
            store,
            named_queries()["positions-over-time"].text,
            {"actor": args.actor, "only": args.only},
        )
    if args.actor:  # one side's voice, its own and its people's, in one date order (changes are still per holder)
        rows.sort(key=lambda r: str(r["date"]))
    print(
        aligned(
            mark_changes(rows),
            ("date", "holder", "stance", "change", "topic", "about", *via(rows)),
            width=50,
        )
    )
    return 0


def cmd_deals(args: argparse.Namespace) -> int:
    from .store import GraphStore
    from .views.deals import cards_json, deal_cards, render_cards

    with GraphStore(args.store, read_only=True) as store:
        cards = deal_cards(store, args.actor)
    print(cards_json(cards) if args.format == "json" else render_cards(cards))
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    from .query import check_actor, substitutions
    from .store import GraphStore
    from .views.timeline import as_csv, as_json, as_table, timeline_rows

    # a bad date is refused before anything runs
    substitutions({"from": args.date_from, "to": args.date_to})
    with GraphStore(args.store, read_only=True) as store:
        check_actor(store, args.actor)
        rows = timeline_rows(
            store, args.actor, args.date_from, args.date_to, args.min_confidence, only=args.only
        )
    print({"table": as_table, "csv": as_csv, "json": as_json}[args.format](rows).rstrip("\n"))
    return 0


def cmd_viz(args: argparse.Namespace) -> int:
    from .query import open_source, substitutions
    from .views.deals import deal_cards
    from .views.graph_page import draws_overview, write_drawing
    from .views.network import ego, find_actor, to_networkx, window

    substitutions({"from": args.date_from, "to": args.date_to})
    with open_source(None if args.file else args.store, args.file) as store:
        G = to_networkx(store, args.min_confidence)
        deals = deal_cards(store, args.actor)  # those of the actor drawn, when one is
    title = "negotiation-kg graph"
    if args.date_from or args.date_to:
        G = window(G, args.date_from, args.date_to)
        title += f" {args.date_from or '…'} – {args.date_to or '…'}"
    if args.actor:
        try:
            G = ego(G, find_actor(G, args.actor), args.radius)
        except KeyError:
            raise InputError(
                "--actor", f"no actor called {args.actor!r} in the graph", "see: kg query actors"
            ) from None
        title += f" around {args.actor}"
    # counted: what it drew, not G
    drawn = write_drawing(G, args.output, title, overview=args.overview, deals=deals)
    what = (
        f"the actor overview: {drawn.number_of_nodes()} actors, {drawn.number_of_edges()} edges, of "
        f"{G.number_of_nodes()} nodes"
        if draws_overview(G, args.overview)
        else f"{drawn.number_of_nodes()} nodes, {drawn.number_of_edges()} edges"
    )
    say(f"wrote {args.output} ({what})")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve

    return serve(
        args.store,
        args.host,
        args.port,
        args.timeout,
        args.writable,
        args.memory_limit,
        tuple(args.allow_service),
    )


# ---------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Turn news articles about negotiations into a queryable knowledge graph.",
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "build",
        help="ingest seeds/ into a fresh store and write exports/",
        description="Ingest every article of --seeds into a fresh store, validate it, "
        "and write graph.trig/.ttl/.jsonld/.graphml/.html and timeline.csv/.html to --exports.",
    )
    p.add_argument(
        "--seeds", default=DEFAULT_SEEDS, help="directory of articles (default: %(default)s)"
    )
    p.add_argument("--store", help=f"store directory to (re)build (default: {STORE_HELP})")
    p.add_argument(
        "--exports", default=DEFAULT_EXPORTS, help="output directory (default: %(default)s)"
    )
    p.add_argument("--no-validate", action="store_true", help="skip the SHACL validation")
    confidence_flag(p)
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    workers_flag(p)
    components_flag(p)
    p.set_defaults(func=cmd_build)

    p = sub.add_parser(
        "ingest",
        help="add articles to the store (replacing earlier versions)",
        description="Add article files (text or HTML; a directory means every article in it) "
        "to the store, one named graph per article.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="article file or directory")
    store_flag(p)
    metadata_flags(p)
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="extract on a Dask distributed cluster: its scheduler (tcp://HOST:8786), or 'local' to start one",
    )
    confidence_flag(p)
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or lines")
    workers_flag(p)
    components_flag(p)
    merge_policy_flag(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser(
        "extract",
        help="extract the given articles into one RDF file",
        description="Extract the given articles into a temporary store and write one RDF file "
        "(format from the extension: .trig .nq .ttl .nt .jsonld).",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="article file or directory")
    p.add_argument("-o", "--output", metavar="OUT", help="output file; '-' or none: TriG on stdout")
    p.add_argument(
        "--format",
        default=".trig",
        choices=[".trig", ".nq", ".ttl", ".nt", ".jsonld"],
        help="format for stdout (default: %(default)s)",
    )
    p.add_argument(
        "--explain",
        action="store_true",
        help="print, per sentence, what was extracted and by which rule, then each fact's factuality and "
        "confidence",
    )
    confidence_flag(p)
    components_flag(p)
    merge_policy_flag(p)
    metadata_flags(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("export", help="write exports from the existing store")
    store_flag(p)
    p.add_argument(
        "-o", "--output", default=DEFAULT_EXPORTS, help="output directory (default: %(default)s)"
    )
    p.add_argument(
        "--format",
        metavar="NAMES",
        help="write only these export formats, comma-separated (the other files of the "
        "folder stay): trig, ttl, jsonld, graphml, graph-page, timeline, tables, and "
        "those of installed plug-ins (default: every built-in one)",
    )
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "validate", help="check a graph file or the store against ontology/shapes.ttl"
    )
    p.add_argument("file", nargs="?", help="RDF file to check (default: the store)")
    store_flag(p)
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser(
        "query",
        help="run SPARQL or a named analyst query on the store",
        description="Run a SPARQL query (text, a .rq file, '-' for stdin, or the name of a query of "
        "queries/: see --list) with the ontology's prefixes predeclared. SELECT and ASK "
        "print a table or --format csv/tsv/json/xml; CONSTRUCT and DESCRIBE print Turtle.",
    )
    p.add_argument("query", nargs="?", help="SPARQL text, FILE.rq, '-' or a query name")
    p.add_argument("--list", action="store_true", help="list the named queries")
    store_flag(p)
    p.add_argument("--data", metavar="FILE", help="query this RDF file instead of the store")
    p.add_argument(
        "--format",
        default="table",
        choices=["table", "csv", "tsv", "json", "xml", "turtle"],
        help="result format (default: %(default)s)",
    )
    p.add_argument(
        "--timeout",
        type=seconds,
        default=60,
        help="seconds before the query is stopped (default: %(default)s; 0: none)",
    )
    selection_flags(
        p,
        "bind the query's ?actor parameter (any name of an actor)",
        "bind ?from: events ending on or after",
        "bind ?to: events starting on or before",
    )
    stored_confidence_flag(p)
    p.set_defaults(func=cmd_query)

    for name, func, whose, summary, description in (
        (
            "proposals",
            cmd_proposals,
            "proposer",
            "each proposal's history: versions, counter-proposals, what changed",
            "Print the proposals in date order by proposer, each with the version it revises or the proposal it "
            "answers, and what changed term by term.",
        ),
        (
            "positions",
            cmd_positions,
            "holder",
            "an actor's stances in date order, marking where they changed",
            "Print positions in date order by holder, marking where a holder's stance on the same proposal, event "
            "or topic changed.",
        ),
    ):
        p = sub.add_parser(name, help=summary, description=description)
        store_flag(p)
        p.add_argument(
            "--actor",
            help=f"only this {whose} (any of its names), and the named people affiliated with it",
        )
        only_flag(p)
        p.set_defaults(func=func)

    p = sub.add_parser(
        "deals",
        help="each deal: parties, broker, terms, when it began and ended, who accepted it",
        description="Print a card per deal: its parties and broker, its terms with who gives and "
        "who receives, when it began, was extended and ended, and who accepted or rejected it, "
        "each line with its sentence and article.",
    )
    store_flag(p)
    p.add_argument(
        "--actor",
        help="only deals this actor (any of its names) is a party to, proposed or brokered",
    )
    p.add_argument(
        "--format", default="text", choices=["text", "json"], help="(default: %(default)s)"
    )
    p.set_defaults(func=cmd_deals)

    p = sub.add_parser(
        "timeline",
        help="print the events in date order",
        description="Print the events of the store in date order (the same event reported by several "
        "articles once): date or range, type, participants, evidence, source article.",
    )
    store_flag(p)
    selection_flags(
        p,
        "only events this actor (any of its names) takes part in",
        "only events ending on or after",
        "only events starting on or before",
    )
    p.add_argument(
        "--format", default="table", choices=["table", "csv", "json"], help="(default: %(default)s)"
    )
    stored_confidence_flag(p)
    p.set_defaults(func=cmd_timeline)

    p = sub.add_parser(
        "viz",
        help="write the interactive graph page for the store, a file, or a part of them",
        description="Write a self-contained HTML page drawing the graph (or the neighbourhood of an "
        "actor, or a time window): search, filters, hover details; it opens offline.",
    )
    p.add_argument("file", nargs="?", help="an RDF file to draw instead of the store")
    store_flag(p)
    p.add_argument(
        "-o", "--output", default="graph.html", help="page to write (default: %(default)s)"
    )
    selection_flags(
        p,
        "only the neighbourhood of this actor",
        "only events and proposals from this day",
        "only events and proposals up to this day",
        only=False,
    )
    p.add_argument(
        "--radius", type=counting(0), default=2, help="steps around --actor (default: %(default)s)"
    )
    p.add_argument(
        "--overview",
        action="store_true",
        help="draw the actors only, joined by who met, rejects or accepts whom (the default above 300 nodes)",
    )
    stored_confidence_flag(p)
    p.set_defaults(func=cmd_viz)

    p = sub.add_parser(
        "serve",
        help="serve the store as a SPARQL endpoint (Oxigraph), read-only by default",
        description="Serve the store over the SPARQL 1.1 Protocol with Oxigraph's server: GET and POST "
        "queries, JSON/XML/CSV/TSV/Turtle results, a YASGUI page at /. Ctrl-C stops it.",
    )
    p.add_argument("--store", help=f"store directory (default: {STORE_HELP})")
    p.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: %(default)s)"
    )
    p.add_argument(
        "--port", type=counting(1, 65535), default=7878, help="port (default: %(default)s)"
    )
    p.add_argument(
        "--timeout",
        type=counting(1, 86400),
        default=30,
        help="query timeout in seconds, at most a day (default: %(default)s)",
    )
    p.add_argument(
        "--writable",
        action="store_true",
        help="accept SPARQL updates (no other writer can then open the store)",
    )
    p.add_argument(
        "--memory-limit",
        type=counting(512, 1 << 24),
        default=4096,
        metavar="MB",
        help="memory the SPARQL server may use; past it, it is restarted (default: %(default)s)",
    )
    p.add_argument(
        "--allow-service",
        action="append",
        default=[],
        type=host_name,
        metavar="HOST",
        help="let SERVICE (and an update's LOAD) reach this host (host or host:port); repeatable. "
        "Without it, a query calling another endpoint is refused (403)",
    )
    p.set_defaults(func=cmd_serve)
    return parser


class Terminated(KeyboardInterrupt):
    """The process was asked to stop (SIGTERM): unwound as Ctrl-C is, so workers stop and locks are
    released."""


def stop_on_term(signum, frame) -> None:
    raise Terminated()


# the commands that write: TERM stops their workers and releases their lock. Not the others: a
# query's child process must keep TERM's default, which stops it even inside a long native call
UNWOUND_ON_TERM = ("ingest", "build", "export", "extract")


OS_PROBLEMS = {
    errno.ENOSPC: ("the disk is full", "free some space and run again"),
    errno.EDQUOT: ("the disk quota is used up", "free some space and run again"),
    errno.EROFS: ("the file system is read-only", "give a path on a writable file system"),
    errno.EACCES: ("permission denied", "check the permissions of the path"),
    errno.EPERM: ("operation not permitted", "check the permissions of the path"),
}


def os_problem(error: OSError) -> str:
    """One line for a failure of the operating system (a full disk, a read-only file system...):
    what, where, and what to do; what was committed before it stays in the store.

    >>> os_problem(OSError(errno.ENOSPC, "No space left on device", "store/000012.log"))
    'store/000012.log: the disk is full; free some space and run again (what was written before
    stays as it was)'
    """
    from .store.values import store_problem

    default = (store_problem(error), "check the path and the disk")
    problem, hint = OS_PROBLEMS.get(error.errno, default)
    where = error.filename if error.filename is not None else "kg"
    return f"{where}: {problem}; {hint} (what was written before stays as it was)"


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command in UNWOUND_ON_TERM and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, stop_on_term)
    try:
        if (
            "store" in args and args.store is None
        ):  # named once, in KG_STORE or kg.toml, not on every command
            args.store = default_store()
        return args.func(args)
    except KGError as e:
        say(f"kg: error: {e}")
        return e.exit_code
    except Terminated:
        say("kg: stopped (TERM); run the command again to finish")
        return 143
    except KeyboardInterrupt:
        say("kg: interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except OSError as e:  # a full disk or a read-only file system no stage turned into a KGError
        say(f"kg: error: {os_problem(e)}")
        return 3


if __name__ == "__main__":
    sys.exit(main())
