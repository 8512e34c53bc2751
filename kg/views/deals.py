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

from ..query import named_queries, run_select
from ..rdf.iris import local_name
from ..store import GraphStore

LINE_ORDER = ("party", "broker", "term", "event", "stance")
HEADINGS = {"party": "parties", "broker": "broker"}


def deal_cards(store: GraphStore, actor: str | None = None) -> list[dict]:
    """The deals of ``store`` (those ``actor`` is a party to, a proposer or broker of, when given),
    earliest first: ``{"deal", "label", "article", "date", "lines": [{"line", "what", "who",
    "detail", "date", "evidence"}]}``, a line being a party, a broker, a term, an event of its life
    or a stance on it.
    """
    rows = run_select(store, named_queries()["deals"].text, {"actor": actor})
    cards: dict[str, dict] = {}
    for row in rows:
        card = cards.setdefault(row["deal"], {"deal": row["deal"], "label": str(row["dealLabel"]),
                                              "article": row["article"],
                                              "date": str(row.get("dealDate") or ""), "lines": []})
        line = {
            k: "" if row.get(k) is None else str(row[k])
            for k in ("line", "what", "who", "detail", "date", "evidence")
        }
        line["evidence"] = sentence_for(line, line["evidence"].split("\n"))
        if line not in card["lines"]:
            card["lines"].append(line)
    for card in cards.values():
        card["lines"].sort(
            key=lambda ln: (LINE_ORDER.index(ln["line"]), ln["date"] or "9999", ln["what"])
        )
    return sorted(cards.values(), key=lambda c: (c["date"] or "9999", c["article"], c["label"]))


def sentence_for(line: dict, sentences: list[str]) -> str:
    """The sentence of an item that states this line: for a term (whose proposal may have several),
    the one that gives most of its figures and words.

    >>> line = {"what": "release: 50", "who": "", "detail": ""}
    >>> sentence_for(line, ["A truce began.", "Hamas frees 50."])
    'Hamas frees 50.'
    """
    sentences = sorted(s for s in sentences if s)
    clues = set(re.findall(r"\d+|[a-z]{4,}", f'{line["what"]} {line["detail"]}'.lower())) - {
        "release",
        "frees",
    }
    found = sorted(
        sentences, key=lambda s: -sum(1 for c in clues if re.search(rf"\b{c}\b", s.lower()))
    )
    return found[0] if found else ""


def life_word(kind: str) -> str:
    """"DealEnded" → "ended", "TalksResumed" → "talks resumed", "Collapse" → "collapse".

    >>> life_word("DealBegins"), life_word("NegotiatorsRecalled")
    ('began', 'negotiators recalled')
    """
    if kind == "DealBegins":
        return "began"
    words = re.findall(r"[A-Z][a-z]*", kind)
    return " ".join(w.lower() for w in (words[1:] if words[0] == "Deal" else words))


def render_line(line: dict) -> str | None:
    """One line of a card as text (parties and brokers are gathered on one line by
    :func:`render_cards`)."""
    said = f'  "{line["evidence"]}"' if line["evidence"] else ""
    if line["line"] == "term":
        # "release: 90 (X frees detainees, 3 detainees to 1 of the soldiers)": the giver, then what it gives
        gives = " ".join(filter(None, (line["who"], line["detail"])))
        detail = f" ({gives})" if gives else ""
        return f'  term      {line["what"]}{detail}{said}'
    if line["line"] == "event":
        who = f' {line["who"]}' if line["who"] else ""
        detail = f' {line["detail"].strip()}' if line["detail"].strip() else ""
        return f'  {life_word(line["what"]):<9} {line["date"] or "undated"}{who}{detail}{said}'
    if line["line"] == "stance":
        return f'  {line["what"].lower():<9} {line["who"]} {line["date"]}{said}'
    return None


def render_cards(cards: list[dict]) -> str:
    """The cards as text, one block per deal."""
    blocks = []
    for card in cards:
        out = [f'{card["label"]}  ({card["date"] or "undated"}, {local_name(card["article"])})']
        for kind in ("party", "broker"):
            names = list(
                dict.fromkeys(ln["who"] for ln in card["lines"] if ln["line"] == kind and ln["who"])
            )
            if names:
                out.append(f"  {HEADINGS[kind]:<9} {', '.join(names)}")
        out += [text for ln in card["lines"] if (text := render_line(ln)) is not None]
        blocks.append("\n".join(out))
    return "\n\n".join(blocks) if blocks else "no deals"


def cards_json(cards: list[dict]) -> str:
    return json.dumps(cards, indent=2, ensure_ascii=False)
