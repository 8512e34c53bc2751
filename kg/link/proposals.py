"""How a negotiation moved: the versions of a proposal across articles and time.

After an article is loaded, each of its proposals with terms is compared with
the proposals of other articles:

- the same side, the same terms: the same proposal reported again (``owl:sameAs``);
- the same side, other terms, within a year: the later one ``nkg:revises`` the
  latest earlier one;
- another side, named in the earlier one's article, within 90 days after, on a
  term of the same kind: the later one ``nkg:respondsTo`` the latest earlier one
  (a counter-proposal).

Each link says what changed, term by term (``nkg:change``: "pause 60 → 42
days; withdrawal added"). The links live in the named graph
``id/graph/proposal-lineage``, updated per article like the event links.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date

from rdflib import Literal

from ..extract.dates import shifted
from ..rdf.iris import local_name
from ..rdf.namespace import ID
from ..schema import TERM_ATTRIBUTES
from ..store import GraphStore

LINEAGE_GRAPH = ID["graph/proposal-lineage"]
RESPONSE_DAYS = 90
REVISION_DAYS = 365
ACTORS_OF = "SELECT DISTINCT ?article ?x WHERE { GRAPH ?article { ?x a nkg:Actor } }"
FIGURES = {"PauseTerm": ("durationDays", " days"), "ExchangeRatioTerm": ("ratio", ":1"), "ReleaseTerm": ("count", ""),
           "WithdrawalTerm": ("from", ""), "CeasefireTerm": ("permanent", "")}
NAMES = {"PauseTerm": "pause", "ExchangeRatioTerm": "ratio", "ReleaseTerm": "release", "WithdrawalTerm": "withdrawal",
         "CeasefireTerm": "ceasefire"}

PROPOSALS = """
SELECT ?p ?article ?start (GROUP_CONCAT(DISTINCT STR(?by); separator=" ") AS ?proposers) WHERE {
  GRAPH ?article { ?p a nkg:Proposal ; nkg:proposedBy ?by ; nkg:earliestDate ?start ; nkg:hasTerm ?t }
} GROUP BY ?p ?article ?start
"""
TERMS = """
SELECT ?p ?t ?kind ?attr ?value WHERE {
  GRAPH ?g { ?p a nkg:Proposal ; nkg:hasTerm ?t . ?t a ?kind . FILTER(?kind != nkg:Term)
             OPTIONAL { ?t ?attr ?value FILTER(STRSTARTS(STR(?attr), STR(nkg:))) } }
}
"""


def records(store: GraphStore) -> dict[str, dict]:
    """Every proposal with terms: its article, date, proposers and term signature."""
    out = {r["p"]: {"article": r["article"], "start": r["start"], "proposers": frozenset(r["proposers"].split()),
                    "terms": {}} for r in store.select(PROPOSALS)}
    for r in store.select(TERMS):
        if r["p"] in out:
            term = out[r["p"]]["terms"].setdefault(r["t"], {"kind": local_name(r["kind"])})
            # who a release frees is said in many words ("captives", "the hostages"): no signature
            if r["attr"] is not None and local_name(r["attr"]) in TERM_ATTRIBUTES \
                    and local_name(r["attr"]) != "releasedGroup":
                term[local_name(r["attr"])] = r["value"]
    for rec in out.values():
        rec["signature"] = frozenset(tuple(sorted((k, str(v)) for k, v in t.items())) for t in rec["terms"].values())
    return out


def figure(term: dict) -> str:
    name, unit = FIGURES.get(term["kind"], ("", ""))
    value = term.get(name)
    return f"{value:g}{unit}" if isinstance(value, (int, float)) and not isinstance(value, bool) else \
        (f"{value}{unit}" if value not in (None, True) else "")


def change(old: dict, new: dict) -> str:
    """What changed from ``old``'s terms to ``new``'s, term kind by term kind.

    >>> change({"terms": {1: {"kind": "PauseTerm", "durationDays": 60}}},
    ...        {"terms": {2: {"kind": "PauseTerm", "durationDays": 42}, 3: {"kind": "WithdrawalTerm"}}})
    'pause 60 days → 42 days; withdrawal added'
    """
    by_kind = lambda rec: {t["kind"]: t for t in rec["terms"].values()}  # noqa: E731
    before, after = by_kind(old), by_kind(new)
    parts = []
    for kind in [k for k in FIGURES if k in before or k in after]:
        name = NAMES[kind]
        if kind not in before:
            parts.append(f"{name} added")
        elif kind not in after:
            parts.append(f"{name} dropped")
        elif figure(before[kind]) != figure(after[kind]):
            parts.append(f"{name} {figure(before[kind]) or 'unstated'} → {figure(after[kind]) or 'unstated'}")
    return "; ".join(parts) or "the same terms"


def relation(new: dict, old: dict, sides: dict[str, frozenset[str]]) -> str | None:
    """How proposal ``new`` stands to an earlier ``old`` of another article: sameAs, revises, respondsTo or None.

    ``sides``: article → the actors it names. A version is revised within a year; a counter-proposal answers
    within 90 days, and each article names the other's side (the same negotiation).
    """
    if new["article"] == old["article"] or old["start"] > new["start"]:
        return None
    days = (new["start"] - old["start"]).days
    if new["proposers"] & old["proposers"]:
        if new["signature"] == old["signature"]:
            return "sameAs"
        return "revises" if days <= REVISION_DAYS else None
    shared_kind = {t["kind"] for t in new["terms"].values()} & {t["kind"] for t in old["terms"].values()}
    both_sides = new["proposers"] & sides.get(old["article"], frozenset()) and \
        old["proposers"] & sides.get(new["article"], frozenset())  # each article names the other side
    if shared_kind and days <= RESPONSE_DAYS and both_sides:
        return "respondsTo"
    return None


def relink_lineage(store: GraphStore) -> int:
    """Recompute the lineage graph from the proposals of the store; how many links.

    Proposals are few beside events (a handful per article); each is compared only with the same side's
    proposals and with those of the 90 days before it, found through two indexes.
    """
    recs = records(store)
    sides: dict[str, set[str]] = {}
    for row in store.select(ACTORS_OF):
        sides.setdefault(row["article"], set()).add(row["x"])
    sides = {a: frozenset(x) for a, x in sides.items()}
    by_proposer: dict[str, list[str]] = {}
    for q, rec in recs.items():
        for who in rec["proposers"]:
            by_proposer.setdefault(who, []).append(q)
    by_date = sorted(recs, key=lambda q: recs[q]["start"])
    starts = [recs[q]["start"] for q in by_date]
    links: list[tuple[str, str, str, str]] = []
    for p, new in recs.items():
        # candidates through an index: the same side's proposals, and any side's of the 90 days before
        window = by_date[bisect_left(starts, shifted(new["start"], -RESPONSE_DAYS)): bisect_right(starts, new["start"])]
        candidates = {q for who in new["proposers"] for q in by_proposer[who]} | set(window)
        best: dict[str, tuple[date, str]] = {}
        for q in sorted(candidates):
            old = recs[q]
            kind = relation(new, old, sides) if p != q else None
            if kind and (kind not in best or old["start"] > best[kind][0]):
                best[kind] = (old["start"], q)
        for kind, (_, q) in best.items():
            links.append((p, kind, q, f"{'revises' if kind == 'revises' else 'responds to'}: {change(recs[q], new)}"))
    store.drop_graph(LINEAGE_GRAPH)
    if links:
        triples = []
        for p, kind, q, what in links:
            predicate = "owl:sameAs" if kind == "sameAs" else f"nkg:{kind}"
            triples.append(f"<{p}> {predicate} <{q}> .")
            if kind != "sameAs":
                triples.append(f"<{p}> nkg:change {Literal(what).n3()} .")
        store.update(f"INSERT DATA {{ GRAPH <{LINEAGE_GRAPH}> {{ {' '.join(triples)} }} }}")
    return len(links)
