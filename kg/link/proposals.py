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

from bisect import bisect_right
from datetime import date

from rdflib import Literal

from ..intervals import shifted
from ..rdf.iris import local_name
from ..rdf.namespace import ID
from ..schema import TERM_ATTRIBUTES
from ..store import GraphStore
from ..wording import lineage_change

LINEAGE_GRAPH = ID["graph/proposal-lineage"]
RESPONSE_DAYS = 90
REVISION_DAYS = 365
ACTORS_OF = "SELECT DISTINCT ?article ?x WHERE { GRAPH ?article { ?x a nkg:Actor } }"
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
    out = {
        r["p"]: {
            "article": r["article"],
            "start": r["start"],
            "proposers": frozenset(r["proposers"].split()),
            "terms": {},
        }
        for r in store.select(PROPOSALS)
    }
    for r in store.select(TERMS):
        if r["p"] in out:
            term = out[r["p"]]["terms"].setdefault(r["t"], {"kind": local_name(r["kind"])})
            # who a release frees is said in many words ("captives", "the hostages"): no signature
            if (
                r["attr"] is not None
                and local_name(r["attr"]) in TERM_ATTRIBUTES
                and local_name(r["attr"]) != "releasedGroup"
            ):
                term[local_name(r["attr"])] = r["value"]
    for rec in out.values():
        rec["signature"] = frozenset(
            tuple(sorted((k, str(v)) for k, v in t.items())) for t in rec["terms"].values()
        )
    return out


def terms_by_kind(rec: dict) -> dict[str, dict]:
    """A proposal record's terms by kind (of two of one kind, the last)."""
    return {t["kind"]: t for t in rec["terms"].values()}


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
    shared_kind = {t["kind"] for t in new["terms"].values()} & {
        t["kind"] for t in old["terms"].values()
    }
    both_sides = new["proposers"] & sides.get(old["article"], frozenset()) and old[
        "proposers"
    ] & sides.get(new["article"], frozenset())  # each article names the other side
    if shared_kind and days <= RESPONSE_DAYS and both_sides:
        return "respondsTo"
    return None


# how far back each relation looks (None: any time)
WINDOWS = {"sameAs": None, "revises": REVISION_DAYS, "respondsTo": RESPONSE_DAYS}


def latest(
    recs: dict[str, dict],
    index: list[str],
    until: date,
    kind: str,
    p: str,
    sides: dict[str, frozenset[str]],
) -> tuple[date, str] | None:
    """(start, IRI) of the latest proposal of ``index`` (sorted by start, IRI) that ``p`` stands
    to as ``kind``; of those as late, the first by IRI. The walk goes back from ``until`` and stops
    at the first match's day or at the edge of the kind's window."""
    days = WINDOWS[kind]
    edge = shifted(until, -days) if days is not None else date.min
    found = None
    for i in range(bisect_right(index, until, key=lambda q: recs[q]["start"]) - 1, -1, -1):
        q = index[i]
        start = recs[q]["start"]
        if start < edge or (found is not None and start < found[0]):
            break
        if q != p and relation(recs[p], recs[q], sides) == kind:
            found = (start, q)  # IRIs go down too: the last found of one day is the first
    return found


def relink_lineage(store: GraphStore) -> int:
    """Recompute the lineage graph from the proposals of the store; how many links.

    Each proposal is linked to the latest earlier one of each relation, found by walking back in
    time through three indexes until it is found (or the relation's window is passed): the same
    side's proposals with the same terms (sameAs), the same side's proposals of the year before
    (revises), and any side's of the 90 days before (respondsTo). A corpus about one negotiation
    holds thousands of proposals of each side: a walk stops at the latest match instead of
    comparing them all.
    """
    recs = records(store)
    sides: dict[str, set[str]] = {}
    for row in store.select(ACTORS_OF):
        sides.setdefault(row["article"], set()).add(row["x"])
    sides = {a: frozenset(x) for a, x in sides.items()}
    order = lambda q: (recs[q]["start"], q)
    by_proposer: dict[str, list[str]] = {}
    by_terms: dict[tuple, list[str]] = {}
    for q, rec in recs.items():
        for who in rec["proposers"]:
            by_proposer.setdefault(who, []).append(q)
            by_terms.setdefault((who, rec["signature"]), []).append(q)
    indexes = [*by_proposer.values(), *by_terms.values()]
    for index in indexes:
        index.sort(key=order)
    by_date = sorted(recs, key=order)
    links: list[tuple[str, str, str, str]] = []
    for p, new in recs.items():
        start, proposers = new["start"], new["proposers"]
        best = {
            "sameAs": [
                latest(recs, by_terms[who, new["signature"]], start, "sameAs", p, sides)
                for who in proposers
            ],
            "revises": [
                latest(recs, by_proposer[who], start, "revises", p, sides) for who in proposers
            ],
            "respondsTo": [latest(recs, by_date, start, "respondsTo", p, sides)],
        }
        for kind, found in best.items():
            found = [f for f in found if f is not None]
            # the latest; of two as late, the first by IRI (the order links were always chosen in)
            if found:
                q = min(found, key=lambda f: (-f[0].toordinal(), f[1]))[1]
                what = lineage_change(kind, terms_by_kind(recs[q]), terms_by_kind(new))
                links.append((p, kind, q, what))
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
