"""Temporal expressions → date intervals, resolved against the publication date.

No spaCy and no RDF here: strings and dates in, :class:`Interval` out. An
interval is as narrow as the text allows and never narrower; an expression
that cannot be resolved gives ``None`` (the caller keeps its text, no bounds).

``tense`` says which way an ambiguous expression points: ``"past"`` (the most
recent such day on or before publication), ``"future"`` (the next one on or
after), or ``None`` (past, the usual case in news).

>>> from datetime import date
>>> pub = date(2024, 1, 28)                     # a Sunday
>>> resolve("Thursday", pub)
Interval(earliest=datetime.date(2024, 1, 25), latest=datetime.date(2024, 1, 25))
>>> resolve("last week", pub)
Interval(earliest=datetime.date(2024, 1, 15), latest=datetime.date(2024, 1, 21))
>>> resolve("in November", pub)
Interval(earliest=datetime.date(2023, 11, 1), latest=datetime.date(2023, 11, 30))
>>> resolve("a 60-day pause", pub) is None
True
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

from ..intervals import Interval, shifted  # the stages import them from here too
from ..vocab import word_list
from .quantities import NUMBER_RE, UNIT_DAYS, duration_days, parse_number

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTH_RE = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
WEEKDAY_RE = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def week_of(day: date) -> Interval:
    monday = day - timedelta(days=day.weekday())
    return Interval(monday, monday + timedelta(days=6))


def month_interval(year: int, month: int) -> Interval:
    return Interval(date(year, month, 1), month_end(year, month))


def add_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


FAR_DAYS, NEAR_DAYS = 180, 45


def nearest_month(month: int, published: date, tense: str | None) -> Interval:
    """The named month nearest to publication in the direction of ``tense``."""
    year = published.year
    if tense == "future":
        if month < published.month:
            year += 1
    elif month > published.month:
        year -= 1
    return month_interval(year, month)


def nearest_day(
    month: int, day: int, year: int | None, published: date, tense: str | None
) -> date | None:
    """The date a day and month (and perhaps year) name, seen from ``published`` in the direction of ``tense``.

    >>> nearest_day(3, 10, None, date(2020, 2, 29), "past"), nearest_day(5, 1, None, date(2024, 6, 15), "past")
    (datetime.date(2020, 3, 10), datetime.date(2024, 5, 1))
    >>> nearest_day(12, 30, None, date(2024, 1, 3), "future")
    datetime.date(2023, 12, 30)
    """
    try:
        if year is not None:
            return date(year, month, day)
        candidate = date(published.year, month, day)
    except ValueError:
        # 29 February outside a leap year: the nearest leap year in the tense's direction
        step = 1 if tense == "future" else -1
        y = published.year
        while not calendar.isleap(y):
            y += step
        return date(y, month, day) if month == 2 and day == 29 else None
    before, after = (
        (candidate, year_moved(candidate, 1))
        if candidate <= published
        else (year_moved(candidate, -1), candidate)
    )
    wanted, other = (after, before) if tense == "future" else (before, after)
    # a day and month without a year is the current year's in news style: a tense pointing almost a year
    # away, when the other reading is weeks from publication, is the parse's mistake, not the writer's
    if abs((wanted - published).days) > FAR_DAYS and abs((other - published).days) <= NEAR_DAYS:
        return other
    return wanted


def year_moved(day: date, years: int) -> date:
    """``day`` in another year (29 February becomes the 28th)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 2, 28)


def weekday_date(weekday: int, published: date, tense: str | None) -> date:
    """The most recent such weekday on or before publication (past), or the next on or after (future)."""
    if tense == "future":
        return published + timedelta(days=(weekday - published.weekday()) % 7)
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def part_of(interval: Interval, part: str | None) -> Interval:
    """Narrow a month to its early, middle or late part ("late last month")."""
    if not part or interval.earliest is None or interval.latest is None:
        return interval
    first, last = interval.earliest, interval.latest
    if part == "early":
        return Interval(first, first.replace(day=15))
    if part in ("mid", "mid-"):
        return Interval(first.replace(day=10), first.replace(day=20))
    return Interval(first.replace(day=15), last)


def clip(interval: Interval, published: date, tense: str | None) -> Interval:
    """A past event cannot end after publication."""
    if tense == "future" or interval.latest is None or interval.latest <= published:
        return interval
    if interval.earliest is not None and interval.earliest > published:
        return interval
    return Interval(interval.earliest, published)


def resolve(text: str, published: date | None, tense: str | None = None) -> Interval | None:
    """Return the interval a temporal expression denotes, or ``None`` when it cannot be resolved.

    >>> from datetime import date
    >>> resolve("on Friday", date(2022, 7, 22))           # the publication day itself
    Interval(earliest=datetime.date(2022, 7, 22), latest=datetime.date(2022, 7, 22))
    >>> resolve("Thursday", date(2024, 2, 8), "future")
    Interval(earliest=datetime.date(2024, 2, 8), latest=datetime.date(2024, 2, 8))
    >>> resolve("December", date(2024, 1, 10))
    Interval(earliest=datetime.date(2023, 12, 1), latest=datetime.date(2023, 12, 31))
    """
    if published is None or not text:
        return None
    low = re.sub(r"\s+", " ", text.lower().strip(" ,.;"))
    low = re.sub(r"^(on|in|at|by|during|since|from|until|for|of|before)\s+", "", low)
    low = re.sub(r"^the\s+", "", low) if not low.startswith("the same") else low
    if duration_days(low) is not None and not re.search(
        r"\b(ago|last|past|next|coming|later|earlier)\b", low
    ):
        return None
    for parse in (
        absolute_date,
        relative_day,
        relative_period,
        named_weekday,
        named_month,
        vague_period,
        year_only,
    ):
        try:
            found = parse(low, published, tense)
            if found is not None:
                return clip(found, published, tense)
        except (
            OverflowError,
            ValueError,
        ):  # "next week" from 9999-12-31: past the calendar, so unknown
            return None
    return None


def absolute_date(low: str, published: date, tense: str | None) -> Interval | None:
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", low)
    if m:
        try:
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return Interval(d, d)
        except ValueError:
            return None
    m = re.search(
        MONTH_RE + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?\b", low
    ) or re.search(
        r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
        + MONTH_RE
        + r"(?:,?\s+(?P<year>\d{4}))?\b",
        low,
    )
    if m:
        day, month = int(m.group("day")), MONTHS[m.group("month")]
        year = int(m.group("year")) if m.group("year") else None
        try:
            d = nearest_day(month, day, year, published, tense)
        except ValueError:
            return None
        return Interval(d, d) if d else None
    m = re.search(r"\b" + MONTH_RE + r",?\s+(?P<year>\d{4})\b", low)
    if m:
        return month_interval(int(m.group("year")), MONTHS[m.group("month")])
    m = re.search(r"\b" + MONTH_RE + r"\s+(?P<which>last|next|this)\s+year\b", low) or re.search(
        r"\b(?P<which>last|next)\s+" + MONTH_RE + r"\b", low
    )
    if m:  # "July last year", "last September": that month of the year named
        offset = {"last": -1, "next": 1, "this": 0}[m.group("which")]
        if m.re.pattern.startswith(
            r"\b(?P<which>"
        ):  # "last September": the most recent one before publication
            return nearest_month(
                MONTHS[m.group("month")], published, "future" if offset > 0 else None
            )
        return month_interval(published.year + offset, MONTHS[m.group("month")])
    return None


def relative_day(low: str, published: date, tense: str | None) -> Interval | None:
    one = lambda d: Interval(d, d)
    if re.search(r"\b(today|tonight|this (morning|afternoon|evening))\b", low):
        return one(published)
    if re.search(r"\b(yesterday|last night)\b", low):
        return one(published - timedelta(days=1))
    if re.search(r"\btomorrow\b", low):
        return one(published + timedelta(days=1))
    m = re.search(NUMBER_RE + r" (?P<unit>days?|weeks?|months?|years?) ago\b", low)
    if m and parse_number(m.group("n")) is not None:
        days = round(parse_number(m.group("n")) * UNIT_DAYS[m.group("unit")])
        d = published - timedelta(days=days)
        return (
            one(d)
            if m.group("unit").startswith("day")
            else Interval(d - timedelta(days=days // 4), d + timedelta(days=days // 4))
        )
    return None


def relative_period(low: str, published: date, tense: str | None) -> Interval | None:
    """A month, week or year named relative to the publication day, or the past few days or weeks.

    >>> relative_period("late last month", date(2024, 3, 10), None)
    Interval(earliest=datetime.date(2024, 2, 15), latest=datetime.date(2024, 2, 29))
    """
    part = re.match(r"(early|mid-?|late|end of)\s*", low)
    part_name = part.group(1).rstrip("-") if part else None
    rest = low[part.end() :] if part else low
    return (
        relative_month(rest, part_name, published, tense)
        or relative_week(rest, published, tense)
        or relative_year(rest, published, tense)
        or recent_span(rest, published)
    )


def relative_month(
    rest: str, part: str | None, published: date, tense: str | None
) -> Interval | None:
    """This, last or next month (or the ``part`` of it: early, mid, late), from the publication day.

    >>> relative_month("later this month", None, date(2024, 3, 10), None)
    Interval(earliest=datetime.date(2024, 3, 10), latest=datetime.date(2024, 3, 31))
    >>> relative_month("next week", None, date(2024, 3, 10), None) is None
    True
    """
    if re.search(r"\b(earlier|later) this month\b", rest) or rest == "this month":
        if rest.startswith("later") or tense == "future":
            return Interval(published, month_end(published.year, published.month))
        if rest.startswith("earlier"):
            return Interval(published.replace(day=1), published)
        return part_of(month_interval(published.year, published.month), part)
    if re.search(r"\b(last|past|previous) month\b", rest):
        return part_of(month_interval(*add_months(published, -1)), part)
    if re.search(r"\bnext month\b", rest):
        return part_of(month_interval(*add_months(published, 1)), part)
    return None


def relative_week(rest: str, published: date, tense: str | None) -> Interval | None:
    """This, last or next week (or weekend), from the publication day.

    >>> relative_week("last weekend", date(2024, 3, 13), None)
    Interval(earliest=datetime.date(2024, 3, 9), latest=datetime.date(2024, 3, 10))
    """
    if re.search(r"\b(earlier|later) this week\b", rest):
        week = week_of(published)
        return (
            Interval(published, week.latest)
            if rest.startswith("later")
            else Interval(week.earliest, published)
        )
    if re.search(r"\bthis week(end)?\b", rest):
        week = week_of(published)
        if rest.endswith("weekend"):
            return weekend_of(week)
        return Interval(published, week.latest) if tense == "future" else week
    if re.search(r"\b(last|past|previous) week(end)?\b", rest):
        week = week_of(published - timedelta(days=7))
        return weekend_of(week) if rest.endswith("weekend") else week
    if re.search(r"\bnext week\b", rest):
        return week_of(published + timedelta(days=7))
    return None


def weekend_of(week: Interval) -> Interval:
    """The Saturday and Sunday of a Monday-to-Sunday week."""
    sat = week.earliest + timedelta(days=5)
    return Interval(sat, sat + timedelta(days=1))


def relative_year(rest: str, published: date, tense: str | None) -> Interval | None:
    """Last, this or next year; "this year" ends on the publication day unless it is yet to come.

    >>> relative_year("this year", date(2024, 3, 10), None)
    Interval(earliest=datetime.date(2024, 1, 1), latest=datetime.date(2024, 3, 10))
    """
    if re.search(r"\b(last|past) year\b", rest):
        return Interval(date(published.year - 1, 1, 1), date(published.year - 1, 12, 31))
    if re.search(r"\bthis year\b", rest):
        return Interval(
            date(published.year, 1, 1),
            published if tense != "future" else date(published.year, 12, 31),
        )
    if re.search(r"\bnext year\b", rest):
        return Interval(date(published.year + 1, 1, 1), date(published.year + 1, 12, 31))
    return None


def recent_span(rest: str, published: date) -> Interval | None:
    """ "The past three weeks": from that long before the publication day up to it.

    >>> recent_span("over the past two weeks", date(2024, 3, 15))
    Interval(earliest=datetime.date(2024, 3, 1), latest=datetime.date(2024, 3, 15))
    """
    m = re.search(r"\b(?:past|last) " + NUMBER_RE + r" (?P<unit>days|weeks|months)\b", rest)
    if m and parse_number(m.group("n")) is not None:
        days = round(parse_number(m.group("n")) * UNIT_DAYS[m.group("unit")])
        return Interval(published - timedelta(days=days), published)
    return None


def named_weekday(low: str, published: date, tense: str | None) -> Interval | None:
    m = re.search(r"\b" + WEEKDAY_RE + r"s?\b", low)
    if not m:
        return None
    weekday = WEEKDAYS[m.group("weekday")]
    if re.search(r"\blast\b", low):
        d = weekday_date(weekday, published - timedelta(days=1), "past")
    elif re.search(r"\bnext\b", low):
        d = weekday_date(weekday, published + timedelta(days=1), "future")
    else:
        d = weekday_date(weekday, published, tense)
    return Interval(d, d)


def named_month(low: str, published: date, tense: str | None) -> Interval | None:
    m = re.fullmatch(
        r"(?:(?P<part>early|mid-?|late|the end of|end of)\s*)?(?:last |this |next )?" + MONTH_RE,
        low,
    )
    if not m:
        return None
    month = MONTHS[m.group("month")]
    direction = (
        "future"
        if low.startswith("next") or (tense == "future" and not low.startswith("last"))
        else "past"
    )
    if low.startswith("this "):
        interval = month_interval(published.year, month)
    else:
        interval = nearest_month(month, published, direction)
    part = (
        (m.group("part") or "").replace("the end of", "late").replace("end of", "late").rstrip("-")
    )
    return part_of(interval, part or None)


def vague_period(low: str, published: date, tense: str | None) -> Interval | None:
    if re.search(r"\b(coming|next few|next several) (days|weeks)\b", low):
        span = 7 if "days" in low else 21
        return Interval(published, published + timedelta(days=span))
    if re.search(r"\b(soon|near future|not too distant future|shortly)\b", low):
        return Interval(published, None)
    if re.search(r"\b(so far|to date|recently|lately)\b", low):
        return Interval(None, published)
    return None


def year_only(low: str, published: date, tense: str | None) -> Interval | None:
    m = re.fullmatch(r"(?:early |mid-?|late )?(\d{4})", low)
    if m and 1900 <= int(m.group(1)) <= 2100:
        year = int(m.group(1))
        return Interval(date(year, 1, 1), date(year, 12, 31))
    return None


def relative_to(text: str, anchor: Interval | None) -> Interval | None:
    """Resolve expressions that point at the previous event's time ("the same day", "a day later",
    "that December", "later that month", "at the time").

    >>> from datetime import date
    >>> relative_to("a day later", Interval(date(2025, 4, 1), date(2025, 4, 27)))
    Interval(earliest=datetime.date(2025, 4, 2), latest=datetime.date(2025, 4, 28))
    >>> relative_to("that December", Interval(date(1990, 6, 1), date(1990, 6, 30)))
    Interval(earliest=datetime.date(1990, 12, 1), latest=datetime.date(1990, 12, 31))
    """
    if anchor is None:
        return None
    low = text.lower()
    if same_occasion().search(low):
        return anchor
    if re.search(
        r"\b(same day|earlier in the day|later in the day|hours (earlier|later)|"
        r"that (day|morning|afternoon|evening|night)|afterwards?|then|the same time|"
        r"at (the|that) time)\b",
        low,
    ):
        return anchor
    found = anchored_period(low, anchor)
    if found is not None:
        return found
    m = re.search(
        NUMBER_RE + r" (?P<unit>days?|weeks?|months?|years?) (?P<dir>later|earlier|before|after)\b",
        low,
    )
    if m and parse_number("one" if m.group("n") == "a" else m.group("n")) is not None:
        n = parse_number("one" if m.group("n") == "a" else m.group("n"))
        days = round(n * UNIT_DAYS[m.group("unit")])
        return anchor.shift(days if m.group("dir") in ("later", "after") else -days)
    return None


def anchored_period(low: str, anchor: Interval) -> Interval | None:
    """A month, week or year named from the time the text last spoke of: "that December" (the
    first December from there), "later that month", "the following year", "the next day".

    >>> from datetime import date
    >>> june = Interval(date(1990, 6, 10), date(1990, 6, 10))
    >>> anchored_period("later that month", june)
    Interval(earliest=datetime.date(1990, 6, 10), latest=datetime.date(1990, 6, 30))
    >>> anchored_period("the following year", june)
    Interval(earliest=datetime.date(1991, 1, 1), latest=datetime.date(1991, 12, 31))
    """
    start = anchor.earliest or anchor.latest
    if start is None:
        return None
    m = re.search(r"\bthat " + MONTH_RE + r"\b", low)
    if m:
        month = MONTHS[m.group("month")]
        # in a year-long anchor ("in 2011 ... that February") the month is of that year; after a
        # narrower one ("in June ... that December") it is the first such month from there
        wide = anchor.latest is not None and (anchor.latest - start).days > 62
        later = not wide and month < start.month
        return month_interval(start.year + later, month)
    m = re.search(
        r"\b(?:(?P<side>later|earlier) )?(?:that|the same|the following) (?P<unit>day|week|month|year)"
        r"\b|\bthe next (?P<next>day)\b",
        low,
    )
    if not m:
        return None
    step = 1 if re.search(r"\b(following|next)\b", low) else 0
    period = period_of(start, m.group("unit") or m.group("next"), step)
    if m.group("side") == "later" and anchor.earliest:
        return Interval(max(period.earliest, anchor.earliest), period.latest)
    if m.group("side") == "earlier" and anchor.latest:
        return Interval(period.earliest, min(period.latest, anchor.latest))
    return period


def period_of(day: date, unit: str, step: int = 0) -> Interval:
    """The day, week, month or year holding ``day``, or the one ``step`` after it.

    >>> period_of(date(2024, 12, 20), "month", 1)
    Interval(earliest=datetime.date(2025, 1, 1), latest=datetime.date(2025, 1, 31))
    """
    if unit == "day":
        return Interval(shifted(day, step), shifted(day, step))
    if unit == "week":
        return week_of(shifted(day, 7 * step))
    if unit == "month":
        return month_interval(*add_months(day, step))
    return Interval(date(day.year + step, 1, 1), date(day.year + step, 12, 31))


def is_anchored(text: str) -> bool:
    """Does the expression point back at the time the text last spoke of ("that December")?

    >>> is_anchored("that December"), is_anchored("in December"), is_anchored("at the same hearing")
    (True, False, True)
    """
    return bool(
        RELATIVE_EXPRESSIONS.search(text) or same_occasion().search(text)
    ) or text.lower() in ("afterwards", "afterward")


@lru_cache(maxsize=1)
def same_occasion() -> re.Pattern[str]:
    """ "At the same hearing", "during the same session": the occasion the text just told, whose
    time it is (the nouns are ``kg/data/occasion_nouns.txt``); not "at the same rate".

    >>> [bool(same_occasion().search(t)) for t in ("At the same sitting", "at the same rate")]
    [True, False]
    """
    nouns = sorted((re.escape(n) for n in word_list("occasion_nouns")), key=len, reverse=True)
    return re.compile(r"\b(?:at|during|in|on) the same (?:" + "|".join(nouns) + r")\b", re.I)


def interval_of(
    texts: list[str], published: date | None, tense: str | None, anchor: Interval | None
) -> tuple[str, Interval] | None:
    """The time the expressions of one predicate give, and the expression that gave it.

    The first that resolves is taken; a later one that narrows it is read against it ("in 2011
    ... that February": February 2011), so a clause's own year anchors its "that month".

    >>> from datetime import date
    >>> interval_of(["in 2011", "that February"], date(2024, 5, 1), "past", None)[1]
    Interval(earliest=datetime.date(2011, 2, 1), latest=datetime.date(2011, 2, 28))
    >>> interval_of(["a 60-day pause"], date(2024, 5, 1), "past", None) is None
    True
    """
    found: tuple[str, Interval] | None = None
    for text in texts:
        base = found[1] if found else anchor
        got = relative_to(text, base) if is_anchored(text) else resolve(text, published, tense)
        if got is None or (got.earliest is None and got.latest is None):
            continue
        if found is None:
            found = (text, got)
        elif found[1].contains(got) and got != found[1]:
            found = (text, got)  # a narrower time within the first: its refinement
    return found


# the expressions that point back at the time the text last told, whether or not an event was told
# at it: "the union filed its claim in March ... she said at the time"; "in April 1997 ... that October"
TOLD_TIME_EXPRESSIONS = re.compile(
    r"\b(at (?:the|that) time(?! of\b)|(?:(?:later|earlier) )?that (?:week|month|year)|"
    r"the following (?:week|month|year)|that " + MONTH_RE.replace("(?P<month>", "(?:") + r")\b",
    re.I,
)


def points_to_told_time(text: str) -> bool:
    """Does the expression point back at the time the text last told ("at the time", "that May")?

    >>> points_to_told_time("at the time"), points_to_told_time("a day later")
    (True, False)
    """
    return bool(TOLD_TIME_EXPRESSIONS.search(text))


RELATIVE_EXPRESSIONS = re.compile(
    r"\b(the same day|earlier in the day|later in the day|hours (?:earlier|later)|"
    r"that (?:day|morning|afternoon|evening|night)|afterwards?|"
    r"at (?:the|that) time(?! of\b)|"
    r"(?:(?:later|earlier) )?(?:that|the following) (?:week|month|year)|"
    r"the (?:following|next) day|"
    # a month only as a name ("that May"), never the modal ("that may happen")
    r"that (?-i:" + MONTH_RE.replace("(?P<month>", "(?:").title() + r")|"
    r"(?:a|one|two|three|four|five|six|\d+) (?:days?|weeks?|months?|years?) (?:later|earlier))\b",
    re.I,
)
