"""Render the README's pictures from real stores with headless Chromium: ``make pictures``.

- ``docs/timeline.png``: the timeline page of the seed store (one negotiation), as it opens: the
  negotiation first, an item clicked to show its sentence and article;
- ``docs/overview.png``: the actor overview of a multi-article store (``--corpus``, by default the
  development articles of ``../shared/eval/dev`` where they are, else the seeds), one actor clicked
  to list its items with their sentences and articles;
- ``docs/graph.png``: the graph page of the seed store.

Nothing here is drawn by hand: each picture is the page ``kg`` writes, opened in Chromium
(Playwright, from the test extra) and photographed.

    python docs/render_pictures.py [--corpus DIR] [--out docs]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 900}


def built(corpus: Path, where: Path) -> tuple[Path, Path]:
    """A store of ``corpus`` and its exports, written under ``where``."""
    import kg

    store, exports = where / "store", where / "exports"
    kg.build(corpus, store, exports, validate=False)
    return store, exports


def overview_page(store: Path, out: Path) -> Path:
    """The actor overview page of ``store``."""
    import kg
    from kg.views.graph_page import write_graph_page

    return write_graph_page(
        kg.open(store).to_networkx(), out, "negotiation-kg: actor overview", overview=True
    )


def most_active(page) -> str:
    """The id of the overview's actor with the most items to list."""
    return page.evaluate(
        "kgNetwork.nodes.get().sort((a, b) => JSON.parse(b.details || '[]').length"
        " - JSON.parse(a.details || '[]').length)[0].id"
    )


def photograph(browser, page_file: Path, png: Path, ready: str, then=None) -> None:
    """Open ``page_file``, wait for ``ready`` (a JavaScript condition), run ``then(page)``, save
    ``png``."""
    page = browser.new_page(viewport=VIEWPORT)
    page.route(
        "**/*",
        lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort(),
    )
    page.goto(page_file.resolve().as_uri())
    page.wait_for_function(ready, timeout=120_000)
    if then:
        then(page)
    page.wait_for_timeout(500)
    page.screenshot(path=str(png))
    page.close()


def click_actor(page) -> None:
    node = most_active(page)
    page.evaluate(
        f"kgNetwork.network.selectNodes([{node!r}]); "
        f"kgNetwork.network.body.emitter.emit('selectNode', {{nodes: [{node!r}]}})"
    )


def click_meeting(page) -> None:
    if page.locator(".vis-item.meeting").count():
        page.click(".vis-item.meeting >> nth=0")
        page.mouse.move(5, 5)  # the panel below says it all; no tooltip over the axis


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--corpus",
        type=Path,
        default=DEV if DEV.is_dir() else ROOT / "seeds",
        help="articles of the multi-article store for the overview (default: %(default)s)",
    )
    ap.add_argument(
        "--out",
        type=Path,
        default=ROOT / "docs",
        help="where the pictures go (default: %(default)s)",
    )
    args = ap.parse_args(argv)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print(
            "render_pictures: no headless Chromium here (apt-get install chromium)", file=sys.stderr
        )
        return 2
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="kg-pictures-") as tmp:
        seed_store, seed_exports = built(ROOT / "seeds", Path(tmp) / "seed")
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for article in args.corpus.iterdir():  # the articles and their sidecars, not the gold files
            if not article.name.endswith(".gold.json"):
                shutil.copy2(article, corpus / article.name)
        corpus_store, _ = built(corpus, Path(tmp) / "many")
        overview = overview_page(corpus_store, Path(tmp) / "overview.html")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=ARGS)
            photograph(
                browser,
                seed_exports / "timeline.html",
                args.out / "timeline.png",
                "window.timelineSettled === true",
                click_meeting,
            )
            photograph(
                browser,
                overview,
                args.out / "overview.png",
                "window.kgNetwork && window.kgNetwork.settled === true",
                click_actor,
            )
            photograph(
                browser,
                seed_exports / "graph.html",
                args.out / "graph.png",
                "window.kgNetwork && window.kgNetwork.settled === true",
            )
            browser.close()
    for name in ("timeline.png", "overview.png", "graph.png"):
        print(f"wrote {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
