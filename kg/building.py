"""Building: articles → a fresh store, checked against the shapes, and its exports — all or nothing.

The new store is built beside the old one and replaces it only when every
step has passed; the exports are written to a staging folder and swapped in
whole, so a kill at any point leaves the old store and the old exports (or,
after the swap, the new ones), never a mix. Only a directory this tool made
is ever replaced, and a store another kg process is writing to is left alone.
Leftovers of an interrupted build are cleaned up by the next one.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .errors import InputError, KGError, StoreError, ValidationError
from .ingestion import IngestReport, ingest
from .store import GraphStore, is_store_directory, store_lock
from .store.backend import is_url


@dataclass
class BuildResult:
    """What a build wrote, with the ingest report and the store's counts."""

    report: IngestReport
    written: list[Path] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def inside(path: Path, other: Path) -> bool:
    """Is ``path`` ``other`` or inside it?"""
    path, other = path.resolve(), other.resolve()
    return path == other or other in path.parents


def check_targets(seeds: Path, store: Path, exports: Path) -> None:
    """Refuse a build that would replace something that is not ours, or overlap its own inputs."""
    if store.exists() and not store.is_dir():
        raise StoreError(store, "this is a file, not a store directory", "give a directory for --store")
    if store.is_dir() and any(store.iterdir()) and not is_store_directory(store):
        raise StoreError(store, "the directory holds files that are not a negotiation-kg store; it was left alone",
                         "give a new or empty directory for --store")
    for name, path in (("--seeds", seeds), ("--exports", exports)):
        if inside(path, store) or inside(store, path):
            raise InputError(name, f"{path} and the store {store} overlap; the build would replace one with the other",
                             "give them separate directories")


def clean_leftovers(parent: Path, prefix: str) -> None:
    """Remove staging folders of interrupted builds (``.NAME.building-*``, ``.NAME.old-*``)."""
    for leftover in parent.glob(f".{prefix}.*-*"):
        if leftover.is_dir() and leftover.name.split(".")[-1].split("-")[0] in ("building", "old", "staging"):
            shutil.rmtree(leftover, ignore_errors=True)


def swap_directory(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is; the old one is removed only once the new one is in place."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def restore_interrupted(target: Path) -> None:
    """A build killed between its two renames left only ``.NAME.old-*``: put it back."""
    if not target.exists():
        olds = sorted(target.parent.glob(f".{target.name}.old-*"))
        if olds:
            os.replace(olds[-1], target)


def write_exports_whole(store: GraphStore, exports: Path) -> list[Path]:
    """Write every export into a staging folder, carry over the user's own files, then swap the folder in."""
    from .views.export import EXPORT_FILES, write_exports

    exports.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{exports.name}.staging-", dir=exports.parent))
    try:
        write_exports(store, staging)
        if exports.is_dir():
            for item in exports.iterdir():  # files of the user's in exports/ stay
                if item.name not in EXPORT_FILES and not (staging / item.name).exists():
                    (shutil.copytree if item.is_dir() else shutil.copy2)(item, staging / item.name)
        swap_directory(staging, exports)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [exports / name for name in EXPORT_FILES]


def build(seeds: str | Path = "seeds", store: str | Path = "store", exports: str | Path = "exports", *,
          validate: bool = True, workers: int = 1, progress: Callable | None = None) -> BuildResult:
    """Ingest every article of ``seeds`` into a fresh store at ``store``, validate it, write ``exports``.

    Raises :class:`KGError` (store and exports left as they were) when nothing
    could be ingested, the graph does not conform, or a target is not ours.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> (d / "seeds").mkdir()
    >>> _ = (d / "seeds" / "a.txt").write_text("Talks\\nHamas said on Monday it would not negotiate.\\n")
    >>> result = build(d / "seeds", d / "store", d / "exports", validate=False)
    >>> result.counts["articles"], sorted(p.name for p in (d / "exports").iterdir())[:2]
    (1, ['graph.graphml', 'graph.html'])
    """
    from .validate import validate_store

    if is_url(store):
        raise InputError(store, "kg build replaces a store directory all at once; a SPARQL server cannot be swapped",
                         "fill the server with: kg ingest seeds --store URL")
    seeds, store, exports = Path(seeds), Path(store), Path(exports)
    check_targets(seeds, store, exports)
    store.parent.mkdir(parents=True, exist_ok=True)
    with store_lock(store):  # no ingest may write the store while it is rebuilt, nor start during the swap
        for target in (store, exports):
            restore_interrupted(target)
            clean_leftovers(target.parent, target.name)
        staging = Path(tempfile.mkdtemp(prefix=f".{store.name}.building-", dir=store.parent))
        try:
            with GraphStore(staging, lock=False) as new:
                report = ingest([seeds], new, progress=progress, workers=workers,
                                extracted=getattr(progress, "extracted", None))
                if not report.ingested:
                    raise InputError(seeds, "no article could be ingested; store and exports left as they were",
                                     "fix the articles named above")
                if validate:
                    result = validate_store(new)
                    if not result.conforms:
                        raise ValidationError("the built graph", f"does not conform to ontology/shapes.ttl:\n"
                                              f"{result.text()}", "store and exports were left as they were")
                written = write_exports_whole(new, exports)
                counts = new.summary()
            swap_directory(staging, store)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(report, written, counts)


__all__ = ["BuildResult", "KGError", "build"]
