"""Ingest at corpus size: whole-pipeline throughput against bare spaCy on two processes, batch times as the
store grows, peak memory, and the latency of every named query on the result — side by side in one run.

Reads Reuters-21578 from ../shared/corpora/ (never copied into the project).

    python benchmarks/bench_ingest.py [--stories 21578] [--workers 2] [--batches 10] [--batch-size 100]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import CORPUS, stories


def peak_mb() -> tuple[float, float]:
    """Peak resident memory of this process, and of its largest finished child, in MB (Linux reports KB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own / 1024, kids / 1024


def cpu_seconds() -> float:
    r, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime + c.ru_utime + c.ru_stime


def write_articles(articles, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for a in articles:
        (folder / f"{a.slug}.txt").write_text(a.body, encoding="utf-8")
        meta = {"source": "Reuters"} | ({"published": str(a.published)} if a.published else {})
        (folder / f"{a.slug}.json").write_text(json.dumps(meta))


def bare_spacy(texts: list[str], workers: int) -> float:
    import spacy

    from kg.annotate import MODEL

    nlp = spacy.load(MODEL)
    began = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=workers, batch_size=256):
        pass
    return time.perf_counter() - began


def main() -> int:
    from kg.annotate import paragraph_spans
    from kg.ingestion import ingest
    from kg.query import named_queries
    from kg.store import GraphStore

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=21578)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batches", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=100)
    args = parser.parse_args()
    if not CORPUS.exists():
        print(
            f"{CORPUS} not found: this script needs ../shared/corpora/ beside the project",
            file=sys.stderr,
        )
        return 2
    articles = stories(CORPUS, args.stories, talks_only=False)
    texts = [text for a in articles for text, _ in paragraph_spans(a.body)]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        write_articles(articles, tmp / "all")
        cpu0, began = cpu_seconds(), time.perf_counter()
        with GraphStore(tmp / "store") as store:
            report = ingest([tmp / "all"], store, workers=args.workers)
        ingest_s = time.perf_counter() - began
        busy = (cpu_seconds() - cpu0) / ingest_s
        # before bare spaCy runs in this process: the ingest's own peaks
        main_mb, worker_mb = peak_mb()
        spacy_s = bare_spacy(texts, args.workers)
        print(f"{len(articles)} stories, {len(texts)} paragraphs, {args.workers} processes")
        print(f"{'':34}{'seconds':>9}{'stories/s':>11}")
        print(f"{'bare spaCy nlp.pipe':34}{spacy_s:9.1f}{len(articles) / spacy_s:11.1f}")
        print(
            f"{'kg ingest (parse, extract, load)':34}{ingest_s:9.1f}{len(articles) / ingest_s:11.1f}"
        )
        print(
            f"ratio: {ingest_s / spacy_s:.2f}x   cores busy: {busy:.2f} of {args.workers}   "
            f"failed: {len(report.failed)}"
        )
        print(
            f"peak memory of the ingest: main process {main_mb:.0f} MB, largest worker {worker_mb:.0f} MB"
        )
        with GraphStore(tmp / "store", read_only=True) as store:
            print(f"store: {store.summary()}")
            print("named query latencies:")
            for q in named_queries().values():
                t = time.perf_counter()
                rows = store.select(q.text)
                print(f"  {q.name:14}{(time.perf_counter() - t) * 1000:9.0f} ms {len(rows):8} rows")
        # batches differ in length and content: each is also ingested alone into an empty store, so that the
        # growing store's share of a batch's time shows as the ratio of the two
        print(
            f"batches of {args.batch_size} one after another into a growing store, beside the same batch alone:"
        )
        print(f"  {'batch':>7}{'store holds':>13}{'growing s':>11}{'alone s':>9}{'ratio':>7}")
        ratios = []
        with GraphStore(tmp / "growing") as store:
            for n in range(args.batches):
                part = articles[n * args.batch_size : (n + 1) * args.batch_size]
                write_articles(part, tmp / f"batch{n}")
                held = len(store.articles())
                t = time.perf_counter()
                ingest([tmp / f"batch{n}"], store, workers=args.workers)
                growing = time.perf_counter() - t
                with GraphStore(tmp / f"alone{n}") as empty:
                    t = time.perf_counter()
                    ingest([tmp / f"batch{n}"], empty, workers=args.workers)
                    alone = time.perf_counter() - t
                ratios.append(growing / alone)
                print(f"  {n + 1:7}{held:13}{growing:11.1f}{alone:9.1f}{growing / alone:7.2f}")
        if ratios:
            print(f"last batch against the first, the store's share: {ratios[-1] / ratios[0]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
