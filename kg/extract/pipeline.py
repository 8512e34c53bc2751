"""The extractor interface: named components that each return one :class:`Extraction`, and a named merge policy.

As in spaCy's ``Language.factory``, a component is a function registered by
name; the rule families of this package are components, and a statistical or
LLM-based extractor is added the same way, beside them, without touching the
stages after extraction (which only ever see :class:`~kg.facts.ArticleFacts`)::

    from kg.extract.pipeline import Extraction, component

    @component("my-model")
    def my_model(ctx):                      # ctx: the parsed article (ArticleContext)
        return Extraction(events=(...), confidence=(("meeting-120", 0.8),))

    extract_facts(annotated, components=("rules", "my-model"))

Components live in the registry of :mod:`kg.plugins`: the decorator registers
one in this process; a package installed beside this one registers its own
through an entry point of the group ``negotiation_kg.components``, which
worker processes see too. ``"rules"`` names the set of rule components.

A component that finds its own participants names them in ``mentions``
(:class:`~kg.facts.ActorSpan`: offsets, kind, surface text) and uses their
``ref`` in its facts; the identity step (:mod:`kg.identity.spans`) turns each
into the actor of the rules it overlaps, or a new actor.

The merge policy is itself registered (``@merger("name")``): it turns the
components' extractions into one article's facts, deciding which actors the
facts use and what each position is about. The default, ``"spans"``
(:mod:`kg.extract.merging`), keeps one fact where components found the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from .. import plugins
from ..annotate import AnnotatedArticle
from ..errors import InputError
from ..facts import (
    ActorRef,
    ArticleFacts,
    Extraction,
)
from ..identity.table import ActorTable
from .confidence import confident, default_min_confidence
from .context import ArticleContext

Component = Callable[[ArticleContext], Extraction]
Merger = Callable[[ArticleContext, list[Extraction]], ArticleFacts]

DEFAULT_COMPONENTS = ("events", "deal-life", "mediation", "proposals", "positions")
# names of sets of components: one source for the merge (it never merges a set's facts together)
COMPONENT_SETS = {"rules": DEFAULT_COMPONENTS}
DEFAULT_CHOICE = ("rules",)
DEFAULT_MERGER = "spans"


def component(name: str) -> Callable[[Component], Component]:
    """Register an extractor under ``name`` (a decorator).

    >>> @component("nothing")
    ... def nothing(ctx):
    ...     return Extraction()
    >>> plugins.get("component", "nothing") is nothing
    True
    >>> plugins.unregister("component", "nothing")
    """

    def register(func: Component) -> Component:
        plugins.register(name, "component", obj=func)
        return func

    return register


def merger(name: str) -> Callable[[Merger], Merger]:
    """Register a merge policy under ``name`` (a decorator)."""

    def register(func: Merger) -> Merger:
        plugins.register(name, "merger", obj=func)
        return func

    return register


def chosen_merger(name: str | None, in_workers: bool = False) -> str:
    """The name of the merge policy ``name`` (None: the default), checked before any article is
    read: :class:`~kg.plugins.UnknownPlugin` names the registered ones and the one most like
    ``name``; an empty name is refused; a policy registered at run time is refused when worker
    processes, which cannot see it, would run it.

    >>> chosen_merger(None), chosen_merger("rules", in_workers=True)
    ('spans', 'rules')
    >>> chosen_merger("Spans")
    Traceback (most recent call last):
    ...
    kg.plugins.UnknownPlugin: merge policy 'Spans': not one of those registered (rules, spans); \
did you mean "spans"? ...
    """
    name = DEFAULT_MERGER if name is None else name
    if not name.strip():
        raise InputError(
            "merge policy",
            "the name is empty",
            f"name one of {', '.join(sorted(plugins.names('merger')))}, or leave it out for the "
            f"default ({DEFAULT_MERGER})",
        )
    plugins.get("merger", name)
    if in_workers and plugins.origin("merger", name) == plugins.RUN_TIME_ORIGIN:
        raise InputError(
            f"merge policy {name!r}",
            "registered at run time in this process; worker processes (-j, --scheduler) "
            "only see the built-in merge policies and those of entry points",
            "give it an entry point in the group negotiation_kg.mergers (docs/extending.md), "
            "or extract with one worker (-j 1)",
        )
    return name


def chosen_components(names: Iterable[str]) -> list[tuple[str, str]]:
    """(component, source) for each name, a set (``"rules"``) standing for its components;
    :class:`~kg.plugins.UnknownPlugin` for a name nobody registered.

    A member of a set keeps the set's name as its source however it was chosen, so that
    naming the rule components one by one gives the graph ``"rules"`` gives (the merge never
    merges one source's facts together); a component chosen twice runs once.

    >>> chosen_components(["rules"])[:2]
    [('events', 'rules'), ('deal-life', 'rules')]
    >>> chosen_components(["events", "positions", "events"])
    [('events', 'rules'), ('positions', 'rules')]
    """
    set_of = {member: name for name, members in COMPONENT_SETS.items() for member in members}
    chosen: dict[str, str] = {}
    for name in names:
        for member in COMPONENT_SETS.get(name, (name,)):
            if member not in plugins.names("component"):
                raise plugins.unknown("component", member, COMPONENT_SETS)
            chosen.setdefault(member, set_of.get(member, name))
    return list(chosen.items())


def component_names(text: str | Iterable[str] | None) -> tuple[str, ...]:
    """The components a caller chose, from a comma-separated list or names (None: the rules).

    >>> component_names("rules, events"), component_names(None)
    (('rules', 'events'), ('rules',))
    """
    if text is None:
        return DEFAULT_CHOICE
    names = tuple(n.strip() for n in (text.split(",") if isinstance(text, str) else text))
    names = tuple(n for n in names if n)
    if not names:
        raise plugins.unknown("component", "", COMPONENT_SETS)
    return names


def run_time_components(names: Iterable[str]) -> list[str]:
    """The components among ``names`` registered at run time in this process, which worker
    processes cannot see.

    >>> run_time_components(["rules"])
    []
    """
    return [
        name
        for name, _ in chosen_components(names)
        if plugins.origin("component", name) == plugins.RUN_TIME_ORIGIN
    ]


def extract_facts(
    annotated: AnnotatedArticle,
    components: str | Iterable[str] = DEFAULT_CHOICE,
    merge: str = DEFAULT_MERGER,
    min_confidence: float | None = None,
) -> ArticleFacts:
    """Run the named components (names, or a comma-separated list) over one parsed article, merge
    what they found with the ``merge`` policy, and keep the facts whose
    confidence is at least ``min_confidence`` (default: the minimum the shipped model chose; 0 keeps all).

    >>> from datetime import date
    >>> from kg.read.articles import Article
    >>> from kg.annotate import annotate
    >>> body = "Talks\\nQatari Prime Minister Omar Haddad met Hamas leaders in Doha on Monday."
    >>> facts = extract_facts(next(annotate([Article("a.txt", "a", "Talks", body, date(2024, 1, 28))])))
    >>> [(e.kind, [p.label for p in e.participants], str(e.when.earliest)) for e in facts.events]
    [('Meeting', ['Omar Haddad', 'Hamas leaders'], '2024-01-22')]
    """
    from ..identity.actors import merge_notes
    from ..identity.spans import checked_offsets, with_span_actors

    chosen = chosen_components(component_names(components))
    policy = plugins.get("merger", merge)
    ctx = ArticleContext(annotated, ActorTable(annotated))
    sentences = [s.evidence for s in ctx.sentences]
    found = []
    for name, source in chosen:
        extraction = plugins.get("component", name)(ctx)
        checked_offsets(extraction, annotated.article.body, name, annotated.article.path)
        found.append(with_span_actors(ctx.actors, sentences, replace(extraction, source=source)))
    facts = policy(ctx, found)
    # why each name of an actor written otherwise is that actor, for --explain
    notes = merge_notes(ctx.actors, (a.ref for a in facts.actors))
    facts = replace(facts, explanations=facts.explanations + notes)
    threshold = default_min_confidence() if min_confidence is None else min_confidence
    return confident(facts, threshold)


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
