"""The merge that deduplicates: one fact where several components found the same one.

Like spaCy's span filters: two facts of the same kind (an event's kind; a
proposal; a position of the same holder) from different components whose
evidence spans overlap are one fact; the one of highest confidence is kept
(the first component's on a tie), what pointed at the other now points at it,
and the article's facts record which components found each fact (shown by
``kg extract --explain``). Facts of one component, or of one set of components
(``"rules"``), are never merged with each other: a component knows its own.
Keys two components both used for different facts are told apart first, so
that two facts never fuse into one node.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..facts import ArticleFacts, Event, Explanation, Position
from .pipeline import Extraction, merger
from .rules import merge_rules


def fact_kind(fact) -> tuple:
    """What two facts must share to be one: the event kind, "Proposal", or the position's holder.

    >>> from kg.facts import ActorRef
    >>> fact_kind(Event("m-1", "Meeting")), fact_kind(Position("p", ActorRef("Country", "Chad"),
    ...                                                         ("Rejects",), "the plan"))
    (('Event', 'Meeting'), ('Position', ActorRef(kind='Country', label='Chad')))
    """
    if isinstance(fact, Event):
        return ("Event", fact.kind)
    if isinstance(fact, Position):
        return ("Position", fact.holder)
    return (type(fact).__name__,)


def spans_overlap(a, b) -> bool:
    """Does some evidence span of fact ``a`` share a character with one of ``b``?

    >>> from kg.facts import Evidence
    >>> one, two = Evidence("Chad met Niger.", 0, 15), Evidence("Niger met Chad.", 15, 30)
    >>> meeting = lambda key, ev: Event(key, "Meeting", evidence=(ev,))
    >>> spans_overlap(meeting("a", one), meeting("b", one)), spans_overlap(meeting("a", one), meeting("b", two))
    (True, False)
    """
    return any(x.start < y.end and y.start < x.end for x in a.evidence for y in b.evidence)


def key_suffix(source: str) -> str:
    """A component's name as it may end a fact's key.

    >>> key_suffix("my model")
    'my-model'
    """
    return re.sub(r"[^A-Za-z0-9]+", "-", source).strip("-") or "component"


def rekeyed(x: Extraction, keys: dict[str, str]) -> Extraction:
    """``x`` with its facts' keys, and every mention of them, renamed by ``keys``."""
    if not keys:
        return x
    new = lambda k: keys.get(k, k)
    return replace(
        x,
        events=tuple(
            replace(e, key=new(e.key), concerns=e.concerns and new(e.concerns)) for e in x.events
        ),
        proposals=tuple(replace(p, key=new(p.key)) for p in x.proposals),
        positions=tuple(
            replace(p, key=new(p.key), about=tuple(map(new, p.about))) for p in x.positions
        ),
        orderings=tuple((new(a), new(b)) for a, b in x.orderings),
        confidence=tuple((new(k), v) for k, v in x.confidence),
    )


def keys_apart(found: list[Extraction]) -> tuple[list[Extraction], dict[str, str]]:
    """The extractions with the keys a later source reuses renamed; each key's source."""
    source_of: dict[str, str] = {}
    out = []
    for x in found:
        mine = [f.key for f in (*x.events, *x.proposals, *x.positions)]
        taken = {k for k in mine if source_of.get(k, x.source) != x.source}
        x = rekeyed(x, {k: f"{k}-{key_suffix(x.source)}" for k in taken})
        for f in (*x.events, *x.proposals, *x.positions):
            source_of[f.key] = x.source
        out.append(x)
    return out, source_of


def one_per_fact(
    facts: ArticleFacts, source_of: dict[str, str]
) -> tuple[list, dict[str, str], dict[str, tuple[str, ...]], list[Explanation]]:
    """The facts kept, the key each dropped fact now is, each kept fact's sources, and why."""
    score = dict(facts.confidence)
    kept: list = []
    sources: dict[str, tuple[str, ...]] = {}
    merged_into: dict[str, str] = {}
    notes: list[Explanation] = []
    for fact in (*facts.events, *facts.proposals, *facts.positions):
        mine = (source_of.get(fact.key, ""),)
        same = next(
            (
                n
                for n, k in enumerate(kept)
                if fact_kind(k) == fact_kind(fact)
                and not set(sources[k.key]) & set(mine)
                and spans_overlap(k, fact)
            ),
            None,
        )
        if same is None:
            kept.append(fact)
            sources[fact.key] = mine
            continue
        old = kept[same]
        winner, loser = (
            (fact, old) if score.get(fact.key, 1.0) > score.get(old.key, 1.0) else (old, fact)
        )
        kept[same] = winner
        sources[winner.key] = tuple(dict.fromkeys(sources.pop(old.key) + mine))
        merged_into[loser.key] = winner.key
        merged_into.update({k: winner.key for k, v in merged_into.items() if v == loser.key})
        notes.append(
            Explanation(
                winner.evidence[0] if winner.evidence else loser.evidence[0],
                "merge",
                f"{winner.key} ({score.get(winner.key, 1.0):.2f}) kept "
                f"over {loser.key} ({score.get(loser.key, 1.0):.2f}): one fact "
                f"found by {', '.join(sources[winner.key])}",
            )
        )
    return kept, merged_into, sources, notes


def deduplicated(facts: ArticleFacts, source_of: dict[str, str]) -> ArticleFacts:
    """``facts`` with one fact where components found the same, and who found each."""
    kept, merged_into, sources, notes = one_per_fact(facts, source_of)  # a winner in its place
    new = lambda k: merged_into.get(k, k)
    of = lambda facts_of_kind: tuple(f for f in kept if f in facts_of_kind)
    orderings = dict.fromkeys((new(a), new(b)) for a, b in facts.orderings if new(a) != new(b))
    return replace(
        facts,
        events=tuple(replace(e, concerns=e.concerns and new(e.concerns)) for e in of(facts.events)),
        proposals=of(facts.proposals),
        positions=tuple(
            replace(p, about=tuple(dict.fromkeys(map(new, p.about)))) for p in of(facts.positions)
        ),
        orderings=tuple(orderings),
        confidence=tuple((k, v) for k, v in facts.confidence if k not in merged_into),
        explanations=facts.explanations + tuple(notes),
        contributors=tuple(sorted(sources.items())),
    )


@merger("spans")
def merge_on_spans(ctx, found: list[Extraction]) -> ArticleFacts:
    """The rules' merge (:func:`~kg.extract.rules.merge_rules`) of the components' facts, with one
    fact where components of different sources found the same (same kind, overlapping evidence),
    the most confident kept; with one source, exactly the rules' merge."""
    found, source_of = keys_apart(found)
    facts = merge_rules(ctx, found)
    if len({x.source for x in found}) < 2:
        return facts
    return deduplicated(facts, source_of)
