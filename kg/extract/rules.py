"""The rule-based components and the merge policy they share, registered in :mod:`kg.plugins`.

Each rule family reads the parsed article and returns an :class:`Extraction`;
the merge gives each fact the confidence of the learned model
(:mod:`kg.extract.confidence`), unless its component gave one itself.
"""

from __future__ import annotations

from dataclasses import replace

from ..facts import ArticleFacts, Explanation, When
from ..identity.actors import actor_facts, generic_notes
from ..identity.spans import with_brought_actors
from ..schema import has_trait
from .about import link_positions
from .confidence import scored
from .context import ArticleContext, date_expressions
from .dates import resolve, shifted
from .deal_life import extract_deal_life, link_deals
from .events import extract_events
from .mediation import attach_mediations, extract_mediations
from .pipeline import Extraction, component, merger, used_actors
from .positions import extract_positions
from .proposals import extract_proposals


@component("events")
def event_rules(ctx: ArticleContext) -> Extraction:
    """Meetings, statements, protests, agreements and exchanges, with the order the text states."""
    events, notes, orderings = extract_events(ctx)
    return Extraction(events=tuple(events), explanations=tuple(notes), orderings=tuple(orderings))


@component("deal-life")
def deal_life_rules(ctx: ArticleContext) -> Extraction:
    """A deal that begins, is extended, violated, suspended, ends or collapses; talks opened,
    suspended, resumed, negotiators recalled."""
    events, notes = extract_deal_life(ctx)
    return Extraction(events=tuple(events), explanations=tuple(notes))


@component("mediation")
def mediation_rules(ctx: ArticleContext) -> Extraction:
    """Who the text says brokered, mediated or hosted a deal or talks (attached to them by the
    merge)."""
    found = extract_mediations(ctx)
    notes = tuple(
        Explanation(m.evidence, m.rule, f"mediated by {', '.join(r.label for r in m.mediators)}")
        for m in found
    )
    return Extraction(mediations=tuple(found), explanations=notes)


@component("proposals")
def proposal_rules(ctx: ArticleContext) -> Extraction:
    """Proposals and deals with their terms."""
    proposals, notes = extract_proposals(ctx)
    return Extraction(proposals=tuple(proposals), explanations=tuple(notes))


@component("positions")
def position_rules(ctx: ArticleContext) -> Extraction:
    """Positions, and the demands that state concrete terms (proposals of their holder)."""
    positions, notes, demands = extract_positions(ctx)
    return Extraction(
        positions=tuple(positions), proposals=tuple(demands), explanations=tuple(notes)
    )


def when_said(fact, events, ctx: ArticleContext) -> When:
    """When a position was held or a proposal reported: the date of the event told in its first sentence (the
    statement that voices it), else the article's news peg (the day before publication to publication).

    A stance has no date of its own in news prose; it is dated by its evidence, so that an actor's positions
    can be put in order across articles.
    """
    first = fact.evidence[0] if fact.evidence else None
    told = [e for e in events if first in e.evidence and e.when.earliest is not None]
    holders = set(getattr(fact, "proposers", ())) | {getattr(fact, "holder", None)}
    told.sort(key=lambda e: (not has_trait(e.kind, "speech"), not holders & set(e.participants)))
    if told:
        return When(None, told[0].when.earliest, told[0].when.latest)
    sentence = next((s for s in ctx.sentences if s.evidence == first), None)
    for text in date_expressions(sentence, list(sentence.span)) if sentence is not None else []:
        interval = resolve(text, ctx.published, "past")  # "Hamas rejected the plan on Monday"
        if interval is not None and interval.earliest is not None:
            return When(text, interval.earliest, interval.latest)
    published = ctx.published
    return When(None, shifted(published, -1), published) if published else When()


@merger("rules")
def merge_rules(ctx: ArticleContext, found: list[Extraction]) -> ArticleFacts:
    """Concatenate the components' facts, with the mediators each states attached and each event of
    a deal's life linked to its deal; actors are the named ones and the groups some fact uses; each
    position is linked to the proposal or event of the article it is about. Each fact's confidence is
    the learned model's, or the highest a component gave it."""
    events = tuple(e for x in found for e in x.events)
    proposals = tuple(p for x in found for p in x.proposals)
    events, proposals = attach_mediations(
        [m for x in found for m in x.mediations], events, proposals
    )
    events = link_deals(events, proposals)
    positions = tuple(p for x in found for p in x.positions)
    actors = with_brought_actors(
        actor_facts(ctx.actors, used_actors(events, proposals, positions), ctx.resolved),
        (a for x in found for a in x.actors),
    )
    proposals = tuple(
        replace(p, when=when_said(p, events, ctx)) if p.when.earliest is None else p
        for p in proposals
    )
    positions = tuple(replace(p, when=when_said(p, events, ctx)) for p in positions)
    given: dict[str, float] = {}
    for x in found:
        for key, value in x.confidence:
            given[key] = max(value, given.get(key, 0.0))
    facts = scored(
        ArticleFacts(
            ctx.annotated.article,
            actors=actors,
            events=events,
            proposals=proposals,
            positions=link_positions(positions, proposals, events, actors),
            explanations=tuple(n for x in found for n in x.explanations),
            orderings=tuple(o for x in found for o in x.orderings),
            resolutions=generic_notes(ctx.actors, {a.ref for a in actors}, ctx.resolved),
        )
    )
    return replace(facts, confidence=tuple(sorted({**dict(facts.confidence), **given}.items())))
