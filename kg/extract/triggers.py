"""Event words and the parse around them: triggers, speech verbs, subjects, conjoined participants.

Triggers are the lemmas of ``kg/data/event_triggers.tsv`` with their part of
speech and kind; the events, positions and mentions rules all read them here.

>>> trigger_for(__import__("spacy").blank("en")("x")[0]) is None
True
"""

from __future__ import annotations

from spacy.tokens import Token

from ..event_words import Trigger, speech_lemmas, triggers  # noqa: F401 - the rules import them here
from ..schema import has_trait
from ..vocab import word_list
from .word_forms import by_word_form


@by_word_form
def triggers_for(tok: Token) -> tuple[Trigger, ...]:
    """The readings of ``tok`` as an event word (none if it is not one)."""
    pos = (
        "VERB" if tok.pos_ in ("VERB", "AUX") else "NOUN" if tok.pos_ in ("NOUN", "PROPN") else None
    )
    if pos is None or tok.ent_type_ in ("DATE", "TIME"):
        return ()  # "a March 23 deadline" names a month, not a march
    found = triggers().get((tok.lemma_.lower(), pos)) or triggers().get((tok.lower_, pos)) or []
    return tuple(found)


def trigger_for(tok: Token) -> Trigger | None:
    """The first reading of ``tok`` as an event word."""
    found = triggers_for(tok)
    return found[0] if found else None


def is_speech(tok: Token, *, verb_only: bool = True) -> bool:
    """Does ``tok`` report speech: a Statement trigger ("said", "told"; with ``verb_only=False`` also "statement")?"""
    trig = trigger_for(tok)
    return (
        trig is not None
        and has_trait(trig.kind, "speech")
        and (trig.pos == "VERB" or not verb_only)
    )


def governing_verb(tok: Token) -> Token | None:
    """The nearest verb above ``tok`` (its head, its head's head, ...), or None below no verb.

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("Envoys from Peru joined the talks in Lima on Monday.")
    >>> governing_verb(doc[7]).text, governing_verb(doc[3])  # Lima; the root verb itself
    ('joined', None)
    """
    return next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)


def subject_of(verb: Token) -> Token | None:
    """The subject of ``verb``, following relative pronouns, participles and shared subjects."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            if child.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                return verb.head
            return child
    if any(child.dep_ == "agent" for child in verb.children):
        return agent_object(verb)
    if verb.dep_ == "acl" and verb.head.pos_ in ("PROPN", "NOUN", "PRON"):
        return verb.head  # "with Araqchi saying ..."
    reporter = reporter_above(verb)
    if reporter is not None:
        return reporter
    if verb.dep_ in ("advcl", "xcomp", "conj", "pcomp") or (
        verb.dep_ == "pobj" and verb.head.dep_ == "prep"
    ):
        head = verb.head
        # "after meeting X" (prep), "was due to hold" (adjective complement): up to the finite verb
        while head.dep_ in ("prep", "pcomp", "acomp") and head.head.i != head.i:
            head = head.head
        if head.i != verb.i and head.pos_ in ("VERB", "AUX"):
            return subject_of(head)
    return None


def agent_objects(verb: Token) -> list[Token]:
    """The objects of the "by" agents of a passive verb or participle ("rejected by X": X)."""
    return [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]


def agent_object(verb: Token) -> Token | None:
    """The first of :func:`agent_objects`, or None."""
    return next(iter(agent_objects(verb)), None)


def agent_tokens(verb: Token) -> list[Token]:
    """The "by" agents' objects of ``verb`` with their conjuncts ("brokered by X and Y": X, Y).

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("The truce was brokered by Peru and Chile.")
    >>> [t.text for t in agent_tokens(doc[3])], agent_object(doc[3]).text
    (['Peru', 'Chile'], 'Peru')
    """
    return [t for p in agent_objects(verb) for t in expand(p)]


def reporter_above(verb: Token) -> Token | None:
    """The speaker of a speech participle hung on the clause a speaker reports ("X said the sides
    had agreed, describing the talks as useful": X describes, not the sides), else None."""
    if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "conj") or not is_speech(verb):
        return None
    head = verb.head  # up the reported clause ("had agreed to silence ... and urging")
    while head.dep_ in ("conj", "xcomp") and head.head.i != head.i:
        head = head.head
    if head.dep_ != "ccomp" or not is_speech(head.head):
        return None
    return subject_of(head.head)


def expand(tok: Token) -> list[Token]:
    """``tok`` and the tokens conjoined with it ("Russia and Ukraine", "X, Y and Z")."""
    out = [tok]
    for child in tok.children:
        if child.dep_ == "conj":
            out.extend(expand(child))
        if child.dep_ == "prep" and child.lower_ in word_list("accompanying_words"):
            for g in child.children:
                if g.dep_ == "pobj":
                    out.extend(expand(g))
                if g.dep_ == "prep" and g.lower_ == "with":
                    out.extend(t for p in g.children if p.dep_ == "pobj" for t in expand(p))
        if child.dep_ == "prep" and child.lower_ == "with" and tok.pos_ in ("PROPN",):
            out.extend(t for p in child.children if p.dep_ == "pobj" for t in expand(p))
    return out


def conjoined_dependents(tok: Token, *deps: str) -> list[Token]:
    """The dependents of ``tok`` by the relations ``deps``, each with its conjuncts.

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("Lima hosted Peru and Chile.")
    >>> [t.text for t in conjoined_dependents(doc[1], "dobj")]
    ['Peru', 'Chile']
    """
    return [t for c in tok.children if c.dep_ in deps for t in expand(c)]


def preposition_objects(head: Token, *prepositions: str) -> list[Token]:
    """The objects of the ``prepositions`` hanging on ``head``.

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("Envoys from Peru joined the talks in Lima on Monday.")
    >>> [t.text for t in preposition_objects(doc[3], "in", "on")]  # "in Lima" hangs on "talks"
    ['Monday']
    """
    return [
        g
        for c in head.children
        if c.dep_ == "prep" and c.lower_ in prepositions
        for g in c.children
        if g.dep_ == "pobj"
    ]


def conjoined_preposition_objects(head: Token, *prepositions: str) -> list[Token]:
    """:func:`preposition_objects`, each with its conjuncts.

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("Heads of Peru and Chile met.")
    >>> [t.text for t in conjoined_preposition_objects(doc[0], "of")]
    ['Peru', 'Chile']
    """
    return [t for g in preposition_objects(head, *prepositions) for t in expand(g)]


def companions(head: Token) -> list[Token]:
    """Objects of "with", "alongside", "along with", "together with" hanging off ``head``."""
    out = []
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in word_list("companion_prepositions"):
            out.extend(t for p in child.children if p.dep_ == "pobj" for t in expand(p))
        if child.dep_ in ("advmod", "prep") and child.lower_ in word_list("accompanying_words"):
            for g in child.children:
                if g.dep_ == "prep" and g.lower_ == "with":
                    out.extend(t for p in g.children if p.dep_ == "pobj" for t in expand(p))
                if g.dep_ == "pobj":
                    out.extend(expand(g))
    return out
