"""Ingesting: article files → read → annotate → extract → reconcile → RDF → load → link, in bounded batches.

Articles stream through in batches of ``batch_size``: each batch is parsed and
extracted (on ``workers`` processes), then loaded, one transaction per article,
before the next batch is read, so memory stays bounded whatever the corpus
and a crash loses at most the batch in flight. An article whose content the
store already holds is skipped, so a rerun after a crash does not redo what is
in. One bad article never stops the others: it is named in the report, with
why, at whatever stage it failed.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from itertools import islice
from multiprocessing import get_context
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .read.articles import Article, content_digest, find_articles, read_articles
from .errors import InputError, KGError
from .facts import ArticleFacts, rename_actors
from .link.proposals import relink_lineage
from .link.events import relink
from .link.names import full_names, stored_names
from .rdf.graph import article_graph
from .rdf.iris import article_iri
from .reconcile import reconcile_labels
from .store import GraphStore

BATCH_SIZE = 64


@dataclass
class IngestReport:
    """What an ingest did: the articles stored, skipped as unchanged, and the inputs that failed, with why."""

    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[KGError] = field(default_factory=list)
    facts: list[ArticleFacts] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: {"events": 0, "proposals": 0, "positions": 0})

    @property
    def ok(self) -> bool:
        return not self.failed


class ExtractionError(KGError):
    """An article that made the parser or a rule fail."""

    exit_code = 1


def extract_one(annotated) -> ArticleFacts | KGError:
    """The facts of one parsed article, or the error that names it."""
    from .extract import extract_facts

    try:
        return extract_facts(annotated)
    except KGError as e:
        return e
    except Exception as e:  # a rule's bug must not take the other articles down: report it, go on
        return ExtractionError(annotated.article.path, f"extraction failed ({type(e).__name__}: {e})",
                               "report this as a bug with the article attached")


def facts_of(articles: list[Article]) -> list[ArticleFacts | KGError]:
    """Parse and extract each article, in order; an article that fails yields its error instead.

    Paragraphs of the batch share spaCy's batches; if the parser fails on the
    batch, each article is parsed alone, so that only the bad one fails.
    """
    from .annotate import annotate

    try:
        return [extract_one(a) for a in annotate(articles)]
    except Exception:
        pass
    out: list[ArticleFacts | KGError] = []
    for article in articles:
        try:
            out.append(extract_one(next(annotate([article]))))
        except Exception as e:
            out.append(ExtractionError(article.path, f"the parser failed ({type(e).__name__}: {str(e)[:200]})",
                                       "check the file is an article; report it if it is"))
    return out


def batched(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def default_workers() -> int:
    """Every core the process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class Extractor:
    """Runs :func:`facts_of` on batches: in this process (``workers=1``), on a pool of processes, or on a Dask
    distributed cluster (``scheduler``: ``"local"`` starts one on this machine, else the scheduler's address).

    The store is written by this process alone; workers only parse and extract, and send back plain facts.
    """

    def __init__(self, workers: int, scheduler: str | None = None) -> None:
        self.workers = max(1, workers)
        self.pool = None
        self.cluster = None
        if scheduler:
            self.pool = dask_client(scheduler, self.workers)
            self.workers = max(1, len(self.pool.scheduler_info().get("workers", {})) or self.workers)
        elif self.workers > 1:
            # spawn: a fresh interpreter per worker, safe beside the store's threads
            self.pool = ProcessPoolExecutor(self.workers, mp_context=get_context("spawn"))

    def map(self, batches: Iterable[list[Article]]) -> Iterator[tuple[list[Article], list]]:
        """(batch, its facts) for each batch, in order; at most two batches per worker in flight."""
        if self.pool is None:
            for batch in batches:
                yield batch, facts_of(batch)
            return
        pending = []
        for batch in batches:
            for part in batched(batch, max(1, -(-len(batch) // self.workers))):
                pending.append((part, self.pool.submit(facts_of, part)))
            while len(pending) > 2 * self.workers:
                part, future = pending.pop(0)
                yield part, self.result(part, future)
        for part, future in pending:
            yield part, self.result(part, future)

    @staticmethod
    def result(part: list[Article], future) -> list:
        """The facts a worker found; if the worker died (killed, out of memory), the part is done here."""
        try:
            return future.result()
        except BrokenProcessPool:
            return facts_of(part)

    def close(self) -> None:
        if isinstance(self.pool, ProcessPoolExecutor):
            self.pool.shutdown(cancel_futures=True)
        elif self.pool is not None:  # a Dask client, and the local cluster it started
            cluster = getattr(self.pool, "cluster", None)
            self.pool.close()
            if cluster is not None:
                cluster.close()


def dask_client(scheduler: str, workers: int):
    """A Dask distributed client: of a new local cluster (``"local"``) or of the scheduler at ``scheduler``."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise InputError("--scheduler", "Dask distributed is not installed",
                         "pip install 'negotiation-kg[cluster]' (or: pip install 'dask[distributed]')") from None
    if scheduler == "local":
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        return Client(cluster)
    try:
        return Client(scheduler, timeout=30)
    except OSError as e:
        raise InputError("--scheduler", f"cannot reach the Dask scheduler at {scheduler} ({e})",
                         "check the address, e.g. tcp://10.0.0.5:8786") from None


def new_articles(paths: Iterable[str | Path], store: GraphStore, report: IngestReport,
                 overrides: dict) -> Iterator[Article]:
    """The readable articles of ``paths`` that the store does not hold yet, each identity once."""
    seen: dict[str, Article] = {}
    for item in read_articles(find_articles(paths), **overrides):
        if isinstance(item, InputError):
            report.failed.append(item)
            continue
        first = seen.get(item.slug)
        if first is not None:
            if content_digest(first) != content_digest(item):  # same URL, different text: a real collision
                report.failed.append(InputError(item.path, f"has the same URL as {first.path} but another text",
                                                "give each article its own URL, or ingest them separately"))
            else:
                report.unchanged.append(item.path)  # the same article twice: stored once
            continue
        seen[item.slug] = item
        if store.digest_of(str(article_iri(item.slug))) == content_digest(item):
            report.unchanged.append(item.path)
            continue
        yield item


def load(facts: ArticleFacts, store: GraphStore, report: IngestReport, keep_facts: bool) -> None:
    """Reconcile one article's graph with the store and load it in one transaction."""
    try:
        store.replace_article(reconcile_labels(article_graph(facts), store))
    except KGError as e:
        report.failed.append(e)
        return
    except Exception as e:
        report.failed.append(ExtractionError(facts.article.path, f"the graph could not be built ({type(e).__name__}: "
                                             f"{e})", "report this as a bug with the article attached"))
        return
    report.ingested.append(facts.article.slug)
    for name in report.counts:
        report.counts[name] += len(getattr(facts, name))
    if keep_facts:
        report.facts.append(facts)


def ingest(paths: Iterable[str | Path], store: GraphStore, *, keep_facts: bool = False,
           progress: Callable[[IngestReport, int], None] | None = None, workers: int = 1,
           batch_size: int = BATCH_SIZE, link: bool = True, scheduler: str | None = None,
           **overrides) -> IngestReport:
    """Ingest the articles at ``paths`` (files or directories) into ``store``.

    ``overrides`` (``published``, ``source``, ``url``, ``title``) replace the
    sidecar metadata of every article. ``workers`` processes parse and extract;
    with ``scheduler`` they are the workers of a Dask cluster instead. ``progress(report, done)`` is called
    after each batch. Raises :class:`InputError` only when a path cannot be
    found at all; per-article failures are in the report.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("Talks\\nHamas said on Monday it would not negotiate.\\n")
    >>> _ = (d / "b.txt").write_bytes(b"")
    >>> store = GraphStore()
    >>> report = ingest([d], store, published="2024-01-28")
    >>> [s[:2] for s in report.ingested], [e.problem for e in report.failed]
    (['a-'], ['the file is empty'])
    >>> ingest([d / "a.txt"], store, published="2024-01-28").unchanged    # already in: skipped
    ['...a.txt']
    """
    report = IngestReport()
    extractor = Extractor(workers, scheduler)
    known = stored_names(store)  # the store's names, read once, then kept up to date batch by batch
    done = 0
    try:
        for batch, results in extractor.map(batched(new_articles(paths, store, report, overrides), batch_size)):
            good = [r for r in results if isinstance(r, ArticleFacts)]
            report.failed.extend(r for r in results if not isinstance(r, ArticleFacts))
            # "Netanyahu" here, "Benjamin Netanyahu" there, "Antony"/"Anthony Blinken": one actor, one IRI
            variants = full_names(store, good, known)
            names = {old: new for old, (new, _) in variants.items()}
            for facts in good:
                notes = tuple((new, f"{old.label}: {why}") for old, (new, why) in variants.items()
                              if any(a.ref == old for a in facts.actors))
                renamed = replace(rename_actors(facts, names), resolutions=notes)
                load(renamed, store, report, keep_facts)
                for a in renamed.actors:
                    if a.kind in ("Person", "Organization"):
                        known[a.ref] = known.get(a.ref, 0) + 1
            if link:  # the same event reported by articles already in: linked as each batch goes in
                relink(store, [str(article_iri(f.article.slug)) for f in good if f.article.slug in report.ingested])
            done += len(batch)
            if progress:
                progress(report, done)
    finally:
        extractor.close()
    if report.ingested and link:
        relink_lineage(store)  # how the proposals moved: versions and counter-proposals
    return report
