"""Exporting the store: one ``write_*`` function per format, and all of them at once.

Everything is written to a temporary directory beside ``exports/`` first and
moved into place only when every file is written, so a failure leaves the
previous exports as they were.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import networkx as nx

from .timeline import write_timeline
from .graph_page import write_graph_page
from .network import to_networkx, write_graphml
from ..store import GraphStore
from .tables import write_tables

EXPORT_FILES = ("graph.trig", "graph.ttl", "graph.jsonld", "graph.graphml", "graph.html", "timeline.csv",
                "timeline.html", "tables")


def write_rdf(store: GraphStore, path: Path) -> Path:
    return store.dump(path)


def write_network(store: GraphStore, graphml: Path, page: Path) -> nx.MultiDiGraph:
    """Write the GraphML and the graph page; the graph they show, for the tables to reuse."""
    G = to_networkx(store)
    write_graphml(G, graphml)
    write_graph_page(G, page, title="negotiation-kg graph")
    return G


def write_exports(store: GraphStore, out_dir: str | Path) -> list[Path]:
    """Write the graph (``graph.trig``, ``.ttl``, ``.jsonld``, ``.graphml``, ``.html``) and the timeline
    (``timeline.csv``, ``timeline.html``) of ``store`` into ``out_dir``, and the CSV tables (``tables/``).

    >>> import tempfile
    >>> [p.name for p in write_exports(GraphStore(), tempfile.mkdtemp())]
    ['graph.trig', 'graph.ttl', 'graph.jsonld', 'graph.graphml', 'graph.html', 'timeline.csv', 'timeline.html', 'tables']
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    # named as a build's staging folders are, so that the next build removes it if this one is killed
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name.lstrip('.')}.staging-", dir=out_dir.parent))
    try:
        for name in ("graph.trig", "graph.ttl", "graph.jsonld"):
            write_rdf(store, staging / name)
        G = write_network(store, staging / "graph.graphml", staging / "graph.html")
        write_timeline(store, staging / "timeline.csv", staging / "timeline.html")
        write_tables(store, staging / "tables", G)  # the same graph: read from the store once
        written = []
        for name in EXPORT_FILES:
            if name == "tables" and (out_dir / name).is_dir():
                shutil.rmtree(out_dir / name)  # ours, written by the last export
            os.replace(staging / name, out_dir / name)
            written.append(out_dir / name)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)
