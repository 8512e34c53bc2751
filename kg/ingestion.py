"""Ingesting: article files → read → annotate → extract → reconcile → RDF → load → link, in bounded batches.

Articles stream through in batches of ``batch_size``: each batch is parsed and
extracted (on ``workers`` processes), then loaded in one transaction (one per
article if one of them fails), linked and committed before the next batch is
read, so memory stays bounded whatever the corpus and a crash loses at most the
batch in flight. An article whose content the
store already holds is skipped, so a rerun after a crash does not redo what is
in. One bad article never stops the others: it is named in the report, with
why, at whatever stage it failed.
"""

from __future__ import annotations

import os
import pickle
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import islice
from multiprocessing import get_context
from pathlib import Path

from rdflib import Literal

from . import __version__
from .config import default_workers  # noqa: F401 (re-exported)
from .errors import InputError, KGError
from .facts import Actor, ArticleFacts, rename_actors
from .identity.across import NameIndex
from .identity.labels import actor_labels, labels_agree, reconcile_labels
from .link.events import relink
from .link.proposals import link_lineage, pending_marks
from .link.republished import Republications, stored_republications
from .rdf.graph import article_graph
from .rdf.iris import article_iri
from .rdf.namespace import NKG
from .read.articles import Article, content_digest, find_articles, read_articles
from .store import GraphStore
from .store.graphstore import ntriples_of

DISTRIBUTION = "negotiation-kg"  # the package's name, as the workers' environments know it
# what a worker's results start with: the version that packed them, checked by the writer
STAMP = f"{DISTRIBUTION} {__version__}\n".encode()
# articles loaded in one transaction and flushed to disk together: 200 short topical articles
# (about 6 MB of N-Triples) cost the writer and the store's merging 4.6-5.4 ms per article at
# 30,000 stored, against 5.5-5.8 in batches of 100 and 6.4-6.8 in batches of 64 (each flush's
# files are merged into all the store's; docs/scale.md, "Batches of 200")
BATCH_SIZE = 200
PART_SIZE = 4  # articles a worker extracts at once: a progress bar moves by this much at most
# on a Dask cluster, where each task costs its client and its scheduler messages of their own
DASK_PART_SIZE = 16
# a local Dask cluster's event loops check they are not blocked once a second, not every 20 ms
LOCAL_DASK_CONFIG = {"distributed.admin.tick.interval": "1s"}
LOOKUP_SIZE = 64  # articles read ahead, whose state in the store is asked in one query


@dataclass
class IngestReport:
    """What an ingest did: the articles stored, skipped as unchanged, and the inputs that failed, with why."""

    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    republished: list[str] = field(default_factory=list)  # copies of a stored story, folded into it
    failed: list[KGError] = field(default_factory=list)
    facts: list[ArticleFacts] = field(default_factory=list)
    counts: dict[str, int] = field(
        default_factory=lambda: {"events": 0, "proposals": 0, "positions": 0}
    )

    @property
    def ok(self) -> bool:
        return not self.failed


class ExtractionError(KGError):
    """An article that made the parser or a rule fail."""

    exit_code = 1


def extract_one(
    annotated,
    min_confidence: float | None = None,
    components: tuple[str, ...] | None = None,
    merge: str | None = None,
) -> ArticleFacts | KGError:
    """The facts of one parsed article (those of at least ``min_confidence``, found by the named
    ``components``, default the rules, merged by the ``merge`` policy, default ``spans``), or the
    error that names it."""
    from .extract.pipeline import DEFAULT_MERGER, component_names, extract_facts

    try:
        return extract_facts(
            annotated, component_names(components), merge or DEFAULT_MERGER, min_confidence
        )
    except KGError as e:
        return e
    except Exception as e:  # a rule's bug must not take the other articles down: report it, go on
        return ExtractionError(
            annotated.article.path,
            f"extraction failed ({type(e).__name__}: {e})",
            "report this as a bug with the article attached",
        )


def facts_of(
    articles: list[Article],
    min_confidence: float | None = None,
    components: tuple[str, ...] | None = None,
    merge: str | None = None,
) -> list[ArticleFacts | KGError]:
    """Parse and extract each article, in order; an article that fails yields its error instead.

    Paragraphs of the batch share spaCy's batches; if the parser fails on the
    batch, each article is parsed alone, so that only the bad one fails.
    """
    from .annotate import annotate

    try:
        return [extract_one(a, min_confidence, components, merge) for a in annotate(articles)]
    except Exception:
        pass
    out: list[ArticleFacts | KGError] = []
    for article in articles:
        try:
            out.append(extract_one(next(annotate([article])), min_confidence, components, merge))
        except Exception as e:
            out.append(
                ExtractionError(
                    article.path,
                    f"the parser failed ({type(e).__name__}: {str(e)[:200]})",
                    "check the file is an article; report it if it is",
                )
            )
    return out


COUNTED = ("events", "proposals", "positions")  # the facts an ingest's report counts


@dataclass
class Prepared:
    """An article's graph, built and serialized by the worker that extracted it, ready to load,
    with what the process that writes the store reads of its facts: the article, its actors'
    names, how many facts of each counted kind.

    ``ntriples`` is None when the worker could not build the graph: the main process builds it
    again and reports why. ``labels``: each actor IRI's ``rdfs:label`` values in that graph, what
    reconciling checks. The facts themselves (:attr:`facts`) travel pickled and are unpickled
    only if asked for (an article renamed, an ingest that keeps its facts): some eighty Python
    objects per short article, which the writer would otherwise decode and then carry through
    its batch (its garbage collector scanning them again and again).

    >>> p = Prepared.of(ArticleFacts(Article("a.txt", "a", "Talks", "Talks")))
    >>> q = pickle.loads(pickle.dumps(p))
    >>> q.article.slug, q.counts["events"], q.facts == p.facts
    ('a', 0, True)
    """

    article: Article
    actors: tuple[Actor, ...]  # each actor by its name alone (kind and label): what names read
    counts: dict[str, int]
    ntriples: str | None = None
    labels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    packed_facts: bytes | None = None  # the facts pickled, as a worker sent them
    unpacked_facts: ArticleFacts | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(
        cls,
        facts: ArticleFacts,
        ntriples: str | None = None,
        labels: dict[str, tuple[str, ...]] | None = None,
    ) -> Prepared:
        """``facts``, their graph as ``ntriples`` (None: not built) and its actors' ``labels``."""
        return cls(
            facts.article,
            tuple(Actor(a.ref) for a in facts.actors),
            {name: len(getattr(facts, name)) for name in COUNTED},
            ntriples,
            labels or {},
            unpacked_facts=facts,
        )

    @property
    def facts(self) -> ArticleFacts:
        """The article's facts (unpickled the first time they are asked for: :meth:`unpack`)."""
        return self.unpack()

    def unpack(self) -> ArticleFacts:
        """The article's facts, unpickled now if they are not yet; if this process cannot read
        them (its worker runs another version), the error that names the article.

        >>> p = Prepared.of(ArticleFacts(Article("a.txt", "a", "Talks", "Talks")))
        >>> replace(p, packed_facts=b"?", unpacked_facts=None).unpack()
        Traceback (most recent call last):
        kg.ingestion.ExtractionError: a.txt: its facts came from a worker running another ...
        """
        if self.unpacked_facts is None:
            try:
                self.unpacked_facts = pickle.loads(self.packed_facts)
            except Exception as e:  # the other articles are still to be loaded: this one fails
                raise unreadable_facts(self.article.path, e) from e
        return self.unpacked_facts

    @property
    def named(self) -> ArticleFacts:
        """The facts that resolving names reads: the article and its actors' names."""
        return ArticleFacts(self.article, actors=self.actors)

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        if state["packed_facts"] is None:
            state["packed_facts"] = pickle.dumps(self.facts, protocol=pickle.HIGHEST_PROTOCOL)
        state["unpacked_facts"] = None
        return state


def unreadable_facts(path: str, error: Exception) -> ExtractionError:
    """The error of the article at ``path`` whose facts a worker sent back and this process cannot
    unpickle (``error``): the worker runs another version of negotiation-kg (or of Python).

    >>> print(unreadable_facts("a.txt", AttributeError("no attribute 'Event'")).problem[:52])
    its facts came from a worker running another version
    """
    return ExtractionError(
        path,
        "its facts came from a worker running another version of negotiation-kg (or of Python): "
        f"this process cannot read them ({type(error).__name__}: {str(error)[:200]})",
        "install the same version of negotiation-kg on the workers and the client, "
        "then ingest again",
    )


def prepare(facts: ArticleFacts) -> Prepared:
    """``facts`` with their article graph as N-Triples (without the content digest, which goes in
    last)."""
    try:
        graph = article_graph(facts)
        graph.remove((graph.identifier, NKG.contentDigest, None))
        return Prepared.of(facts, ntriples_of(graph), actor_labels(graph))
    except Exception:  # the main process's own attempt reports it, with the article's name
        return Prepared.of(facts)


def prepared_of(
    articles: list[Article],
    min_confidence: float | None = None,
    components: tuple[str, ...] | None = None,
    build: bool = True,
    merge: str | None = None,
) -> list[Prepared | KGError]:
    """What a worker hands back: each article's facts with its serialized graph (``build``; else
    the facts alone, their graph to be built once their names are resolved), or the error that
    names it. ``components``: names, looked up in the worker's own registry (built-in components
    and entry points; not those registered at run time in the parent); ``merge``: the merge
    policy's name, looked up the same way."""
    return [
        (prepare(r) if build else Prepared.of(r)) if isinstance(r, ArticleFacts) else r
        for r in facts_of(articles, min_confidence, components, merge)
    ]


def graphs_of(facts: list[ArticleFacts]) -> list[Prepared]:
    """Each of ``facts`` with its serialized graph: the graphs of articles whose names were
    resolved to the store's actors after their worker had built them.

    >>> facts = ArticleFacts(Article("a.txt", "a", "Talks", "Talks"))
    >>> [p.ntriples.startswith("<") for p in graphs_of([facts])]
    [True]
    """
    return [prepare(f) for f in facts]


def packed(results: list) -> bytes:
    """``results`` as a worker sends them back: pickled and compressed, one bytes object, after
    the version of negotiation-kg that packed them (:data:`STAMP`).

    A short article's graph is some 26 kB of N-Triples and 2 kB compressed; the process that
    writes the store (and a Dask scheduler, which relays results) then receives a few kB per
    article in one object, not the graph's text and the facts' objects to decode on its way in.

    >>> unpacked(packed([1, "a"]))
    [1, 'a']
    """
    return STAMP + zlib.compress(pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL), 1)


def unpacked(data: bytes) -> list:
    """What :func:`packed` packed; refused (ValueError) if another version of negotiation-kg
    packed it: a worker that joined a Dask cluster after its versions were checked.

    >>> unpacked(b"negotiation-kg 0.0.1\\n...")
    Traceback (most recent call last):
    ValueError: sent by negotiation-kg 0.0.1, not negotiation-kg ...
    """
    if not data.startswith(STAMP):
        head = data[:40].split(b"\n", 1)[0].decode(errors="replace")
        sender = head if head.startswith(f"{DISTRIBUTION} ") else f"an earlier {DISTRIBUTION}"
        raise ValueError(f"sent by {sender}, not {STAMP.decode().strip()}")
    return pickle.loads(zlib.decompress(data[len(STAMP) :]))


def sent_back(part: list[Article], data: bytes) -> list:
    """What a worker sent back for the articles of ``part`` (:func:`unpacked`), or, if this process
    cannot read it (a worker of another version), the error of each of them.

    >>> [e.subject for e in sent_back([Article("a.txt", "a", "Talks", "Talks")], b"?")]
    ['a.txt']
    """
    try:
        return unpacked(data)
    except Exception as e:
        return [unreadable_facts(article.path, e) for article in part]


def packed_prepared_of(
    articles: list[Article],
    min_confidence: float | None = None,
    components: tuple[str, ...] | None = None,
    merge: str | None = None,
) -> bytes:
    """What a worker sends back for ``articles``: :func:`prepared_of` them, :func:`packed`."""
    return packed(prepared_of(articles, min_confidence, components, merge=merge))


def packed_graphs_of(facts: list[ArticleFacts]) -> bytes:
    """What a worker sends back for renamed ``facts``: :func:`graphs_of` them, :func:`packed`."""
    return packed(graphs_of(facts))


def batched(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def die_with_parent(parent: int) -> None:
    """Run first in each worker process: the worker ends when ``parent`` (the ingest) does, however
    it ends.

    Killed with SIGKILL, a parent runs no clean-up; its workers would wait for work forever. On
    Linux the kernel sends the worker SIGKILL when its parent dies (``PR_SET_PDEATHSIG``);
    elsewhere, and as a second guard, a thread sees the worker handed to another parent and ends it.
    """
    import ctypes
    import signal
    import threading
    import time

    with suppress(OSError, AttributeError):  # not Linux
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)
    threading.Thread(target=watch, daemon=True, name="die-with-parent").start()


class Extractor:
    """Runs :func:`facts_of` on batches: in this process (``workers=1``), on a pool of processes, or on a Dask
    distributed cluster (``scheduler``: ``"local"`` starts one on this machine, else the scheduler's address).

    The store is written by this process alone; workers parse, extract and build each article's
    graph, and send back its facts and its graph as N-Triples (:class:`Prepared`), a part's
    together in one compressed bytes object (:func:`packed`), so that this process only loads,
    links and commits.
    """

    def __init__(
        self,
        workers: int,
        scheduler: str | None = None,
        min_confidence: float | None = None,
        components: tuple[str, ...] | None = None,
        merge: str | None = None,
    ) -> None:
        self.workers = max(1, workers)
        self.min_confidence = min_confidence
        self.components = components
        self.merge = merge
        self.pool = None
        self.cluster = None
        if scheduler:
            self.pool = dask_client(scheduler, self.workers)
            self.workers = max(
                1, len(self.pool.scheduler_info().get("workers", {})) or self.workers
            )
        elif self.workers > 1:
            # spawn: a fresh interpreter per worker, safe beside the store's threads
            self.pool = ProcessPoolExecutor(
                self.workers,
                mp_context=get_context("spawn"),
                initializer=die_with_parent,
                initargs=(os.getpid(),),
            )

    def map(
        self, batches: Iterable[list[Article]], extracted: Callable[[int], None] = lambda n: None
    ) -> Iterator[tuple[list[Article], list]]:
        """(batch, its facts) for each batch, in order, whole (its parts go to the workers); at most two batches
        in flight beside the one being loaded. ``extracted(n)`` is told of every part of ``n`` articles done,
        as it is done, so a progress bar moves article by article, not batch by batch."""
        if self.pool is None:
            # one process: each graph is built once, by :meth:`built`, after the batch's names are
            # resolved
            for batch in batches:
                yield (
                    batch,
                    [
                        p
                        for part in batched(batch, 1)
                        for p in counted(
                            prepared_of(
                                part,
                                self.min_confidence,
                                self.components,
                                build=False,
                                merge=self.merge,
                            ),
                            extracted,
                        )
                    ],
                )
            return
        pending: list[tuple[list[Article], list]] = []
        most = DASK_PART_SIZE if self.on_dask else PART_SIZE
        for batch in batches:
            parts = list(batched(batch, max(1, min(most, -(-len(batch) // self.workers)))))
            pending.append((batch, list(zip(parts, self.submit(parts, extracted)))))
            while len(pending) > 2:
                yield self.whole(*pending.pop(0))
        for batch, parts in pending:
            yield self.whole(batch, parts)

    @property
    def on_dask(self) -> bool:
        """Do the workers belong to a Dask cluster (not a pool of this process's own)?"""
        return self.pool is not None and not isinstance(self.pool, ProcessPoolExecutor)

    def submit(self, parts: list[list[Article]], extracted: Callable[[int], None]) -> list:
        """The future results of each of ``parts`` (:func:`packed`), each calling ``extracted``
        when done; on a Dask cluster, sent to its scheduler in one message."""
        options = {
            "min_confidence": self.min_confidence,
            "components": self.components,
            "merge": self.merge,
        }
        with script_hidden():
            if self.on_dask:
                futures = self.pool.map(packed_prepared_of, parts, pure=False, **options)
            else:
                futures = [self.pool.submit(packed_prepared_of, p, **options) for p in parts]
        for part, future in zip(parts, futures):
            future.add_done_callback(partial(told, extracted, len(part)))
        return futures

    def whole(self, batch: list[Article], parts: list) -> tuple[list[Article], list]:
        """A batch with the facts of all its parts, in order: on a Dask cluster, fetched in one
        request for the batch, not one per part."""
        results = None
        if self.on_dask:
            try:
                results = self.pool.gather([future for _, future in parts])
            except Exception as e:
                if not worker_lost(e):
                    raise
                # each part asked for alone, so that only the lost one is done here
        if results is None:
            results = [self.result(part, future) for part, future in parts]
        return batch, [
            facts for (part, _), data in zip(parts, results) for facts in sent_back(part, data)
        ]

    def result(self, part: list[Article], future) -> bytes:
        """What a worker sent back (:func:`packed`); if the worker died (killed, out of memory),
        the part is done here."""
        try:
            return future.result()
        except Exception as e:
            if not worker_lost(e):
                raise
            return packed_prepared_of(part, self.min_confidence, self.components, self.merge)

    def built(self, prepared: list[Prepared], renamed: list[ArticleFacts | None]) -> list[Prepared]:
        """A graph ready to load for each of ``prepared``: the one its worker built when its facts
        are unchanged (``renamed`` None); the others (renamed, or not built) built now, on the
        workers when there are workers, so that this process only loads, links and commits.

        >>> facts = ArticleFacts(Article("a.txt", "a", "Talks", "Talks"))
        >>> [p.ntriples is not None for p in Extractor(1).built([Prepared.of(facts)], [None])]
        [True]
        """
        todo = [
            p.facts if f is None else f
            for p, f in zip(prepared, renamed)
            if f is not None or p.ntriples is None
        ]
        rebuilt = iter(self.graphs(todo))
        return [
            next(rebuilt) if f is not None or p.ntriples is None else p
            for p, f in zip(prepared, renamed)
        ]

    def graphs(self, facts: list[ArticleFacts]) -> list[Prepared]:
        """:func:`graphs_of` ``facts``, on the workers if there are some (here if they fail)."""
        if self.pool is None or not facts:
            return graphs_of(facts)
        try:
            with script_hidden():
                # on Dask, not pure: a key of its own, without hashing every fact of every
                # article for one (the same facts are never sent twice)
                dask = {"pure": False} if self.on_dask else {}
                future = self.pool.submit(packed_graphs_of, facts, **dask)
            return unpacked(future.result())
        except Exception:  # a broken pool, a lost worker: the graphs are built here instead
            return graphs_of(facts)

    def close(self, abort: bool = False) -> None:
        """Stop the workers: once their work is done, or (``abort``: the ingest was stopped) at
        once."""
        if isinstance(self.pool, ProcessPoolExecutor):
            if abort:  # interrupted (Ctrl-C, TERM, an error): the batches in flight are not wanted
                for process in list(getattr(self.pool, "_processes", {}).values()):
                    process.terminate()
            self.pool.shutdown(wait=not abort, cancel_futures=True)
        elif self.pool is not None:  # a Dask client, and the local cluster it started
            cluster = getattr(self.pool, "cluster", None)
            self.pool.close()
            if cluster is not None:
                cluster.close()


def worker_lost(error: BaseException) -> bool:
    """Did ``error`` come of a worker that died (killed, out of memory), not of the work it did: a
    broken process pool, or a Dask task whose workers kept dying (``KilledWorker``)?"""
    if isinstance(error, BrokenProcessPool):
        return True
    # distributed is imported already if its error was raised: not imported here for nothing
    killed = getattr(sys.modules.get("distributed"), "KilledWorker", None)
    return killed is not None and isinstance(error, killed)


def told(extracted: Callable[[int], None], size: int, future) -> None:
    """Tell ``extracted`` that the ``size`` articles of a part are done (``future``'s callback)."""
    extracted(size)


def counted(results: list, extracted: Callable[[int], None]) -> list:
    """``results``, after telling ``extracted`` how many articles they are."""
    extracted(len(results))
    return results


@contextmanager
def script_hidden() -> Iterator[None]:
    """While worker processes start, the user's script is not theirs to run.

    A spawned worker re-runs the main module of a script (``python my_ingest.py``) unless its top level is
    guarded by ``if __name__ == "__main__":``; unguarded, each worker would start the ingest again, fail, and
    the pool would break. The workers only need the ``kg`` package, so the script's path is hidden from
    :mod:`multiprocessing` while they start; a module run with ``-m`` is left as it is.
    """
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if main is None or path is None or getattr(main, "__spec__", None) is not None:
        yield
        return
    del main.__file__
    try:
        yield
    finally:
        main.__file__ = path


def dask_client(scheduler: str, workers: int):
    """A Dask distributed client: of a new local cluster (``"local"``) or of the scheduler at ``scheduler``."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise InputError(
            "--scheduler",
            "Dask distributed is not installed",
            "pip install 'negotiation-kg[cluster]' (or: pip install 'dask[distributed]')",
        ) from None
    if scheduler == "local":
        import dask

        # its scheduler runs in this process, the writer's, and checks every 20 ms by default that
        # its event loop is not blocked: more CPU than the work it schedules (docs/scale.md); a
        # value the user set in Dask's own config is theirs to keep
        defaults = dask.config.merge(*dask.config.defaults)
        ours = {
            key: value
            for key, value in LOCAL_DASK_CONFIG.items()
            if dask.config.get(key, None) == dask.config.get(key, None, config=defaults)
        }
        with dask.config.set(ours):
            cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            )
        return Client(cluster)
    try:
        client = Client(scheduler, timeout=30)
    except OSError as e:
        raise InputError(
            "--scheduler",
            f"cannot reach the Dask scheduler at {scheduler} ({e})",
            "check the address, e.g. tcp://10.0.0.5:8786",
        ) from None
    # a local cluster's workers run this environment's; another machine's may not
    versions = client.get_versions(packages=[DISTRIBUTION])
    others = other_versions(versions)
    if others:
        client.close()
        ours = versions["client"]["packages"].get(DISTRIBUTION) or "none"
        raise InputError(
            "--scheduler",
            f"the Dask workers at {scheduler} run another version of negotiation-kg than this "
            f"process ({ours}): {others}",
            "install the same version of negotiation-kg on the workers and the client, "
            "then ingest again",
        )
    return client


def other_versions(versions: dict) -> str:
    """The workers that run another version of negotiation-kg than the client, with theirs, from
    what Dask's ``Client.get_versions`` says of them (asked for the package); "" if none does.

    >>> def of(v): return {"packages": {DISTRIBUTION: v}}
    >>> workers = {"tcp://w1:1": of("0.1.0"), "tcp://w2:1": of("0.0.9"), "tcp://w3:1": of(None)}
    >>> other_versions({"client": of("0.1.0"), "workers": workers})
    '0.0.9 on tcp://w2:1, none on tcp://w3:1'
    """
    ours = versions["client"]["packages"].get(DISTRIBUTION)
    theirs = {
        address: info.get("packages", {}).get(DISTRIBUTION)
        for address, info in sorted(versions["workers"].items())
    }
    others = [f"{v or 'none'} on {address}" for address, v in theirs.items() if v != ours]
    shown = ", ".join(others[:3])
    return shown + (f" and {len(others) - 3} more" if len(others) > 3 else "")


def chosen_components(
    components: str | Iterable[str] | None, in_workers: bool
) -> tuple[str, ...] | None:
    """The names of the chosen components, checked before any article is read (None: the rules);
    a component registered at run time is refused when workers, which cannot see it, would run it."""
    if components is None:
        return None
    from .extract.pipeline import chosen_components as checked
    from .extract.pipeline import component_names, run_time_components

    names = component_names(components)
    checked(names)  # an unknown name: refused here, naming the registered ones
    hidden = run_time_components(names) if in_workers else []
    if hidden:
        raise InputError(
            "--components",
            f"{', '.join(hidden)} registered at run time in this "
            "process; worker processes (-j, --scheduler) only see the built-in "
            "components and those of entry points",
            "give it an entry point in the group negotiation_kg.components "
            "(docs/extending.md), or extract with one worker (-j 1)",
        )
    return names


def chosen_merger(merge: str | None, in_workers: bool) -> str | None:
    """The name of the chosen merge policy, checked before any article is read (None: the
    default, which costs no import here).

    >>> chosen_merger(None, in_workers=True), chosen_merger("rules", in_workers=True)
    (None, 'rules')
    """
    if merge is None:
        return None
    from .extract.pipeline import chosen_merger as checked

    return checked(merge, in_workers)


def new_articles(
    paths: Iterable[str | Path],
    store: GraphStore,
    report: IngestReport,
    overrides: dict,
    replaced: set[str],
    copies: Republications,
) -> Iterator[Article]:
    """The readable articles of ``paths`` that the store does not hold yet, each identity once; those it holds
    another version of are added to ``replaced``; republished copies of a story go to ``copies``."""
    seen: dict[
        str, tuple[str, str]
    ] = {}  # identity → (path, digest): not the text, so memory stays small
    for chunk in batched(read_articles(find_articles(paths), **overrides), LOOKUP_SIZE):
        readable = [item for item in chunk if not isinstance(item, InputError)]
        held = StoreHolds.of(store, readable)
        for item in chunk:
            if isinstance(item, InputError):
                report.failed.append(item)
            elif held.is_new(item, seen, report, copies):
                if held.has_graph(item):  # another version, or one cut short by a crash
                    replaced.add(item.slug)
                yield item


@dataclass
class StoreHolds:
    """What the store holds of a few dozen articles read, asked in three queries, not three per
    article: the content digest of each complete article, the articles with a graph (complete or
    cut short by a crash), the digests of stored republished copies."""

    digests: dict[str, str]
    graphs: set[str]
    republished: set[str]

    @classmethod
    def of(cls, store: GraphStore, articles: list[Article]) -> StoreHolds:
        """What ``store`` holds of ``articles``.

        >>> StoreHolds.of(GraphStore(), [Article("a.txt", "a", "Talks", "Talks")]).graphs
        set()
        """
        iris = [str(article_iri(a.slug)) for a in articles]
        digests = store.digests_of(iris)
        return cls(
            digests,
            store.graphs_held([iri for iri in iris if iri not in digests]),
            stored_republications(store, sorted({content_digest(a) for a in articles})),
        )

    def is_new(
        self, item: Article, seen: dict, report: IngestReport, copies: Republications
    ) -> bool:
        """Is ``item`` to be ingested? If not, it goes in ``report`` as unchanged, republished or
        failed; ``seen`` (identity → path, digest) records the articles to be ingested."""
        digest = content_digest(item)
        first_path, first_digest = seen.get(item.slug, (None, None))
        stored = self.digests.get(str(article_iri(item.slug)))
        if digest in (first_digest, stored) or digest in self.republished:
            # the same article twice, or one the store holds: stored once
            report.unchanged.append(item.path)
            return False
        if copies.story_of(item):
            report.republished.append(item.path)
            return False
        if first_path is not None:  # same URL, another text: a real collision
            report.failed.append(
                InputError(
                    item.path,
                    f"has the same URL as {first_path} but another text",
                    "give each article its own URL, or ingest them separately",
                )
            )
            return False
        seen[item.slug] = (item.path, digest)
        return True

    def has_graph(self, item: Article) -> bool:
        """Does the store hold a graph of ``item`` (another version, or one cut short)?"""
        iri = str(article_iri(item.slug))
        return iri in self.digests or iri in self.graphs


def load(
    prepared: list[Prepared],
    store: GraphStore,
    report: IngestReport,
    keep_facts: bool,
    labels: dict[str, str] | None = None,
) -> list[Prepared]:
    """Reconcile a batch's graphs with the store and load them, in one transaction (each in its own
    if one fails); those of the articles that went in, in order.

    ``labels``: the preferred label of each actor IRI seen so far in this ingest, kept up to date.
    The graph a worker serialized is loaded as it is when its labels already agree with the
    store's; otherwise the graph is built and reconciled here.
    """
    labels = {} if labels is None else labels
    graphs: dict[str, str] = {}
    for p in prepared:
        try:
            if keep_facts:
                p.unpack()  # before anything is written: unreadable, the article fails
            graphs[iri_of(p)] = graph_to_load(p, store, labels)
        except KGError as e:
            report.failed.append(e)
        except Exception as e:
            report.failed.append(
                ExtractionError(
                    p.article.path,
                    f"the graph could not be built ({type(e).__name__}: {e})",
                    "report this as a bug with the article attached",
                )
            )
    errors = store.replace_articles_ntriples(graphs)
    report.failed.extend(errors.values())
    loaded = graphs.keys() - errors.keys()
    went_in = [p for p in prepared if iri_of(p) in loaded]
    for p in went_in:
        report.ingested.append(p.article.slug)
        for name in report.counts:
            report.counts[name] += p.counts[name]
        if keep_facts:
            report.facts.append(p.facts)
    return went_in


def iri_of(prepared: Prepared) -> str:
    """The IRI of the article graph of ``prepared``.

    >>> iri_of(Prepared.of(ArticleFacts(Article("a.txt", "truce-talks", "Talks", "Talks"))))
    'https://w3id.org/negotiation-kg/id/article/truce-talks'
    """
    return str(article_iri(prepared.article.slug))


def graph_to_load(prepared: Prepared, store: GraphStore, labels: dict[str, str]) -> str:
    """The N-Triples to load for ``prepared``: its worker's when its labels agree with the store's
    (``labels``, kept up to date), else its graph built and reconciled here.

    >>> prepared = prepare(ArticleFacts(Article("a.txt", "a", "Talks", "Talks")))
    >>> graph_to_load(prepared, GraphStore(), {}) is prepared.ntriples  # nothing to reconcile
    True
    >>> graph_to_load(replace(prepared, ntriples=None), GraphStore(), {}) == prepared.ntriples
    True
    """
    if prepared.ntriples is not None and labels_agree(
        prepared.labels, store, iri_of(prepared), labels
    ):
        return prepared.ntriples
    graph = article_graph(prepared.facts)
    # the digest goes in last, once the article is linked (see ``commit``): a crash in between
    # leaves an article without it, which the next ingest redoes whole
    graph.remove((graph.identifier, NKG.contentDigest, None))
    return ntriples_of(reconcile_labels(graph, store, labels))


def renamed_facts(prepared: Prepared, variants: dict) -> ArticleFacts | None:
    """The facts of ``prepared`` with the name variants among its actors renamed, and why (None
    if none is: then its facts are not even unpickled)."""
    mine = renaming(prepared, variants)
    if not mine:
        return None
    facts = prepared.facts
    notes = tuple((new, f"{old.label}: {why}") for old, (new, why) in mine.items())
    renamed = rename_actors(facts, {old: new for old, (new, _) in mine.items()})
    return replace(renamed, resolutions=facts.resolutions + notes)


def renaming(prepared: Prepared, variants: dict) -> dict:
    """Those of ``variants`` (name → (its new name, why)) that name an actor of ``prepared``."""
    return {old: hit for old, hit in variants.items() if any(a.ref == old for a in prepared.actors)}


def with_readable_facts(
    prepared: list[Prepared], variants: dict, report: IngestReport
) -> list[Prepared]:
    """Those of ``prepared`` whose facts can be read if this process needs them (an actor renamed
    by ``variants``, a graph its worker could not build); each other goes in ``report.failed``
    before anything of its batch is written.

    >>> facts = ArticleFacts(Article("a.txt", "a", "Talks", "Talks"))
    >>> broken = replace(Prepared.of(facts), packed_facts=b"?", unpacked_facts=None)
    >>> report = IngestReport()
    >>> with_readable_facts([broken], {}, report), [e.subject for e in report.failed]
    ([], ['a.txt'])
    """
    readable = []
    for p in prepared:
        try:
            if p.ntriples is None or renaming(p, variants):
                p.unpack()  # now, and kept for the graph to be built
        except KGError as e:
            report.failed.append(e)
        else:
            readable.append(p)
    return readable


def commit(store: GraphStore, articles: list[Article], copies: Republications) -> None:
    """Mark a batch's articles as complete (stored and linked): each gets its content digest and shingle
    signature, and the copies of the stories now in are written into them, in one transaction.

    Until then a rerun sees them as not stored and redoes them, so a crash at any point loses only the batch in
    flight and never leaves an article without its links.
    """
    store.add_to_graphs(
        [
            (
                article_iri(a.slug),
                NKG.contentDigest,
                Literal(content_digest(a)),
                article_iri(a.slug),
            )
            for a in articles
        ]
        + copies.ready({a.slug for a in articles})
        # their proposals are linked into the lineage at the end of the run: until then, marked
        + pending_marks([article_iri(a.slug) for a in articles])
    )


def ingest(
    paths: Iterable[str | Path],
    store: GraphStore,
    *,
    keep_facts: bool = False,
    progress: Callable[[IngestReport, int], None] | None = None,
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
    link: bool = True,
    scheduler: str | None = None,
    extracted: Callable[[int], None] | None = None,
    min_confidence: float | None = None,
    components: str | Iterable[str] | None = None,
    merge: str | None = None,
    **overrides,
) -> IngestReport:
    """Ingest the articles at ``paths`` (files or directories) into ``store``.

    ``overrides`` (``published``, ``source``, ``url``, ``title``) replace the
    sidecar metadata of every article. ``workers`` processes parse and extract;
    with ``scheduler`` they are the workers of a Dask cluster instead. A fact whose confidence is
    under ``min_confidence`` is not kept (default: the model's chosen minimum). ``components``:
    the extraction components to run (names or a comma-separated list, ``"rules"`` for the rule
    set; default the rules); worker processes find them by name (see :mod:`kg.plugins`), and the
    ``merge`` policy that makes one article's facts of theirs (default ``spans``) too.
    ``progress(report, done)`` is called after each batch; ``extracted(n)`` as each few articles
    are extracted (from a worker's callback thread), so a progress bar moves within a batch.
    Raises :class:`InputError` only when a path cannot be found at all; per-article failures are
    in the report; republished copies of a story are in ``report.republished``
    (:mod:`kg.link.republished`).

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
    in_workers = workers > 1 or bool(scheduler)  # other processes cannot see run-time plug-ins
    chosen = chosen_components(components, in_workers)
    policy = chosen_merger(merge, in_workers)  # refused before any article
    extractor = Extractor(workers, scheduler, min_confidence, chosen, policy)
    # the store's names, read once, then kept up to date batch by batch
    known = NameIndex.of_store(store)
    labels: dict[str, str] = {}  # each actor's preferred label, asked of the store once per ingest
    done = 0
    replaced: set[str] = set()  # articles of which the store holds an older version
    # republished copies: one story, every headline and URL it appeared under
    copies = Republications(store)
    try:
        articles = new_articles(paths, store, report, overrides, replaced, copies)
        for batch, results in extractor.map(
            batched(articles, batch_size), extracted or (lambda n: None)
        ):
            good = [r for r in results if isinstance(r, Prepared)]
            report.failed.extend(r for r in results if not isinstance(r, Prepared))
            # "Netanyahu" here, "Benjamin Netanyahu" there, "Antony"/"Anthony Blinken": one actor, one IRI
            variants = known.variants([p.named for p in good])
            good = with_readable_facts(good, variants, report)  # a worker of another version
            # a renamed article's graph is no longer the one its worker built: built again
            renamed = [renamed_facts(p, variants) for p in good]
            built = extractor.built(good, renamed)
            went_in = load(built, store, report, keep_facts, labels)
            stored = [p.article for p in went_in]
            for p in went_in:
                for a in p.actors:
                    if a.kind in ("Person", "Organization"):
                        known.add(a.ref)
            if link:  # the same event reported by articles already in: linked as each batch goes in
                relink(
                    store,
                    [str(article_iri(a.slug)) for a in stored],
                    new=frozenset(
                        str(article_iri(a.slug)) for a in stored if a.slug not in replaced
                    ),
                )
            commit(store, stored, copies)
            # to disk after every batch: flushing once 32 MB of RDF were written saved the store's
            # threads 1-3 ms of merging per short article, but moved 1-1.8 ms of it into loading in
            # this thread (larger memory tables), the one Dask cannot share, and made the open
            # after a crash slower (docs/scale.md, "Fewer flushes, measured again")
            store.flush()
            done += len(batch)
            if progress:
                progress(report, done)
        # copies of stories stored before this ingest, met after its last batch
        commit(store, [], copies)
    except BaseException:
        extractor.close(abort=True)
        raise
    extractor.close()
    for orphan in copies.orphans():
        report.republished.remove(orphan.copy.path)
        report.failed.append(
            InputError(
                orphan.copy.path,
                "a republished copy of an article that could not be ingested",
                "fix the article named above and ingest both again",
            )
        )
    if link:
        # how the proposals moved: versions and counter-proposals, for the articles committed and
        # not yet linked into the lineage (this run's, and those of a run killed after its last
        # commit)
        link_lineage(
            store,
            new=frozenset(
                str(article_iri(slug)) for slug in report.ingested if slug not in replaced
            ),
        )
    return report
