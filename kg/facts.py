"""Extracted facts: plain typed records between the extraction and RDF stages.

They hold text and character offsets, never spaCy objects, so the RDF stage
does not import spaCy and the facts can be built by hand in tests.

>>> burns = ActorRef("Person", "William Burns")
>>> Event(key="meeting-120", kind="Meeting", participants=(burns,),
...       evidence=(Evidence("Burns met Barnea.", 120, 137),)).participants[0].label
'William Burns'
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from .read.articles import Article
from .schema import (
    ACTOR_KINDS,
    EVENT_KINDS,
    FACTUALITIES,
    STANCES,
    STATUSES,
    TERM_ATTRIBUTES,
    TERM_KINDS,
)


def check_factuality(value: str) -> None:
    if value not in FACTUALITIES:
        raise ValueError(f"factuality {value!r} is not one of {', '.join(FACTUALITIES)}")


@dataclass(frozen=True, order=True)
class ActorRef:
    """Identifies an actor across articles: its kind and canonical label."""

    kind: str
    label: str

    def __post_init__(self) -> None:
        if self.kind not in ACTOR_KINDS:
            raise ValueError(f"actor kind {self.kind!r} is not one of {', '.join(ACTOR_KINDS)}")


@dataclass(frozen=True, order=True)
class Evidence:
    """A span of the article body: ``body[start:end] == text``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, order=True)
class ActorSpan:
    """A participant a component found itself: ``body[start:end] == text``, of ``kind``.

    Its facts name it by :attr:`ref`; the identity stage (:mod:`kg.identity.spans`) makes it
    the actor the rules know at that place, or a new one.

    >>> ActorSpan("Person", "Ilsa Varn", 10, 19).ref
    ActorRef(kind='Person', label='Ilsa Varn')
    """

    kind: str
    text: str
    start: int
    end: int

    @property
    def ref(self) -> ActorRef:
        return ActorRef(self.kind, self.text)


@dataclass(frozen=True)
class Actor:
    """A person, organization, country or group, with every name the article uses."""

    ref: ActorRef
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    affiliations: tuple[ActorRef, ...] = ()
    evidence: tuple[Evidence, ...] = ()

    @property
    def label(self) -> str:
        return self.ref.label

    @property
    def kind(self) -> str:
        return self.ref.kind


@dataclass(frozen=True)
class When:
    """A temporal expression and the interval it resolves to (bounds may be open)."""

    text: str | None = None
    earliest: date | None = None
    latest: date | None = None


@dataclass(frozen=True)
class Event:
    """A meeting, statement, protest, agreement or exchange."""

    key: str
    kind: str
    participants: tuple[ActorRef, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    status: str = "Occurred"
    when: When = field(default_factory=When)
    location: str | None = None
    reported_by: tuple[ActorRef, ...] = ()
    rule: str = ""
    factuality: str = "Asserted"  # how the text presents it (kg.extract.factuality)
    mediators: tuple[ActorRef, ...] = ()  # who the text says brokered, mediated or hosted it
    # an event of a deal's life: the key of the deal (or talks) it is an event of; before the merge
    # links it, what it concerns ("deal", "talks", "negotiators")
    concerns: str | None = None
    # an event's own figures ("extensionDays", "condition")
    details: tuple[tuple[str, object], ...] = ()

    def __post_init__(self) -> None:
        check_factuality(self.factuality)
        if self.kind not in EVENT_KINDS:
            raise ValueError(f"event kind {self.kind!r} is not one of {', '.join(EVENT_KINDS)}")
        if self.status not in STATUSES:
            raise ValueError(f"event status {self.status!r} is not one of {', '.join(STATUSES)}")


@dataclass(frozen=True)
class Term:
    """One structured provision of a proposal, e.g. ``Term("PauseTerm", (("durationDays", 60),))``."""

    kind: str
    attrs: tuple[tuple[str, object], ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in TERM_KINDS:
            raise ValueError(f"term kind {self.kind!r} is not one of {', '.join(TERM_KINDS)}")
        # one order for the same attributes, so that two terms saying the same thing are equal
        rank = {name: n for n, name in enumerate(TERM_ATTRIBUTES)}
        object.__setattr__(
            self, "attrs", tuple(sorted(self.attrs, key=lambda a: rank.get(a[0], len(rank))))
        )

    def get(self, name: str, default: object = None) -> object:
        return dict(self.attrs).get(name, default)


@dataclass(frozen=True)
class Proposal:
    """An offer, plan or set of demands put forward by an actor."""

    key: str
    proposers: tuple[ActorRef, ...]
    terms: tuple[Term, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    reported_by: tuple[ActorRef, ...] = ()
    when: When = field(default_factory=When)
    rule: str = ""
    factuality: str = "Asserted"
    mediators: tuple[ActorRef, ...] = ()

    def __post_init__(self) -> None:
        check_factuality(self.factuality)


@dataclass(frozen=True)
class Mediation:
    """The text says ``mediators`` brokered, mediated or hosted something: a deal or talks (``of``),
    told in ``evidence`` (the merge attaches it to the deal, talks or proposal it is about)."""

    mediators: tuple[ActorRef, ...]
    evidence: Evidence
    of: str = ""  # "deal", "talks", or "" when the sentence does not say
    rule: str = ""


@dataclass(frozen=True)
class Position:
    """A stance an actor holds on a topic (and on a proposal or event of the graph, when known)."""

    key: str
    holder: ActorRef
    stances: tuple[str, ...]
    topic: str
    evidence: tuple[Evidence, ...] = ()
    about: tuple[str, ...] = ()
    reported_by: tuple[ActorRef, ...] = ()
    rule: str = ""
    when: When = field(default_factory=When)
    factuality: str = "Asserted"

    def __post_init__(self) -> None:
        check_factuality(self.factuality)
        bad = [s for s in self.stances if s not in STANCES]
        if bad or not self.stances:
            raise ValueError(f"stances {bad or '()'} are not among {', '.join(STANCES)}")


@dataclass(frozen=True)
class Explanation:
    """Why a fact is in the graph: the sentence, the rule that fired, and what it produced."""

    sentence: Evidence
    rule: str
    produced: str


@dataclass(frozen=True)
class Extraction:
    """What one component found in one article: facts, why, and how sure it is of each.

    ``confidence`` maps a fact's key (``Event.key``, ``Proposal.key``,
    ``Position.key``) to a number in [0, 1]; a fact without one counts as 1.
    ``mentions``: the participants the component found itself, as spans of the text;
    ``actors`` and ``source`` are filled in (the actors those spans
    are, and the name of the component or set of components that ran), by
    :func:`kg.extract.pipeline.extract_facts`.
    """

    events: tuple[Event, ...] = ()
    proposals: tuple[Proposal, ...] = ()
    positions: tuple[Position, ...] = ()
    explanations: tuple[Explanation, ...] = ()
    orderings: tuple[tuple[str, str], ...] = ()
    confidence: tuple[tuple[str, float], ...] = field(default=())
    mediations: tuple[Mediation, ...] = ()
    mentions: tuple[ActorSpan, ...] = ()
    actors: tuple[Actor, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class ArticleFacts:
    """Everything extracted from one article."""

    article: Article
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    proposals: tuple[Proposal, ...] = ()
    positions: tuple[Position, ...] = ()
    explanations: tuple[Explanation, ...] = ()
    orderings: tuple[
        tuple[str, str], ...
    ] = ()  # (earlier event key, later event key), known from the text
    confidence: tuple[
        tuple[str, float], ...
    ] = ()  # (fact key, confidence in [0, 1]); absent means 1
    resolutions: tuple[
        tuple[ActorRef, str], ...
    ] = ()  # (actor, "the name this article used: why it is this actor")
    # (fact key, the components that found it), when more than one component (or set) ran
    contributors: tuple[tuple[str, tuple[str, ...]], ...] = ()


def rename_actors(facts: ArticleFacts, names: dict[ActorRef, ActorRef]) -> ArticleFacts:
    """The same facts with some actors renamed (``names``: old ref → new ref); the old label becomes an alias.

    >>> from kg.read.articles import Article
    >>> short, full = ActorRef("Person", "Netanyahu"), ActorRef("Person", "Benjamin Netanyahu")
    >>> facts = ArticleFacts(Article("a.txt", "a", "T", "T"), actors=(Actor(short),),
    ...                      positions=(Position("p", short, ("Rejects",), "the plan"),))
    >>> renamed = rename_actors(facts, {short: full})
    >>> renamed.actors[0].label, renamed.actors[0].aliases, renamed.positions[0].holder.label
    ('Benjamin Netanyahu', ('Netanyahu',), 'Benjamin Netanyahu')
    """
    if not names:
        return facts
    new = lambda ref: names.get(ref, ref)
    many = lambda refs: tuple(dict.fromkeys(new(r) for r in refs))
    actors: dict[ActorRef, Actor] = {}
    for a in facts.actors:
        ref = new(a.ref)
        aliases = set(a.aliases) | ({a.label} if ref != a.ref else set())
        if ref in actors:  # the article named both: one actor
            old = actors[ref]
            aliases |= set(old.aliases)
            a = replace(
                old,
                roles=tuple(dict.fromkeys(old.roles + a.roles)),
                affiliations=many(old.affiliations + a.affiliations),
                evidence=old.evidence + a.evidence,
            )
        actors[ref] = replace(
            a,
            ref=ref,
            aliases=tuple(sorted(aliases - {ref.label})),
            affiliations=many(a.affiliations),
        )
    return replace(
        facts,
        actors=tuple(actors.values()),
        events=tuple(
            replace(
                e,
                participants=many(e.participants),
                reported_by=many(e.reported_by),
                mediators=many(e.mediators),
            )
            for e in facts.events
        ),
        proposals=tuple(
            replace(
                p,
                proposers=many(p.proposers),
                reported_by=many(p.reported_by),
                mediators=many(p.mediators),
            )
            for p in facts.proposals
        ),
        positions=tuple(
            replace(p, holder=new(p.holder), reported_by=many(p.reported_by))
            for p in facts.positions
        ),
    )
