"""Stance language: the cue words and phrases of ``kg/data/stance_cues.tsv``, evaluative adjectives, directives.

Evaluative words come from the VADER sentiment lexicon (Hutto & Gilbert 2014,
MIT licence, the ``vaderSentiment`` package): an adjective with a strong valence
judges what it qualifies ("a generous offer", "an unworkable plan").

>>> sorted(topic_words("the release of the captives; releasing them"))
['captiv', 'releas']
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from ..topics import topic_words  # noqa: F401 (re-exported: positions import it from here)
from ..vocab import data_lines, word_list
from .context import Sentence
from .triggers import is_speech


@dataclass(frozen=True)
class Cue:
    words: tuple[str, ...]
    pos: str
    stances: tuple[str, ...]


@lru_cache(maxsize=1)
def cues() -> dict[tuple[str, str], Cue]:
    table = {}
    for text, pos, stances in csv.reader(data_lines("stance_cues.tsv"), delimiter="\t"):
        cue = Cue(tuple(text.lower().split()), pos, tuple(stances.split("|")))
        table[(text.lower(), pos)] = cue
    return table


@lru_cache(maxsize=1)
def phrase_cues() -> list[Cue]:
    return sorted((c for c in cues().values() if c.pos == "PHRASE"), key=lambda c: -len(c.words))


@lru_cache(maxsize=1)
def phrase_by_text() -> dict[str, Cue]:
    return {" ".join(c.words): c for c in reversed(phrase_cues())}


@lru_cache(maxsize=1)
def phrase_pattern() -> re.Pattern:
    """One pattern for every phrase cue, longest first (so "voted against" wins over "vote")."""
    alternatives = "|".join(re.escape(" ".join(c.words)) for c in phrase_cues())
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


@lru_cache(maxsize=1)
def phrase_cues_by_first_word() -> dict[str, list[Cue]]:
    """Phrase cues by their first word, longest first: a token is only compared with the cues it can start."""
    table: dict[str, list[Cue]] = {}
    for cue in phrase_cues():
        table.setdefault(cue.words[0], []).append(cue)
    return table


DIRECTIVES = {
    "urge",
    "call",
    "ask",
    "press",
    "push",
    "encourage",
    "pressure",
    "demand",
    "tell",
    "invite",
    "persuade",
}


def is_urged(tok: Token) -> bool:
    """Is ``tok`` what someone else is urged to do ("urged Hamas to accept", "called on Israel to withdraw")?"""
    head = tok.head
    if tok.dep_ not in ("xcomp", "ccomp") or head.lemma_ not in DIRECTIVES:
        return False
    return (
        any(c.dep_ in ("dobj", "prep") for c in head.children)
        and not is_speech(head)
        or head.lemma_ != "tell"
    )


@lru_cache(maxsize=1)
def valences() -> dict[str, float]:
    """Word → valence (−4 … 4) of the VADER sentiment lexicon (Hutto & Gilbert 2014, MIT licence)."""
    text = (
        resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    )
    table = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            try:
                table[parts[0]] = float(parts[1])
            except ValueError:
                continue
    return table


@lru_cache(maxsize=1)
def assessed_subjects() -> frozenset[str]:
    """The nouns a speaker's claim must mention to be an Assessment of the negotiation: the deal nouns
    of ``kg/data/deal_frames.tsv`` and the talks nouns of ``kg/data/assessed_subjects.txt``.

    >>> {"truce", "talks"} <= assessed_subjects()
    True
    """
    anchors = {
        row.split("\t")[0]
        for row in data_lines("deal_frames.tsv")
        if row.split("\t")[1:3] == ["NOUN", "anchor"]
    }
    return frozenset(anchors) | word_list("assessed_subjects")


def mentions_negotiation(tokens: list[Token]) -> bool:
    """Does a reported claim speak of the deal or the talks ("the truce was holding"), not of
    something else ("the weather was cold")?"""
    return any(
        t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in assessed_subjects() for t in tokens
    )


def is_evaluative(tok: Token) -> bool:
    """A word that judges (|valence| ≥ 1.5 in VADER, or an assessment cue): an adjective ("generous",
    "unworkable"), or the noun a judging verb predicates of its object ("called the deal a betrayal")."""
    if tok.pos_ == "NOUN" and tok.dep_ in ("oprd", "attr") and tok.head.lemma_ in JUDGING_VERBS:
        return abs(valences().get(tok.lower_, 0.0)) >= 1.5
    if tok.pos_ != "ADJ" or tok.dep_ == "amod" and tok.head.ent_type_:
        return False
    cue = cues().get((tok.lemma_.lower(), "ADJ")) or cues().get((tok.lower_, "ADJ"))
    return abs(valences().get(tok.lower_, 0.0)) >= 1.5 or (
        cue is not None and "Assessment" in cue.stances
    )


JUDGING_VERBS = {"call", "describe", "hail", "term", "dub", "label", "brand", "consider"}


def reported_content(s: Sentence, verb: Token) -> list[Token]:
    """What ``verb`` reports: its clausal complement, the quotation it introduces, or for "called the deal
    a historic step" what the speaker says of its object."""
    if verb.lemma_ in JUDGING_VERBS:
        return [
            t
            for c in verb.children
            if c.dep_ in ("dobj", "oprd", "ccomp", "xcomp", "prep")
            for t in c.subtree
        ]
    for child in verb.children:
        if child.dep_ in ("ccomp", "parataxis"):
            return list(child.subtree)
    if verb.head.i != verb.i and verb.dep_ in ("parataxis",) and verb.head.i < verb.i:
        return [
            t
            for t in verb.head.subtree
            if t.i < verb.i and verb not in t.ancestors and t.i != verb.i
        ]
    return []


def describes_provisions(tok: Token) -> bool:
    """Does ``tok``'s clause state what a deal provides ("Under the accord, X will ...", "under its terms")?"""
    verb = (
        tok
        if tok.pos_ in ("VERB", "AUX")
        else next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), tok)
    )
    for clause in (verb, *verb.ancestors):
        for c in clause.children:
            if (
                c.dep_ == "prep"
                and c.lower_ == "under"
                and any(
                    g.lemma_.lower() in word_list("provision_nouns")
                    or g.lower_ in word_list("provision_nouns")
                    for g in c.children
                    if g.dep_ == "pobj"
                )
            ):
                return True
    return False
