"""Extracted facts: plain typed records between the extraction and RDF stages.

They hold text and character offsets, never spaCy objects, so the RDF stage
does not import spaCy and the facts can be built by hand in tests.

>>> burns = ActorRef("Person", "William Burns")
>>> Event(key="meeting-120", kind="Meeting", participants=(burns,),
...       evidence=(Evidence("Burns met Barnea.", 120, 137),)).participants[0].label
'William Burns'
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .articles import Article

ACTOR_KINDS = ("Person", "Organization", "Country", "Group")
EVENT_KINDS = ("Meeting", "Statement", "Protest", "Agreement", "Exchange")
TERM_KINDS = ("PauseTerm", "CeasefireTerm", "ExchangeRatioTerm", "ReleaseTerm", "WithdrawalTerm")
STANCES = ("Accepts", "Rejects", "Demands", "RedLine", "Assessment")
STATUSES = ("Occurred", "Planned")


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

    def __post_init__(self) -> None:
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

    def __post_init__(self) -> None:
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
class ArticleFacts:
    """Everything extracted from one article."""

    article: Article
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    proposals: tuple[Proposal, ...] = ()
    positions: tuple[Position, ...] = ()
    explanations: tuple[Explanation, ...] = ()
    orderings: tuple[tuple[str, str], ...] = ()  # (earlier event key, later event key), known from the text
