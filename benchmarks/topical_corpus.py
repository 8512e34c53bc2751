"""A synthetic topical corpus: many small articles about one negotiation, all naming the same sides.

A real user's corpus is hundreds to millions of reports of one set of talks
(the same mediators, the same two parties, over months or years), unlike
Reuters-21578, whose stories are about a thousand different things. Each day of
the span has a few occurrences (meetings, statements, proposals, rejections);
each article is published on one day and reports two to four of that day's
occurrences in its own words, so that several articles report the same
occurrence and the linker has real work on every day.

    python benchmarks/topical_corpus.py OUT_DIR [--articles 4000] [--seed 7]

The sentences are this script's own, in the constructions of news prose.
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from pathlib import Path

# (name, adjective of its side, its side's city): the same few people in every article
PEOPLE = [
    ("Benjamin Netanyahu", "Israeli", "Jerusalem"),
    ("David Barnea", "Israeli", "Tel Aviv"),
    ("Ismail Haniyeh", "Hamas", "Gaza"),
    ("Khalil al-Hayya", "Hamas", "Gaza"),
    ("Mohammed bin Abdulrahman Al Thani", "Qatari", "Doha"),
    ("Majed al-Ansari", "Qatari", "Doha"),
    ("Abbas Kamel", "Egyptian", "Cairo"),
    ("Sameh Shoukry", "Egyptian", "Cairo"),
    ("William Burns", "American", "Washington"),
    ("Antony Blinken", "American", "Washington"),
]
SIDES = ["Israel", "Hamas", "Qatar", "Egypt", "the United States"]
CITIES = ["Doha", "Cairo", "Paris", "Riyadh", "Amman"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
CLAIMS = [
    "the talks had made progress on the release of {n} hostages",
    "a pause of {n} days was still under discussion",
    "the gaps over the withdrawal of troops remained wide",
    "a deal on the exchange of {n} prisoners was close",
    "the mediators would present a new text within {n} days",
]


def occurrences(day: date, rng: random.Random) -> list[dict]:
    """The few things that happen on ``day``: who, what, and the figure they name."""
    out = []
    for _ in range(rng.randint(2, 4)):
        kind = rng.choice(["meeting", "statement", "statement", "proposal", "rejection"])
        a, b = rng.sample(PEOPLE, 2)
        figure = rng.choice([3, 5, 7, 21, 40, 42, 60, 90, 100])
        out.append(
            {
                "kind": kind,
                "a": a,
                "b": b,
                "n": figure,
                "claim": rng.choice(CLAIMS),
                "city": rng.choice(CITIES),
                "sides": rng.sample(SIDES, 2),
            }
        )
    return out


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def sentence(event: dict, published: date, day: date, rng: random.Random) -> str:
    """One report of ``event`` (which happened on ``day``), worded one of several ways."""
    weekday = "on " + WEEKDAYS[day.weekday()]
    when = weekday if day != published else rng.choice([weekday, "today"])
    (a, a_side, _), (b, _, _) = event["a"], event["b"]
    side, other = event["sides"]
    n, city = event["n"], event["city"]
    claim = event["claim"].format(n=n)
    choices = {
        "meeting": [
            f"{a} met {b} in {city} {when}.",
            f"{a_side} officials said {a} met {b} in {city} {when}.",
            f"{upper_first(when)}, {a} held talks with {b} in {city}.",
        ],
        "statement": [
            f"{a} said {when} that {claim}.",
            f"{upper_first(claim)}, {a} said {when}.",
            f"Speaking in {city} {when}, {a} said {claim}.",
        ],
        "proposal": [
            f"{side} proposed a {n}-day ceasefire and the release of {n} hostages {when}.",
            f"{upper_first(when)}, {side} put forward a plan for a {n}-day pause in the fighting.",
        ],
        "rejection": [
            f"{side} rejected the proposal of {other} for a {n}-day truce {when}.",
            f"{upper_first(when)}, {a} rejected a ceasefire plan put forward by {other}.",
        ],
    }
    return rng.choice(choices[event["kind"]])


def articles(count: int, start: date = date(2023, 1, 1), days: int = 730, seed: int = 7):
    """``count`` articles (slug, title, body, published) spread evenly over ``days`` days from
    ``start``."""
    rng = random.Random(seed)
    per_day: dict[date, list[dict]] = {}
    for i in range(count):
        published = start + timedelta(days=i * days // count)
        # reports of the day itself and of the day before: the eve a morning paper writes about
        pool = []
        for back in (0, 1):
            day = published - timedelta(days=back)
            pool += [(day, e) for e in per_day.setdefault(day, occurrences(day, rng))]
        picked = rng.sample(pool, min(len(pool), rng.randint(2, 4)))
        body = [sentence(e, published, day, rng) for day, e in picked]
        title = f"Talks on the {rng.choice(['truce', 'hostage deal', 'ceasefire'])}: day {i}"
        yield f"topical-{i:06d}", title, "\n".join(body), published


def write(count: int, folder: Path, seed: int = 7) -> list[Path]:
    """Write ``count`` articles (text and sidecar) into ``folder``, in publication order; their
    text paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for slug, title, body, published in articles(count, seed=seed):
        path = folder / f"{slug}.txt"
        path.write_text(f"{title}\n{body}\n", encoding="utf-8")
        meta = {"published": str(published), "source": "Synthetic"}
        (folder / f"{slug}.json").write_text(json.dumps(meta))
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(f"{len(write(args.articles, args.out, args.seed))} articles in {args.out}")


if __name__ == "__main__":
    main()
