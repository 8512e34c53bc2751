"""Republished copies at scale: the cost of recognising them, per article, and what they find in
real newswire.

Reads the Reuters-21578 stories with a body from ../shared/corpora/reuters21578.jsonl.gz (not copied
into the project) and runs what an ingest runs for each article before extraction: its shingle
signature (datasketch MinHash), a query of the MinHash LSH index of the stories before it, and its
insertion. It prints the time per article, the copies found (Reuters republished many stories under
a new headline, or with a correction), a few of them side by side, the size of a stored signature,
and the time to rebuild the index from the stored signatures, as the next ingest does.

    python benchmarks/bench_republished.py [--stories 21578]
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

from kg.link.republished import (
    SHORT,
    RepublicationIndex,
    decode_signature,
    encode_signature,
    shingle_signature,
    shingles,
)

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "reuters21578.jsonl.gz"


def stories(limit: int) -> list[tuple[str, str, str]]:
    """(id, headline, body) of the first ``limit`` stories with a body."""
    out = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            story = json.loads(line)
            if story.get("body", "").strip():
                out.append((story["id"], story.get("title", ""), story["body"]))
            if len(out) >= limit:
                break
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stories", type=int, default=21578)
    args = ap.parse_args()
    if not CORPUS.exists():
        raise SystemExit(f"{CORPUS} is not here (a clone has no ../shared)")
    corpus = stories(args.stories)
    index, copies, stored = RepublicationIndex(), [], []
    start = time.perf_counter()
    for key, _title, body in corpus:
        signature = shingle_signature(body)
        story = index.original_of(signature) if len(shingles(body)) >= SHORT else None
        if story is None:
            index.add(key, signature)
            stored.append((key, encode_signature(signature)))
        else:
            copies.append((story, key))
    took = time.perf_counter() - start
    titles = {key: title for key, title, _ in corpus}
    print(
        f"{len(corpus):,} stories: {took:.1f} s, {1000 * took / len(corpus):.2f} ms per article "
        f"(signature, LSH query, insertion)"
    )
    print(f"copies found: {len(copies):,} ({100 * len(copies) / len(corpus):.1f}%)")
    for story, copy in copies[:: max(1, len(copies) // 8)][:8]:
        print(f"  {titles[story][:60]!r}  ←  {titles[copy][:60]!r}")
    print(f"a stored signature: {len(stored[0][1])} characters")
    start = time.perf_counter()
    rebuilt = RepublicationIndex()
    for key, text in stored:
        rebuilt.add(key, decode_signature(text))
    print(
        f"index rebuilt from {len(stored):,} stored signatures in "
        f"{time.perf_counter() - start:.1f} s"
    )


if __name__ == "__main__":
    main()
