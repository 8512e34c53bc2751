"""Exporting the store: one ``write_*`` function per format, and all of them at once, swapped in
whole.

Everything is written to a staging folder beside ``exports/`` first, and the
folder replaces ``exports/`` only when every file is written (the user's own
files carried over), so a failure or a kill leaves the previous exports as they were.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import networkx as nx

from .timeline import write_timeline
from .deals import deal_cards
from .graph_page import write_graph_page
from .network import to_networkx, write_graphml
from ..errors import InputError
from ..store import (GraphStore, is_store_directory, recover_directory, replace_directory,
                     staging_directory)
from .tables import write_tables

EXPORT_FILES = ("graph.trig", "graph.ttl", "graph.jsonld", "graph.graphml", "graph.html", "timeline.csv",
                "timeline.html", "tables")


def write_rdf(store: GraphStore, path: Path) -> Path:
    return store.dump(path)


def write_network(store: GraphStore, graphml: Path, page: Path) -> nx.MultiDiGraph:
    """Write the GraphML and the graph page; the graph they show, for the tables to reuse."""
    G = to_networkx(store)
    write_graphml(G, graphml)
    write_graph_page(G, page, title="negotiation-kg graph", deals=deal_cards(store))
    return G


def write_export_files(store: GraphStore, folder: Path) -> list[Path]:
    """Write every export of ``store`` into the (new, empty) ``folder``."""
    for name in ("graph.trig", "graph.ttl", "graph.jsonld"):
        write_rdf(store, folder / name)
    G = write_network(store, folder / "graph.graphml", folder / "graph.html")
    write_timeline(store, folder / "timeline.csv", folder / "timeline.html")
    write_tables(store, folder / "tables", G)  # the same graph: read from the store once
    return [folder / name for name in EXPORT_FILES]


def exports_target(out_dir: str | Path, flag: str = "--output") -> Path:
    """The exports folder ``out_dir`` (a link to a folder: the folder itself), refusing what must
    not be replaced by one: a file, a store, the current folder or one above it."""
    out_dir = Path(out_dir)
    if out_dir.is_symlink() and out_dir.is_dir():
        out_dir = out_dir.resolve()
    if os.path.lexists(out_dir) and not out_dir.is_dir():
        raise InputError(flag, f"{out_dir} is a file; the exports are a folder of files and would "
                         "replace it",
                         "give a folder, e.g. exports")
    if out_dir.is_dir() and is_store_directory(out_dir):
        raise InputError(flag, f"{out_dir} is a store; the exports would replace it",
                         "give another folder")
    here = Path.cwd().resolve()
    if out_dir.resolve() == here or out_dir.resolve() in here.parents:
        raise InputError(flag, f"{out_dir} holds the current folder; the exports replace their "
                         "folder whole",
                         "give a folder of its own, e.g. exports")
    return out_dir


def write_exports(store: GraphStore, out_dir: str | Path) -> list[Path]:
    """Write the graph (``graph.trig``, ``.ttl``, ``.jsonld``, ``.graphml``, ``.html``) and the timeline
    (``timeline.csv``, ``timeline.html``) of ``store`` into ``out_dir``, and the CSV tables (``tables/``).

    The files are written into a staging folder beside ``out_dir``, the user's own files of
    ``out_dir`` (in ``tables/`` too) are carried over, and the folder is swapped in whole: a failure
    or a kill leaves the previous exports as they were, and the next export removes what a kill
    left.

    >>> import tempfile
    >>> [p.name for p in write_exports(GraphStore(), Path(tempfile.mkdtemp()) / "exports")]
    ['graph.trig', 'graph.ttl', 'graph.jsonld', 'graph.graphml', 'graph.html', 'timeline.csv', 'timeline.html', 'tables']
    """
    out_dir = exports_target(out_dir)
    recover_directory(out_dir)
    staging = staging_directory(out_dir)
    try:
        write_export_files(store, staging)
        replace_directory(staging, out_dir, keep_others=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [out_dir / name for name in EXPORT_FILES]
