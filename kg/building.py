"""Building: articles → a fresh store, checked against the shapes, and its exports — all or nothing.

The new store is built beside the old one and replaces it only when every
step has passed; the exports are written to a staging folder and swapped in
whole, so a kill at any point leaves the old store and the old exports (or,
after the swap, the new ones), never a mix. Only a directory this tool made
is ever replaced, and a store another process is writing to (a kg ingest, a
``kg serve --writable``) is left alone. An article whose own graph fails the
shapes is named and left out; the others are built. Leftovers of an
interrupted build are cleaned up by the next one.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from .errors import InputError, KGError, StoreError, ValidationError
from .ingestion import IngestReport, chosen_components, ingest
from .rdf.iris import local_name
from .store import (
    GraphStore,
    held_open_for_writing,
    is_store_directory,
    recover_directory,
    replace_directory,
    staging_directory,
    store_lock,
)
from .store.backend import is_url
from .store.files import inside
from .views.export import exports_target, write_exports


@dataclass
class BuildResult:
    """What a build wrote, with the ingest report and the store's counts."""

    report: IngestReport
    written: list[Path] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def check_targets(seeds: Path, store: Path, exports: Path) -> None:
    """Refuse a build that would replace something that is not ours, or overlap its own inputs."""
    if store.exists() and not store.is_dir():
        raise StoreError(
            store, "this is a file, not a store directory", "give a directory for --store"
        )
    if store.is_dir() and any(store.iterdir()) and not is_store_directory(store):
        raise StoreError(
            store,
            "the directory holds files that are not a negotiation-kg store; it was left alone",
            "give a new or empty directory for --store",
        )
    for name, path in (("--seeds", seeds), ("--exports", exports)):
        if inside(path, store) or inside(store, path):
            raise InputError(
                name,
                f"{path} and the store {store} overlap; the build would replace one with the other",
                "give them separate directories",
            )
    if inside(exports, seeds) or inside(seeds, exports):
        raise InputError(
            "--exports",
            f"{exports} and the seeds {seeds} overlap; the exports replace their folder whole",
            "give the exports a folder of their own",
        )
    exports_target(exports, "--exports")
    check_not_served(store)


def check_not_served(store: Path) -> None:
    """Refuse to replace a store another process holds open for writing (``kg serve --writable``):
    what that process goes on accepting would go into the replaced store, and be lost."""
    if store.is_dir() and held_open_for_writing(store):
        raise StoreError(
            store,
            "another process holds the store open for writing (kg serve "
            "--writable?); replacing it would lose what that process writes",
            "stop it first, then build again",
        )


def article_name(store: GraphStore, article: str) -> str:
    """An article as the user knows it: its name in IRIs (its file's name first), its headline."""
    rows = store.select(
        "SELECT ?a ?h WHERE { GRAPH ?a { ?a schema:headline ?h } } LIMIT 1", {"a": URIRef(article)}
    )
    return f"{local_name(article)} ({rows[0]['h'][:80]!r})" if rows else local_name(article)


def suspects(store: GraphStore, report) -> list[str]:
    """The article graphs that say anything about the focus nodes of a validation report."""
    found: set[str] = set()
    for focus in {v.focus for v in report.violations}:
        rows = store.select(
            "SELECT DISTINCT ?x ?g WHERE { GRAPH ?g { ?x ?p ?o } }", {"x": URIRef(focus)}
        )
        found.update(str(r["g"]) for r in rows if "/article/" in str(r["g"]))
    return sorted(found)


def leave_out_failing_articles(store: GraphStore, report, failed: list[KGError]) -> int:
    """Remove from ``store`` each article whose own graph does not conform, naming it in ``failed``,
    and recompute the links without it; how many were left out. A violation only the union of
    several articles shows (one actor, two labels in two articles) is left for the caller."""
    from .link.events import relink
    from .link.proposals import relink_lineage
    from .validate import validate_graph

    left_out = 0
    for article in suspects(store, report):
        graph = store.query(
            "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?a { ?s ?p ?o } }", {"a": URIRef(article)}
        ).graph
        alone = validate_graph(graph)
        if not alone.conforms:
            failed.append(
                ValidationError(
                    article_name(store, article),
                    "left out of the build: its graph does not "
                    f"conform to ontology/shapes.ttl ({alone.text()})",
                    "the other articles were built; report this with the article attached",
                )
            )
            store.drop_graph(article)
            left_out += 1
    if left_out:
        relink(store)
        relink_lineage(store)
    return left_out


def validated(store: GraphStore, report: IngestReport) -> None:
    """Validate the built store: an article whose graph fails the shapes is left out and named in
    ``report``; raise :class:`ValidationError` if the rest still does not conform."""
    from .validate import validate_store

    result = validate_store(store)
    if not result.conforms and leave_out_failing_articles(store, result, report.failed):
        result = validate_store(store)
    if not result.conforms:
        raise ValidationError(
            "the built graph",
            f"does not conform to ontology/shapes.ttl:\n{result.text()}",
            "store and exports were left as they were",
        )
    if not store.articles():
        raise ValidationError(
            "the built graph",
            "every article was left out; store and exports left as they were",
            "see the articles named above",
        )


def build(
    seeds: str | Path = "seeds",
    store: str | Path = "store",
    exports: str | Path = "exports",
    *,
    validate: bool = True,
    workers: int = 1,
    progress: Callable | None = None,
    min_confidence: float | None = None,
    components: str | Iterable[str] | None = None,
) -> BuildResult:
    """Ingest every article of ``seeds`` into a fresh store at ``store``, validate it, write ``exports``.
    ``components``: the extraction components to run (default: the rules; see
    :func:`kg.ingestion.ingest`).

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
    if is_url(store):
        raise InputError(
            store,
            "kg build replaces a store directory all at once; a SPARQL server cannot be swapped",
            "fill the server with: kg ingest seeds --store URL",
        )
    seeds, store, exports = Path(seeds), Path(store), Path(exports)
    components = chosen_components(components, workers > 1)  # refused before anything is touched
    check_targets(seeds, store, exports)
    store.parent.mkdir(parents=True, exist_ok=True)
    with store_lock(
        store
    ):  # no ingest may write the store while it is rebuilt, nor start during the swap
        recover_directory(store)
        staging = staging_directory(store, "building")
        try:
            with GraphStore(staging, lock=False) as new:
                report = ingest(
                    [seeds],
                    new,
                    progress=progress,
                    workers=workers,
                    min_confidence=min_confidence,
                    extracted=getattr(progress, "extracted", None),
                    components=components,
                )
                if not report.ingested:
                    raise InputError(
                        seeds,
                        "no article could be ingested; store and exports left as they were",
                        "fix the articles named above",
                    )
                if validate:
                    validated(new, report)
                # a server started while the articles went in: refused before anything is replaced
                check_not_served(store)
                written = write_exports(new, exports)
                counts = new.summary()
            check_not_served(store)
            replace_directory(staging, store)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(report, written, counts)


__all__ = ["BuildResult", "KGError", "build"]
