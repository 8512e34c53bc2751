"""Histories for the terminal: proposal versions and an actor's positions in date order, changes marked.

``kg proposals`` and ``kg positions`` print the rows of the named queries
``proposal-history`` and ``positions-over-time`` through these.

>>> print(aligned([{"holder": "A", "stance": "Rejects"}], ("holder", "stance")))
holder  stance
------  -------
A       Rejects
(1 rows)
"""

from __future__ import annotations

from ..topics import topic_words  # crude stems: "releasing" and "release" are one


def stance_word(stance: str) -> str:
    """A stance (or "A/B" stances) as words after its holder's name.

    >>> stance_word("RedLine/Demands")
    'red line/demands'
    """
    return stance.replace("RedLine", "red line").lower()


def same_subject(a: dict, b: dict) -> bool:
    """Do two positions concern the same thing: the same linked proposal or event, or mostly the same topic words?"""
    if a.get("about") and b.get("about"):
        return a["about"] == b["about"]
    wa, wb = (
        topic_words(str(a.get("topic", ""))) - TIME_WORDS,
        topic_words(str(b.get("topic", ""))) - TIME_WORDS,
    )
    return bool(wa and wb) and 2 * len(wa & wb) >= min(len(wa), len(wb))


TIME_WORDS = {
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "week",
    "month",
    "year",
    "today",
    "yesterday",
    "tomorrow",
    "mond",
    "tuesd",
    "wednesd",
    "thursd",
    "frid",
    "saturd",
    "sund",
}


def mark_changes(rows: list[dict]) -> list[dict]:
    """Rows of positions in date order, each with ``change``: where a holder's stance on the same proposal,
    event or topic differs from the one it held before.

    >>> rows = [{"holder": "H", "date": 1, "stance": "Rejects", "topic": "the truce plan on Monday"},
    ...         {"holder": "H", "date": 2, "stance": "Accepts", "topic": "the truce plan"}]
    >>> [r["change"] for r in mark_changes(rows)]
    ['', 'was Rejects']
    """
    out: list[dict] = []
    for row in rows:
        before = next(
            (r for r in reversed(out) if r["holder"] == row["holder"] and same_subject(r, row)),
            None,
        )
        changed = (
            before is not None
            and before["stance"] != row["stance"]
            and before["date"] != row["date"]
        )
        out.append(row | {"change": f"was {before['stance']}" if changed else ""})
    return out


def aligned(rows: list[dict], columns: tuple[str, ...], width: int = 60) -> str:
    """Rows as an aligned text table of ``columns`` (long cells cut)."""
    cut = lambda v: (lambda t: t if len(t) <= width else t[: width - 1] + "…")(
        " ".join(str(v or "").split())
    )
    lines = [[cut(r.get(c)) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(line[i]) for line in lines]) for i, c in enumerate(columns)]
    fmt = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()
    return "\n".join(
        [
            fmt(list(columns)),
            fmt(["-" * w for w in widths]),
            *map(fmt, lines),
            f"({len(rows)} rows)",
        ]
    )
