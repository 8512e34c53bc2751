"""A deal's life: a truce or deal that begins, is extended, violated, suspended, ends or collapses;
talks that open, are suspended, resume, or whose negotiators are recalled.

Each is an event of its own kind (the subclasses of ``nkg:Event`` named in
``kg/data/deal_life.tsv``), read from the parse: the deal as subject ("the truce ended on Friday"),
as object ("Israel extended the pause by two days", "the truce was extended") or after "of" ("the
collapse of the talks"). A deal is a noun of ``deal_frames.tsv`` or ``deal_nouns.txt``; talks a
Meeting noun of ``event_triggers.tsv``. What is only wished, conditional, negated or not yet fixed
("no date has been set for the truce to begin", "if the truce collapses") is no event; what will
happen ("the truce will end on Friday") is Planned. The merge links each event to the deal it
concerns.

>>> life_readings("end", "VERB")[0].kind, life_readings("resumption", "NOUN")[0].concerns
('DealEnded', 'talks')
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from spacy.tokens import Token

from ..facts import ActorRef, Event, Explanation, When
from ..schema import has_trait, kinds_with
from ..vocab import data_lines, word_list
from .context import ArticleContext, Sentence, TimeAnchor, reporting_sources, when_of
from .dates import resolve, shifted
from .factuality import ASSERTED, PLANNED, reading, time_clause
from .quantities import duration_days
from .triggers import (
    agent_tokens,
    conjoined_preposition_objects,
    expand,
    preposition_objects,
    subject_of,
    triggers,
)
from .word_forms import by_word_form

PLANNED_STATUS = "Planned"


@dataclass(frozen=True)
class LifeReading:
    """One reading of a word as an event of a deal's life."""

    lemma: str
    pos: str
    role: str  # subject, object, of
    kind: str
    concerns: str  # deal, talks, negotiators
    objects: frozenset[str] = frozenset()
    particle: str | None = None
    prep: str | None = None
    not_prep: str | None = None  # a preposition that rules the reading out ("ended without a deal")


@lru_cache(maxsize=1)
def life_table() -> dict[tuple[str, str], tuple[LifeReading, ...]]:
    """(lemma, part of speech) → its readings, from ``kg/data/deal_life.tsv``."""
    table: dict[tuple[str, str], list[LifeReading]] = {}
    for row in csv.reader(data_lines("deal_life.tsv"), delimiter="\t"):
        lemma, pos, role, kind, concerns, cond = (row + [""] * 6)[:6]
        flags = dict(part.partition("=")[::2] for part in cond.split(";") if part)
        table.setdefault((lemma, pos), []).append(
            LifeReading(
                lemma,
                pos,
                role,
                kind,
                concerns,
                frozenset(filter(None, flags.get("object", "").split("|"))),
                flags.get("particle"),
                flags.get("prep"),
                flags.get("noprep"),
            )
        )
    return {key: tuple(found) for key, found in table.items()}


def life_readings(lemma: str, pos: str) -> tuple[LifeReading, ...]:
    """The readings of ``lemma`` as an event of a deal's life (none if it is not such a word)."""
    return life_table().get((lemma.lower(), pos), ())


@lru_cache(maxsize=1)
def deal_nouns() -> frozenset[str]:
    """The nouns that name a deal: the anchors of ``kg/data/deal_frames.tsv`` and
    ``deal_nouns.txt``."""
    rows = csv.reader(data_lines("deal_frames.tsv"), delimiter="\t")
    return frozenset(row[0] for row in rows if len(row) > 2 and row[2] == "anchor") | word_list(
        "deal_nouns"
    )


@lru_cache(maxsize=1)
def talks_nouns() -> frozenset[str]:
    """The nouns that name talks: the nouns of ``kg/data/event_triggers.tsv`` for a kind of the
    trait talks (``kg/data/event_kinds.tsv``)."""
    return frozenset(
        lemma
        for (lemma, pos), found in triggers().items()
        if pos == "NOUN" and any(has_trait(t.kind, "talks") for t in found)
    )


def life_kinds(concerns: str) -> tuple[str, ...]:
    """The event kinds of the life of a deal or of talks (``concerns``), as ``deal_life.tsv`` names
    them."""
    rows = (r for found in life_table().values() for r in found)
    return tuple(
        dict.fromkeys(
            r.kind
            for r in rows
            if r.concerns == concerns or concerns == "talks" and r.concerns == "negotiators"
        )
    )


def pauses_something_else(tok: Token) -> bool:
    """Is ``tok`` a pause word ("pause", "halt", "lull") of something that is no fighting ("a pause
    in copper shipments", "a halt to aid deliveries")? A bare one ("a humanitarian pause") or one of
    fighting or of a place ("a pause in the fighting", "a lull in Gaza") is a truce."""
    pauses = word_list("deal_nouns")
    if tok.lemma_.lower() not in pauses and tok.lower_ not in pauses:
        return False
    stopped = [
        p
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ in ("in", "to", "on", "of")
        for p in c.children
        if p.dep_ == "pobj" and p.pos_ != "PROPN"
    ]
    hostilities = word_list("hostility_nouns")
    return any(p.lemma_.lower() not in hostilities and p.lower_ not in hostilities for p in stopped)


def concerns_of(tok: Token | None) -> str:
    """ "deal", "talks" or "negotiators" when ``tok`` names one, else ""."""
    if tok is None:
        return ""
    word, text = tok.lemma_.lower(), tok.lower_
    if (word in deal_nouns() or text in deal_nouns()) and not pauses_something_else(tok):
        return "deal"
    if word in talks_nouns() or text in talks_nouns():
        return "talks"
    return (
        "negotiators"
        if text in word_list("negotiator_nouns") or word in word_list("negotiator_nouns")
        else ""
    )


@by_word_form  # asked of every token
def readings_of(tok: Token) -> tuple[LifeReading, ...]:
    pos = "VERB" if tok.pos_ in ("VERB", "AUX") else "NOUN" if tok.pos_ == "NOUN" else ""
    return life_readings(tok.lemma_, pos) or life_readings(tok.lower_, pos)


def deal_argument(tok: Token, reading: LifeReading) -> Token | None:
    """The word naming the deal or talks in the slot ``reading`` expects, if it names one."""
    if reading.role == "subject":
        passive = any(c.dep_ == "auxpass" for c in tok.children)
        # a finite verb parsed as a noun's modifier ("talks for a new pact ended"): the noun is not
        # its subject
        misread = tok.dep_ == "acl" and tok.tag_ in ("VBD", "VBN")
        candidates = [] if passive or misread else [subject_of(tok)]
    elif reading.role == "object":
        candidates = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        if tok.dep_ == "relcl" and any(c.lower_ in ("which", "that") for c in candidates):
            candidates.append(tok.head)  # "the pause, which was extended"
        if tok.dep_ == "acl":
            candidates.append(tok.head)  # "the truce, extended by two days, ..."
        if not candidates and tok.dep_ == "conj" and any(c.dep_ == "auxpass" for c in tok.children):
            candidates.append(subject_of(tok.head))  # "the truce began and was extended"
    else:
        candidates = preposition_objects(tok, "of")
    found = [t for c in candidates if c is not None for t in expand(c)]
    return next((t for t in found if concerns_of(t) == reading.concerns), None)


def conditions_met(tok: Token, reading: LifeReading) -> bool:
    """The reading's particle, preposition or object ("took effect", "came into force", "broke
    down")."""
    if reading.particle and not any(
        c.dep_ == "prt" and c.lower_ == reading.particle for c in tok.children
    ):
        return False
    if reading.prep and not any(
        c.dep_ == "prep" and c.lower_ == reading.prep for c in tok.children
    ):
        return False
    if not reading.particle and any(c.dep_ == "prt" for c in tok.children):
        return False  # "will end up without quotas", "took over": another verb
    if reading.not_prep and any(
        c.dep_ == "prep" and c.lower_ == reading.not_prep for c in tok.children
    ):
        return False
    if reading.objects and not any(
        c.dep_ == "dobj" and c.lemma_.lower() in reading.objects for c in tok.children
    ):
        return False
    if reading.lemma in word_list("light_life_verbs") and reading.role == "subject":
        return True
    # "the truce ended the fighting" tells an effect, not the truce's end
    return not (
        reading.role == "subject"
        and any(c.dep_ == "dobj" for c in tok.children)
        and reading.objects == frozenset()
    )


@lru_cache(maxsize=1)
def unstated_heads() -> dict[tuple[str, str], str]:
    """(word, part of speech) → "offer" or "denied", from ``kg/data/unstated_heads.tsv``."""
    rows = csv.reader(data_lines("unstated_heads.tsv"), delimiter="\t")
    return {(word, pos): why for word, pos, why in rows}


def unstated_head(tok: Token) -> str | None:
    """ "offer" or "denied" when ``tok`` is a word under which what it governs is not stated to
    happen.

    >>> from types import SimpleNamespace as T
    >>> unstated_head(T(lemma_="refuse", lower_="refused", pos_="VERB"))
    'denied'
    """
    pos = "VERB" if tok.pos_ in ("VERB", "AUX") else tok.pos_
    return unstated_heads().get((tok.lemma_.lower(), pos)) or unstated_heads().get(
        (tok.lower_, pos)
    )


# the links through which a word stays inside what the word above it says ("refused to extend",
# "called for the resumption", "denied violating"); a relative clause or a modifier tells its own
CLAUSE_LINKS = (
    "xcomp",
    "pobj",
    "prep",
    "dobj",
    "acomp",
    "attr",
    "ccomp",
    "advcl",
    "pcomp",
    "conj",
    "csubj",
)


def governing_chain(tok: Token, depth: int = 6) -> list[Token]:
    """``tok`` and the words above it through :data:`CLAUSE_LINKS`, nearest first."""
    chain = [tok]
    # a time or absolute clause tells its own event ("had failed, the last round breaking down")
    while len(chain) <= depth and chain[-1].dep_ in CLAUSE_LINKS and not time_clause(chain[-1]):
        if chain[-1].head.i == chain[-1].i:
            break
        chain.append(chain[-1].head)
    return chain


def under_unstated_head(tok: Token) -> bool:
    """Is ``tok`` only offered, sought, possible, denied or refused ("sought an extension of the
    truce", "a possible extension", "denied violating the truce", "rejected any mediation")?"""
    if any(c.dep_ == "det" and c.lower_ in ("no", "any") for c in tok.children):
        return True
    chain = governing_chain(tok)
    return any(unstated_head(node) for node in chain[1:]) or any(
        unstated_head(c) for node in chain for c in node.children if c.dep_ in ("amod", "acomp")
    )


def stated_status(tok: Token) -> str | None:
    """Occurred or Planned as the factuality stage reads the event; None when it is wished,
    conditional, negated, possible or only an aim ("for the truce to begin", "could collapse", "if
    talks resume"). What is agreed, due or set to happen ("agreed to resume talks", "will end") is
    Planned; a provision ("would be extended") is none.
    """
    if under_unstated_head(tok) or tok.dep_ in ("csubj", "csubjpass"):
        return None  # a clausal subject names the act ("ending the truce would be a mistake")
    found = reading(tok)
    if found.value == PLANNED and presupposed(tok):
        found = found._replace(value=ASSERTED, cue="")
    if found.value not in (ASSERTED, PLANNED) or found.cue == "would":
        return None
    if (
        tok.tag_ in ("VBZ", "VBP")
        and tok.dep_ == "advcl"
        and any(
            c.dep_ == "mark" and c.lower_ in word_list("time_naming_conjunctions")
            for c in tok.children
        )
    ):
        return None  # "begins once the truce is in force": a time the truce names, no event
    if tok.pos_ == "NOUN":
        det = {c.lower_ for c in tok.children if c.dep_ == "det"}
        verb = tok.head if tok.head.pos_ in ("VERB", "AUX") else None
        said = stated_status(verb) if verb is not None else "Occurred"
        if det & {"no", "any"} or said is None:
            return None
        return PLANNED_STATUS if PLANNED_STATUS in (said, status_of(found.value)) else said
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and any(
        c.dep_ == "neg"
        or (
            c.dep_ in ("nsubj", "nsubjpass")
            and any(d.lower_ in ("no", "none") for d in c.children if d.dep_ == "det")
        )
        for c in tok.head.children
    ):
        return None  # "no date has been set for the truce to begin"
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and tok.head.pos_ == "NOUN":
        return None  # "an offer to resume talks", "reluctance to resume talks": no plan of record
    if found.value == PLANNED:
        return PLANNED_STATUS
    if tok.tag_ not in ("VBD", "VBZ", "VBP", "VBN", "VBG") or tok.dep_ in ("amod",):
        return None
    return "Occurred"


def presupposed(noun: Token) -> bool:
    """Is ``noun`` a definite event noun in a prepositional phrase ("will react to the collapse of
    the talks")? The clause's plan bears on the reaction, not on the collapse it takes as given."""
    return (
        noun.pos_ == "NOUN"
        and noun.dep_ == "pobj"
        and any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ == "the") for c in noun.children)
    )


def status_of(value: str) -> str:
    """The status of an event the factuality stage reads as ``value`` (Asserted: Occurred)."""
    return PLANNED_STATUS if value == PLANNED else "Occurred"


def present_simple(tok: Token) -> bool:
    """Is ``tok`` a verb in the simple present, with no auxiliary ("the pact expires on June 30")?
    News tells in it what is scheduled; what happened it tells in the past.
    """
    return tok.tag_ in ("VBZ", "VBP") and not any(
        c.dep_ in ("aux", "auxpass") for c in tok.children
    )


def extension_details(tok: Token, published: date | None = None) -> tuple[tuple[str, object], ...]:
    """How long an extension adds ("by two days", "for another 48 hours", "until May 8 from April
    18") and on what condition."""
    details: list[tuple[str, object]] = []
    for child in tok.children:
        if child.dep_ in ("agent", "prep", "npadvmod") and child.lower_ in ("by", "for"):
            days = duration_days(" ".join(t.text for t in child.subtree))
            if days:
                details.append(("extensionDays", days))
                break
    else:
        days = days_between(tok, published)
        if days:
            details.append(("extensionDays", days))
    condition = condition_text(tok)
    if condition:
        details.append(("condition", condition))
    return tuple(details)


def date_phrase(tok: Token, words: frozenset[str]) -> str | None:
    """The words of the date phrase ``tok`` governs with one of the prepositions ``words``."""
    return next(
        (
            " ".join(t.text for t in p.subtree)
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ in words
            for p in c.children
            if p.dep_ == "pobj" and p.ent_type_ == "DATE"
        ),
        None,
    )


def days_between(tok: Token, published: date | None) -> int | None:
    """The days from the old end to the new one an extension states ("until May 8 from April
    18")."""
    old = date_phrase(tok, word_list("extension_start_prepositions"))
    new = date_phrase(tok, word_list("extension_end_prepositions"))
    if old is None or new is None:
        return None
    start, end = resolve(old, published, "past"), resolve(new, published, "future")
    if start is None or end is None or not start.earliest or not end.earliest:
        return None
    days = (end.earliest - start.earliest).days
    return days if days > 0 else None


def condition_text(tok: Token) -> str | None:
    """ "on condition that X", "as long as X", "provided X", "if X": the words of the condition."""
    for child in tok.children:
        if (
            child.dep_ == "prep"
            and child.lower_ == "on"
            and any(p.lemma_ == "condition" for p in child.children)
        ):
            return re.sub(r"^on\s+", "", " ".join(t.text for t in child.subtree))
        if child.dep_ == "advcl" and any(
            m.dep_ in ("mark", "advmod") and m.lower_ in word_list("condition_markers")
            for m in child.children
        ):
            return " ".join(t.text for t in child.subtree)
    return None


def body_tokens(ctx: ArticleContext) -> Iterator[tuple[Sentence, Token]]:
    """Each token of the article's sentences with its sentence, but the headline's (it restates the
    body)."""
    for s in ctx.sentences:
        if not ctx.is_headline(s):
            yield from ((s, tok) for tok in s.span)


class DealLifeRules:
    """Finds the events of a deal's life in one article."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.anchor = TimeAnchor()
        self.events: list[Event] = []
        self.explanations: list[Explanation] = []

    def run(self) -> list[Event]:
        for s, tok in body_tokens(self.ctx):
            for life_reading in readings_of(tok):
                if self.life_event(s, tok, life_reading):
                    break
        return self.events

    def life_event(self, s: Sentence, tok: Token, reading: LifeReading) -> bool:
        if not conditions_met(tok, reading):
            return False
        deal = deal_argument(tok, reading)
        status = stated_status(tok) if deal is not None else None
        if status is None:
            return False
        participants = self.participants(s, tok, reading)
        details = (
            extension_details(tok, self.ctx.published) if reading.kind == "DealExtended" else ()
        )
        status, when = self.dated(s, tok, reading, status)
        key = f"{reading.kind.lower()}-{s.evidence.start + tok.idx - s.span.start_char}"
        sources = tuple(r for r in reporting_sources(self.ctx, s) if r not in participants)
        rule = f"deal-life:{reading.lemma}"
        self.events.append(
            Event(
                key=key,
                kind=reading.kind,
                participants=tuple(participants),
                evidence=(s.evidence,),
                status=status,
                when=when,
                reported_by=sources,
                rule=rule,
                details=details,
                concerns=reading.concerns,
                factuality=PLANNED if status == PLANNED_STATUS else ASSERTED,
            )
        )
        self.explanations.append(
            Explanation(
                s.evidence,
                rule,
                f"{reading.kind} [{status}] of {deal.text} "
                f"{when.text or ''} {when.earliest or ''}".rstrip(),
            )
        )
        return True

    def dated(self, s: Sentence, tok: Token, reading: LifeReading, status: str) -> tuple[str, When]:
        """The status and date of the event: one told in the simple present of a day after
        publication is scheduled ("the pact expires on June 30": Planned); the date an extension
        runs to ("extended to June 30") is the deal's new end, not the day it was extended."""
        published = self.ctx.published
        if status == "Occurred" and present_simple(tok) and published is not None:
            when = when_of(self.ctx, s, tok, self.anchor, PLANNED_STATUS, reading.kind)
            if when.text and when.earliest and when.earliest > published:
                return PLANNED_STATUS, when
        when = when_of(self.ctx, s, tok, self.anchor, status, reading.kind)
        new_end = (
            date_phrase(tok, word_list("extension_end_prepositions"))
            if reading.kind == "DealExtended"
            else None
        )
        if new_end and when.text and (when.text in new_end or new_end in when.text) and published:
            when = When(None, shifted(published, -1), published)  # undated: the news peg
        return status, when

    def participants(self, s: Sentence, tok: Token, reading: LifeReading) -> list[ActorRef]:
        """Who acted on the deal: the subject of an object reading ("X extended the truce"), the
        "by" agent of a passive one, the possessor of a noun ("X's violation of the truce")."""
        tokens: list[Token] = []
        if reading.role == "object":
            subject = (
                subject_of(tok) if not any(c.dep_ == "nsubjpass" for c in tok.children) else None
            )
            tokens += expand(subject) if subject is not None else []
            tokens += [t for t in agent_tokens(tok) if t.ent_type_ != "DATE"]
        if reading.role == "of":
            tokens += [t for c in tok.children if c.dep_ in ("poss", "amod") for t in expand(c)]
            tokens += conjoined_preposition_objects(tok, "by")
        if reading.role == "subject" and reading.concerns == "talks":
            talks = deal_argument(tok, reading)
            tokens += conjoined_preposition_objects(talks, "between", "with")
        return list(dict.fromkeys(r for t in tokens for r in self.ctx.actors_of(s, t)))


def is_life_noun(noun: Token) -> bool:
    """Is ``noun`` (a deal or talks) only the deal whose life the word governing it tells ("the
    truce ended", "extended the truce", "the collapse of the talks")? Such a noun reports no
    agreement or meeting of its own; one that also says who made it ("a truce brokered by X
    ended", "the truce between X and Y ended") or that a relative clause describes ("agreed to a
    truce that starts on Sunday") still does.
    """
    made = [
        c
        for c in noun.children
        if c.dep_ in ("acl", "amod")
        and c.tag_ == "VBN"
        or c.dep_ == "prep"
        and c.lower_ == "between"
    ]
    if made:
        return False
    head = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else noun.head
    found = (deal_argument(head, r) for r in readings_of(head) if conditions_met(head, r))
    return any(arg is not None and arg.i == noun.i for arg in found)


def extract_deal_life(ctx: ArticleContext) -> tuple[list[Event], list[Explanation]]:
    """Return the events of the deals' and talks' lives of an article, and why each is there."""
    rules = DealLifeRules(ctx)
    return rules.run(), rules.explanations


WEEKDAY_LEEWAY = 7
# what an event of a deal's life concerns (deal_life.tsv), and the kinds of event that can be it
DEAL_KINDS = {
    "deal": kinds_with("deal"),
    "talks": kinds_with("talks"),
    "negotiators": kinds_with("talks"),
}


def dated_before(event: Event, deal: Event) -> bool:
    """Is ``event`` dated, by words of its own, wholly before ``deal`` (or talks) is, by its own
    words or at the news peg? Then it cannot be of that deal: the breakdown of last year's round is
    not the end of this week's conference.

    >>> monday = date(1987, 3, 9)
    >>> round_ = Event("meeting-1", "Meeting", when=When("Monday", monday, monday))
    >>> broke = Event("collapse-9", "Collapse", when=When("October", date(1986, 10, 1),
    ...                                                   date(1986, 10, 31)))
    >>> dated_before(broke, round_), dated_before(round_, round_)
    (True, False)
    """
    end, start = event.when.latest, deal.when.earliest
    # a week's leeway: a bare weekday ("talks on Monday ... collapsed on Saturday") resolves to the
    # latest such day before publication, which may put a later day first
    return bool(event.when.text and end and start and (start - end).days > WEEKDAY_LEEWAY)


def link_deals(events: tuple[Event, ...], proposals) -> tuple[Event, ...]:
    """Each event of a deal's life linked to the deal or talks it concerns: the nearest agreement of
    the article told before it, else after it (an article with no agreement: a proposal with a pause
    or ceasefire); talks to the nearest meeting told before it. With none in the article, the event
    concerns no deal of the graph.

    >>> from kg.facts import Evidence
    >>> deal = Event("agreement-5", "Agreement", evidence=(Evidence("x", 5, 6),))
    >>> end = Event("dealended-90", "DealEnded", evidence=(Evidence("y", 90, 91),), concerns="deal")
    >>> link_deals((deal, end), ())[1].concerns
    'agreement-5'
    """
    out = []
    for event in events:
        if event.concerns not in DEAL_KINDS:
            out.append(event)
            continue
        candidates = [
            (e.evidence[0].start, e.key)
            for e in events
            if e.kind in DEAL_KINDS[event.concerns]
            and e.evidence
            and not dated_before(event, e)
            and not (event.status == "Occurred" and e.status == "Planned")  # talks yet to come
        ]
        if (
            event.concerns == "deal" and not candidates
        ):  # a deal the article tells only as a proposal
            candidates = [
                (p.evidence[0].start, p.key)
                for p in proposals
                if p.evidence and any(t.kind in ("PauseTerm", "CeasefireTerm") for t in p.terms)
            ]
        at = event.evidence[0].start if event.evidence else 0
        before = [c for c in candidates if c[0] <= at]
        # talks told later are other talks; a deal is often told after its life ("The truce ended.
        # It was agreed")
        later = min(candidates, default=None) if event.concerns == "deal" else None
        chosen = max(before) if before else later
        out.append(replace(event, concerns=chosen[1] if chosen else None))
    return tuple(out)
