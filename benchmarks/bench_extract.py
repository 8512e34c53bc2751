"""Extraction throughput against the bare spaCy pipeline, and robustness, on real newswire.

Reads stories from ../shared/corpora/reuters21578.jsonl.gz (not copied into the
project), then in one run and on the same paragraphs:

1. the bare spaCy pipeline (``en_core_web_sm``, ``nlp.pipe``) alone;
2. negotiation-kg's whole extraction: parsing (with its entity ruler), the rules,
   and building each article's RDF graph.

It prints articles per second for both, their ratio, and how many stories raised
an error (there should be none).

    python benchmarks/bench_extract.py [--stories 2000] [--talks-only]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import traceback
from datetime import date
from pathlib import Path

import spacy

from kg.annotate import MODEL, annotate, load_pipeline, paragraph_spans
from kg.extract import extract_facts
from kg.rdf.graph import article_graph
from kg.read.articles import Article, slugify

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "reuters21578.jsonl.gz"
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


def bare_spacy(articles: list[Article]) -> float:
    """Seconds for the stock pipeline over the same paragraphs."""
    nlp = spacy.load(MODEL)
    texts = [text for a in articles for text, _ in paragraph_spans(a.body)]
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=256):
        pass
    return time.perf_counter() - start


def full_extraction(articles: list[Article]) -> tuple[float, int, int, list[str]]:
    """Seconds for parse + rules + RDF; the number of facts; of triples; and the errors."""
    load_pipeline()
    facts_count = triples = 0
    errors = []
    start = time.perf_counter()
    for annotated in annotate(articles):
        try:
            facts = extract_facts(annotated)
            facts_count += len(facts.events) + len(facts.proposals) + len(facts.positions)
            triples += len(article_graph(facts))
        except (
            Exception
        ):  # counted and reported: a benchmark of robustness must not stop at the first
            errors.append(f"{annotated.article.path}: {traceback.format_exc().splitlines()[-1]}")
    return time.perf_counter() - start, facts_count, triples, errors


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--stories", type=int, default=2000, help="how many stories (default: %(default)s)"
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
    articles = stories(args.corpus, args.stories, args.talks_only)
    words = sum(len(a.body.split()) for a in articles)
    print(f"{len(articles)} stories, {words:,} words")
    bare = bare_spacy(articles)
    full, facts, triples, errors = full_extraction(articles)
    print(f"{'':28}{'seconds':>9} {'stories/s':>10} {'words/s':>10}")
    for name, secs in (("bare spaCy (en_core_web_sm)", bare), ("negotiation-kg extraction", full)):
        print(f"{name:28}{secs:9.1f} {len(articles) / secs:10.1f} {words / secs:10,.0f}")
    print(f"ratio (extraction / bare spaCy): {full / bare:.2f}x")
    print(f"facts: {facts} events+proposals+positions, {triples:,} triples")
    print(f"errors: {len(errors)}")
    for e in errors[:20]:
        print(f"  {e}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
