"""Links between facts: what each position is about (a proposal, an event), where the article says so.

A position is about a proposal when its topic names the proposer ("Hamas'
conditions") or refers to a proposal ("the plan", "the terms") put forward
earlier by someone else; it is about an event when its topic refers to one
("this meeting", "the talks") reported before it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..facts import Actor, Event, Position, Proposal

PROPOSAL_WORDS = re.compile(
    r"\b(plan|proposal|counterproposal|offer|terms|conditions|demands|framework|reply|"
    r"response|draft|deal)\b",
    re.I,
)
EVENT_WORDS = {
    "Meeting": re.compile(r"\b(meeting|talks|session|round|summit|negotiations)\b", re.I),
    "Agreement": re.compile(r"\b(truce|agreement|accord|deal|ceasefire)\b", re.I),
}


def names_of(actors: tuple[Actor, ...]) -> dict:
    return {a.ref: [a.label, *a.aliases] for a in actors}


def mentions(text: str, names: list[str]) -> bool:
    return any(
        re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", text, re.I) for n in names if len(n) > 2
    )


def proposal_about(position: Position, proposals: tuple[Proposal, ...], names: dict) -> list[str]:
    start = position.evidence[0].start if position.evidence else 0
    others = [p for p in proposals if position.holder not in p.proposers]
    named = [
        p
        for p in others
        if any(mentions(position.topic, names.get(r, [r.label])) for r in p.proposers)
    ]
    if named:
        return [p.key for p in named]
    here = [p for p in others if set(p.evidence) & set(position.evidence)]
    if here:  # "Kyiv has proposed an exchange, but Moscow has rejected it"
        return [p.key for p in here]
    if PROPOSAL_WORDS.search(position.topic):
        earlier = [p for p in others if p.evidence and p.evidence[0].start <= start]
        if earlier:
            return [max(earlier, key=lambda p: p.evidence[0].start).key]
    return []


def event_about(position: Position, events: tuple[Event, ...]) -> list[str]:
    start = position.evidence[0].start if position.evidence else 0
    for kind, words in EVENT_WORDS.items():
        if words.search(position.topic):
            earlier = [
                e for e in events if e.kind == kind and e.evidence and e.evidence[0].start <= start
            ]
            if earlier:
                return [max(earlier, key=lambda e: e.evidence[0].start).key]
    return []


def link_positions(
    positions: tuple[Position, ...],
    proposals: tuple[Proposal, ...],
    events: tuple[Event, ...],
    actors: tuple[Actor, ...],
) -> tuple[Position, ...]:
    """The positions with ``about`` filled where the topic points at a proposal or an event of the article."""
    names = names_of(actors)
    out = []
    for position in positions:
        about = proposal_about(position, proposals, names) or event_about(position, events)
        out.append(replace(position, about=tuple(dict.fromkeys(position.about + tuple(about)))))
    return tuple(out)
