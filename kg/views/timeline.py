"""The corpus timeline: events in order (the same event reported twice shown once), as text, CSV, JSON and a page.

The page is :mod:`kg.views.timeline_page`.

>>> from kg.store import GraphStore
>>> timeline_rows(GraphStore())
[]
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

from ..query import named_queries, run_select, weak_facts
from ..rdf.iris import local_name
from ..store import GraphStore, write_atomically
from .timeline_page import timeline_page

COLUMNS = ("earliest", "latest", "type", "participants", "status", "evidence", "article")

SAME_AS = (
    "SELECT ?a ?b WHERE { ?a owl:sameAs ?b ; a nkg:Event }"  # events only: actors point to Wikidata
)


def same_event_groups(store: GraphStore) -> dict[str, str]:
    """Each event linked by ``owl:sameAs`` → the one that stands for the group (the smallest IRI)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for row in store.select(SAME_AS):
        a, b = find(row["a"]), find(row["b"])
        if a != b:
            parent[max(a, b)] = min(a, b)
    return {x: find(x) for x in parent}


def timeline_rows(
    store: GraphStore,
    actor: str | None = None,
    start: str | None = None,
    end: str | None = None,
    min_confidence: float | None = None,
    only: bool = False,
) -> list[dict]:
    """The events in date order, each real-world event once (its reports' articles joined); with ``actor``,
    its own and those of the named people affiliated with it (``via``), or with ``only`` its own alone;
    with ``min_confidence``, only the events of at least that confidence."""
    params = {"actor": actor, "only": only, "from": start, "to": end}
    rows = run_select(store, named_queries()["timeline"].text, params)
    weak = weak_facts(store, min_confidence)
    rows = [r for r in rows if str(r["event"]) not in weak]
    canonical = same_event_groups(store)
    merged: dict[str, dict] = {}
    for row in rows:
        key = canonical.get(row["event"], row["event"])
        if key in merged:
            articles = merged[key]["article"].split(" ")
            if row["article"] not in articles:
                merged[key]["article"] = " ".join(articles + [row["article"]])
            continue
        merged[key] = {c: row.get(c) for c in COLUMNS} | {
            "place": row.get("place"),
            "via": row.get("via"),
        }
    out = list(merged.values())
    out.sort(
        key=lambda r: (
            str(r["earliest"] or r["latest"] or "9999"),
            str(r["latest"] or ""),
            r["type"],
        )
    )
    return out


def when_text(row: dict) -> str:
    """ "2024-01-22", "2024-01-15 – 2024-01-21", "≤ 2024-01-28" or "≥ 2024-01-28"."""
    first, last = row.get("earliest"), row.get("latest")
    if first and last:
        return str(first) if first == last else f"{first} – {last}"
    return f"≥ {first}" if first else f"≤ {last}" if last else "undated"


def slug(articles: str) -> str:
    """The short names of space-separated article IRIs."""
    return " ".join(local_name(a) for a in (articles or "").split())


def as_table(rows: list[dict], width: int = 70) -> str:
    """The timeline as aligned text: date, type, status (a planned meeting is not one that happened),
    participants, one line of evidence, source article."""
    cut = lambda s, n: s if len(s) <= n else s[: n - 1] + "…"
    # some events are there through a person affiliated with --actor
    via = any(r.get("via") for r in rows)
    lines = [
        [
            when_text(r),
            r["type"],
            r.get("status") or "",
            cut(r["participants"] or "", 40),
            cut(" ".join((r["evidence"] or "").split()), width),
            slug(r["article"]),
            *([r.get("via") or ""] if via else []),
        ]
        for r in rows
    ]
    head = [
        "date",
        "type",
        "status",
        "participants",
        "evidence",
        "article",
        *(["via"] if via else []),
    ]
    widths = [max([len(h)] + [len(line[i]) for line in lines]) for i, h in enumerate(head)]
    fmt = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()
    return "\n".join(
        [fmt(head), fmt(["-" * w for w in widths]), *map(fmt, lines), f"({len(rows)} events)"]
    )


def spreadsheet_safe(value: str) -> str:
    """A cell a spreadsheet will not run as a formula: a leading = + - @ tab or CR is quoted with ' (OWASP).

    >>> spreadsheet_safe("=SUM(A1)"), spreadsheet_safe("Hamas")
    ("'=SUM(A1)", 'Hamas')
    """
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def as_csv(rows: list[dict]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow(
            {c: "" if r.get(c) is None else spreadsheet_safe(str(r[c])) for c in COLUMNS}
        )
    return buf.getvalue()


LIST_COLUMNS = {"participants": ", ", "article": " "}  # joined in a row; lists in JSON


def json_value(column: str, value: object) -> object:
    """A cell as JSON: dates as ISO text, participants and articles as lists.

    >>> json_value("participants", "Qatar, Egypt"), json_value("participants", None), json_value("type", "Meeting")
    (['Qatar', 'Egypt'], [], 'Meeting')
    """
    if column in LIST_COLUMNS:
        return [v for v in str(value or "").split(LIST_COLUMNS[column]) if v]
    return str(value) if isinstance(value, date) else value


def as_json(rows: list[dict]) -> str:
    return json.dumps(
        [{c: json_value(c, r.get(c)) for c in COLUMNS} for r in rows], indent=2, ensure_ascii=False
    )


def write_timeline(store: GraphStore, csv_path: Path, html_path: Path) -> None:
    """Write ``timeline.csv`` and ``timeline.html`` of the whole store, atomically."""
    rows = timeline_rows(store)
    write_atomically(Path(csv_path), lambda tmp: tmp.write_text(as_csv(rows), encoding="utf-8"))
    page = timeline_page(store, rows)
    write_atomically(Path(html_path), lambda tmp: tmp.write_text(page, encoding="utf-8"))
