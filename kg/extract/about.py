"""Links between facts: what each position is about (a proposal, an event), where the article says so.

A position is about a proposal when its topic names the proposer ("Hamas'
conditions") or refers to a proposal ("the plan", "the terms") put forward
earlier by someone else; it is about an event when its topic refers to one
("this meeting", "the talks") reported before it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from ..facts import Actor, Event, Position, Proposal
from ..vocab import data_lines, word_list


def word_pattern(words: Iterable[str]) -> re.Pattern:
    """A pattern that finds any of ``words`` as a whole word, in any case.

    >>> bool(word_pattern(["talks", "summit"]).search("The Talks broke up")), bool(
    ...     word_pattern(["talks"]).search("a talkshow"))
    (True, False)
    """
    return re.compile(r"\b(" + "|".join(sorted(map(re.escape, words))) + r")\b", re.I)


@lru_cache(maxsize=1)
def proposal_reference() -> re.Pattern:
    """The words by which a topic refers to a proposal (kg/data/proposal_reference_words.txt).

    >>> bool(proposal_reference().search("called the Terms unfair"))
    True
    """
    return word_pattern(word_list("proposal_reference_words"))


@lru_cache(maxsize=1)
def event_references() -> dict[str, re.Pattern]:
    """Event kind → the words by which a topic refers to an event of that kind, in the order of
    kg/data/event_reference_words.tsv.

    >>> bool(event_references()["Meeting"].search("the summit was useful"))
    True
    """
    words: dict[str, list[str]] = {}
    for word, kind in csv.reader(data_lines("event_reference_words.tsv"), delimiter="\t"):
        words.setdefault(kind, []).append(word)
    return {kind: word_pattern(kind_words) for kind, kind_words in words.items()}


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
    if proposal_reference().search(position.topic):
        earlier = [p for p in others if p.evidence and p.evidence[0].start <= start]
        if earlier:
            return [max(earlier, key=lambda p: p.evidence[0].start).key]
    return []


def event_about(position: Position, events: tuple[Event, ...]) -> list[str]:
    start = position.evidence[0].start if position.evidence else 0
    for kind, words in event_references().items():
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
