"""Views and exports at corpus size: to_networkx, every export, and the pages' time to interactive in Chromium.

Ingests Reuters-21578 stories from ../shared/corpora/ (never copied into the project) into a temporary
store, then prints, side by side: the time of the networkx conversion and of `kg export`; whether GraphML
edge ids are unique and JSON-LD has a context; and how long headless Chromium takes until each page is
drawn and answers (the graph page, as its actor overview and in full at --nodes nodes, and the timeline).

    python benchmarks/bench_views.py [--stories 1000] [--nodes 2000] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import CORPUS, stories
from bench_ingest import write_articles


def timed(func):
    began = time.perf_counter()
    value = func()
    return time.perf_counter() - began, value


def time_to_interactive(path: Path, ready: str) -> float:
    """Seconds from opening ``path`` in headless Chromium until the JavaScript condition ``ready`` holds."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium())
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        began = time.perf_counter()
        page.goto(path.resolve().as_uri())
        page.wait_for_function(ready, timeout=120_000)
        seconds = time.perf_counter() - began
        browser.close()
    return seconds


def chromium() -> str | None:
    import shutil

    return shutil.which("chromium") or shutil.which("chromium-browser")


def main() -> int:
    from kg.ingestion import ingest
    from kg.store import GraphStore
    from kg.views.export import write_exports
    from kg.views.graph_page import graph_page, most_connected
    from kg.views.network import to_networkx

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stories", type=int, default=1000)
    ap.add_argument(
        "--nodes",
        type=int,
        default=2000,
        help="nodes of the full graph page timed (default: %(default)s)",
    )
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    if not CORPUS.exists():
        print(f"{CORPUS} is not here (a clone has no ../shared); nothing to measure")
        return 0
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        write_articles(stories(CORPUS, args.stories, talks_only=False), tmp / "articles")
        with GraphStore(tmp / "store") as store:
            ingest_s, report = timed(
                lambda: ingest([tmp / "articles"], store, workers=args.workers)
            )
            counts = store.summary()
        print(f"ingested {len(report.ingested)} stories in {ingest_s:.0f} s: {counts}")
        with GraphStore(tmp / "store", read_only=True) as store:
            nx_s, G = timed(lambda: to_networkx(store))
            export_s, _ = timed(lambda: write_exports(store, tmp / "exports"))
        graphml = (tmp / "exports" / "graph.graphml").read_text(encoding="utf-8")
        ids = re.findall(r'<edge [^>]*id="([^"]+)"', graphml)
        context = "@context" in json.loads(
            (tmp / "exports" / "graph.jsonld").read_text(encoding="utf-8")
        )
        sub = most_connected(G, args.nodes)
        (tmp / "full.html").write_text(
            graph_page(sub, max_nodes=sub.number_of_nodes()), encoding="utf-8"
        )
        print(f"\n{'step':44}{'seconds':>10}  bar")
        print(f"{'to_networkx (' + str(G.number_of_nodes()) + ' nodes)':44}{nx_s:10.1f}  ≤ 30")
        print(f"{'kg export (every file)':44}{export_s:10.1f}  ≤ 60")
        print(
            f"{'GraphML edge ids unique':44}{str(len(ids) == len(set(ids))):>10}  ({len(ids)} edges)"
        )
        print(f"{'JSON-LD has @context':44}{str(context):>10}")
        if chromium() is None:
            print("no Chromium here: page times not measured (apt-get install chromium)")
            return 0
        drawn = "window.kgNetwork && window.kgNetwork.drawn === true"
        pages = [
            (
                "graph page: actor overview (exports/graph.html)",
                tmp / "exports" / "graph.html",
                drawn,
            ),
            (f"graph page: full, {sub.number_of_nodes()} nodes", tmp / "full.html", drawn),
            (
                "timeline page (exports/timeline.html)",
                tmp / "exports" / "timeline.html",
                "document.querySelectorAll('.vis-item').length > 0",
            ),
        ]
        for name, path, ready in pages:
            print(f"{name:44}{time_to_interactive(path, ready):10.1f}  ≤ 3")
    return 0


if __name__ == "__main__":
    sys.exit(main())
