"""The extractor interface: named components that each return one :class:`Extraction`, and a named merge policy.

As in spaCy's ``Language.factory``, a component is a function registered by
name; the rule families of this package are components, and a statistical or
LLM-based extractor is added the same way, beside them, without touching the
stages after extraction (which only ever see :class:`~kg.facts.ArticleFacts`)::

    from kg.extract.pipeline import Extraction, component

    @component("my-model")
    def my_model(ctx):                      # ctx: the parsed article (ArticleContext)
        return Extraction(events=(...), confidence=(("meeting-120", 0.8),))

    extract_facts(annotated, components=("events", "my-model", "proposals", "positions"))

The merge policy is itself registered (``@merger("name")``): it turns the
components' extractions into one article's facts, deciding which actors the
facts use and what each position is about.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from ..facts import ActorRef, ArticleFacts, Event, Explanation, Mediation, Position, Proposal
from ..annotate import AnnotatedArticle
from ..identity.table import ActorTable
from .confidence import confident, default_min_confidence
from .context import ArticleContext


@dataclass(frozen=True)
class Extraction:
    """What one component found in one article: facts, why, and how sure it is of each.

    ``confidence`` maps a fact's key (``Event.key``, ``Proposal.key``,
    ``Position.key``) to a number in [0, 1]; a fact without one counts as 1.
    """

    events: tuple[Event, ...] = ()
    proposals: tuple[Proposal, ...] = ()
    positions: tuple[Position, ...] = ()
    explanations: tuple[Explanation, ...] = ()
    orderings: tuple[tuple[str, str], ...] = ()
    confidence: tuple[tuple[str, float], ...] = field(default=())
    mediations: tuple[Mediation, ...] = ()


Component = Callable[[ArticleContext], Extraction]
Merger = Callable[[ArticleContext, list[Extraction]], ArticleFacts]

COMPONENTS: dict[str, Component] = {}
MERGERS: dict[str, Merger] = {}
DEFAULT_COMPONENTS = ("events", "deal-life", "mediation", "proposals", "positions")
DEFAULT_MERGER = "rules"


def component(name: str) -> Callable[[Component], Component]:
    """Register an extractor under ``name`` (a decorator).

    >>> @component("nothing")
    ... def nothing(ctx):
    ...     return Extraction()
    >>> "nothing" in COMPONENTS
    True
    """
    def register(func: Component) -> Component:
        COMPONENTS[name] = func
        return func
    return register


def merger(name: str) -> Callable[[Merger], Merger]:
    """Register a merge policy under ``name`` (a decorator)."""
    def register(func: Merger) -> Merger:
        MERGERS[name] = func
        return func
    return register


def unknown(kind: str, name: str, known: Iterable[str]) -> KeyError:
    return KeyError(f"no {kind} called {name!r}; registered: {', '.join(sorted(known))}")


def extract_facts(annotated: AnnotatedArticle, components: Iterable[str] = DEFAULT_COMPONENTS,
                  merge: str = DEFAULT_MERGER, min_confidence: float | None = None) -> ArticleFacts:
    """Run the named components over one parsed article, merge what they found, and keep the facts whose
    confidence is at least ``min_confidence`` (default: the minimum the shipped model chose; 0 keeps all).

    >>> from datetime import date
    >>> from kg.read.articles import Article
    >>> from kg.annotate import annotate
    >>> body = "Talks\\nQatari Prime Minister Omar Haddad met Hamas leaders in Doha on Monday."
    >>> facts = extract_facts(next(annotate([Article("a.txt", "a", "Talks", body, date(2024, 1, 28))])))
    >>> [(e.kind, [p.label for p in e.participants], str(e.when.earliest)) for e in facts.events]
    [('Meeting', ['Omar Haddad', 'Hamas leaders'], '2024-01-22')]
    """
    from . import rules  # noqa: F401  (registers the rule components)

    ctx = ArticleContext(annotated, ActorTable(annotated))
    found = []
    for name in components:
        if name not in COMPONENTS:
            raise unknown("extraction component", name, COMPONENTS)
        found.append(COMPONENTS[name](ctx))
    if merge not in MERGERS:
        raise unknown("merge policy", merge, MERGERS)
    threshold = default_min_confidence() if min_confidence is None else min_confidence
    return confident(MERGERS[merge](ctx, found), threshold)


def used_actors(events, proposals, positions) -> set[ActorRef]:
    """Every actor some fact takes part in, proposes, holds or reports."""
    used: set[ActorRef] = set()
    for e in events:
        used.update(e.participants, e.reported_by, e.mediators)
    for p in proposals:
        used.update(p.proposers, p.reported_by, p.mediators)
    for p in positions:
        used.add(p.holder)
        used.update(p.reported_by)
    return used
