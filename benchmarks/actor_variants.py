"""Actors across a corpus: name variants left as separate actors, and generic groups merged across articles.

Ingests Reuters-21578 stories (../shared/corpora/) into a fresh store, then
prints: pairs of person or organization actors whose labels differ only by
case, accents, an honorific or a one-letter spelling (none should be left);
and generic groups (one-word labels: "officials", "families") whose IRI is
shared by several articles (none should be).

    python benchmarks/actor_variants.py [--stories 1000] [--workers 2]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import CORPUS, stories
from bench_ingest import write_articles
from rapidfuzz import fuzz

from kg.identity.across import SPELLING_SIMILARITY, plain
from kg.store import GraphStore

ACTORS = """SELECT ?x ?kind (SAMPLE(?l) AS ?label) WHERE { VALUES ?kind { nkg:Person nkg:Organization }
  GRAPH ?g { ?x a ?kind ; rdfs:label ?l } } GROUP BY ?x ?kind"""
SHARED_GROUPS = """SELECT ?x (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?g) AS ?n) WHERE {
  GRAPH ?g { ?x a nkg:Group ; rdfs:label ?l } } GROUP BY ?x HAVING (COUNT(DISTINCT ?g) > 1)"""


def variant_pairs(rows: list[dict]) -> list[tuple[str, str, str]]:
    """Pairs of distinct actors of one kind whose names are variants of each other, with why."""
    out = []
    by_kind: dict[str, list[str]] = {}
    for r in rows:
        by_kind.setdefault(r["kind"], []).append(r["label"])
    for labels in by_kind.values():
        keyed = [(label, plain(label)) for label in labels]
        for (a, ka), (b, kb) in combinations(keyed, 2):
            if ka == kb:
                out.append((a, b, "case, accents or honorific"))
            elif (
                len(ka) >= 8
                and len(ka.split()) == len(kb.split()) > 1
                and ka[0] == kb[0]
                and not any(c.isdigit() for c in ka + kb)
                and fuzz.ratio(ka, kb) >= SPELLING_SIMILARITY
            ):
                out.append((a, b, "spelling"))
    return out


def main() -> int:
    from kg.ingestion import ingest

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not CORPUS.exists():
        print(
            f"{CORPUS} not found: this script needs ../shared/corpora/ beside the project",
            file=sys.stderr,
        )
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "stories"
        write_articles(stories(CORPUS, args.stories, talks_only=False), folder)
        began = time.perf_counter()
        with GraphStore(Path(tmp) / "store") as store:
            report = ingest([folder], store, workers=args.workers)
            seconds = time.perf_counter() - began
            pairs = variant_pairs(store.select(ACTORS))
            shared = store.select(SHARED_GROUPS)
    print(
        f"{len(report.ingested)} stories ingested in {seconds:.0f} s ({len(report.failed)} failed)"
    )
    print(f"name variants left as separate actors: {len(pairs)}")
    for a, b, why in pairs[:10]:
        print(f"  {a!r} / {b!r} ({why})")
    generic = [r for r in shared if len(str(r["label"]).split()) == 1]
    print(f"generic groups shared by several articles: {len(generic)}")
    for r in generic[:10]:
        print(f"  {r['label']!r} in {r['n']} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
