"""A topical corpus at scale: per-batch costs against the number stored, export, projections.

A negotiation's corpus names the same sides in every article, so every stage
that scans what shares an actor grows with the store. This benchmark ingests
(1) a synthetic topical corpus (benchmarks/topical_corpus.py: every article
names the same ten people and five sides over two years) in batches, serially
and on a local Dask cluster (its scheduler in a process of its own, as on a real cluster, its
CPU counted as the ingest's), and prints for each batch how many articles the
store held before it and what the batch cost: extraction (wall time less the
main process's work), loading, linking and committing. It fits each cost per
article as ``a + b × stored`` and projects 100,000 and 1,000,000 articles
against their extraction alone. (2) It ingests a topical slice of Reuters-21578
(the crude-oil stories, OPEC's talks among them; skipped with a message when
../shared/corpora/ is absent), times ``kg export`` against that ingest, and
checks that the mediators' structural score puts the same sides in the top 10
as exact betweenness does.

    python benchmarks/bench_topical.py [--articles 4000] [--batches 8] [--workers 3] [--no-dask]
                                        [--reuters 300] [--no-reuters] [--exact-mediators]
                                        [--grow 12] [--blocks]
    python benchmarks/bench_topical.py --at 1000,10000,30000,50000,100000 --articles 1000
                                        [--reps 4] [--batch 200] [--workers 2] [--no-dask]
                                        [--no-serial] [--prefill ingest|bulk]

``--grow N`` then links the corpus again into stores holding 1 to N copies of it (each copy two
years after the last, so the store grows while the days stay as busy): linking cost per article
against the number stored, to 50,000 articles and beyond without extracting them.

The main process's share of the ingest's CPU is printed for the Dask run: the
part no number of workers takes over.

``--at 1000,10000,50000,100000`` instead measures, at each of those store sizes, the main
process's CPU per article (all of the ingest but the extraction) on fresh batches ingested
serially and on a local Dask cluster into a store prefilled, without extracting, with shifted
copies of the ``--articles`` corpus extracted once; it projects 100,000 articles as extraction ×
100,000 plus the integral of the measured points over the store's sizes (docs/scale.md); with
``--no-serial``, extraction alone is measured apart, on one thread. The prefill writes the
copies as an ingest writes them (``--prefill ingest``, the default: loaded, linked, committed and
flushed batch by batch, every CPU second of it counted, the store's merging included), and
100,000 articles are projected from that too; ``--prefill bulk`` bulk-loads them instead, quicker
and counting nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

import topical_corpus
from bench_extract import CORPUS

from kg.ingestion import BATCH_SIZE

# the main process's work, as kg.ingestion names its functions, and the store's flush to disk
PHASES = ("load", "relink", "commit", "flush")
# what one process spends extracting: parsing and the rules, then the graph built and serialized
EXTRACTION = ("prepared_of", "graphs_of")
# the main process's other work, timed apart (method → what the tables call it)
DETAIL = {"variants": "names", "story_of": "copies"}
# what an ingest writes into an article's graph when it commits it, not when it loads it
COMMITTED = re.compile(r"ontology#(contentDigest|shingleSignature)> ")
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
EXACT_LIMIT = 3000  # side and event nodes beyond which networkx's exact betweenness takes minutes


@contextlib.contextmanager
def phase_timer(totals: dict[str, float], extraction: bool = False):
    """Add the wall time and the CPU time of each of kg.ingestion's main-process phases to
    ``totals`` (``"load"``, ``"load cpu"``...) while the block runs; with ``extraction`` (one
    process), the extraction's own functions too (``"prepared_of"``, ``"graphs_of"``)."""
    import kg.ingestion as ingestion
    from kg.identity.across import NameIndex
    from kg.link.republished import Republications
    from kg.store import GraphStore

    # the extraction's functions are timed only when they run here: a worker cannot run a wrapper
    extracting = EXTRACTION if extraction else ()
    originals = {
        name: getattr(ingestion, name)
        for name in (*PHASES, "relink_lineage", "link_lineage", "dask_client", *extracting)
        if hasattr(ingestion, name)
    }
    # what the main process does outside the phases, timed apart: reading the files, resolving the
    # batch's names against the store's, looking for republished copies
    methods = [(GraphStore, "flush"), (NameIndex, "variants"), (Republications, "story_of")]
    unpatched = [(cls, name, getattr(cls, name)) for cls, name in methods]
    read = ingestion.read_articles

    def timed(name, fn):
        def wrapper(*args, **kwargs):
            began, cpu = time.perf_counter(), time.thread_time()
            try:
                return fn(*args, **kwargs)
            finally:
                totals[name] = totals.get(name, 0.0) + time.perf_counter() - began
                # the CPU of the thread that runs the phase; the store's background threads
                # (RocksDB's flushes and compactions) are counted apart
                totals[f"{name} cpu"] = totals.get(f"{name} cpu", 0.0) + time.thread_time() - cpu

        return wrapper

    for name, fn in originals.items():
        setattr(ingestion, name, timed(name, fn))
    for cls, name, fn in unpatched:
        setattr(cls, name, timed(DETAIL.get(name, name), fn))
    ingestion.read_articles = partial(timed_items, read, totals)
    try:
        yield
    finally:
        for name, fn in originals.items():
            setattr(ingestion, name, fn)
        for cls, name, fn in unpatched:
            setattr(cls, name, fn)
        ingestion.read_articles = read


def timed_items(generate, totals: dict[str, float], *args, **kwargs):
    """The items of ``generate(*args, **kwargs)``, the CPU each took added to ``totals["read
    cpu"]``."""
    items = generate(*args, **kwargs)
    while True:
        cpu = time.thread_time()
        item = next(items, None)
        totals["read cpu"] = totals.get("read cpu", 0.0) + time.thread_time() - cpu
        if item is None:
            return
        yield item


def tree_cpu(process: psutil.Process, apart: int | None = None) -> tuple[float, float, float]:
    """CPU seconds of ``process`` itself, of its living descendants (the workers) but the process
    ``apart`` (a Dask scheduler of its own), and of ``apart``."""
    own = sum(process.cpu_times()[:2])
    kids = scheduler = 0.0
    for child in process.children(recursive=True):
        with contextlib.suppress(psutil.Error):
            if child.pid == apart:
                scheduler += sum(child.cpu_times()[:2])
            else:
                kids += sum(child.cpu_times()[:2])
    return own, kids, scheduler


@contextlib.contextmanager
def cluster_apart(workers: int):
    """(address, pid of the scheduler) of a local Dask cluster started as a user starts one, by
    ``dask scheduler`` and ``dask worker`` (docs/scale.md, the path a user takes), in processes
    of their own: the ingest's process holds only its client (no cluster object, whose event loop
    and process watchers would be counted as the writer's), so the writer's CPU and the
    scheduler's are read apart; the workers' (and their nannies') are the extraction's."""
    import os
    import subprocess

    from dask.distributed import Client

    from kg.ingestion import LOCAL_DASK_CONFIG

    dask = str(Path(sys.executable).with_name("dask"))
    # configured as docs/scale.md says a cluster for kg is, as kg configures the local one it starts
    env = dict(os.environ)
    for key, value in LOCAL_DASK_CONFIG.items():
        env.setdefault("DASK_" + key.upper().replace(".", "__").replace("-", "_"), value)
    with tempfile.TemporaryDirectory() as tmp:
        file = Path(tmp) / "scheduler.json"
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env}
        scheduler = subprocess.Popen(
            [dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard"]
            + ["--scheduler-file", str(file)],
            **quiet,
        )
        started = [scheduler]
        try:
            began = time.perf_counter()
            while not file.exists() and time.perf_counter() - began < 60:
                time.sleep(0.2)
            address = json.loads(file.read_text())["address"]
            started.append(
                subprocess.Popen(
                    [dask, "worker", address, "--nworkers", str(workers), "--nthreads", "1"]
                    + ["--no-dashboard"],
                    **quiet,
                )
            )
            with Client(address, timeout=60) as client:
                client.wait_for_workers(workers, timeout=120)
            yield address, scheduler.pid
        finally:
            for process in reversed(started):
                process.terminate()
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(30)


def python_threads_cpu(process: psutil.Process) -> dict[int, float]:
    """CPU seconds of each living Python thread of this process but the main one, by native id:
    with Dask, its client's threads (its event loop, the callbacks of finished tasks); the other
    threads the process has are the store's (RocksDB's flushes and compactions)."""
    import threading

    mine = {t.native_id for t in threading.enumerate()} - {threading.main_thread().native_id}
    return {t.id: t.user_time + t.system_time for t in process.threads() if t.id in mine}


def batch_costs(
    folder: Path,
    store_dir: Path,
    batches: int,
    workers: int,
    scheduler: str | None,
    scheduler_pid: int | None = None,
) -> dict:
    """Ingest ``folder`` in ``batches`` batches; per batch: articles stored before, seconds of
    each phase. ``scheduler_pid``: a Dask scheduler's own process, whose CPU is counted apart
    (overhead, not extraction)."""
    from kg.ingestion import ingest
    from kg.store import GraphStore

    count = len(list(folder.glob("*.txt")))
    size = -(-count // batches)
    rows, totals = [], {}
    with GraphStore(store_dir) as store:
        stored0 = len(store.articles())  # a store prefilled before the ingest (--at)
    state = {"t": time.perf_counter(), "phases": {}, "stored": stored0}
    me = psutil.Process()
    cpu = {}

    def progress(report, done):
        now = time.perf_counter()
        names = [*PHASES, *(f"{k} cpu" for k in PHASES)]
        spent = {k: totals.get(k, 0.0) - state["phases"].get(k, 0.0) for k in names}
        wall = now - state["t"]
        own, kids, sched = tree_cpu(me, scheduler_pid)  # workers still alive: their CPU is readable
        # starting a local cluster is paid once per ingest, not per article: left out here
        started = totals.get("dask_client cpu", 0.0) - state["phases"].get("dask_client cpu", 0.0)
        thread = time.thread_time()
        main_cpu = thread - state["thread"] - started  # the main thread's
        background = own - state["own"] - (thread - state["thread"])  # the process's other threads
        threads = python_threads_cpu(me)  # of them, Dask's client's (the store's are not Python's)
        client = sum(cpu - state["threads"].get(tid, 0.0) for tid, cpu in threads.items())
        phases_cpu = sum(spent[f"{k} cpu"] for k in PHASES)
        detail = {
            f"{k} cpu": totals.get(f"{k} cpu", 0.0) - state["phases"].get(f"{k} cpu", 0.0)
            for k in ("read", *DETAIL.values())
        }
        extraction = (
            kids - state["kids"]
            if workers > 1
            else sum(
                totals.get(f"{k} cpu", 0.0) - state["phases"].get(f"{k} cpu", 0.0)
                for k in EXTRACTION
            )
        )
        rows.append(
            {
                "stored": state["stored"],
                "n": stored0 + done - state["stored"],
                "wall": wall,
                "extract": wall - sum(spent[k] for k in PHASES),
                **spent,
                # serial: the main thread's CPU outside the phases is extraction; with workers it
                # is theirs, and what the main thread spends outside the phases (reading the files,
                # the Dask client) is overhead of its own. The process's other threads: the
                # store's background work, and with Dask the scheduler's and client's threads
                "extract cpu": kids - state["kids"] if workers > 1 else main_cpu - phases_cpu,
                "other cpu": main_cpu - phases_cpu if workers > 1 else 0.0,
                "background cpu": background,
                "client cpu": client,
                # a scheduler in a process of its own (on a local cluster; on a real one, another
                # machine's): the ingest's overhead too, read apart
                "scheduler cpu": sched - state["sched"],
                # all the process's CPU but the extraction's: resolving names, loading, linking,
                # committing, reading the files, the store's threads and (Dask) the scheduler's
                "extraction cpu": extraction,
                # reading the files is part of extraction alone (``kg extract`` reads them too)
                "overhead cpu": main_cpu
                + background
                + sched
                - state["sched"]
                - (0.0 if workers > 1 else extraction)
                - detail["read cpu"],
                **detail,
            }
        )
        state.update(
            t=now,
            phases=dict(totals),
            stored=stored0 + done,
            own=own,
            kids=kids,
            sched=sched,
            thread=thread,
            threads=threads,
        )
        cpu["own"], cpu["kids"], cpu["sched"] = own, kids, sched

    own0, kids0, sched0 = tree_cpu(me, scheduler_pid)
    state.update(
        own=own0,
        kids=kids0,
        sched=sched0,
        thread=time.thread_time(),
        threads=python_threads_cpu(me),
    )
    began = time.perf_counter()
    with GraphStore(store_dir) as store, phase_timer(totals, workers == 1 and not scheduler):
        state["t"] = time.perf_counter()
        report = ingest(
            [folder],
            store,
            workers=workers,
            batch_size=size,
            scheduler=scheduler,
            progress=progress,
        )
    return {
        "rows": rows,
        "lineage": tuple(
            totals.get(f"{name}{kind}", 0.0)
            for kind in ("", " cpu")
            for name in ["link_lineage" if "link_lineage" in totals else "relink_lineage"]
        ),
        "cluster start cpu": totals.get("dask_client cpu", 0.0),
        "wall": time.perf_counter() - began,
        "failed": len(report.failed),
        "main_cpu": cpu.get("own", 0) - own0,
        "worker_cpu": cpu.get("kids", 0) - kids0,
        "scheduler_cpu": cpu.get("sched", 0) - sched0,
    }


def fit(rows: list[dict], phase: str) -> tuple[float, float]:
    """Seconds per article of ``phase`` as a + b × stored (least squares over the batches)."""
    xs = [r["stored"] for r in rows]
    ys = [r[phase] / max(r["n"], 1) for r in rows]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - mx) ** 2 for x in xs)
    # no cost falls as the store grows: a negative slope is the machine's noise
    b = max(sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / var if var else 0.0, 0.0)
    return my - b * mx, b


def projected(rows: list[dict], n: int, cpu: bool = False) -> tuple[float, float]:
    """(seconds of the whole ingest, seconds of its extraction alone) for ``n`` articles, from the
    fits: of wall times, or (``cpu``) of CPU times."""
    phases = (
        ("extract", *PHASES)
        if not cpu
        else [f"{k} cpu" for k in ("extract", *PHASES, "background", "scheduler", "other")]
    )
    whole = 0.0
    for phase in phases:
        a, b = fit(rows, phase)
        whole += n * a + b * n * n / 2  # Σ over articles of a + b × (articles before it)
    a, _ = fit(rows, phases[0])
    return whole, n * a


def print_costs(title: str, result: dict) -> None:
    rows = result["rows"]
    count = sum(r["n"] for r in rows)
    print(f"\n{title}: {count} articles in {result['wall']:.0f} s, {result['failed']} failed")
    print(
        f"  {'batch':>5}{'stored':>8}{'wall s':>8}{'extract':>9}{'load':>7}{'link':>7}"
        f"{'commit':>7}{'flush':>7}{'link ms/art':>12}{'load ms/art':>12}"
    )
    for i, r in enumerate(rows, 1):
        print(
            f"  {i:5}{r['stored']:8}{r['wall']:8.1f}{r['extract']:9.1f}{r['load']:7.1f}"
            f"{r['relink']:7.1f}{r['commit']:7.2f}{r['flush']:7.2f}"
            f"{1000 * r['relink'] / r['n']:12.1f}"
            f"{1000 * r['load'] / r['n']:12.1f}"
        )
    kinds = ("extract", *PHASES, "background", "scheduler", "other")
    print("  CPU ms per article: " + "".join(f"{k[:9]:>10}" for k in kinds))
    for i, r in enumerate(rows, 1):
        print(f"  {i:>19}" + "".join(f"{1000 * r[f'{k} cpu'] / r['n']:10.2f}" for k in kinds))
    wall, cpu = result["lineage"]
    print(f"  proposal lineage, once at the end of the ingest: {wall:.1f} s ({cpu:.1f} CPU-s)")
    first, last = rows[0], rows[-1]
    ratio = (last["wall"] / last["n"]) / (first["wall"] / first["n"])
    print(f"  last batch against the first (per article): {ratio:.2f}x")
    for phase in ("relink", "load"):
        a, b = fit(rows, phase)
        print(f"  {phase} per article: {1000 * a:.1f} ms + {1e6 * b:.2f} µs × stored")
    print(
        "  CPU per article, fitted (ms + µs × stored): "
        + ", ".join(
            f"{k} {1000 * a:.1f} + {1e6 * b:.2f}"
            for k in ("extract", *PHASES, "background", "scheduler", "other")
            for a, b in [fit(rows, f"{k} cpu")]
        )
    )
    for n in (100_000, 1_000_000):
        whole, extraction = projected(rows, n)
        whole_cpu, extraction_cpu = projected(rows, n, cpu=True)
        print(
            f"  projected {n:>9,} articles: {whole / 3600:8.1f} h, "
            f"{whole / extraction:.2f}x their extraction alone "
            f"(in CPU time: {whole_cpu / extraction_cpu:.2f}x)"
        )
    if len(rows) > 2:
        # the first batch is linked against an empty store whose writes are still in memory: a
        # step, not a slope; the fit over the other batches says what the store's size costs
        later = [
            f"{n:,} {ratio:.2f}x"
            for n in (100_000, 1_000_000)
            for whole, extraction in [projected(rows[1:], n, cpu=True)]
            for ratio in [whole / extraction]
        ]
        print(f"  projected in CPU time, fitted without the first batch: {', '.join(later)}")
    mine, theirs, sched = result["main_cpu"], result["worker_cpu"], result["scheduler_cpu"]
    if theirs:
        share = 100 * (mine + sched) / (mine + theirs + sched)
        print(
            f"  CPU: main process {mine:.0f} s (starting the cluster "
            f"{result['cluster start cpu']:.1f} s of it), the scheduler's process {sched:.1f} s, "
            f"workers {theirs:.0f} s: main process's and scheduler's share {share:.0f}%"
        )


def reuters_slice(limit: int, folder: Path) -> int:
    """Write the first ``limit`` crude-oil stories of Reuters-21578 (OPEC's talks among them)
    into ``folder``."""
    import gzip

    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if "crude" not in (row.get("topics") or []) or not row.get("body", "").strip():
                continue
            title = (row.get("title") or "untitled").strip()
            name = f"reuters-{row['id']}"
            (folder / f"{name}.txt").write_text(f"{title}\n{row['body']}", encoding="utf-8")
            meta = {"source": "Reuters"}
            if row.get("published"):
                meta["published"] = row["published"]
            (folder / f"{name}.json").write_text(json.dumps(meta))
            written += 1
            if written >= limit:
                break
    return written


def mediators_agree(store_dir: Path, exact_always: bool = False) -> None:
    """The mediators' structural score against the same score on networkx's exact betweenness: the
    top 10, and the time of each."""
    import networkx as nx

    from kg.store import GraphStore
    from kg.views import network

    if not hasattr(network, "side_betweenness"):
        print("  mediators: this version has no structural score to compare")
        return
    with GraphStore(store_dir, read_only=True) as store:
        G = network.to_networkx(store)
    H = network.side_event_graph(G)
    began = time.perf_counter()
    fast = network.structural_scores(G)
    fast_s = time.perf_counter() - began
    if H.number_of_nodes() > EXACT_LIMIT and not exact_always:
        print(
            f"  mediators on {H.number_of_nodes()} side and event nodes: structural score "
            f"{fast_s:.2f} s (networkx's exact betweenness skipped: --exact-mediators runs it)"
        )
        return
    began = time.perf_counter()
    exact = network.structural_scores(G, nx.betweenness_centrality)
    exact_s = time.perf_counter() - began

    def top(scores):
        return [side for side, _ in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))][:10]

    worst = max((abs(fast[s] - exact[s]) for s in fast), default=0.0)
    print(
        f"  mediators on {H.number_of_nodes()} side and event nodes: structural score "
        f"{fast_s:.2f} s, networkx exact {exact_s:.2f} s; top 10 the same and in the same order: "
        f"{top(fast) == top(exact)} (largest difference of a score {worst:.1e})"
    )


def reuters_export(limit: int, tmp: Path, workers: int, batches: int) -> None:
    """Ingest a topical slice of Reuters, then time ``kg export`` of it against the ingest."""
    from kg.store import GraphStore
    from kg.views.export import write_exports

    if not CORPUS.exists():
        print(
            f"\nReuters slice skipped: {CORPUS} not found (it lives beside the project, not in it)"
        )
        return
    n = reuters_slice(limit, tmp / "reuters")
    # CPU seconds beside wall seconds: on a shared machine the ratio of CPU times is the one to
    # trust. News articles of normal length: their per-batch costs and projection are the
    # realistic ones, beside the synthetic corpus's three-sentence articles
    cpu = time.process_time()
    result = batch_costs(tmp / "reuters", tmp / "reuters-store", batches, workers, None)
    ingest_s, ingest_cpu = result["wall"], time.process_time() - cpu
    print_costs(f"Reuters crude-oil slice ({n} stories), serial ingest", result)
    with GraphStore(tmp / "reuters-store", read_only=True) as store:
        began, cpu = time.perf_counter(), time.process_time()
        write_exports(store, tmp / "reuters-exports")
        export_s, export_cpu = time.perf_counter() - began, time.process_time() - cpu
    print(
        f"\nReuters crude-oil slice: {n} stories; ingest {ingest_s:.1f} s "
        f"({ingest_cpu:.1f} CPU-s), "
        f"kg export {export_s:.1f} s ({export_cpu:.1f} CPU-s): {export_s / ingest_s:.2f}x the "
        f"ingest's time, {export_cpu / ingest_cpu:.2f}x its CPU"
    )
    mediators_agree(tmp / "reuters-store")


def shifted_copy(nquads: str, copy: int, years: int = 2) -> str:
    """The article graphs of ``nquads`` as another ``copy`` of the corpus: its own article IRIs and
    every date moved on by two years per copy, so that each copy names the same actors as much as
    the first, with as many events a day, and the store grows without the days growing busier."""
    from datetime import date, timedelta

    def move(m):
        day = date.fromisoformat(m.group(1)) + timedelta(days=365 * years * copy)
        return f'"{day}"^^<{XSD_DATE}>'

    lines = [line for line in nquads.splitlines() if "/graph/" not in line]  # no links: redone
    text = "\n".join(lines).replace("/id/article/", f"/id/article/c{copy}-")
    return re.sub(rf'"(\d{{4}}-\d{{2}}-\d{{2}})"\^\^<{re.escape(XSD_DATE)}>', move, text)


def linking_as_the_store_grows(copies: int, tmp: Path) -> None:
    """Per-article linking of a copy of the corpus into stores holding 1 to ``copies`` copies."""
    import pyoxigraph as ox

    from kg.link.events import relink
    from kg.store import GraphStore

    with GraphStore(tmp / "serial", read_only=True) as store:
        store.dump(tmp / "corpus.nq")
    nquads = (tmp / "corpus.nq").read_text(encoding="utf-8")
    print("\nlinking as the store grows (copies of the serial store, two years apart):")
    print(f"  {'articles stored':>16}{'link ms/article':>17}{'CPU ms/article':>16}")
    with GraphStore(tmp / "grown") as store:
        for copy in range(1, copies + 1):
            store.backend.ox.load(shifted_copy(nquads, copy), format=ox.RdfFormat.N_QUADS)
            store.flush()
            newest = [a for a in store.articles() if f"/article/c{copy}-" in a][:200]
            began, cpu = time.perf_counter(), time.thread_time()
            relink(store, newest, new=frozenset(newest))
            spent, cpu = time.perf_counter() - began, time.thread_time() - cpu
            print(
                f"  {len(store.articles()):16}{1000 * spent / len(newest):17.1f}"
                f"{1000 * cpu / len(newest):16.2f}"
            )


def split_corpus(base: int, pool: int, tmp: Path) -> tuple[Path, list[Path]]:
    """A synthetic corpus of ``base + pool`` articles over two years, split into ``base`` articles
    (a folder, extracted once) and ``pool`` fresh ones spread evenly among them (their text paths,
    in publication order), which report the same days' occurrences as the base articles."""
    import shutil

    total = base + pool
    paths = topical_corpus.write(total, tmp / "base")
    fresh = [p for i, p in enumerate(paths) if (i * pool) // total != ((i + 1) * pool) // total]
    (tmp / "pool").mkdir()
    moved = []
    for path in fresh:
        for file in (path, path.with_suffix(".json")):
            shutil.move(file, tmp / "pool" / file.name)
        moved.append(tmp / "pool" / path.name)
    return tmp / "base", moved


def prefill(store_dir: Path, nquads: str, per_copy: int, target: int) -> int:
    """Bulk-load shifted copies of the extracted corpus (``nquads``, ``per_copy`` articles) into the
    store at ``store_dir`` until it holds ``target`` articles or more; how many it holds. Nothing is
    extracted: a copy is the same graphs with their own article IRIs, two years earlier per copy,
    so that the fresh articles ingested then are the newest, as a day's news is.
    Waits for the store's compactions to settle, so that the prefill's own are not timed later."""
    import pyoxigraph as ox

    from kg.store import GraphStore

    me = psutil.Process()
    own, thread = sum(me.cpu_times()[:2]), time.thread_time()
    with GraphStore(store_dir) as store:
        held = before = len(store.articles())
        copy = next_copy(store)
        while held < target:
            text = shifted_copy(nquads, copy, years=-2)
            store.backend.ox.bulk_load(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
            held, copy = held + per_copy, copy + 1
        store.flush()
        waited, merging, idle = settle()
        # RocksDB merges in lumps (a batch of 100 may pay 20 ms per article of it, the next
        # none): over a whole prefill, what its threads cost per article added is the average
        others = sum(me.cpu_times()[:2]) - own - (time.thread_time() - thread)
        print(
            f"  the store's threads settled after {waited:.0f} s ({merging:.0f} CPU-s of merging); "
            f"over the prefill they cost {1000 * others / max(held - before, 1):.2f} ms CPU per "
            f"article added (building and merging its files)"
            + ("" if idle else ": NOT idle at the limit, their work counts in what follows")
        )
        return len(store.articles())


def next_copy(store) -> int:
    """The number of the next shifted copy of the corpus to add to ``store`` (its IRIs' ``c<N>-``)."""
    return 1 + max(
        (int(m.group(1)) for a in store.articles() for m in [re.search(r"/c(\d+)-", a)] if m),
        default=0,
    )


def article_graphs(nquads: str) -> list[tuple[str, str, list[str], list[str]]]:
    """The article graphs of an N-Quads dump in publication order: (day published, graph IRI, the
    N-Triples lines the ingest loads, the lines it writes when it commits the article — its
    content digest and shingle signature).

    >>> g = "<https://w3id.org/negotiation-kg/id/article/a>"
    >>> rows = article_graphs(
    ...     f'{g} <https://schema.org/datePublished> "2024-05-01"^^<{XSD_DATE}> {g} .\\n'
    ...     f'{g} <https://w3id.org/negotiation-kg/ontology#contentDigest> "d" {g} .'
    ... )
    >>> [(day, iri[-2:], len(loaded), len(committed)) for day, iri, loaded, committed in rows]
    [('2024-05-01', 'a>', 1, 1)]
    """
    graphs: dict[str, tuple[list[str], list[str]]] = {}
    days: dict[str, str] = {}
    for line in nquads.splitlines():
        if not line.strip():
            continue
        body, graph = line.rstrip(" .").rsplit(" ", 1)
        loaded, committed = graphs.setdefault(graph, ([], []))
        (committed if COMMITTED.search(body) else loaded).append(body + " .")
        if "<https://schema.org/datePublished>" in body:
            days[graph] = body.split('"')[1]
    return sorted((days.get(g, ""), g, *lines) for g, lines in graphs.items())


def committed_quads(lines: list[str], graph: str) -> list[tuple]:
    """The rdflib quads of an article's commit lines (IRIs and a plain literal each)."""
    from rdflib import Literal, URIRef

    quads = []
    for line in lines:
        s, p, o = re.match(r'<([^>]+)> <([^>]+)> "([^"]*)" \.', line).groups()
        quads.append((URIRef(s), URIRef(p), Literal(o), URIRef(graph.strip("<>"))))
    return quads


def replay(store_dir: Path, nquads: str, per_copy: int, target: int, batch: int) -> dict:
    """Fill the store at ``store_dir`` up to ``target`` articles with shifted copies of the extracted
    corpus (``nquads``, ``per_copy`` articles), written as an ingest writes them: batches of
    ``batch`` articles, each loaded in one transaction, its events linked to those stored, its
    articles committed (digests and signatures) and the store flushed, as ``kg.ingestion.ingest``
    does. Only the extraction is left out (the graphs are copies). Then waits until the store's
    merging is done. The CPU of each phase and of the store's threads, in seconds, with the
    articles added.

    Unlike :func:`prefill`'s bulk load, the store this leaves has the files an ingest's writes
    leave, and every batch's writing and merging is counted, lumps and all, not a median."""
    from kg.link.events import relink
    from kg.store import GraphStore

    me = psutil.Process()
    spent = dict.fromkeys(("load", "link", "commit", "flush"), 0.0)

    def timed(phase, call, *args, **kwargs):
        cpu = time.thread_time()
        call(*args, **kwargs)
        spent[phase] += time.thread_time() - cpu

    own, thread = sum(me.cpu_times()[:2]), time.thread_time()
    with GraphStore(store_dir) as store:
        held = before = len(store.articles())
        copy = next_copy(store)
        while held < target:
            rows = article_graphs(shifted_copy(nquads, copy, years=-2))
            for i in range(0, len(rows), batch):
                chunk = rows[i : i + batch]
                iris = [iri.strip("<>") for _, iri, _, _ in chunk]
                graphs = {iri: "\n".join(row[2]) + "\n" for iri, row in zip(iris, chunk)}
                timed("load", store.replace_articles_ntriples, graphs)
                timed("link", relink, store, iris, new=frozenset(iris))
                commits = [q for _, iri, _, lines in chunk for q in committed_quads(lines, iri)]
                timed("commit", store.add_to_graphs, commits)
                timed("flush", store.flush)
            held, copy = held + per_copy, copy + 1
        waited, merging, idle = settle()
        threads = sum(me.cpu_times()[:2]) - own - (time.thread_time() - thread)
        return {
            **spent,
            "added": held - before,
            "threads": threads,
            "settle": merging,
            "idle": idle,
            "held": len(store.articles()),
        }


def settle(limit: float = 1800.0) -> tuple[float, float, bool]:
    """Wait until this process's threads other than this one (the store's compactions) are idle,
    or ``limit`` seconds; the seconds waited, the CPU seconds those threads spent meanwhile, and
    whether they were idle in the end.

    A prefill of tens of thousands of articles can leave RocksDB minutes of merging to do: a wait
    stopped after a minute would count what is left of it in the batches timed next."""
    me = psutil.Process()
    began, spent = time.perf_counter(), 0.0
    while time.perf_counter() - began < limit:
        own, thread = sum(me.cpu_times()[:2]), time.thread_time()
        time.sleep(2.0)
        others = sum(me.cpu_times()[:2]) - own - (time.thread_time() - thread)
        spent += others
        if others < 0.1:
            return time.perf_counter() - began, spent, True
    return time.perf_counter() - began, spent, False


def settle_store(store_dir: Path) -> None:
    """Open the store at ``store_dir`` and wait until its merging is done (:func:`settle`)."""
    from kg.store import GraphStore

    with GraphStore(store_dir):
        waited, merging, idle = settle()
    if merging >= 1.0 or not idle:
        print(f"    (the store's merging left from before: {merging:.0f} CPU-s, {waited:.0f} s)")


def median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def at_size(rows: list[dict]) -> dict:
    """The medians of a measurement's batches (the first one, which pays the run's start, left
    out): articles stored, and each CPU cost per article."""
    timed = rows[1:] or rows
    keys = (
        "overhead",
        "extraction",
        *PHASES,
        "background",
        "client",
        "scheduler",
        "other",
        "read",
        *DETAIL.values(),
    )
    out = {k: median([r[f"{k} cpu"] / max(r["n"], 1) for r in timed]) for k in keys}
    # what the prefill written as an ingest writes does not do: reading the store's digests,
    # names, copies and (Dask) the client, the scheduler, the results
    out["rest"] = median([rest_of(r) / max(r["n"], 1) for r in timed])
    spread = [r["overhead cpu"] / max(r["n"], 1) for r in timed]
    out.update(stored=median([r["stored"] + r["n"] / 2 for r in timed]), low=min(spread))
    out.update(high=max(spread), reps=len(timed))
    return out


def rest_of(row: dict) -> float:
    """The CPU of a batch's overhead outside loading, linking, committing, flushing and the store's
    threads: the process's other threads but the Python ones (with Dask, its client's, which the
    prefill written as an ingest writes does not run).

    >>> row = {"overhead cpu": 10.0, "background cpu": 4.0, "client cpu": 3.0}
    >>> rest_of({**row, **{f"{k} cpu": 1.0 for k in PHASES}})  # 10 - 4 phases - (4 - 3) store's
    5.0
    """
    stores_threads = row["background cpu"] - row["client cpu"]
    return row["overhead cpu"] - sum(row[f"{k} cpu"] for k in PHASES) - stores_threads


def integral(points: list[tuple[float, float]], n: int, flat: bool = False) -> float:
    """∫ from 0 to ``n`` articles stored of the cost per article, by trapezoids between the measured
    ``(stored, cost)`` points: the first point's cost below it; beyond the last, the last segment's
    slope (never falling), or (``flat``) the last cost.

    >>> integral([(10, 1.0), (20, 2.0)], 30), integral([(10, 1.0), (20, 2.0)], 30, flat=True)
    (50.0, 45.0)
    """
    pts = sorted(points)
    (_, y0), (xl, yl) = pts[0], pts[-1]
    slope = 0.0
    if not flat and len(pts) > 1 and pts[-2][0] < xl:
        slope = max((yl - pts[-2][1]) / (xl - pts[-2][0]), 0.0)
    pts = [(0.0, y0), *[p for p in pts if p[0] < n]]
    if pts[-1][0] < n:
        pts.append((float(n), yl + slope * (n - xl)) if xl < n else (float(n), yl))
    return sum((xb - xa) * (ya + yb) / 2 for (xa, ya), (xb, yb) in zip(pts, pts[1:]))


def overhead_at(
    sizes: list[int],
    base: int,
    reps: int,
    batch: int,
    workers: int,
    tmp: Path,
    serial: bool = True,
    as_ingest: bool = False,
):
    """Per-article CPU of the main process's work (all of the ingest but the extraction) measured
    on fresh batches ingested into stores prefilled to each of ``sizes`` articles with copies of a
    ``base``-article corpus extracted once: serially (``serial``), and (``workers``) on a local
    Dask cluster. ``as_ingest``: the copies are written as an ingest writes (:func:`replay`), and
    100,000 articles are projected from what that writing cost too."""
    from kg.ingestion import ingest
    from kg.store import GraphStore

    modes = [*(["serial"] if serial else []), *(["dask"] if workers else [])]
    per_size = (reps + 1) * batch  # the first batch of each run pays the run's start: not counted
    base_dir, pool = split_corpus(base, per_size * len(sizes) * len(modes), tmp)
    print(
        f"store sizes {', '.join(f'{n:,}' for n in sizes)}: prefilled with copies of {base} "
        f"synthetic articles extracted once; at each, {reps} fresh batches of {batch} (and one "
        f"more first) ingested {' and '.join(modes)}"
    )
    began, cpu = time.perf_counter(), time.process_time()
    with GraphStore(tmp / "at") as store:
        ingest([base_dir], store, batch_size=256)
        store.dump(tmp / "base.nq")
        per_copy = len(store.articles())
    print(
        f"  base corpus extracted and ingested: {time.perf_counter() - began:.0f} s, "
        f"{time.process_time() - cpu:.0f} CPU-s, {per_copy} articles"
    )
    nquads = "\n".join(
        line
        for line in (tmp / "base.nq").read_text(encoding="utf-8").splitlines()
        if "/id/article/" in line  # copies take the article graphs; links are redone
    )
    results = {mode: [] for mode in modes}
    written = []  # with ``as_ingest``: what writing each stretch of the prefill cost
    for size in sizes:
        began = time.perf_counter()
        if as_ingest:
            costs = replay(tmp / "at", nquads, per_copy, size, batch)
            held = costs["held"]
            written.append(costs)
            print_written(costs)
        else:
            held = prefill(tmp / "at", nquads, per_copy, size)
        print(
            f"  prefilled to {held:,} articles in {time.perf_counter() - began:.0f} s; "
            f"{du(tmp / 'at')}"
        )
        for mode in modes:
            folder = tmp / f"fresh-{size}-{mode}"
            folder.mkdir()
            for path in pool[:per_size]:
                for file in (path, path.with_suffix(".json")):
                    (folder / file.name).symlink_to(file)
            pool = pool[per_size:]
            # each mode starts on a store whose merging is done: the serial run's flushes would
            # otherwise leave theirs to be counted in the Dask run's batches
            settle_store(tmp / "at")
            result = fresh_batches(folder, tmp / "at", reps + 1, workers if mode == "dask" else 0)
            point = at_size(result["rows"])
            point["lineage"] = result["lineage"][1]
            results[mode].append(point)
            print_point(mode, point)
        whole = whole_lineage(tmp / "at")
        for mode in modes:
            results[mode][-1]["lineage whole"] = whole
        print(f"    the proposal lineage recomputed whole: {whole:.1f} CPU-s")
    # without a serial run, extraction alone is measured apart, on one thread, on base articles
    alone = None if serial else extraction_alone(sorted(base_dir.glob("*.txt"))[:batch])
    print_projection(results, alone)
    if written:
        print_written_projection(results, written, per_copy, alone)


def extraction_alone(paths: list[Path]) -> float:
    """CPU seconds per article of reading, parsing and extracting ``paths`` and building their
    graphs, in this process on one thread (as a worker does), spaCy loaded first."""
    from threadpoolctl import threadpool_limits

    from kg.ingestion import prepared_of
    from kg.read.articles import read_articles

    with threadpool_limits(limits=1):
        prepared_of(list(read_articles(paths[:5])))  # spaCy's start is not an article's
        cpu = time.thread_time()
        prepared_of(list(read_articles(paths)))
        return (time.thread_time() - cpu) / max(len(paths), 1)


def whole_lineage(store_dir: Path) -> float:
    """CPU seconds of the proposal lineage recomputed from every proposal of the store (what an
    ingest of most of the store does at its end)."""
    from kg.link.proposals import relink_lineage
    from kg.store import GraphStore

    with GraphStore(store_dir) as store:
        cpu = time.thread_time()
        relink_lineage(store)
        return time.thread_time() - cpu


def fresh_batches(folder: Path, store_dir: Path, batches: int, workers: int) -> dict:
    """:func:`batch_costs` of ``folder``: in this process on one thread (as a worker extracts, so
    that no BLAS thread of the parser is counted as the main process's), or on a local Dask cluster
    of ``workers`` started for it, its scheduler in a process of its own (whose CPU is counted
    apart, as the ingest's overhead)."""
    from threadpoolctl import threadpool_limits

    if not workers:
        with threadpool_limits(limits=1):
            return batch_costs(folder, store_dir, batches, 1, None)
    with cluster_apart(workers) as (address, pid):
        return batch_costs(folder, store_dir, batches, workers, address, pid)


def du(folder: Path) -> str:
    size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    return f"{size / 1e9:.2f} GB on disk"


def print_point(mode: str, p: dict) -> None:
    print(
        f"    {mode:>6}, {p['stored']:>9,.0f} stored: main process {1000 * p['overhead']:.2f} ms "
        f"CPU per article (median of {p['reps']}, {1000 * p['low']:.2f}–{1000 * p['high']:.2f}; "
        f"load {1000 * p['load']:.2f}, link {1000 * p['relink']:.2f}, "
        f"commit+flush {1000 * (p['commit'] + p['flush']):.2f}, "
        f"names {1000 * p['names']:.2f}, copies {1000 * p['copies']:.2f}, "
        f"the process's other threads {1000 * p['background']:.2f} (Dask's client's "
        f"{1000 * p['client']:.2f}), "
        f"the Dask scheduler's process {1000 * p['scheduler']:.2f}, "
        f"the main thread outside the phases {1000 * p['other']:.2f}), "
        f"extraction {1000 * p['extraction']:.2f} ms, reading {1000 * p['read']:.2f} ms; "
        f"the lineage of the run's articles at its end {p['lineage']:.2f} CPU-s"
    )


def print_projection(
    results: dict[str, list[dict]], alone: float | None = None, n: int = 100_000
) -> None:
    """The cost of ingesting ``n`` articles in one run: extraction × n, plus the integral of the
    measured per-article overhead over the store's sizes 0..n, plus one proposal lineage at the end
    (the one measured at the largest size), against the extraction alone (the serial run's, else
    ``alone``, measured apart)."""
    serial = results.get("serial", [])
    extraction = (
        alone if alone is not None else median([p["extraction"] + p["read"] for p in serial])
    )
    print(
        f"\n  extraction alone (reading, parsing, the rules, the graph built and serialized): "
        f"{1000 * extraction:.2f} ms CPU per article "
        f"({'measured apart, on one thread' if alone is not None else 'serial, median'})"
    )
    for mode, points in results.items():
        curve = [(p["stored"], p["overhead"]) for p in points]
        last = points[-1]["stored"]
        # one run of n articles links the lineage once, whole (they are most of the store): it
        # reads every proposal, so it grows with the store
        lineage = points[-1].get("lineage whole", points[-1]["lineage"]) * max(n / max(last, 1), 1)
        ways = (
            [("measured to 100,000", False)]
            if last >= n
            else [
                (f"beyond {last:,.0f} stored: the last segment's slope", False),
                (f"beyond {last:,.0f} stored: flat", True),
            ]
        )
        for label, flat in ways:
            whole = extraction * n + integral(curve, n, flat) + lineage
            print(
                f"  projected {n:,} articles, {mode}: {whole / 3600:.2f} CPU-h, "
                f"{whole / (extraction * n):.3f}x their extraction alone ({label}; "
                f"the lineage once at the end: {lineage:.0f} CPU-s)"
            )
        if mode == "dask":
            workers = median([p["extraction"] for p in points])
            print(f"  (the Dask workers' own CPU per article, median: {1000 * workers:.2f} ms)")


def print_written(costs: dict) -> None:
    """What writing a stretch of the prefill as an ingest writes cost, per article added."""
    n = costs["added"]
    if not n:  # the store held enough already
        return
    print(
        f"  written as an ingest writes: {costs['added']:,} articles, CPU per article: load "
        f"{1000 * costs['load'] / n:.2f} ms, link {1000 * costs['link'] / n:.2f}, commit "
        f"{1000 * costs['commit'] / n:.2f}, flush {1000 * costs['flush'] / n:.2f}, the store's "
        f"threads {1000 * costs['threads'] / n:.2f} (every batch's merging and the "
        f"{costs['settle']:.0f} CPU-s left after the last, waited for"
        + ("" if costs["idle"] else "; NOT idle at the limit")
        + ")"
    )


def print_written_projection(
    results: dict[str, list[dict]],
    written: list[dict],
    base: int,
    alone: float | None = None,
    n: int = 100_000,
) -> None:
    """100,000 articles projected from what writing the prefill as an ingest writes cost: its
    every batch's loading, linking, committing, flushing and merging (the base corpus's at the
    first stretch's cost per article; beyond the prefill, the last stretch's), plus the rest of
    the main process's work measured on the fresh batches (integrated over the store's sizes), the
    extraction and one proposal lineage at the end; nothing if the prefill wrote nothing (every
    size held already, by the base corpus or an earlier run).

    >>> print_written_projection({"serial": []}, [{"added": 0}], 200, alone=0.1)
    <BLANKLINE>
      the prefill wrote no article: no projection from its writing
    """
    stretches = [w for w in written if w["added"]]
    if not stretches:
        print("\n  the prefill wrote no article: no projection from its writing")
        return
    serial = results.get("serial", [])
    extraction = (
        alone if alone is not None else median([p["extraction"] + p["read"] for p in serial])
    )
    phases = ("load", "link", "commit", "flush", "threads")
    wrote = sum(w[k] for w in stretches for k in phases)
    added = sum(w["added"] for w in stretches)
    first, last = (sum(w[k] for k in phases) / w["added"] for w in (stretches[0], stretches[-1]))
    writing = first * base + wrote + last * max(n - base - added, 0)
    print(
        f"\n  the prefill written as an ingest writes: {base + added:,} articles, "
        f"{1000 * wrote / max(added, 1):.2f} ms CPU per article of writing, linking and merging"
    )
    for mode, points in results.items():
        rest = integral([(p["stored"], p["rest"]) for p in points], n, flat=True)
        last_point = points[-1]
        lineage = last_point.get("lineage whole", last_point["lineage"]) * max(
            n / max(last_point["stored"], 1), 1
        )
        whole = extraction * n + writing * min(n / (base + added), 1) + rest + lineage
        print(
            f"  projected {n:,} articles, {mode}, from the prefill's writing: "
            f"{whole / 3600:.2f} CPU-h, {whole / (extraction * n):.3f}x their extraction alone "
            f"(writing {1000 * writing / n:.2f} ms per article, the rest of the main process "
            f"{1000 * rest / n:.2f}, the lineage once at the end {lineage:.0f} CPU-s)"
        )


def block_lookup_cost(sizes=(2_000, 20_000, 200_000)) -> None:
    """CPU time of one linking block (the events of a kind, status and day) in stores of ``sizes``
    meetings of the same side, five a day: what a lookup costs as the store grows."""
    from datetime import date, timedelta

    import pyoxigraph as ox

    from kg.link.events import CandidateBlocks
    from kg.rdf.namespace import ID, NKG
    from kg.store import GraphStore

    rdf_type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    print("\none linking block (5 events) in stores of more and more events of one side:")
    for n in sizes:
        store, quads = GraphStore(), []
        for i in range(n):
            g, day = f"<{ID}article/a{i}>", date(2023, 1, 1) + timedelta(days=i // 5)
            e, when = f"<{ID}article/a{i}/meeting-1>", f'"{day}"^^<{XSD_DATE}>'
            quads += [
                f"{e} {rdf_type} <{NKG.Meeting}> {g} .",
                f"{e} <{NKG.status}> <{NKG.Occurred}> {g} .",
                f"{e} <{NKG.earliestDate}> {when} {g} .",
                f"{e} <{NKG.latestDate}> {when} {g} .",
                f"{e} <{NKG.participant}> <{ID}country/israel> {g} .",
            ]
        store.backend.ox.load("\n".join(quads), format=ox.RdfFormat.N_QUADS)
        key = (str(NKG.Meeting), str(NKG.Occurred), date(2023, 2, 1))
        best = min(cpu_of(partial(CandidateBlocks(store).read, {key})) for _ in range(50))
        print(f"  {n:>9,} events: {1000 * best:.2f} ms CPU (best of 50)")


def cpu_of(call) -> float:
    began = time.process_time()
    call()
    return time.process_time() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--articles", type=int, default=1600, help="synthetic articles (4000 for the full check)"
    )
    parser.add_argument("--batches", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3, help="Dask workers of the local cluster")
    parser.add_argument("--no-dask", action="store_true", help="the serial ingest only")
    parser.add_argument("--no-serial", action="store_true", help="the Dask ingest only")
    parser.add_argument(
        "--reuters", type=int, default=300, help="crude-oil stories for the export check"
    )
    parser.add_argument("--no-reuters", action="store_true")
    parser.add_argument(
        "--grow",
        type=int,
        default=0,
        metavar="COPIES",
        help="then link a copy of the corpus into stores of up to COPIES copies",
    )
    parser.add_argument(
        "--blocks",
        action="store_true",
        help="time one linking block in stores of 2,000 to 200,000 events",
    )
    parser.add_argument(
        "--at",
        type=lambda text: sorted(int(n) for n in text.split(",")),
        metavar="SIZES",
        help="instead: the main process's CPU per article on fresh batches ingested into stores "
        "prefilled (without extracting) to each of SIZES articles, e.g. 1000,10000,50000,100000, "
        "and 100,000 articles projected from them; --articles is the corpus copied",
    )
    parser.add_argument("--reps", type=int, default=4, help="with --at: batches timed per size")
    parser.add_argument(
        "--batch",
        type=int,
        default=BATCH_SIZE,
        help=f"with --at: articles per batch (default: kg ingest's, {BATCH_SIZE})",
    )
    parser.add_argument(
        "--prefill",
        choices=("ingest", "bulk"),
        default="ingest",
        help="with --at: the copies written as an ingest writes them, batch by batch, linked, "
        "every batch's CPU counted (default), or bulk-loaded (quicker; counts nothing)",
    )
    parser.add_argument(
        "--exact-mediators",
        action="store_true",
        help=f"networkx's exact betweenness beyond {EXACT_LIMIT} nodes too",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if args.at:
            workers = 0 if args.no_dask else args.workers
            overhead_at(
                args.at,
                args.articles,
                args.reps,
                args.batch,
                workers,
                tmp,
                not args.no_serial,
                args.prefill == "ingest",
            )
            return 0
        topical_corpus.write(args.articles, tmp / "synthetic")
        print(
            f"synthetic topical corpus: {args.articles} articles over two years, "
            f"{args.batches} batches"
        )
        corpus = tmp / "synthetic"
        if args.blocks:
            block_lookup_cost()
        if not args.no_serial:
            print_costs("serial ingest", batch_costs(corpus, tmp / "serial", args.batches, 1, None))
            mediators_agree(tmp / "serial", args.exact_mediators)
            if args.grow:
                linking_as_the_store_grows(args.grow, tmp)
        if not args.no_dask:
            with cluster_apart(args.workers) as (address, pid):
                dask = batch_costs(corpus, tmp / "dask", args.batches, args.workers, address, pid)
            print_costs(f"Dask, a local cluster of {args.workers} workers", dask)
        if not args.no_reuters:
            reuters_export(args.reuters, tmp, 1, args.batches)
    return 0


if __name__ == "__main__":
    sys.exit(main())
