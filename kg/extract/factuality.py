"""Factuality: how the text presents a predicate, one value per candidate fact, computed once from the parse.

Every candidate predicate (an event trigger, a stance cue, a proposal word) gets
one value, in the manner of FactBank (Saurí and Pustejovsky 2009), from the
clause it sits in and the words that embed it:

- ``Asserted``: reported as fact ("the two sides signed a truce");
- ``Negated``: reported as not so ("did not sign", "left without a deal", "refused to sign");
- ``Possible``: hoped, feared or possible ("hopes the rebels will accept", "the chances of a truce");
- ``Conditional``: under a condition or an open question ("if the union accepts", "whether to reject");
- ``Planned``: foreseen, scheduled or provided for ("will meet on Monday", "a phase would see X freed");
- ``Sought``: aimed at, worked for ("efforts to secure a deal", "sought a truce").

The values are the individuals of ``nkg:Factuality`` in the ontology. The
embedding words are ``kg/data/factuality_cues.tsv``. Events, proposals and
positions read :func:`factuality` and decide from its value alone what the
predicate yields; none of them inspects modals or negation itself.

>>> from kg.annotate import load_pipeline
>>> doc = load_pipeline()("The rebels hoped the army would withdraw.")
>>> factuality(doc[6])
'Possible'
"""

from __future__ import annotations

import csv
from functools import lru_cache
from typing import NamedTuple

from spacy.tokens import Token

from ..schema import FACTUALITIES
from ..vocab import data_lines, word_list
from .quantities import duration_days
from .triggers import is_speech

ASSERTED, NEGATED, POSSIBLE, CONDITIONAL, PLANNED, SOUGHT = (
    "Asserted",
    "Negated",
    "Possible",
    "Conditional",
    "Planned",
    "Sought",
)
# when several marks bear on one predicate, the strongest wins ("if they fail to agree": Conditional)
PRIORITY = (CONDITIONAL, NEGATED, POSSIBLE, SOUGHT, PLANNED)
MODALS = {"will", "would", "'ll", "shall", "could", "may", "might", "should", "can", "must", "wo"}
FUTURE_MODALS = {"will", "would", "'ll", "shall", "wo"}
POSSIBILITY_MODALS = {"could", "may", "might", "can", "should", "must"}
# relations through which a predicate inherits the marks of the word above it
COMPLEMENTS = ("xcomp", "ccomp", "advcl", "acl", "relcl", "pcomp", "oprd", "conj", "auxpass")
ARGUMENTS = (
    "dobj",
    "pobj",
    "attr",
    "nsubj",
    "nsubjpass",
    "appos",
    "compound",
    "amod",
    "npadvmod",
    "prep",
)
MAX_STEPS = 14
# relations under which the head word embeds its dependent (its complement, object or described clause)
EMBEDDED = (
    "xcomp",
    "ccomp",
    "dobj",
    "pobj",
    "acl",
    "relcl",
    "oprd",
    "attr",
    "nsubj",
    "nsubjpass",
    "csubj",
    "pcomp",
    "advcl",
    "acomp",
)
BE_TO = "is to"
# the words of a plan that fix what will happen are in kg/data/firm_plan_cues.txt ("will", "is
# to", "due"); "would" and "agreed to" fix it only with a time of their own ("would be signed by
# next Friday")


@lru_cache(maxsize=1)
def embedding_cues() -> dict[tuple[str, str], str]:
    """(word, part of speech) → the factuality it gives what it embeds (``kg/data/factuality_cues.tsv``)."""
    cues = {}
    for word, pos, value in csv.reader(data_lines("factuality_cues.tsv"), delimiter="\t"):
        if value not in FACTUALITIES:
            raise ValueError(
                f"factuality_cues.tsv: {value!r} is not one of {', '.join(FACTUALITIES)}"
            )
        cues[(word, pos)] = value
    return cues


def cue_value(tok: Token) -> str | None:
    """The factuality ``tok`` gives what it embeds, if it is an embedding word."""
    pos = {"AUX": "VERB", "PROPN": "NOUN", "SCONJ": "ADP"}.get(tok.pos_, tok.pos_)
    cues = embedding_cues()
    return cues.get((tok.lemma_.lower(), pos)) or cues.get((tok.lower_, pos))


def is_modal(verb: Token) -> bool:
    """Has ``verb`` a modal auxiliary ("would free", "could meet")?"""
    return any(c.lower_ in MODALS for c in verb.children if c.dep_ in ("aux", "auxpass"))


def is_negated(tok: Token) -> bool:
    """Is ``tok`` negated itself ("did not sign", "no deal"), or its object ("signed no deal")?"""
    if any(
        c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in ("no", "neither")) for c in tok.children
    ):
        return True
    return tok.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ in ("no", "none") for d in c.children)
        for c in tok.children
    )


def negates_only_start(tok: Token) -> bool:
    """Does the negation of ``tok`` bear on a time limit, not on the act ("will not start before
    Monday", "won't sign until June": it will, from then on)?

    >>> from kg.annotate import load_pipeline
    >>> nlp = load_pipeline()
    >>> negates_only_start(nlp("The handover will not start before Monday.")[4])
    True
    >>> negates_only_start(nlp("The handover will not start.")[4])
    False
    >>> negates_only_start(nlp("The handover will start before Monday.")[3])
    False
    """
    return is_negated(tok) and any(
        c.dep_ == "prep"
        and c.lower_ in word_list("deferring_prepositions")
        and any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in c.children)
        for c in tok.children
    )


class Reading(NamedTuple):
    """A predicate's factuality and the word that decided it ("hoped", "could", "if"; "" when asserted)."""

    value: str
    cue: str = ""


def own_marks(tok: Token) -> list[Reading]:
    """What the clause of ``tok`` says of it by itself: negation, a condition, a modal, an infinitive, a plan."""
    marks = []
    children = list(tok.children)
    if is_negated(tok) and not negates_only_start(tok):
        marks.append(Reading(NEGATED, "not"))
    marks += [
        Reading(CONDITIONAL, c.lower_)
        for c in children
        if c.dep_ in ("mark", "advmod") and c.lower_ in word_list("conditional_conjunctions")
    ]
    auxes = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
    if not auxes and shares_infinitive(tok):
        auxes = {"to"}  # "pledged to end the war and free all prisoners": freeing is pledged too
    marks += [Reading(POSSIBLE, a) for a in sorted(auxes & POSSIBILITY_MODALS)]
    if auxes & FUTURE_MODALS or ("to" in auxes and tok.dep_ != "advcl"):
        # "will meet", "would see X freed", "agreed to release"; not "came to support"
        marks.append(Reading(PLANNED, min(auxes & (FUTURE_MODALS | {"to"}))))
    marks += [
        Reading(PLANNED, c.lower_)
        for c in children
        if c.dep_ in ("acomp", "attr") and cue_value(c) == PLANNED
    ]
    if is_be_to(tok):
        marks.append(
            Reading(PLANNED, BE_TO)
        )  # "the union is to free 12 guards", "talks are to begin"
    if (
        tok.dep_ == "xcomp"
        and tok.head.lemma_ == "have"
        and any(c.lower_ == "yet" for c in tok.head.children)
    ):
        marks.append(Reading(PLANNED, "yet"))  # "has yet to begin": not begun
    return marks


def shares_infinitive(tok: Token) -> bool:
    """Is ``tok`` a later conjunct of an infinitive ("to end the war, free prisoners and accept the
    ruling"), with no subject or auxiliary of its own? The parser often hangs such a bare verb on
    the verb that governs the infinitive ("pledged"), whose tense it does not share.

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("The rebels vowed to lay down arms and release all captives.")
    >>> shares_infinitive(doc[8])
    True
    """
    if tok.dep_ != "conj" or tok.pos_ not in ("VERB", "AUX") or tok.tag_ not in ("VB", "VBP"):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.children):
        return False
    first = tok.head
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in first.children):
        return True
    return first.tag_ in ("VBD", "VBN", "VBZ") and any(
        c.dep_ == "xcomp" and c.i < tok.i and any(a.lower_ == "to" for a in c.children)
        for c in first.children
    )


def is_be_to(tok: Token) -> bool:
    """Is ``tok`` the "be" of "is to" + infinitive, which tells what is arranged to happen ("the
    exchange is to take place", "the army is to withdraw"), unless its subject is an aim ("the
    goal is to reach a deal")?"""
    if tok.lemma_ != "be" or not any(
        c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in tok.children
    ):
        return False
    return not any(
        c.dep_ == "nsubj" and c.lemma_.lower() in word_list("purpose_nouns") for c in tok.children
    )


def embedded_marks(node: Token) -> list[Reading]:
    """What the word above ``node`` says of it: "hoped [that ...]", "efforts [to ...]", "without [a deal]"."""
    head = node.head
    if head.i == node.i or node.dep_ not in EMBEDDED:
        return []  # "X hoped ..., and Y rejected ...": a conjunct is not embedded by its neighbour
    value = cue_value(head)
    if node.dep_ in ("nsubj", "nsubjpass", "csubj"):
        # "talks are planned", "the talks were postponed"; not "the talks failed", "X refused"
        passive = node.dep_ == "nsubjpass"
        return (
            [Reading(value, head.lower_)]
            if value == PLANNED or (value == NEGATED and passive)
            else []
        )
    of_what = head.dep_ == "prep" and head.lower_ in word_list("cue_noun_prepositions")
    if value is None and of_what and node.dep_ == "pobj":  # "the prospects of a truce"
        head = head.head
        value = cue_value(head)
    return [Reading(value, head.lower_)] if value is not None else []


def introduced_occasion(noun: Token) -> bool:
    """Is ``noun`` an occasion the clause introduces ("to brief the press at a summit", "will sign
    it during a visit")? An indefinite occasion is where the clause's act takes place, so it
    shares the act's mood; a definite one ("after the talks") is told as given.

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("The envoys plan to speak at a summit after the talks.")
    >>> introduced_occasion(doc[7]), introduced_occasion(doc[10])
    (True, False)
    """
    return (
        noun.pos_ == "NOUN"
        and noun.head.lower_ in ("at", "during")
        and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children)
    )


def time_clause(node: Token) -> bool:
    """Is ``node`` the verb of a time clause ("since the pact expired", "after talks resumed") or
    of an absolute one with a subject of its own ("attempts failed, the last round breaking down in
    May")? Either tells its own event, whatever the clause it hangs on says."""
    return node.dep_ == "advcl" and any(
        (c.dep_ == "mark" and c.lower_ in word_list("own_mood_time_conjunctions"))
        or (node.tag_ == "VBG" and c.dep_ == "nsubj")
        for c in node.children
    )


def small_clause(noun: Token) -> bool:
    """Is ``noun`` the subject of a small clause ("would see [the detainees released]"), whose participle
    is the predicate of the verb, not a description of the noun?"""
    return (
        noun.dep_ == "dobj"
        and noun.head.lemma_ in word_list("small_clause_verbs")
        and any(c.dep_ == "acl" and c.tag_ == "VBN" for c in noun.children)
    )


def factuality(tok: Token) -> str:
    """The factuality of the predicate at ``tok``: one of ``FACTUALITIES`` (see :func:`reading`).

    >>> from kg.annotate import load_pipeline
    >>> factuality(load_pipeline()("The rebels refused to sign.")[4])
    'Negated'
    """
    return reading(tok).value


def is_scheduled(tok: Token) -> bool:
    """Is the predicate at ``tok`` planned firmly enough to be an event of its own, though not yet
    happened: a future or "is to" ("the union is to free 12 guards", "will meet on Monday"), a
    scheduling word ("is expected on Tuesday", "due to begin"), or a "would"/"to" with a time of its
    own ("the handover would be completed by next Friday")? What a proposal would bring about
    ("a phase would see the captives freed") is not.

    >>> from kg.annotate import load_pipeline
    >>> nlp = load_pipeline()
    >>> is_scheduled(nlp("The swap is to take place on Friday.")[1])
    True
    >>> is_scheduled(nlp("A second phase would see the captives freed.")[6])
    False
    """
    r = reading(tok)
    if r.value != PLANNED:
        return False
    if r.cue in word_list("firm_plan_cues"):
        return True
    if r.cue not in ("would", "to"):
        return False  # "a proposal for a truce from Monday": proposed, not arranged
    occurrence = tok.head if tok.dep_ in ("nsubj", "nsubjpass") else tok
    return has_own_time(tok) or has_own_time(occurrence)


def has_own_time(tok: Token) -> bool:
    """Has the word a time phrase of its own among its dependents ("on Friday", "in the coming
    days"), not a duration ("for two weeks")?"""
    for child in tok.children:
        if child.dep_ not in ("prep", "npadvmod", "advmod"):
            continue
        # the phrase's own object, not a date deeper inside it ("at talks held in March")
        heads = [child] + [g for g in child.children if g.dep_ == "pobj"]
        if not any(h.ent_type_ in ("DATE", "TIME") for h in heads):
            continue
        ents = [t for t in child.subtree if t.ent_type_ in ("DATE", "TIME")]
        text = " ".join(t.text for t in ents)
        if ents and (
            duration_days(text) is None
            or any(w in text.lower() for w in word_list("relative_date_words"))
        ):
            return True
    return False


def is_hedged(tok: Token) -> bool:
    """Is the predicate at ``tok`` only possible by its own modal ("could live with", not "hoped X could")?

    A hedged stance is still its holder's stance; a hoped one is not.

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("The union could accept the offer, and hopes the owners might accept it.")
    >>> is_hedged(doc[3]), is_hedged(doc[12])
    (True, False)
    """
    r = reading(tok)
    return (
        r.value == POSSIBLE
        and r.cue in POSSIBILITY_MODALS
        and any(c.lower_ == r.cue for c in tok.children if c.dep_ in ("aux", "auxpass"))
    )


def reading(tok: Token) -> Reading:
    """The factuality of the predicate at ``tok``, and the word that decided it.

    Walks up from the predicate through the clauses and phrases that embed it;
    modals, negation and infinitives count within the predicate's own clause
    chain, not across a verb of saying ("X said it would" is X's statement, not
    X's plan), a relative clause or a conjunct; conditions and embedding words
    count all the way up.

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("If the union accepts the offer, the strike ends.")
    >>> reading(doc[3]), reading(doc[9]).value
    (Reading(value='Conditional', cue='if'), 'Asserted')
    >>> doc = load_pipeline()("Mediators left the talks without a deal.")
    >>> reading(doc[6])
    Reading(value='Negated', cue='without')
    """
    if (
        tok.pos_ in ("NOUN", "PROPN")
        and not small_clause(tok)
        and any(
            (c.dep_ == "relcl" and c.tag_ == "VBD") or (c.dep_ == "acl" and c.tag_ == "VBN")
            for c in tok.children
        )
    ):
        # "the consultations hosted by X", "talks that opened on Monday": presupposed
        return Reading(ASSERTED)
    found: list[Reading] = []
    node, limited = tok, False
    for _ in range(MAX_STEPS):
        marks = own_marks(node) if node.pos_ in ("VERB", "AUX") or node.i == tok.i else []
        timed = time_clause(node)
        marks += [] if timed else embedded_marks(node)
        if (
            limited
        ):  # above a verb of saying, a relative clause or a conjunct: only a condition reaches down
            marks = [m for m in marks if m.value == CONDITIONAL]
        found.extend(marks)
        head = node.head
        if (
            head.i == node.i
            or node.dep_ not in COMPLEMENTS + ARGUMENTS + ("parataxis",)
            or (
                node.dep_ == "pobj"
                and head.lower_ in word_list("adjunct_prepositions")
                and not introduced_occasion(node)
            )
        ):
            break  # "after the talks last week": an adjunct's event has its own mood
        if timed:
            break
        if (
            node.dep_ in ("relcl", "acl", "conj")
            and not small_clause(head)
            or (node.dep_ in ("ccomp", "parataxis") and is_speech(head))
        ):
            # "the talks, which began in May, will resume": the clause has its own time and mood
            limited = True
        node = head
    for (
        value
    ) in PRIORITY:  # the outermost word of the strongest value decides ("hopes X could": hopes)
        marks = [m for m in found if m.value == value]
        if marks:
            return marks[-1]
    return Reading(ASSERTED)
