"""Extraction throughput against the bare spaCy pipeline, and robustness, on real newswire.

Reads stories from ../shared/corpora/reuters21578.jsonl.gz (not copied into the
project), then times, on the same paragraphs and with the same batch size:

1. the bare spaCy pipeline (``MODEL``, the components negotiation-kg parses with,
   without its entity ruler), ``nlp.pipe`` alone;
2. negotiation-kg's whole extraction: splitting the articles into paragraphs,
   parsing (with the entity ruler), the rules, and building each article's RDF graph.

Both pipelines are loaded and warmed up before the clock starts. The two run in
turn ``--rounds`` times, the first one alternating, and the figures are medians:
CPU seconds of this process (what a run costs, whatever else the machine is
doing) and wall-clock seconds (what a user waits, which on a busy machine also
counts the time spent waiting for a core). It prints articles per second for
both, their ratio, each round's ratio, and how many stories raised an error
(there should be none).

    python benchmarks/bench_extract.py [--stories 2000] [--rounds 3] [--talks-only]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import spacy

from kg.annotate import MODEL, annotate, load_pipeline, paragraph_spans
from kg.extract import extract_facts
from kg.rdf.graph import article_graph
from kg.read.articles import Article, slugify

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "reuters21578.jsonl.gz"
BATCH = 256  # paragraphs per nlp.pipe batch, the same for both (annotate's default)
TALKS = re.compile(r"TALKS|NEGOTIAT|ACCORD|PACT|TRUCE|CEASEFIRE|DEAL", re.I)


def stories(path: Path, limit: int, talks_only: bool) -> list[Article]:
    """The first ``limit`` stories with a body, as articles (headline line + body)."""
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if not row.get("body", "").strip() or (
                talks_only and not TALKS.search(row.get("title") or "")
            ):
                continue
            title = (row.get("title") or "untitled").strip()
            body = f"{title}\n{row['body']}"
            published = date.fromisoformat(row["published"]) if row.get("published") else None
            out.append(
                Article(
                    path=f"reuters-{row['id']}",
                    slug=slugify(f"reuters-{row['id']}"),
                    title=title,
                    body=body,
                    published=published,
                    source="Reuters",
                )
            )
            if len(out) >= limit:
                break
    return out


WARM_UP = 20  # stories each pipeline parses before the clock starts (first calls allocate)


@dataclass
class Timing:
    """CPU and wall-clock seconds of one timed run."""

    cpu: float
    wall: float


def timed(run: Callable[[], object]) -> tuple[Timing, object]:
    """Run ``run()``; return its CPU and wall-clock seconds, and what it returned."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = run()
    return Timing(time.process_time() - cpu, time.perf_counter() - wall), result


def bare_spacy(nlp, texts: list[str]) -> None:
    """The stock pipeline over the paragraphs, doing nothing with the parses."""
    for _ in nlp.pipe(texts, batch_size=BATCH):
        pass


def full_extraction(articles: list[Article]) -> tuple[int, int, list[str]]:
    """Parse + rules + RDF: the number of facts; of triples; and the errors."""
    facts_count = triples = 0
    errors = []
    for annotated in annotate(articles, batch_size=BATCH):
        try:
            facts = extract_facts(annotated)
            facts_count += len(facts.events) + len(facts.proposals) + len(facts.positions)
            triples += len(article_graph(facts))
        # counted and reported: a benchmark of robustness must not stop at the first
        except Exception:
            errors.append(f"{annotated.article.path}: {traceback.format_exc().splitlines()[-1]}")
    return facts_count, triples, errors


def rounds_of(articles: list[Article], rounds: int) -> tuple[list[Timing], list[Timing], tuple]:
    """Time both pipelines ``rounds`` times in turn (the first alternating), after a warm-up of each;
    return the bare timings, the extraction timings, and what the first extraction found."""
    bare_nlp = spacy.load(MODEL)
    load_pipeline()
    texts = [text for a in articles for text, _ in paragraph_spans(a.body)]
    warm = articles[:WARM_UP]
    bare_spacy(bare_nlp, [text for a in warm for text, _ in paragraph_spans(a.body)])
    full_extraction(warm)
    bare, full, found = [], [], None
    for n in range(rounds):
        for which in ("bare", "full") if n % 2 == 0 else ("full", "bare"):
            if which == "bare":
                bare.append(timed(lambda: bare_spacy(bare_nlp, texts))[0])
            else:
                timing, result = timed(lambda: full_extraction(articles))
                full.append(timing)
                found = found or result
    return bare, full, found


def median(timings: list[Timing], clock: str) -> float:
    """The median of the ``clock`` ("cpu" or "wall") seconds of ``timings``."""
    return statistics.median(getattr(t, clock) for t in timings)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--stories", type=int, default=2000, help="how many stories (default: %(default)s)"
    )
    ap.add_argument(
        "--rounds", type=int, default=3, help="timed runs of each pipeline (default: %(default)s)"
    )
    ap.add_argument(
        "--talks-only", action="store_true", help="only stories whose title is about talks or deals"
    )
    ap.add_argument(
        "--corpus", type=Path, default=CORPUS, help="the corpus file (default: %(default)s)"
    )
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(
            f"{args.corpus}: not here; this benchmark reads ../shared/corpora (absent from a clone)",
            file=sys.stderr,
        )
        return 2
    if args.rounds < 1:
        print(f"--rounds {args.rounds}: give at least 1", file=sys.stderr)
        return 2
    articles = stories(args.corpus, args.stories, args.talks_only)
    words = sum(len(a.body.split()) for a in articles)
    print(
        f"{len(articles)} stories, {words:,} words, {args.rounds} rounds (medians); model {MODEL}"
    )
    bare, full, (facts, triples, errors) = rounds_of(articles, args.rounds)
    print(f"{'':27}{'CPU s':>8} {'wall s':>8} {'stories/s':>10} {'words/s':>10}  (per CPU second)")
    for name, timings in (("bare spaCy", bare), ("negotiation-kg extraction", full)):
        cpu, wall = median(timings, "cpu"), median(timings, "wall")
        print(f"{name:27}{cpu:8.1f} {wall:8.1f} {len(articles) / cpu:10.1f} {words / cpu:10,.0f}")
    cpu_ratio = median(full, "cpu") / median(bare, "cpu")
    wall_ratio = median(full, "wall") / median(bare, "wall")
    print(f"ratio (extraction / bare spaCy): {cpu_ratio:.2f}x CPU, {wall_ratio:.2f}x wall-clock")
    each = ", ".join(f"{f.cpu / b.cpu:.2f}" for b, f in zip(bare, full))
    print(f"each round's ratio (CPU): {each}")
    print(f"facts: {facts} events+proposals+positions, {triples:,} triples")
    print(f"errors: {len(errors)}")
    for e in errors[:20]:
        print(f"  {e}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
