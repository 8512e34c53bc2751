"""Exporting the store: each format one registered function, and all of them at once, swapped in
whole.

An export format is a function ``(store, folder) -> [paths written]`` registered under a name
(``@export_format("graphml")``, or an entry point of the group ``negotiation_kg.exports``);
``kg export --format NAME`` writes that one, ``kg export`` every built-in one.
Everything is written to a staging folder beside ``exports/`` first, and the
folder replaces ``exports/`` only when every file is written (the user's own
files, and with ``--format`` the other formats' files, carried over), so a failure or a kill
leaves the previous exports as they were.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import networkx as nx

from .. import plugins
from ..errors import InputError
from ..store import (
    GraphStore,
    is_store_directory,
    recover_directory,
    replace_directory,
    staging_directory,
)
from .deals import deal_cards
from .graph_page import write_graph_page
from .network import to_networkx, write_graphml
from .tables import write_tables
from .timeline import write_timeline

ExportFormat = Callable[[GraphStore, Path], list[Path]]
_SHARED: dict[int, nx.MultiDiGraph] = {}  # the store's graph, while several formats are written


def export_format(name: str) -> Callable[[ExportFormat], ExportFormat]:
    """Register a function ``(store, folder) -> [paths]`` as the export format ``name``.

    >>> @export_format("actor-count")
    ... def actor_count(store, folder):
    ...     path = folder / "actors.txt"
    ...     _ = path.write_text(str(store.summary()["actors"]))
    ...     return [path]
    >>> import tempfile
    >>> [p.name for p in write_exports(GraphStore(), Path(tempfile.mkdtemp()) / "out", ["actor-count"])]
    ['actors.txt']
    >>> plugins.unregister("export", "actor-count")
    """

    def register(func: ExportFormat) -> ExportFormat:
        plugins.register(name, "export", obj=func)
        return func

    return register


@contextmanager
def network_shared(store: GraphStore) -> Iterator[None]:
    """While several formats are written, the store's graph is read once."""
    _SHARED[id(store)] = None
    try:
        yield
    finally:
        _SHARED.pop(id(store), None)


def network_of(store: GraphStore) -> nx.MultiDiGraph:
    """The store's graph as networkx draws it (read once while :func:`network_shared`)."""
    if _SHARED.get(id(store)) is not None:
        return _SHARED[id(store)]
    G = to_networkx(store)
    if id(store) in _SHARED:
        _SHARED[id(store)] = G
    return G


@export_format("trig")
def write_trig(store: GraphStore, folder: Path) -> list[Path]:
    """``graph.trig``: every article's named graph."""
    return [store.dump(folder / "graph.trig")]


@export_format("ttl")
def write_turtle(store: GraphStore, folder: Path) -> list[Path]:
    """``graph.ttl``: the union of the graphs, as Turtle."""
    return [store.dump(folder / "graph.ttl")]


@export_format("jsonld")
def write_jsonld(store: GraphStore, folder: Path) -> list[Path]:
    """``graph.jsonld``: the named graphs as expanded JSON-LD."""
    return [store.dump(folder / "graph.jsonld")]


@export_format("graphml")
def write_graphml_file(store: GraphStore, folder: Path) -> list[Path]:
    """``graph.graphml``: the graph networkx draws, for Gephi."""
    write_graphml(network_of(store), folder / "graph.graphml")
    return [folder / "graph.graphml"]


@export_format("graph-page")
def write_graph_html(store: GraphStore, folder: Path) -> list[Path]:
    """``graph.html``: the interactive graph page, with the deal cards."""
    page = folder / "graph.html"
    write_graph_page(network_of(store), page, title="negotiation-kg graph", deals=deal_cards(store))
    return [page]


@export_format("timeline")
def write_timeline_files(store: GraphStore, folder: Path) -> list[Path]:
    """``timeline.csv`` and ``timeline.html``: the events in date order."""
    write_timeline(store, folder / "timeline.csv", folder / "timeline.html")
    return [folder / "timeline.csv", folder / "timeline.html"]


@export_format("tables")
def write_table_files(store: GraphStore, folder: Path) -> list[Path]:
    """``tables/``: the CSV tables."""
    write_tables(store, folder / "tables", network_of(store))
    return [folder / "tables"]


def default_formats() -> list[str]:
    """The formats ``kg export`` writes without ``--format``: the built-in ones.

    >>> default_formats()
    ['trig', 'ttl', 'jsonld', 'graphml', 'graph-page', 'timeline', 'tables']
    """
    return [
        n for n in plugins.names("export") if plugins.origin("export", n) == plugins.BUILT_IN_ORIGIN
    ]


def write_export_files(
    store: GraphStore, folder: Path, formats: Iterable[str] | None = None
) -> list[Path]:
    """Write the ``formats`` (default: :func:`default_formats`) of ``store`` into the (new, empty)
    ``folder``; the paths written."""
    writers = [plugins.get("export", name) for name in (formats or default_formats())]
    written: list[Path] = []
    with network_shared(store):
        for write in writers:
            written.extend(write(store, folder))
    return list(dict.fromkeys(written))


def exports_target(out_dir: str | Path, flag: str = "--output") -> Path:
    """The exports folder ``out_dir`` (a link to a folder: the folder itself), refusing what must
    not be replaced by one: a file, a store, the current folder or one above it."""
    out_dir = Path(out_dir)
    if out_dir.is_symlink() and out_dir.is_dir():
        out_dir = out_dir.resolve()
    if os.path.lexists(out_dir) and not out_dir.is_dir():
        raise InputError(
            flag,
            f"{out_dir} is a file; the exports are a folder of files and would replace it",
            "give a folder, e.g. exports",
        )
    if out_dir.is_dir() and is_store_directory(out_dir):
        raise InputError(
            flag, f"{out_dir} is a store; the exports would replace it", "give another folder"
        )
    here = Path.cwd().resolve()
    if out_dir.resolve() == here or out_dir.resolve() in here.parents:
        raise InputError(
            flag,
            f"{out_dir} holds the current folder; the exports replace their folder whole",
            "give a folder of its own, e.g. exports",
        )
    return out_dir


def write_exports(
    store: GraphStore, out_dir: str | Path, formats: Iterable[str] | None = None
) -> list[Path]:
    """Write the graph (``graph.trig``, ``.ttl``, ``.jsonld``, ``.graphml``, ``.html``) and the timeline
    (``timeline.csv``, ``timeline.html``) of ``store`` into ``out_dir``, and the CSV tables (``tables/``);
    or only the export ``formats`` named (the other files of ``out_dir`` kept).

    The files are written into a staging folder beside ``out_dir``, the user's own files of
    ``out_dir`` (in ``tables/`` too) are carried over, and the folder is swapped in whole: a failure
    or a kill leaves the previous exports as they were, and the next export removes what a kill
    left.

    >>> import tempfile
    >>> [p.name for p in write_exports(GraphStore(), Path(tempfile.mkdtemp()) / "exports")]
    ['graph.trig', 'graph.ttl', 'graph.jsonld', 'graph.graphml', 'graph.html', 'timeline.csv',
     'timeline.html', 'tables']
    """
    formats = list(formats or default_formats())
    for name in formats:
        plugins.get("export", name)  # an unknown name is refused before anything is written
    out_dir = exports_target(out_dir)
    recover_directory(out_dir)
    staging = staging_directory(out_dir)
    try:
        written = write_export_files(store, staging, formats)
        replace_directory(staging, out_dir, keep_others=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [out_dir / p.relative_to(staging) for p in written]
