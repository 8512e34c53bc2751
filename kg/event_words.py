"""The words that report events: the trigger tables of ``kg/data/speech_words.tsv`` (the words of
speech, with the stance each carries) and ``kg/data/event_triggers.tsv`` (the other events), and
the words of mediation of ``kg/data/mediation_cues.tsv``, read once.

Plain data, no parse: the extraction rules (:mod:`kg.extract.triggers`, :mod:`kg.extract.mediation`)
match tokens against it, and the identity stage asks which verbs report speech or mediation,
without importing the rules.

>>> "say" in speech_lemmas()
True
>>> triggers()[("meet", "VERB")][0].kind
'Meeting'
>>> triggers()[("dismiss", "VERB")][0].kind, speech_stances()["deny"]
('Statement', ('Rejects',))
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from .schema import has_trait, kinds_with
from .vocab import data_lines


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str
    kind: str
    objects: frozenset[str] = frozenset()
    particle: str | None = None
    joint: bool = False
    occurred_only: bool = False
    speech: bool = False
    predicate: bool = False
    infinitive: bool = False
    stances: tuple[str, ...] = ()  # the stance the word itself carries (speech words)
    preps: frozenset[str] = frozenset()  # "called for": needs a prepositional object of these
    complement: bool = False  # needs a reported clause or quotation, or one of ``objects``
    active: bool = False  # not a passive or a bare participle
    about_deal: bool = False  # its object names the deal, a proposal or the talks
    stance_about_deal: bool = False  # its stance (not its statement) needs such an object
    # a noun read only after one of these ("news conference")
    compounds: frozenset[str] = frozenset()
    statement_complement: bool = False  # its statement (not its stance) needs a reported clause
    # read only when firmly planned ("their handover is expected on Monday"), as a noun that names
    # a done or hoped act as often as an arranged one ("the release of the report")
    scheduled: bool = False
    # with "joint": one body or plural group may do it alone ("the cabinet met")
    gathers: bool = False


def read_trigger(lemma: str, pos: str, kind: str, cond: str, stances: str = "-") -> Trigger:
    """One reading of a table row: ``cond`` is the row's ``;``-separated conditions.

    >>> read_trigger("call", "VERB", "Statement", "prep=for|on").preps == {"for", "on"}
    True
    """
    flags = {}
    for part in filter(None, (c.strip() for c in cond.split(";"))):
        key, _, value = part.partition("=")
        flags[key] = value
    words = lambda key: frozenset(flags.get(key, "").split("|")) - {""}
    return Trigger(
        lemma,
        pos,
        kind,
        words("object"),
        flags.get("particle"),
        "joint" in flags,
        "occurred" in flags,
        "speech" in flags,
        "predicate" in flags,
        "infinitive" in flags,
        tuple(s for s in stances.split("|") if s not in ("", "-")),
        words("prep"),
        "complement" in flags,
        "active" in flags,
        "about-deal" in flags,
        "stance-about-deal" in flags,
        words("compound"),
        "statement-complement" in flags,
        "scheduled" in flags,
        "gathers" in flags,
    )


@lru_cache(maxsize=1)
def triggers() -> dict[tuple[str, str], list[Trigger]]:
    """The event triggers by (lemma, part of speech): the speech words first, then
    ``kg/data/event_triggers.tsv``, each in file order.

    A word may have several readings, tried in order: "released a statement" is
    a statement, "released 50 prisoners" an exchange.
    """
    table: dict[tuple[str, str], list[Trigger]] = {}
    speech = kinds_with("speech")[0]
    for row in csv.reader(data_lines("speech_words.tsv"), delimiter="\t"):
        lemma, pos, stances, cond = (row + [""] * 4)[:4]
        table.setdefault((lemma, pos), []).append(read_trigger(lemma, pos, speech, cond, stances))
    for row in csv.reader(data_lines("event_triggers.tsv"), delimiter="\t"):
        lemma, pos, kind, cond = (row + [""] * 4)[:4]
        table.setdefault((lemma, pos), []).append(read_trigger(lemma, pos, kind, cond))
    return table


@lru_cache(maxsize=1)
def speech_stances() -> dict[str, tuple[str, ...]]:
    """Verb lemma → the stance its speech carries ("deny": Rejects), for the verbs that carry one."""
    return {
        lemma: found[0].stances
        for (lemma, pos), found in triggers().items()
        if pos == "VERB" and found[0].stances and has_trait(found[0].kind, "speech")
    }


@lru_cache(maxsize=1)
def speech_lemmas() -> frozenset[str]:
    """The lemmas of the verbs that report speech."""
    return frozenset(
        lemma
        for (lemma, pos), found in triggers().items()
        if pos == "VERB" and any(has_trait(f.kind, "speech") for f in found)
    )


@lru_cache(maxsize=1)
def mediation_cues() -> dict[tuple[str, str], str]:
    """(word, part of speech) → the construction it opens, from ``kg/data/mediation_cues.tsv``.

    >>> mediation_cues()[("broker", "VERB")], mediation_cues()[("mediator", "NOUN")]
    ('acts', 'agent')
    """
    return {
        (w, pos): kind
        for w, pos, kind in csv.reader(data_lines("mediation_cues.tsv"), delimiter="\t")
    }


@lru_cache(maxsize=1)
def mediating_verbs() -> frozenset[str]:
    """Verbs whose subject mediates ("Qatar and Egypt brokered"): the VERB rows of the mediation
    cues. Their subjects are not the sides of what they broker.

    >>> "broker" in mediating_verbs(), "sign" in mediating_verbs()
    (True, False)
    """
    return frozenset(w for w, pos in mediation_cues() if pos == "VERB")
