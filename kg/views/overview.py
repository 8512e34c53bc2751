"""The actor-level overview: who met whom, who rejects or accepts whose proposal, with counts and dates.

A corpus graph of events, proposals, terms and positions is a hairball at a few
hundred articles; its actors are what an analyst reads first. Each edge of the
overview sums the events or positions behind it ("met ×3, 2024-01-22 – 2024-01-28")
with a weight a layout or Gephi can use; mediators (:func:`kg.views.network.mediators`)
are marked; each actor carries its own dated events, proposals and positions,
which the page lists when the actor is clicked.

>>> from kg.views.network import example_graph
>>> H = actor_overview(example_graph())
>>> sorted(k for _, _, k in H.edges(keys=True))[:2]
['met', 'met']
>>> sorted(H.nodes[n]["label"] for n in H if H.nodes[n]["mediator"])[:1]
['Mohammed bin Abdulrahman Al Thani']
"""

from __future__ import annotations

import json
from itertools import combinations

import networkx as nx

from ..schema import ACTOR_KINDS, kinds_with, trait_value
from .history import stance_word
from .network import mediators, side_of, source_of

MAX_DETAILS = 60  # items listed per actor on the page; the timeline has the rest
MEDIATOR_SCORE = (
    0.5  # a side scoring at least this share of the top broker's score is marked a mediator
)
# events that join their parties, with the verb of joining (kg/data/event_kinds.tsv)
JOINT_KINDS = {kind: trait_value(kind, "links") for kind in kinds_with("links")}


def span(dates: list[str]) -> str:
    """ "2024-01-22" or "2024-01-22 – 2024-01-28" for the dates an edge sums (empty if none)."""
    dates = sorted(d for d in dates if d)
    if not dates:
        return ""
    return dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}"


def participants(G: nx.MultiDiGraph, event) -> list:
    return sorted({v for _, v, k in G.out_edges(event, keys=True) if k == "participant"})


def proposers(G: nx.MultiDiGraph, proposal) -> list:
    return [v for _, v, k in G.out_edges(proposal, keys=True) if k == "proposedBy"]


def summed_edges(G: nx.MultiDiGraph) -> dict[tuple, list[str]]:
    """(from actor, to actor, relation) → the dates of the events or positions behind it."""
    found: dict[tuple, list[str]] = {}
    for node, a in G.nodes(data=True):
        kind = a.get("kind", "")
        if kind in JOINT_KINDS:
            for x, y in combinations(participants(G, node), 2):
                found.setdefault((x, y, JOINT_KINDS[kind]), []).append(a.get("earliest", ""))
        elif kind == "Position":
            holders = [v for _, v, k in G.out_edges(node, keys=True) if k == "heldBy"]
            for _, target, k in G.out_edges(node, keys=True):
                if k != "about":
                    continue
                others = (
                    proposers(G, target)
                    if G.nodes[target].get("kind") == "Proposal"
                    else [target]
                    if G.nodes[target].get("kind") in ACTOR_KINDS
                    else participants(G, target)
                )
                for stance in [
                    s for s in a.get("stance", "").split("|") if s and s != "Assessment"
                ]:
                    relation = stance_word(stance)
                    for holder in holders:
                        for other in others:
                            if other != holder:
                                found.setdefault((holder, other, relation), []).append(
                                    a.get("earliest", "")
                                )
    return found


def source(G: nx.MultiDiGraph, article: str) -> dict[str, str]:
    """The headline, date and URL of an article IRI (as ``to_networkx`` keeps them), for a page to link
    (:func:`~kg.views.network.source_of`: only an http(s) link)."""
    return source_of(G.graph.get("articles", {}), article)


def item_text(G: nx.MultiDiGraph, item, relation: str) -> str:
    """What an actor did, in a few words: "Meeting", "proposal: pause 42 days", "rejects: the plan"."""
    a = G.nodes[item]
    if relation == "participant":
        return a.get("kind", "")
    if relation == "proposedBy":
        terms = [
            G.nodes[t].get("label", "")
            for _, t, k in G.out_edges(item, keys=True)
            if k == "hasTerm"
        ]
        return "proposal" + (": " + "; ".join(sorted(terms)) if terms else "")
    return f"{stance_word(a.get('stance', '').replace('|', '/'))}: {' '.join(a.get('topic', '').split())[:120]}"


def actor_items(G: nx.MultiDiGraph, actor) -> list[dict]:
    """The actor's events, proposals and positions, dated and in order, each once, with the sentence that
    states it and its article: what the page lists on a click.

    >>> from kg.views.network import example_graph
    >>> [(i["date"], i["what"]) for i in actor_items(example_graph(), "organization/hamas")]
    [('(undated)', 'rejects: the plan'), ('2024-01-21', 'Meeting')]
    """
    seen, out = set(), []
    for item, _, relation in G.in_edges(actor, keys=True):
        if relation not in ("participant", "proposedBy", "heldBy"):
            continue
        a = G.nodes[item]
        entry = {
            "date": a.get("earliest") or "(undated)",
            "what": item_text(G, item, relation),
            "sentence": " ".join(a.get("evidence", "").split()),
            **source(G, a.get("article", "")),
        }
        # one event reported in one sentence twice: once
        key = (
            entry["what"],
            entry["sentence"] or item,
        )
        if key not in seen:
            seen.add(key)
            out.append(entry)
    return sorted(out, key=lambda e: (e["date"], e["what"]))[:MAX_DETAILS]


def actor_overview(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The actors of ``G`` (as made by :func:`kg.views.network.to_networkx`) joined by summed relations."""
    H = nx.MultiDiGraph()
    brokers = {
        label for label, score in mediators(G) if score >= MEDIATOR_SCORE
    }  # sides: marked on their people
    for (x, y, relation), dates in summed_edges(G).items():
        for actor in (x, y):
            if actor not in H:
                a = G.nodes[actor]
                H.add_node(
                    actor,
                    **{k: a.get(k, "") for k in ("label", "kind", "aliases", "article")},
                    mediator=G.nodes[side_of(G, actor)].get("label", "") in brokers,
                    details=json.dumps(actor_items(G, actor), ensure_ascii=False),
                )
        count, when = f" ×{len(dates)}" if len(dates) > 1 else "", span(dates)
        H.add_edge(
            x,
            y,
            key=relation,
            relation=relation,
            weight=float(len(dates)),
            earliest=min(dates, default=""),
            latest=max(dates, default=""),
            label=relation + count + (f", {when}" if when else ""),
        )
    return H
