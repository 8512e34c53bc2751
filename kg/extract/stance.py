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

from ..event_words import speech_stances
from ..schema import has_trait
from ..topics import topic_words  # noqa: F401 (re-exported: positions import it from here)
from ..vocab import data_lines, word_list
from .context import Sentence
from .triggers import Trigger, governing_verb, is_speech, triggers_for


@dataclass(frozen=True)
class Cue:
    words: tuple[str, ...]
    pos: str
    stances: tuple[str, ...]


@lru_cache(maxsize=1)
def cues() -> dict[tuple[str, str], Cue]:
    """The stance cues: the rows of ``kg/data/stance_cues.tsv`` and the speech verbs of
    ``kg/data/speech_words.tsv`` that carry a stance ("denied": Rejects).

    >>> cues()[("dismiss", "VERB")].stances
    ('Rejects',)
    """
    table = {}
    for text, pos, stances in csv.reader(data_lines("stance_cues.tsv"), delimiter="\t"):
        cue = Cue(tuple(text.lower().split()), pos, tuple(stances.split("|")))
        table[(text.lower(), pos)] = cue
    for lemma, stances in speech_stances().items():
        table.setdefault((lemma, "VERB"), Cue((lemma,), "VERB", stances))
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


def is_urged(tok: Token) -> bool:
    """Is ``tok`` what someone else is urged to do ("urged Hamas to accept", "called on Israel to withdraw")?"""
    head = tok.head
    if tok.dep_ not in ("xcomp", "ccomp") or head.lemma_ not in word_list("directive_verbs"):
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
    if (
        tok.pos_ == "NOUN"
        and tok.dep_ in ("oprd", "attr")
        and tok.head.lemma_ in word_list("judging_verbs")
    ):
        return abs(valences().get(tok.lower_, 0.0)) >= 1.5
    if tok.pos_ != "ADJ" or tok.dep_ == "amod" and tok.head.ent_type_:
        return False
    cue = cues().get((tok.lemma_.lower(), "ADJ")) or cues().get((tok.lower_, "ADJ"))
    return judges_by_valence(tok) or (cue is not None and "Assessment" in cue.stances)


def judges_by_valence(tok: Token) -> bool:
    """Does the word judge by its strong valence in VADER (|valence| ≥ 1.5: "reckless", "hell"),
    rather than report a state ("the crews were ready", "both captives are alive")?

    >>> from kg.annotate import load_pipeline
    >>> [judges_by_valence(t) for t in load_pipeline()("reckless and alive")]
    [True, False, False]
    """
    if tok.lower_ in word_list("state_adjectives"):
        return False
    return abs(valences().get(tok.lower_, 0.0)) >= 1.5


def reported_content(s: Sentence, verb: Token) -> list[Token]:
    """What ``verb`` reports: its clausal complement, the quotation it introduces, or for "called the deal
    a historic step" what the speaker says of its object."""
    if verb.lemma_ in word_list("judging_verbs"):
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
    verb = tok if tok.pos_ in ("VERB", "AUX") else governing_verb(tok)
    if verb is None:
        verb = tok  # under no verb: read the word's own dependents and those above it
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


def reported_clause(verb: Token) -> Token | None:
    """The clause a speech verb reports: a that-clause, an infinitive ("asked X to leave"), a gerund
    ("denied taking", "accused X of breaking"), or a clause loosely attached ("..., he said")."""
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp", "parataxis"):
            return child
        if child.dep_ == "prep" and child.lower_ in ("of", "for"):
            found = next((g for g in child.children if g.dep_ == "pcomp"), None)
            if found is not None:
                return found
    return None


def spoken_object(verb: Token) -> Token | None:
    """What a speech verb acts on: its object, or the noun a relative clause qualifies ("an offer
    the spokesman dismissed")."""
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if obj is None and verb.dep_ == "relcl":
        return verb.head
    return obj


def is_quoted(verb: Token) -> bool:
    """Does the sentence of ``verb`` hold a quotation (the words the verb reports)?"""
    text = verb.sent.text
    return '"' in text or "\u201c" in text


def speech_frame_fits(verb: Token, trig: Trigger) -> bool:
    """Is ``verb`` used in the frame its speech reading needs (the conditions of
    ``kg/data/speech_words.tsv``): "called for X", "put the toll at", "denied the claims" or
    "denied that ...", not "denied entry to reporters"; "asked X to", not "was asked"?"""
    obj = spoken_object(verb)
    # "put the toll at 40": the preposition may hang off the object ("the number evacuated at 40")
    near = list(verb.children) + (list(obj.subtree) if obj is not None and obj.i > verb.i else [])
    if trig.preps and not any(
        c.dep_ in ("prep", "dative")
        and c.lower_ in trig.preps
        and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children)  # "for Friday"
        for c in near
    ):
        return False
    if trig.active and (
        any(c.dep_ == "auxpass" for c in verb.children)
        or verb.dep_ == "acl"
        or verb.tag_ == "VBN"
        and not any(c.dep_ == "aux" for c in verb.children)
    ):
        return False
    if trig.about_deal and not object_about_deal(verb):
        return False
    if trig.complement:
        return object_named(verb, trig) or reported_clause(verb) is not None or is_quoted(verb)
    return True


def object_named(verb: Token, trig: Trigger) -> bool:
    """Does the verb's object (or the noun its relative clause qualifies) name one of ``trig.objects``?"""
    obj = spoken_object(verb)
    return obj is not None and (obj.lemma_.lower() in trig.objects or obj.lower_ in trig.objects)


def object_about_deal(verb: Token) -> bool:
    """Does the verb's object (or the noun its relative clause qualifies) name the deal, a proposal
    or the talks ("dismissed the offer", not "dismissed the case")?"""
    obj = spoken_object(verb)
    return obj is not None and mentions_negotiation(list(obj.subtree))


def speech_stance_holds(tok: Token) -> bool:
    """Does a speech verb that carries a stance state it here? Its reading's frame fits; its object
    names what it needs ("dismissed the offer", not "dismissed the case"; "confirmed the ceasefire",
    not "confirmed the toll"); and it is no question ("asked whether the truce would hold")."""
    reading = next(
        (t for t in triggers_for(tok) if has_trait(t.kind, "speech") and t.stances), None
    )
    if reading is None:
        return True  # not a speech verb: the stance cue table alone decides
    if any(c.dep_ == "neg" for c in tok.children):
        return False  # "did not deny that ...", "did not confirm the truce": no stance either way
    if not speech_frame_fits(tok, reading):
        return False
    if reading.objects and not reading.complement and not object_named(tok, reading):
        return False
    if reading.stance_about_deal and not object_about_deal(tok):
        return False
    clause = reported_clause(tok)
    return clause is None or not any(
        c.dep_ == "mark" and c.lower_ in word_list("question_conjunctions") for c in clause.children
    )


def accused_of(tok: Token) -> Token | None:
    """The side a speaker says did ``tok`` ("X accused the rebels of rejecting the truce": the
    rebels), when ``tok`` is the gerund of an accusation; else None."""
    prep = tok.head
    if tok.dep_ != "pcomp" or prep.dep_ != "prep" or prep.lower_ != "of":
        return None
    verb = prep.head
    if not is_speech(verb):
        return None
    return next((c for c in verb.children if c.dep_ == "dobj"), None)
