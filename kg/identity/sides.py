"""The sides of an article: the parties it first names together, and the plural nouns that mean them.

An article about a negotiation names its sides together early ("X and Y agreed", "talks between X
and Y", "the leaders of X and Y"); later it calls them "the two sides", "both parties", "the
delegations". Those nouns are resolved within the one article to the sides it named and are never
stored as another name of an actor: with no sides named (or a different number of them than the
phrase counts), they stay unresolved.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..event_words import mediating_verbs, speech_lemmas
from ..facts import ActorRef
from ..vocab import word_list
from .names import counted_anaphor

# a side's own kinds: a person acts for a side, a mediator's people are not one
SIDE_KINDS = ("Country", "Organization", "Group")


def coordinated_members(tok: Token) -> list[Token]:
    """``tok`` and the tokens coordinated with it ("X, Y and Z" → X, Y, Z).

    Only coordination: unlike the rules' ``expand``, no companion ("X along with Y") joins, for
    a party named beside the sides (a host, a broker) is not one of them.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> [t.text for t in coordinated_members(nlp("Peru")[0])]
    ['Peru']
    """
    out = [tok]
    for child in tok.children:
        if child.dep_ == "conj":
            out.extend(coordinated_members(child))
    return out


def names_sides_together(tok: Token) -> bool:
    """Does the phrase ``tok`` heads name parties together as sides: a coordinated subject of a
    verb that is not a mediator's, the object of "between", or "the leaders/delegations of X and Y"?

    >>> import spacy
    >>> names_sides_together(spacy.blank("en")("Peru")[0])  # nothing coordinated with it
    False
    """
    if not any(c.dep_ == "conj" for c in tok.children):
        return False
    if tok.dep_ in ("nsubj", "nsubjpass"):
        # "X and Y said both sides had agreed": those who report a deal are not its sides
        verb = tok.head.lemma_.lower()
        return verb not in mediating_verbs() and verb not in speech_lemmas()
    if tok.dep_ != "pobj":
        return False
    prep = tok.head
    if prep.lower_ == "between":
        return True
    return prep.lower_ == "of" and prep.head.lower_ in word_list("negotiator_nouns") | {"leaders"}


def first_sides(groups: list[list[ActorRef]]) -> tuple[ActorRef, ...]:
    """The first group of two or more parties (not people) the article named together.

    >>> a, b, p = ActorRef("Country", "Aland"), ActorRef("Country", "Borland"), ActorRef("Person", "Jo")
    >>> first_sides([[a, p], [a, b], [b, a]])
    (ActorRef(kind='Country', label='Aland'), ActorRef(kind='Country', label='Borland'))
    >>> first_sides([[a, p]])
    ()
    """
    for refs in groups:
        parties = list(dict.fromkeys(r for r in refs if r.kind in SIDE_KINDS))
        if len(parties) >= 2 and len(parties) == len(refs):
            return tuple(parties)
    return ()


def is_side_phrase(tok: Token) -> bool:
    """Does ``tok`` head a plural noun meaning the sides ("the two sides", "both parties",
    "Chad's warring parties", "the delegations"), not parties of another kind ("local parties")?

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> is_side_phrase(nlp("sides")[0])
    False
    """
    if tok.lower_ not in word_list("side_nouns") or tok.tag_ not in ("NNS", "NNPS"):
        return False
    dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "predet")}
    owned = any(c.dep_ == "poss" for c in tok.children)
    if not (dets & {"the", "both", "all"} or owned):
        return False
    modifiers = {c.lower_ for c in tok.children if c.dep_ in ("amod", "nummod", "compound")}
    return modifiers <= word_list("side_adjectives") or bool(counted_anaphor(tok))


def sides_meant(tok: Token, sides: tuple[ActorRef, ...]) -> tuple[ActorRef, ...]:
    """The article's sides, when ``tok`` is a side phrase that counts as many as there are (or
    does not count them); else nothing.

    >>> import spacy
    >>> sides_meant(spacy.blank("en")("sides")[0], ())
    ()
    """
    if not sides or not is_side_phrase(tok):
        return ()
    count = counted_anaphor(tok)
    return sides if count in (0, len(sides)) else ()


def side_by_role(tok: Token, sides: tuple[ActorRef, ...]) -> ActorRef | None:
    """ "the government" or "the rebels" in an article whose sides are one state and one other
    party: the side of that kind; None when the sides do not tell them apart.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> a, b = ActorRef("Country", "Aland"), ActorRef("Organization", "Borland Front")
    >>> side_by_role(nlp("the rebels")[1], (a, b)), side_by_role(nlp("the rebels")[1], (a,))
    (ActorRef(kind='Organization', label='Borland Front'), None)
    """
    dets = {c.lower_ for c in tok.children if c.dep_ == "det"} or {
        t.lower_ for t in tok.doc[max(tok.i - 1, 0) : tok.i]
    }
    if "the" not in dets or len(sides) != 2:
        return None
    states = [s for s in sides if s.kind == "Country"]
    others = [s for s in sides if s.kind != "Country"]
    if len(states) != 1:
        return None
    if tok.lower_ in word_list("state_anaphors"):
        return states[0]
    return others[0] if tok.lower_ in word_list("non_state_side_nouns") else None


def means_people_named_before(tok: Token) -> bool:
    """Is ``tok`` a definite plural for people the article named together ("the leaders",
    "the Nordic ministers"), not one that says whose they are ("the leaders of X", "Hamas
    leaders") or counts them ("the two leaders", read elsewhere)?

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> means_people_named_before(nlp("the leaders")[1])  # no parse: no determiner child
    False
    """
    if tok.lower_ not in word_list("people_group_nouns") or tok.tag_ != "NNS":
        return False
    deps = {c.dep_ for c in tok.children}
    dets = {c.lower_ for c in tok.children if c.dep_ == "det"}
    return dets == {"the"} and not deps & {"poss", "prep", "compound", "nummod", "nmod"}
