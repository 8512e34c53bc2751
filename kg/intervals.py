"""Days and date intervals: the bounds of when something happened (extraction, linking, views).

No spaCy here (nor anything else of the extraction stage): reading the store
needs these without loading the NLP stack. Dates are resolved from text in
:mod:`kg.extract.dates`.

>>> from datetime import date
>>> Interval(date(2024, 1, 1), date(2024, 1, 31)).shift(1)
Interval(earliest=datetime.date(2024, 1, 2), latest=datetime.date(2024, 2, 1))
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


def shifted(day: date, days: int) -> date:
    """``day`` moved by ``days``, held at the calendar's ends (year 1 and 9999), not overflowing.

    >>> shifted(date(1, 1, 1), -1), shifted(date(2024, 2, 28), 1)
    (datetime.date(1, 1, 1), datetime.date(2024, 2, 29))
    """
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.min if days < 0 else date.max


@dataclass(frozen=True)
class Interval:
    """Bounds of when something happened; ``None`` is an open bound."""

    earliest: date | None
    latest: date | None

    def shift(self, days: int) -> Interval:
        move = lambda d: shifted(d, days) if d else None
        return Interval(move(self.earliest), move(self.latest))

    def overlaps(self, other: Interval) -> bool:
        """Do the two intervals share a day (an open bound reaches everything)?

        >>> Interval(date(2024, 1, 1), None).overlaps(Interval(None, date(2024, 1, 1)))
        True
        """
        lo = max((d for d in (self.earliest, other.earliest) if d), default=None)
        hi = min((d for d in (self.latest, other.latest) if d), default=None)
        return lo is None or hi is None or lo <= hi

    def contains(self, other: Interval) -> bool:
        """Does this interval hold all of ``other`` (both bounded on both sides)?"""
        if None in (self.earliest, self.latest, other.earliest, other.latest):
            return False
        return self.earliest <= other.earliest and other.latest <= self.latest
