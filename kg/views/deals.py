"""Deal cards: each deal with its parties, broker, terms with giver and receiver, the events of its
life, and who accepted or rejected it, each line with its sentence and article (the named query
``deals``).

>>> party = {"line": "party", "what": "", "who": "A", "detail": "", "date": "",
...          "evidence": "A, B ..."}
>>> end = {"line": "event", "what": "DealEnded", "who": "", "detail": "", "date": "2024-01-09",
...        "evidence": "The truce ended ..."}
>>> card = {"deal": "d", "label": "Agreement: A, B", "article": "id/article/x",
...         "date": "2024-01-02", "lines": [party, end]}
>>> print(render_cards([card]))
Agreement: A, B  (2024-01-02, x)
  parties   A
  ended     2024-01-09  "The truce ended ..."
"""

from __future__ import annotations

import json
import re

from markupsafe import Markup

from ..query import named_queries, run_select
from ..rdf.iris import local_name
from ..store import GraphStore
from ..wording import extension_detail, release_detail
from .network import source_of
from .templating import static_text, template

LINE_ORDER = ("party", "broker", "term", "event", "stance")
HEADINGS = {"party": "parties", "broker": "broker"}


def deal_cards(store: GraphStore, actor: str | None = None) -> list[dict]:
    """The deals of ``store`` (those ``actor`` is a party to, a proposer or broker of, when given),
    earliest first: ``{"deal", "label", "article", "date", "lines": [{"line", "what", "who",
    "detail", "date", "evidence", "article"}]}``, a line being a party, a broker, a term, an event
    of its life or a stance on it, each with the ``article`` that tells it.
    """
    rows = run_select(store, named_queries()["deals"].text, {"actor": actor})
    cards: dict[str, dict] = {}
    for row in rows:
        card = cards.setdefault(
            row["deal"],
            {
                "deal": row["deal"],
                "label": str(row["dealLabel"]),
                "article": row["article"],
                "date": str(row.get("dealDate") or ""),
                "lines": [],
            },
        )
        line = {
            k: detail_of(row) if k == "detail" else "" if row.get(k) is None else str(row[k])
            for k in ("line", "what", "who", "detail", "date", "evidence")
        }
        line["evidence"] = sentence_for(line, line["evidence"].split("\n"))
        # a line told by two articles is listed once, with the first
        if all(line != {k: v for k, v in seen.items() if k != "article"} for seen in card["lines"]):
            card["lines"].append({**line, "article": str(row["article"])})
    for card in cards.values():
        # the same order on every run: lines alike but for their sentence come in no set order
        card["lines"].sort(
            key=lambda ln: (
                LINE_ORDER.index(ln["line"]),
                ln["date"] or "9999",
                ln["what"],
                ln["who"],
                ln["evidence"],
                ln["article"],
            )
        )
    return sorted(cards.values(), key=lambda c: (c["date"] or "9999", c["article"], c["label"]))


def detail_of(row: dict) -> str:
    """The detail of a row of the ``deals`` query in words: whom a term frees and at what ratio,
    or by how many days and on what condition an event of the deal's life extended it.

    >>> detail_of({"line": "term", "releasedGroup": "crew", "ratio": 2.0,
    ...            "givenGroup": "crew", "receivedGroup": "pilots"})
    'frees crew, 2 crew to 1 of the pilots'
    >>> detail_of({"line": "event", "extensionDays": 4, "condition": None})
    'by 4 days'
    """
    if row["line"] == "term":
        groups = (row.get(k) for k in ("givenGroup", "receivedGroup"))
        return release_detail(row.get("releasedGroup"), row.get("ratio"), *groups)
    if row["line"] == "event":
        return extension_detail(row.get("extensionDays"), row.get("condition"))
    return ""


def sentence_for(line: dict, sentences: list[str]) -> str:
    """The sentence of an item that states this line: for a term (whose proposal may have several),
    the one that gives most of its figures and words.

    >>> line = {"what": "release: 50", "who": "", "detail": ""}
    >>> sentence_for(line, ["A truce began.", "Hamas frees 50."])
    'Hamas frees 50.'
    """
    sentences = sorted(s for s in sentences if s)
    clues = set(re.findall(r"\d+|[a-z]{4,}", f"{line['what']} {line['detail']}".lower())) - {
        "release",
        "frees",
    }
    found = sorted(
        sentences, key=lambda s: -sum(1 for c in clues if re.search(rf"\b{c}\b", s.lower()))
    )
    return found[0] if found else ""


def life_word(kind: str) -> str:
    """ "DealEnded" → "ended", "TalksResumed" → "talks resumed", "Collapse" → "collapse".

    >>> life_word("DealBegins"), life_word("NegotiatorsRecalled")
    ('began', 'negotiators recalled')
    """
    if kind == "DealBegins":
        return "began"
    words = re.findall(r"[A-Z][a-z]*", kind)
    return " ".join(w.lower() for w in (words[1:] if words[0] == "Deal" else words))


def line_text(line: dict) -> tuple[str, str] | None:
    """A term, an event or a stance line of a card as (heading, text), the sentence apart (parties
    and brokers are gathered on one line by :func:`card_rows`).

    >>> line_text({"line": "stance", "what": "Rejects", "who": "A", "date": "2024-01-03"})
    ('rejects', 'A 2024-01-03')
    """
    if line["line"] == "term":
        # "release: 90 (X frees detainees, 3 detainees to 1 of the soldiers)": the giver, then what it gives
        gives = " ".join(filter(None, (line["who"], line["detail"])))
        return "term", line["what"] + (f" ({gives})" if gives else "")
    if line["line"] == "event":
        who = f" {line['who']}" if line["who"] else ""
        detail = f" {line['detail'].strip()}" if line["detail"].strip() else ""
        return life_word(line["what"]), f"{line['date'] or 'undated'}{who}{detail}"
    if line["line"] == "stance":
        return line["what"].lower(), f"{line['who']} {line['date']}"
    return None


def card_rows(card: dict) -> list[dict]:
    """The rows a card shows, in order: its parties and its brokers (each gathered on one row, with
    the sentence of the first), then one row per term, event and stance: ``{"line", "heading",
    "text", "evidence", "article"}``."""
    rows = []
    for kind in ("party", "broker"):
        lines = [ln for ln in card["lines"] if ln["line"] == kind and ln["who"]]
        if lines:
            names = ", ".join(dict.fromkeys(ln["who"] for ln in lines))
            rows.append({**lines[0], "heading": HEADINGS[kind], "text": names})
    for ln in card["lines"]:
        if (shown := line_text(ln)) is not None:
            rows.append({**ln, "heading": shown[0], "text": shown[1]})
    keys = ("line", "heading", "text", "evidence")
    return [
        {**{k: row[k] for k in keys}, "article": row.get("article") or card["article"]}
        for row in rows
    ]


def render_cards(cards: list[dict]) -> str:
    """The cards as text, one block per deal (a row's sentence follows it; parties and brokers are
    named without)."""
    blocks = []
    for card in cards:
        out = [f"{card['label']}  ({card['date'] or 'undated'}, {local_name(card['article'])})"]
        for row in card_rows(card):
            told = row["evidence"] and row["line"] not in HEADINGS
            said = f'  "{row["evidence"]}"' if told else ""
            out.append(f"  {row['heading']:<9} {row['text']}{said}")
        blocks.append("\n".join(out))
    return "\n\n".join(blocks) if blocks else "no deals"


def card_span(card: dict) -> tuple[str, str]:
    """The first and last day a card tells of (the deal's own date and its lines'), as
    YYYY-MM-DD; ("", "") for a card with no date: what a page's date window compares.

    >>> card_span({"date": "2024-03-03", "lines": [{"date": "2024-03-09"}, {"date": ""}]})
    ('2024-03-03', '2024-03-09')
    """
    days = sorted(d for d in (card["date"], *(ln["date"] for ln in card["lines"])) if d)
    return (days[0], days[-1]) if days else ("", "")


def card_actors(card: dict) -> list[str]:
    """The actors a card names (parties, brokers, givers, those who took a stance), each once:
    what a page's actor filter looks for.

    >>> card_actors({"lines": [{"who": "A"}, {"who": ""}, {"who": "B"}, {"who": "A"}]})
    ['A', 'B']
    """
    return list(dict.fromkeys(ln["who"] for ln in card["lines"] if ln["who"]))


def deals_panel(cards: list[dict], articles: dict[str, dict]) -> Markup:
    """The deals as an HTML section of a page (``kg/views/templates/deals.html``; jinja2 escapes
    every label and sentence), each row with its sentence and its article's headline, date and link;
    it opens on a click ("Deals (3)"), so the page it is on still fits the screen. Each deal
    carries the days and actors it tells of, so that the page's date window and actor filter
    narrow the deals as they narrow the rest (``kg/views/static/deals-panel.js``).

    >>> "no deals" in deals_panel([], {})
    True
    """
    shown = [
        {
            **card,
            "span": card_span(card),
            "actors": card_actors(card),
            "rows": [
                {**row, "source": source_of(articles, row["article"])} for row in card_rows(card)
            ],
        }
        for card in cards
    ]
    # escaped by the template: a page's template places it as it is
    script = static_text("deals-panel.js")
    return Markup(template("deals.html").render(cards=shown, script=script))


def cards_json(cards: list[dict]) -> str:
    return json.dumps(cards, indent=2, ensure_ascii=False)
