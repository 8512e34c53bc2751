"""The same analyst queries on the Oxigraph store and on rdflib's in-memory dataset, side by side.

The corpus is the seed article's graph replicated under new article IRIs until
it holds about a million triples (the actors keep their IRIs, as a corpus about
one negotiation does). Both engines load the same N-Quads; each query runs on
both; rdflib's runs are stopped after --limit seconds (shown as ">LIMIT").

    python benchmarks/bench_query.py [--copies 1900] [--limit 120]
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Dataset

from kg.ingestion import facts_of
from kg.query import named_queries
from kg.rdf.graph import article_graph
from kg.read.articles import read_article
from kg.store import QUERY_PREFIXES, GraphStore

SEED = Path(__file__).resolve().parents[1] / "seeds" / "gaps-remain-2024-01-28.txt"
QUERIES = ("timeline", "meetings", "met-whom", "proposals", "positions")


def corpus_file(copies: int, directory: Path) -> tuple[Path, int]:
    """Write ``copies`` renamed copies of the seed graph as N-Quads; return the file and its quad count."""
    graph = article_graph(next(iter(facts_of([read_article(SEED)]))))
    base = str(graph.identifier)
    lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    path = directory / "corpus.nq"
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for n in range(copies):
            name = f"{base}-copy-{n}"
            for line in lines:
                # every IRI minted under the article moves with its copy; actors stay shared
                out.write(line.replace(base, name)[:-1].rstrip() + f" <{name}> .\n")
                count += 1
    return path, count


def prefixed(text: str) -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in QUERY_PREFIXES.items()) + text


def time_rdflib(ds: Dataset, text: str, conn) -> None:
    start = time.perf_counter()
    try:
        rows = len(list(ds.query(prefixed(text))))
    except Exception as e:  # rdflib's evaluator fails on some valid SPARQL; the table says so
        conn.send((None, type(e).__name__))
        return
    conn.send((time.perf_counter() - start, rows))


def run_rdflib(ds: Dataset, text: str, limit: float) -> tuple[float | None, int | None]:
    """Run one query on rdflib in a forked child, stopped after ``limit`` seconds."""
    parent, child = multiprocessing.Pipe(duplex=False)
    proc = multiprocessing.get_context("fork").Process(target=time_rdflib, args=(ds, text, child))
    proc.start()
    if not parent.poll(limit):
        proc.terminate()
        proc.join()
        return None, None
    result = parent.recv()
    proc.join()
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--copies", type=int, default=1900, help="copies of the seed graph (default: %(default)s)"
    )
    ap.add_argument(
        "--limit", type=float, default=120, help="seconds before an rdflib query is stopped"
    )
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as d:
        path, quads = corpus_file(args.copies, Path(d))
        print(f"corpus: {quads:,} quads in {args.copies:,} named graphs")
        start = time.perf_counter()
        store = GraphStore(Path(d) / "store")
        store.load(path)
        ox_load = time.perf_counter() - start
        start = time.perf_counter()
        ds = Dataset(default_union=True)
        ds.parse(path, format="nquads")
        rdf_load = time.perf_counter() - start
        print(f"{'load':12}{ox_load:10.1f} s (Oxigraph){rdf_load:12.1f} s (rdflib)")
        print(f"{'query':12}{'Oxigraph':>12}{'rdflib':>12}{'ratio':>10}{'rows':>8}")
        for name in QUERIES:
            text = named_queries()[name].text
            start = time.perf_counter()
            ox_rows = len(store.select(text))
            ox_secs = time.perf_counter() - start
            rdf_secs, rdf_rows = run_rdflib(ds, text, args.limit)
            if isinstance(rdf_rows, str):  # rdflib raised this error on a valid query
                shown, ratio = f" {rdf_rows:>11}", f"{'n/a':>10}"
            elif rdf_secs is None:
                shown, ratio = (
                    f"{'>' + str(int(args.limit)):>11}s",
                    f"{'>' + str(int(args.limit / ox_secs)):>9}x",
                )
            else:
                shown, ratio = f"{rdf_secs:11.2f}s", f"{rdf_secs / ox_secs:9.1f}x"
            print(f"{name:12}{ox_secs:11.2f}s{shown}{ratio}{ox_rows:8}")
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
