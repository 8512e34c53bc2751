"""Cross-article event linking at corpus size: its share of ingest time, and the shape of its groups.

Ingests stories without linking, then links every article as an ingest would
(each article's events against the store), and prints the time of each, the
share of linking, and the groups of linked reports: how many, the largest, and
the widest span of dates within one group. Reads Reuters-21578 from
../shared/corpora/, or any folder of articles given with --articles.

    python benchmarks/bench_linking.py [--stories 1000] [--articles DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import CORPUS, stories
from bench_ingest import write_articles

GROUPS = """SELECT ?a ?b ?ea ?la ?eb ?lb WHERE {
  GRAPH <https://w3id.org/negotiation-kg/id/graph/same-events> { ?a owl:sameAs ?b }
  OPTIONAL { GRAPH ?g { ?a nkg:earliestDate ?ea ; nkg:latestDate ?la } }
  OPTIONAL { GRAPH ?h { ?b nkg:earliestDate ?eb ; nkg:latestDate ?lb } } }"""


def main() -> int:
    from kg.ingestion import ingest
    from kg.link.events import relink
    from kg.store import GraphStore

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument(
        "--articles", type=Path, help="a folder of articles instead of Reuters stories"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--talks-only", action="store_true", help="only the stories about talks and negotiations"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.articles
        if folder is None:
            if not CORPUS.exists():
                print(f"{CORPUS} not found: give --articles DIR", file=sys.stderr)
                return 2
            folder = Path(tmp) / "stories"
            write_articles(stories(CORPUS, args.stories, talks_only=args.talks_only), folder)
        with GraphStore(Path(tmp) / "store") as store:
            began = time.perf_counter()
            report = ingest([folder], store, workers=args.workers, link=False)
            ingest_s = time.perf_counter() - began
            began = time.perf_counter()
            links = relink(store)
            link_s = time.perf_counter() - began
            rows = store.select(GROUPS)
    G = nx.Graph()
    span: dict[str, tuple] = {}
    for r in rows:
        G.add_edge(r["a"], r["b"])
        for node, earliest, latest in ((r["a"], r["ea"], r["la"]), (r["b"], r["eb"], r["lb"])):
            span[node] = (earliest, latest)
    groups = list(nx.connected_components(G))
    spans = [(max(span[n][1] for n in g) - min(span[n][0] for n in g)).days for g in groups]
    widest = max(spans, default=0)
    not_cliques = sum(G.subgraph(g).number_of_edges() != len(g) * (len(g) - 1) // 2 for g in groups)
    print(
        f"{len(report.ingested)} articles: ingest without linking {ingest_s:.1f} s, linking {link_s:.1f} s "
        f"({100 * link_s / (ingest_s + link_s):.1f}% of the whole)"
    )
    print(
        f"{links} links in {len(groups)} groups; largest group {max(map(len, groups), default=0)} reports; "
        f"widest date span within a group {widest} days"
    )
    print(
        f"groups of more than 5 reports: {sum(len(g) > 5 for g in groups)}; spanning more than 2 days: "
        f"{sum(d > 2 for d in spans)}; not a clique (a chained merge): {not_cliques}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
