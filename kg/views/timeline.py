"""The corpus timeline: events in order (the same event reported twice shown once), as text, CSV, JSON and a page.

The page is a vis-timeline axis (zoom and pan with the mouse), one row per event
type plus rows for proposals and positions, items coloured by type, the
evidence sentence and source article on hover. vis-timeline is inlined from
``kg/views/static/``, so the page works from the file alone, offline.

>>> from kg.store import GraphStore
>>> timeline_rows(GraphStore())
[]
"""
from __future__ import annotations

import csv
import html
import io
import json
from datetime import date, timedelta
from pathlib import Path

from ..query import named_queries, run_select
from ..rdf.iris import local_name
from ..schema import EVENT_KINDS, presentation
from ..store import GraphStore, write_atomically
from .templating import static_text, template

COLUMNS = ("earliest", "latest", "type", "participants", "status", "evidence", "article")
COLOURS = {kind: presentation()[kind]["colour"] for kind in (*EVENT_KINDS, "Proposal", "Position")}

SAME_AS = "SELECT ?a ?b WHERE { ?a owl:sameAs ?b }"
PROPOSALS = """
SELECT ?item ?who (GROUP_CONCAT(DISTINCT ?term; separator="; ") AS ?what) (MIN(?text) AS ?evidence) ?day ?article WHERE {
  GRAPH ?article { ?item a nkg:Proposal ; nkg:proposedBy/rdfs:label ?who ; prov:wasDerivedFrom/nkg:text ?text .
                   OPTIONAL { ?item nkg:hasTerm/rdfs:label ?term } OPTIONAL { ?item nkg:earliestDate ?own } }
  OPTIONAL { ?article schema:datePublished ?published }
  BIND(COALESCE(?own, ?published) AS ?day)
} GROUP BY ?item ?who ?day ?article
"""
POSITIONS = """
SELECT ?item ?who (GROUP_CONCAT(DISTINCT ?stance; separator="/") AS ?how) (SAMPLE(?t) AS ?what) (MIN(?text) AS ?evidence)
       ?day ?article WHERE {
  GRAPH ?article { ?item a nkg:Position ; nkg:heldBy/rdfs:label ?who ; nkg:stance ?s ; nkg:topic ?t ;
                   prov:wasDerivedFrom/nkg:text ?text . }
  BIND(STRAFTER(STR(?s), "#") AS ?stance)
  OPTIONAL { ?article schema:datePublished ?day }
} GROUP BY ?item ?who ?day ?article
"""


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


def timeline_rows(store: GraphStore, actor: str | None = None, start: str | None = None,
                  end: str | None = None) -> list[dict]:
    """The events in date order, each real-world event once (its reports' articles joined)."""
    rows = run_select(store, named_queries()["timeline"].text, {"actor": actor, "from": start, "to": end})
    canonical = same_event_groups(store)
    merged: dict[str, dict] = {}
    for row in rows:
        key = canonical.get(row["event"], row["event"])
        if key in merged:
            articles = merged[key]["article"].split(" ")
            if row["article"] not in articles:
                merged[key]["article"] = " ".join(articles + [row["article"]])
            continue
        merged[key] = {c: row.get(c) for c in COLUMNS}
    out = list(merged.values())
    out.sort(key=lambda r: (str(r["earliest"] or r["latest"] or "9999"), str(r["latest"] or ""), r["type"]))
    return out


def when_text(row: dict) -> str:
    """ "2024-01-22", "2024-01-15 – 2024-01-21", "≤ 2024-01-28" or "≥ 2024-01-28"."""
    e, l = row.get("earliest"), row.get("latest")
    if e and l:
        return str(e) if e == l else f"{e} – {l}"
    return f"≥ {e}" if e else f"≤ {l}" if l else "undated"


def slug(articles: str) -> str:
    """The short names of space-separated article IRIs."""
    return " ".join(local_name(a) for a in (articles or "").split())


def as_table(rows: list[dict], width: int = 70) -> str:
    """The timeline as aligned text: date, type, participants, one line of evidence, source article."""
    cut = lambda s, n: s if len(s) <= n else s[: n - 1] + "…"
    lines = [[when_text(r), r["type"], cut(r["participants"] or "", 40), cut(" ".join((r["evidence"] or "").split()), width),
              slug(r["article"])] for r in rows]
    head = ["date", "type", "participants", "evidence", "article"]
    widths = [max([len(h)] + [len(l[i]) for l in lines]) for i, h in enumerate(head)]
    fmt = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()
    return "\n".join([fmt(head), fmt(["-" * w for w in widths]), *map(fmt, lines), f"({len(rows)} events)"])


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
        writer.writerow({c: "" if r.get(c) is None else spreadsheet_safe(str(r[c])) for c in COLUMNS})
    return buf.getvalue()


def as_json(rows: list[dict]) -> str:
    return json.dumps([{c: (str(r[c]) if isinstance(r.get(c), date) else r.get(c)) for c in COLUMNS} for r in rows],
                      indent=2, ensure_ascii=False)


# ---------------------------------------------------------------------- the page

def event_item(n: int, row: dict) -> dict | None:
    e, l = row.get("earliest"), row.get("latest")
    if not (e or l):
        return None
    start = e or l
    item = {"id": f"e{n}", "group": row["type"], "start": str(start), "className": row["type"].lower(),
            "content": html.escape(row["participants"] or row["type"]),
            "title": tooltip(f"{row['type']} · {when_text(row)}", row["participants"] or "", row["evidence"] or "",
                             slug(row["article"]))}
    if e and l and l > e:
        item["end"] = str(l + timedelta(days=1))  # an interval covers its last day
    else:
        item["type"] = "point" if not (e and l) else "box"
    return item


def point_item(prefix: str, n: int, group: str, row: dict, label: str, detail: str) -> dict | None:
    if not row.get("day"):
        return None
    return {"id": f"{prefix}{n}", "group": group, "start": str(row["day"]), "type": "point",
            "className": group.lower(), "content": html.escape(label),
            "title": tooltip(f"{group} · {row['day']}", label, row.get("evidence") or "", slug(row["article"]), detail)}


def tooltip(head: str, who: str, evidence: str, article: str, detail: str = "") -> str:
    """The hover text of a timeline item (``templates/timeline-tooltip.html``; every value escaped).

    >>> tooltip("Meeting · 2024-01-28", "A, B", "They met <here>.", "article-1")
    '<b>Meeting · 2024-01-28</b><br>A, B<br><i>They met &lt;here&gt;.</i><br>source: article-1'
    """
    return template("timeline-tooltip.html").render(head=head, who=who, detail=detail,
                                                     evidence=" ".join(evidence.split()), article=article)


def page_items(store: GraphStore, rows: list[dict]) -> list[dict]:
    items = [i for n, r in enumerate(rows) if (i := event_item(n, r))]
    for n, r in enumerate(store.select(PROPOSALS)):
        if (i := point_item("p", n, "Proposal", r, f"{r['who']}: proposal", r["what"] or "")):
            items.append(i)
    for n, r in enumerate(store.select(POSITIONS)):
        if (i := point_item("s", n, "Position", r, f"{r['who']} {r['how']}", r["what"] or "")):
            items.append(i)
    return items


def timeline_page(items: list[dict], title: str = "negotiation-kg timeline") -> str:
    """A self-contained HTML page drawing ``items`` on a vis-timeline axis."""
    script = static_text("vis-timeline-graph2d.min.js")
    groups = [{"id": g, "content": g + ("s" if not g.endswith("s") else ""), "className": g.lower()}
              for g in COLOURS if any(i["group"] == g for i in items)]
    data = json.dumps({"items": items, "groups": groups}).replace("</", "<\\/")
    return template("timeline.html").render(title=title, items=len(items), legend=COLOURS, script=script,
                                            colours=COLOURS, data=data)


def write_timeline(store: GraphStore, csv_path: Path, html_path: Path) -> None:
    """Write ``timeline.csv`` and ``timeline.html`` of the whole store, atomically."""
    rows = timeline_rows(store)
    write_atomically(Path(csv_path), lambda tmp: tmp.write_text(as_csv(rows), encoding="utf-8"))
    page = timeline_page(page_items(store, rows))
    write_atomically(Path(html_path), lambda tmp: tmp.write_text(page, encoding="utf-8"))
