"""The timeline page an analyst works with: lanes by kind or by actor, search, filters, labelled items.

Each item says who did what ("Burns, Barnea, Al Thani met in Paris";
"Hamas rejects: the Israeli proposal"; "Israel proposal: pause 42 days — revises:
pause 60 → 42 days"); a position that changes its holder's earlier stance says
so ("was Rejects"). A date known only within bounds ("in November") is drawn
as a faint hatched range, the bounds it is known within. The page opens on the
negotiation (every kind but the plain Statement, which is one click away), on
the dense part of its axis: a stray date (a remark about 1945) stretches
neither that window nor "whole span". Hover an item for its evidence; click it
for its sentence and its articles' headlines, dates and links. Below the timeline, the deals
(:func:`kg.views.deals.deals_panel`): each deal's parties, broker, terms and life, line by line.
Everything is data: the page's script (``kg/views/static/timeline-page.js``)
builds every element with text, never HTML, from the JSON this module writes.

>>> from kg.store import GraphStore
>>> page = timeline_page(GraphStore(), [])
>>> "timeline-page" in page and "<script>" in page
True
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

from ..intervals import shifted
from ..query import named_queries, run_select
from ..schema import EVENT_KINDS, has_trait, presentation
from ..store import GraphStore
from .deals import deal_cards, deals_panel
from .history import mark_changes, stance_word
from .network import articles_of, source_of
from .templating import static_text, template

COLOURS = {kind: presentation()[kind]["colour"] for kind in (*EVENT_KINDS, "Proposal", "Position")}
MAX_NAMES = 3  # participants named in a label; the rest are counted
FENCE = (
    1.5  # a date further than this many interquartile ranges from the middle half is a stray one
)


def names(participants: str) -> list[str]:
    """The participants of a timeline row as a list (the query joins them with ", ")."""
    return [n for n in (participants or "").split(", ") if n]


def who_text(actors: list[str]) -> str:
    """ "A, B, C" or "A, B, C and 2 others".

    >>> who_text(["A", "B", "C", "D", "E"]), who_text([])
    ('A, B, C and 2 others', '')
    """
    shown = ", ".join(actors[:MAX_NAMES])
    rest = len(actors) - MAX_NAMES
    return f"{shown} and {rest} other{'s' if rest > 1 else ''}" if rest > 0 else shown


def event_label(row: dict) -> str:
    """Who did what, and where: "Burns, Barnea met in Paris"; "planned: ..." for what has not happened yet.

    >>> event_label({"type": "Meeting", "participants": "A, B", "place": "Doha", "status": "Planned"})
    'planned: A, B met in Doha'
    """
    who = who_text(names(row.get("participants")))
    verb = presentation().get(row["type"], {}).get("verb") or row["type"].lower()
    text = f"{who} {verb}" if who else row["type"]
    if row.get("place"):
        text += f" in {row['place']}"
    return ("planned: " if row.get("status") == "Planned" else "") + text


def cut(text: str, n: int = 70) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def sources(articles: dict[str, dict], iris: str) -> list[dict]:
    """The headline, date and web link of each of the space-separated article IRIs (its slug if
    unknown; no link but an http(s) one)."""
    return [source_of(articles, iri) for iri in (iris or "").split()]


def event_items(rows: list[dict], articles: dict[str, dict] | None = None) -> list[dict]:
    """One item per event with a date or bounds; a range is the bounds a vague date is known within."""
    articles = articles or {}
    out = []
    for n, row in enumerate(rows):
        earliest, latest = row.get("earliest"), row.get("latest")
        if not (earliest or latest):
            continue
        start, end = earliest or latest, latest or earliest
        out.append(
            {
                "id": f"e{n}",
                "kind": row["type"],
                "status": row.get("status") or "",
                "actors": names(row.get("participants")),
                "label": event_label(row),
                "start": str(start),
                "end": str(shifted(end, 1)) if end > start else None,
                "vague": end > start,
                "evidence": cut(row.get("evidence"), 400),
                "sources": sources(articles, row.get("article")),
                "head": f"{row['type']} · {start}" + (f" – {end}" if end > start else ""),
            }
        )
    return out


def point_item(
    key: str,
    kind: str,
    actor: str,
    label: str,
    day,
    row: dict,
    detail: str,
    articles: dict[str, dict],
) -> dict:
    """An item on one day (a proposal, a position) held by one actor, with its evidence and article."""
    return {
        "id": key,
        "kind": kind,
        "status": "",
        "actors": [actor],
        "label": label,
        "start": str(day),
        "end": None,
        "vague": False,
        "evidence": cut(row["evidence"], 400),
        "sources": sources(articles, row["article"]),
        "head": f"{kind} · {day}",
        "detail": detail,
    }


def proposal_rows(store: GraphStore) -> list[dict]:
    """The proposals as ``kg proposals`` lists them (the named query ``proposal-history``), one row
    per proposal and proposer: of a proposal's links (it revises one, answers another), the first
    that says what changed."""
    rows: dict[tuple, dict] = {}
    for row in run_select(store, named_queries()["proposal-history"].text):
        key = (row["proposal"], row["proposer"])
        if key not in rows or (row["change"] and not rows[key]["change"]):
            rows[key] = row
    return list(rows.values())


def proposal_items(store: GraphStore, articles: dict[str, dict]) -> list[dict]:
    """One point per proposal on its date: who proposed which terms, and how it changed an earlier one."""
    out = []
    for n, r in enumerate(proposal_rows(store)):
        label = f"{r['proposer']} proposal" + (f": {cut(r['terms'], 60)}" if r["terms"] else "")
        label += f" — {cut(r['change'], 60)}" if r["change"] else ""
        out.append(
            point_item(
                f"p{n}",
                "Proposal",
                r["proposer"],
                label,
                r["date"],
                r,
                r["change"] or r["terms"] or "",
                articles,
            )
        )
    return out


def position_rows(store: GraphStore) -> list[dict]:
    """The positions as ``kg positions`` lists them (the named query ``positions-over-time``), in
    date order, one row per position with its stances joined ("Demands/RedLine")."""
    rows: dict[str, dict] = {}
    for row in run_select(store, named_queries()["positions-over-time"].text):
        seen = rows.setdefault(row["position"], row | {"stances": []})
        if row["stance"] not in seen["stances"]:
            seen["stances"].append(row["stance"])
        seen["about"] = seen["about"] or row["about"]
    joined = (row | {"stance": "/".join(row["stances"])} for row in rows.values())
    return sorted(joined, key=lambda row: row["date"])


def position_items(store: GraphStore, articles: dict[str, dict]) -> list[dict]:
    """One point per position on its date; one that departs from its holder's earlier stance says "was …"."""
    out = []
    for n, r in enumerate(mark_changes(position_rows(store))):
        label = f"{r['holder']} {stance_word(r['stance'])}: {cut(r['topic'], 50)}"
        label += f" ({r['change']})" if r["change"] else ""
        out.append(
            point_item(f"s{n}", "Position", r["holder"], label, r["date"], r, r["change"], articles)
        )
    return out


def robust_window(items: list[dict], fence: float = FENCE) -> dict | None:
    """The span of the items' dates without the outliers (dates beyond ``fence`` interquartile ranges of the
    middle half, the range taken as a week at least), padded: one stray date cannot stretch it.

    >>> days = [{"start": f"2024-01-{d:02}"} for d in range(10, 26, 5)] + [{"start": "1945-05-08"}]
    >>> robust_window(days)
    {'start': '2024-01-08', 'end': '2024-01-27'}
    >>> robust_window([])
    """
    days = sorted(date.fromisoformat(i["start"]) for i in items)
    if not days:
        return None
    q1, q3 = days[len(days) // 4], days[3 * len(days) // 4]
    reach = round(fence * max((q3 - q1).days, 7))
    # held at year 1 and 9999, as the padding below
    kept = [d for d in days if shifted(q1, -reach) <= d <= shifted(q3, reach)]
    low, high = kept[0], kept[-1]
    pad = max(2, (high - low).days // 20)
    # held at year 1 and 9999
    return {"start": str(shifted(low, -pad)), "end": str(shifted(high, pad))}


def is_negotiation(item: dict) -> bool:
    """Is the item a step of the negotiation (a meeting, proposal, position, agreement, any kind to come) rather
    than a plain remark? The page opens on these; statements are one click away."""
    return not has_trait(item["kind"], "speech")


def page_data(store: GraphStore, rows: list[dict]) -> dict:
    """Everything the page draws: the items, the kinds and their colours, the actors by how often they appear,
    the window it opens on (the negotiation's dense part) and the whole span (without stray dates)."""
    articles = articles_of(store)
    items = (
        event_items(rows, articles)
        + proposal_items(store, articles)
        + position_items(store, articles)
    )
    for item in items:
        item["negotiation"] = is_negotiation(item)
    counts = Counter(a for i in items for a in i["actors"])
    negotiation = [i for i in items if i["negotiation"]]
    return {
        "items": items,
        "colours": COLOURS,
        "actors": [a for a, _ in counts.most_common()],
        "window": robust_window(negotiation or items),
        "span": robust_window(items, 3 * FENCE),
    }


def timeline_page(
    store: GraphStore, rows: list[dict], title: str = "negotiation-kg timeline"
) -> str:
    """A self-contained HTML page of the timeline ``rows`` (:func:`kg.views.timeline.timeline_rows`) and the
    store's proposals and positions; vis-timeline and the page's script are inlined, so it opens offline."""
    data = json.dumps(page_data(store, rows), ensure_ascii=False).replace("</", "<\\/")
    deals = deals_panel(deal_cards(store), articles_of(store))
    return template("timeline.html").render(
        title=title,
        deals=deals,
        colours=COLOURS,
        hidden={k for k in COLOURS if not is_negotiation({"kind": k})},
        data=data,
        library=static_text("vis-timeline-graph2d.min.js"),
        script=static_text("timeline-page.js"),
        style=static_text("timeline-page.css"),
    )
