"""The merge that deduplicates: one fact where several components found the same one.

Like spaCy's span filters: two facts of the same kind (an event's kind; a
proposal; a position of the same holder) from different components whose
evidence spans overlap, and that speak of the same parties (a proposer in
common; a participant in common, or none named), are one fact; the one of
highest confidence is kept (the first component's on a tie) with the parties
and evidence of both, the actors only the other used are dropped, what
pointed at the other now points at it,
and the article's facts record which components found each fact (shown by
``kg extract --explain``). Facts of one component, or of one set of components
(``"rules"``), are never merged with each other: a component knows its own.
Keys two components both used for different facts are told apart first, so
that two facts never fuse into one node.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..facts import Actor, ArticleFacts, Event, Explanation, Position, Proposal
from ..identity.spans import overlaps
from .pipeline import Extraction, merger, used_actors
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


def same_parties(a, b) -> bool:
    """Do facts ``a`` and ``b`` of one kind speak of the same parties: proposals with a proposer
    in common, events with a participant in common or neither naming one (positions: their
    holder, already in :func:`fact_kind`)? Two meetings or two sides' offers told in one
    sentence stay two facts.

    >>> from kg.facts import ActorRef, Proposal
    >>> chad, niger = ActorRef("Country", "Chad"), ActorRef("Country", "Niger")
    >>> same_parties(Proposal("a", (chad,)), Proposal("b", (chad, niger)))
    True
    >>> same_parties(Event("a", "Meeting", (chad,)), Event("b", "Meeting", (niger,)))
    False
    >>> same_parties(Event("a", "Meeting"), Event("b", "Meeting"))
    True
    """
    if isinstance(a, Proposal):
        return bool(set(a.proposers) & set(b.proposers))
    if isinstance(a, Event):
        return bool(set(a.participants) & set(b.participants)) or not (
            a.participants or b.participants
        )
    return True


def united(winner, loser):
    """``winner`` with the parties and evidence of ``loser`` it lacks (one fact found twice).

    >>> from kg.facts import ActorRef
    >>> chad, niger = ActorRef("Country", "Chad"), ActorRef("Country", "Niger")
    >>> [p.label for p in united(Event("a", "Meeting", (chad,)), Event("b", "Meeting", (niger, chad))).participants]
    ['Chad', 'Niger']
    """
    union = lambda a, b: tuple(dict.fromkeys((*a, *b)))
    winner = replace(winner, evidence=union(winner.evidence, loser.evidence))
    if isinstance(winner, Event):
        return replace(winner, participants=union(winner.participants, loser.participants))
    if isinstance(winner, Proposal):
        return replace(winner, proposers=union(winner.proposers, loser.proposers))
    return winner


def spans_overlap(a, b) -> bool:
    """Does some evidence span of fact ``a`` share a character with one of ``b``?

    >>> from kg.facts import Evidence
    >>> one, two = Evidence("Chad met Niger.", 0, 15), Evidence("Niger met Chad.", 15, 30)
    >>> meeting = lambda key, ev: Event(key, "Meeting", evidence=(ev,))
    >>> spans_overlap(meeting("a", one), meeting("b", one)), spans_overlap(meeting("a", one), meeting("b", two))
    (True, False)
    """
    return any(overlaps((x.start, x.end), (y.start, y.end)) for x in a.evidence for y in b.evidence)


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
                and same_parties(k, fact)
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
        kept[same] = united(winner, loser)
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


def without_orphans(actors: tuple[Actor, ...], before: ArticleFacts, after: ArticleFacts):
    """``actors`` without those only the facts merged away used (the loser's reporter, say),
    unless an actor kept is affiliated with them; the actors no fact ever used stay, as in the
    rules' merge.

    >>> from kg.facts import Actor, ActorRef
    >>> chad, niger = Actor(ActorRef("Country", "Chad")), Actor(ActorRef("Country", "Niger"))
    >>> both = ArticleFacts(None, events=(Event("a", "Meeting", (chad.ref,)),
    ...                                   Event("b", "Meeting", (niger.ref,))))
    >>> [a.ref.label for a in without_orphans((chad, niger), both, replace(both, events=both.events[:1]))]
    ['Chad']
    """
    of = lambda f: used_actors(f.events, f.proposals, f.positions)
    orphans = of(before) - of(after)
    kept = [a for a in actors if a.ref not in orphans]
    affiliated = {r for a in kept for r in a.affiliations}
    return tuple(a for a in actors if a.ref not in orphans or a.ref in affiliated)


def deduplicated(facts: ArticleFacts, source_of: dict[str, str]) -> ArticleFacts:
    """``facts`` with one fact where components found the same, and who found each."""
    kept, merged_into, sources, notes = one_per_fact(facts, source_of)  # a winner in its place
    new = lambda k: merged_into.get(k, k)
    of = lambda kind: tuple(f for f in kept if isinstance(f, kind))
    orderings = dict.fromkeys((new(a), new(b)) for a, b in facts.orderings if new(a) != new(b))
    out = replace(
        facts,
        events=tuple(replace(e, concerns=e.concerns and new(e.concerns)) for e in of(Event)),
        proposals=of(Proposal),
        positions=tuple(
            replace(p, about=tuple(dict.fromkeys(map(new, p.about)))) for p in of(Position)
        ),
        orderings=tuple(orderings),
        confidence=tuple((k, v) for k, v in facts.confidence if k not in merged_into),
        explanations=facts.explanations + tuple(notes),
        contributors=tuple(sorted(sources.items())),
    )
    return replace(out, actors=without_orphans(facts.actors, facts, out))


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
