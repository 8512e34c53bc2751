"""Quantities written in news prose: numbers in digits or words, and lengths of time in days.

>>> parse_number("three and a half"), parse_number("1,500"), parse_number("a hundred")
(3.5, 1500.0, 100.0)
>>> duration_days("two months"), duration_days("a 60-day pause"), duration_days("45 days each")
(60, 60, 45)
>>> duration_days("a 60 - day pause")           # as tokens joined by spaces
60
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

UNIT_DAYS = {
    "day": 1,
    "days": 1,
    "week": 7,
    "weeks": 7,
    "month": 30,
    "months": 30,
    "year": 365,
    "years": 365,
}


@lru_cache(maxsize=1)
def number_words() -> dict[str, float]:
    """Number words of ``kg/data/number_words.tsv`` ("two" → 2, "a dozen" → 12)."""
    table = {}
    text = resources.files("kg").joinpath("data", "number_words.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            word, value = line.split("\t")
            table[word.strip().lower()] = float(value)
    return table


def parse_number(text: str) -> float | None:
    """Return the number written as digits or words ("1,500", "four and a half", "100")."""
    text = text.strip().lower().replace(",", "")
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return float(text)
    words = number_words()
    if text in words:
        return words[text]
    m = re.fullmatch(r"(.+?)\s+and\s+a\s+half", text)
    if m and parse_number(m.group(1)) is not None:
        return parse_number(m.group(1)) + 0.5
    m = re.fullmatch(r"(?:a|an|one)\s+(dozen|hundred|thousand|million)", text)
    if m:
        return words.get(m.group(1))
    parts = re.split(r"[\s-]+", text)
    if len(parts) == 2 and all(p in words for p in parts):
        a, b = (words[p] for p in parts)
        if b >= 100:  # "two hundred"
            return a * b
        if a >= 20 and a % 10 == 0 and b < 10:  # "twenty five"
            return a + b
    return None


NUMBER_RE = r"(?P<n>\d[\d,]*(?:\.\d+)?|[a-z]+(?:[\s-][a-z]+)?(?:\s+and\s+a\s+half)?)"


def duration_days(text: str) -> int | None:
    """Return the length in days that ``text`` states ("two months" → 60, "a 60-day pause" → 60), if any;
    a length of no days ("a 0-day truce") is none.

    >>> duration_days("a 0-day truce") is None
    True
    """
    days = stated_days(text.lower())
    return days if days else None


# "two more days", "48 further hours": a word between the number and its unit, read without it
MORE = re.compile(r"\b(?:more|further|additional|extra)\s+(?=(?:hour|day|week|month|year)s?\b)")


def stated_days(low: str) -> int | None:
    """The number of days a lower-cased text states, zero included.

    >>> stated_days("for two more days"), stated_days("by 48 hours"), stated_days("another day")
    (2, 2, 1)
    >>> stated_days("for 36 hours") is None  # not a whole number of days
    True
    """
    low = MORE.sub("", low)
    # "weeks-long": no stated length
    low = re.sub(r"\b(?:day|week|month|year)s\s*-\s*long\b", "", low)
    # "a week-long truce", "the month-long pause": one unit, when no number stands before it
    m = re.search(
        r"(?:^|\b(?:a|an|one|the|this|that|its|their|his|her)\s*-?\s*)"
        r"(?P<unit>day|week|month|year)\s*-\s*long\b",
        low,
    ) or re.search(r"\b(?:a|one)\s*-?\s*(?P<unit>day|week|month|year)\s*-?\s*long\b", low)
    if m:
        return UNIT_DAYS[m.group("unit")]
    m = re.search(r"(?P<n>\d[\d,]*)(?:\s*-\s*|\s+)(?P<unit>day|week|month|year)s?\b", low)
    if m:
        return round(float(m.group("n").replace(",", "")) * UNIT_DAYS[m.group("unit")])
    # "six-week", "two-month", "three and a half weeks"
    for m in re.finditer(
        NUMBER_RE + r"(?:\s*-\s*|\s+)(?P<unit>days?|weeks?|months?|years?)\b", low
    ):
        words = m.group("n").split()
        # the number may be preceded by other words: try the longest tail that parses
        for k in range(len(words)):
            n = parse_number(" ".join(words[k:]))
            if n is not None:
                return round(n * UNIT_DAYS[m.group("unit")])
    m = re.search(r"\banother\s+(?P<unit>day|week|month|year)\b", low)
    if m:  # "for another day"
        return UNIT_DAYS[m.group("unit")]
    m = re.search(r"(?P<n>\d[\d,]*)(?:\s*-\s*|\s+)hours?\b", low)
    if m and int(m.group("n").replace(",", "")) % 24 == 0:  # "a 48-hour truce"
        return int(m.group("n").replace(",", "")) // 24
    return None
