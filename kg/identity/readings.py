"""The readings of a token as actors: the ways, tried in order by
:meth:`~kg.identity.table.ActorTable.resolve`, in which a word, or the phrase it heads, means
actors of the article: its own mention, a name in apposition, "his Israeli counterpart", "the two
sides", "the two leaders", a role phrase ("the foreign minister"), a pronoun, "the government",
"the group" ...

Each reading is a function of the table, the paragraph, the token and whether pronouns are
asked for; it returns the actors meant and what the phrase says of them (a
:class:`~kg.identity.resolution.Resolution`), or None to let the next one try. They read the
table and never change it.

>>> [reading.__name__ for reading in READINGS][:3]
['_own_mention', '_apposed_name', '_counterpart']
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..facts import ActorRef
from ..vocab import countries, data_lines, word_list
from .names import DETERMINERS, PERSON_PRONOUNS, clean, counted_anaphor, is_title_word, org_of
from .resolution import NOTHING, Resolution, of_refs
from .sides import means_people_named_before, side_by_role, sides_meant

if TYPE_CHECKING:
    from .table import ActorTable

AGE_PHRASE = re.compile(r"\d+-year-old")
STATE_LOOKBACK = 3  # paragraphs in which "the government" looks for the government it refers to
# one way of reading a token (table, paragraph, token, pronouns too?): None lets the next one try
Reading = Callable[["ActorTable", int, Token, bool], Resolution | None]


@cache
def organization_kinds() -> dict[str, frozenset[str]]:
    """The definite nouns that refer back only to an organization of their kind, each with the
    words a name of that kind holds (``kg/data/named_org_anaphors.txt``).

    >>> sorted(organization_kinds()["coalition"])
    ['alliance', 'bloc', 'coalition']
    """
    rows = (line.lower().split() for line in data_lines("named_org_anaphors.txt"))
    return {row[0]: frozenset(row) for row in rows}


def _own_mention(table: ActorTable, par: int, tok: Token, pronouns: bool) -> Resolution | None:
    """The token's own mention, and the other demonyms of "Qatari and Egyptian officials"."""
    k = table.by_token.get((par, tok.i))
    if k is None:
        return None
    refs = [table.ref_of_mention(k)]
    refs += [
        table.ref_of_mention(table.by_token[(par, d.i)])
        for d in _conj_demonyms(tok)
        if (par, d.i) in table.by_token
    ]
    return of_refs(refs)


def _apposed_name(table: ActorTable, par: int, tok: Token, pronouns: bool) -> Resolution | None:
    """ "the head of the agency, Jane Roe": the name in apposition."""
    for child in tok.children:
        if child.dep_ == "appos" and (par, child.i) in table.by_token:
            return table.resolve(par, child.i, pronouns)
    return None


def _counterpart(
    table: ActorTable, par: int, tok: Token, pronouns: bool = False
) -> Resolution | None:
    """ "his Israeli counterpart": the latest person of that country other than the one "his"
    means, the phrase noted as another name of them."""
    if tok.lower_ not in ("counterpart", "counterparts"):
        return None
    places = {countries().demonyms.get(c.lower_) for c in tok.children if c.dep_ == "amod"} - {None}
    owner, of_owner = None, NOTHING
    if tok.dep_ == "conj":
        of_owner = table.resolve(par, tok.head.i, pronouns=False)
        owner = of_owner.refs[0] if of_owner.refs else None
    candidates = [
        (
            (m.par, m.i),
            table.ref_of_mention(k),
            _affiliation_closure(table, table.ref_of_mention(k)),
        )
        for k, m in enumerate(table.mentions)
        if m.kind == "Person" and (m.par, m.i) < (par, tok.i)
    ]
    ref = _latest(c for c in candidates if c[1] != owner and places <= c[2])
    if ref is None:
        return NOTHING.also(of_owner)
    name = clean(table.docs[par][tok.left_edge.i : tok.i + 1].text)
    return Resolution((ref,), names=((ref, name),)).also(of_owner)


def _side_phrase(
    table: ActorTable, par: int, tok: Token, pronouns: bool = False
) -> Resolution | None:
    """ "the two sides", "both parties", "the delegations": the sides the article named first
    (kg/identity/sides.py); a side phrase with no such sides falls through to the next step."""
    sides = sides_meant(tok, table.sides)
    return of_refs(sides) if sides else None


def _counted_group(
    table: ActorTable, par: int, tok: Token, pronouns: bool = False
) -> Resolution | None:
    """The actors of the latest subject that named as many as "the two leaders" counts."""
    count = counted_anaphor(tok)
    if not count:
        return None
    earlier = [
        (pos, refs)
        for pos, refs in table.subject_groups.items()
        if pos < (par, tok.i) and len(refs) == count
    ]
    refs = max(earlier)[1] if earlier else []
    if tok.lemma_.lower() in word_list("government_nouns") or tok.lower_ in word_list(
        "state_plural_nouns"
    ):
        # "the two governments" after "Halvorsen and Tanaka signed": the states they stand for
        states = [_state_of(table, ref) for ref in refs]
        refs = states if all(states) and len(set(states)) == len(states) else []
    return of_refs(refs) if refs else None


def _people_named_before(
    table: ActorTable, par: int, tok: Token, pronouns: bool = False
) -> Resolution | None:
    """ "The leaders met again": the people of the latest subject that named two or more,
    within the last few paragraphs."""
    if not means_people_named_before(tok):
        return None
    earlier = [
        (pos, refs)
        for pos, refs in table.subject_groups.items()
        if (par - STATE_LOOKBACK, 0) <= pos < (par, tok.i) and all(r.kind == "Person" for r in refs)
    ]
    return of_refs(max(earlier)[1]) if earlier else None


def _role_phrase(
    table: ActorTable, par: int, tok: Token, pronouns: bool = False
) -> Resolution | None:
    """A definite role phrase ("the foreign minister", "the Chilean and Peruvian trade chiefs")
    → person(s), the phrase noted as another name of one person. ("the U.N. chief" is a person
    before it is the U.N.)"""
    low = tok.lower_
    role_word = low in word_list("group_nouns") or low in word_list("wildcard_titles")
    if not (role_word or is_title_word(tok)):
        return None
    doc = table.docs[par]
    phrase = _phrase_tokens(tok)
    if not any(
        t.lower_ in ("the", "his", "her", "its", "their")
        for t in phrase
        if t.dep_ in ("det", "poss")
    ):
        return None
    words = (
        {t.lower_ for t in phrase if not t.is_punct}
        - DETERMINERS
        - word_list("anaphor_filler_words")
    )
    places = [
        countries().by_name[t.lower_]
        for t in phrase
        if t.lower_ in countries().by_name and t.pos_ != "PRON"
    ]
    places = list(dict.fromkeys(places))
    orgs = [org_of(e.text).name for e in doc[phrase[0].i : phrase[-1].i + 1].ents if org_of(e.text)]
    content = {
        w for w in words if w.isalpha() and w not in countries().by_name and not org_of(w)
    } - {tok.lower_}
    plural = tok.tag_ in ("NNS", "NNPS")
    candidates = _persons_with_role(table, tok, content, par)
    if plural and len(places) > 1:
        refs = [_latest(c for c in candidates if place in c[2]) for place in places]
        refs = [r for r in refs if r is not None]
    else:
        required = set(places) | set(orgs)
        refs = [_latest(c for c in candidates if required <= c[2])]
        refs = [r for r in refs if r is not None]
    if not refs:
        return None
    if len(refs) == 1:
        text = doc[phrase[0].i : phrase[-1].i + 1].text
        return Resolution(tuple(refs), names=((refs[0], clean(text)),))
    return Resolution(tuple(refs))


def _named_inside(table: ActorTable, par: int, tok: Token, pronouns: bool) -> Resolution | None:
    """ "the Hamas delegation": an actor other than a country named inside the phrase."""
    for child in tok.children:
        if child.dep_ in ("compound", "nmod") and (par, child.i) in table.by_token:
            ref = table.ref_of_mention(table.by_token[(par, child.i)])
            if ref is not None and ref.kind not in ("Country",):
                return of_refs([ref])
    return None


def _pronoun(table: ActorTable, par: int, tok: Token, pronouns: bool) -> Resolution | None:
    """ "he", "the 74-year-old": the person last named (when pronouns are asked for)."""
    if not pronouns:
        return None
    phrase = table.docs[par][tok.left_edge.i : tok.i + 1].text.lower()
    age = AGE_PHRASE.search(phrase) if tok.pos_ in ("NOUN", "ADJ") else None
    if tok.lower_ in PERSON_PRONOUNS or age:
        return of_refs([_last_person_before(table, par, tok.i)])
    return None


def _state_anaphor(table: ActorTable, par: int, tok: Token, pronouns: bool) -> Resolution | None:
    """ "the government said": the state whose government was named."""
    if tok.lower_ in word_list("state_anaphors") and [c.lower_ for c in tok.children] == ["the"]:
        ref = _state_of_government(table, par, tok.i)
        if ref is not None:
            return of_refs([ref])
    return None


def _side_role(
    table: ActorTable, par: int, tok: Token, pronouns: bool = False
) -> Resolution | None:
    """ "the government", "the rebels": the side of that kind, when the article's two sides are
    one state and one other party (resolved within the article, never another name of it)."""
    side = side_by_role(tok, table.sides)
    return Resolution((side,), generic=((side, f"the {tok.lower_}"),)) if side else None


def _org_anaphor(table: ActorTable, par: int, tok: Token, pronouns: bool) -> Resolution | None:
    """ "the group", "the coalition": the latest organization whose name has the noun ("the
    Nordic-led coalition"); else, for a noun any organization is ("the group"), the one last
    named; a noun of one kind ("the party", ``kg/data/named_org_anaphors.txt``) finds no one
    else. A generic noun of this article, never another name of the actor."""
    low = tok.lower_
    definite = any(c.lower_ == "the" for c in tok.children if c.dep_ == "det")
    if low not in word_list("org_anaphors") or not definite:
        return None
    kinds = organization_kinds()
    ref = _last_organization_before(table, par, tok.i, words=kinds.get(low, frozenset({low})))
    if ref is None and low not in kinds:
        ref = _last_organization_before(table, par, tok.i)
    if ref is None:
        return NOTHING
    return Resolution((ref,), generic=((ref, f"the {low}"),))


def _container(table: ActorTable, par: int, tok: Token, pronouns: bool) -> Resolution | None:
    """ "a delegation of X": the actors of what it contains."""
    if tok.lower_ not in word_list("container_nouns"):
        return None
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for g in child.children:
                if g.dep_ == "pobj":
                    return table.resolve(par, g.i, pronouns=False)
    return None


def _organization_by_head(
    table: ActorTable, par: int, tok: Token, pronouns: bool = False
) -> Resolution | None:
    """ "the channel" after "Channel 12": a definite noun that is a word of an organization's
    name (a generic noun of this article)."""
    if tok.pos_ != "NOUN" or not any(c.lower_ == "the" for c in tok.children):
        return None
    best = None
    for k, m in enumerate(table.mentions):
        earlier = m.kind == "Organization" and (m.par, m.i) < (par, tok.i) and m.owner is None
        if earlier and tok.lower_ in m.name.lower().split() and tok.lower_ not in DETERMINERS:
            best = k
    if best is None:
        return None
    ref = table.ref_of_mention(best)
    return Resolution((ref,), generic=((ref, f"the {tok.lower_}"),))


def _state_of(table: ActorTable, ref: ActorRef) -> ActorRef | None:
    if ref.kind == "Country":
        return ref
    countries_ = [c for c in table.affiliations_of_ref(ref) if c.kind == "Country"]
    return countries_[0] if len(countries_) == 1 else None


def _conj_demonyms(tok: Token) -> list[Token]:
    """The second and later demonyms of "Qatari and Egyptian officials"."""
    out = []
    for child in tok.children:
        if child.dep_ == "amod" and child.lower_ in countries().demonyms:
            out.extend(
                c for c in child.subtree if c.dep_ == "conj" and c.lower_ in countries().demonyms
            )
    return out


def _phrase_tokens(tok: Token) -> list[Token]:
    """The words of the noun phrase ``tok`` heads, without its conjuncts and clauses."""
    skip: set[int] = set()
    for child in tok.children:
        if child.dep_ in ("conj", "cc", "relcl", "acl", "appos", "punct"):
            skip.update(t.i for t in child.subtree)
    return [t for t in tok.subtree if t.i not in skip]


def _persons_with_role(table: ActorTable, tok: Token, content: set[str], par: int):
    """(position, ref, affiliations) of persons mentioned before ``tok`` whose role fits its head word."""
    wildcard = tok.lower_ in word_list("wildcard_titles") or tok.lemma_.lower() in word_list(
        "wildcard_titles"
    )
    out = []
    for k, m in enumerate(table.mentions):
        if m.kind != "Person" or (m.par, m.i) >= (par, tok.i):
            continue
        ref = table.ref_of_mention(k)
        roles = " ".join(r.lower() for r in table.roles_of(ref))
        if not roles:
            continue
        roles += " " + " ".join(n.lower() for n in _affiliation_closure(table, ref))
        head = tok.lemma_.lower()
        if not wildcard and head not in roles and tok.lower_ not in roles:
            continue
        if content and not all(w in roles or w.rstrip("s") in roles for w in content):
            continue
        out.append(((m.par, m.i), ref, _affiliation_closure(table, ref)))
    return out


def _affiliation_closure(table: ActorTable, ref: ActorRef | None) -> set[str]:
    """Names of what ``ref`` is affiliated with, and their countries (CIA → United States)."""
    names = set()
    for _kind, name in table.affiliations_of(ref):
        names.add(name)
        known = org_of(name)
        if known is not None and known.country:
            names.add(known.country)
    return names


def _latest(candidates) -> ActorRef | None:
    best = max(candidates, key=lambda c: c[0], default=None)
    return best[1] if best is not None else None


def _state_of_government(table: ActorTable, par: int, tok_i: int) -> ActorRef | None:
    """The state whose government or cabinet the article named last ("Finland's cabinet", "the Uruguayan
    government"), within the last few paragraphs; None when none was named (no guessing)."""
    nouns = word_list("government_nouns") | word_list("institution_nouns")
    for p in range(par, max(par - STATE_LOOKBACK - 1, -1), -1):
        doc = table.docs[p]
        for i in range((tok_i if p == par else len(doc)) - 1, -1, -1):
            k = table.by_token.get((p, i))
            if k is None or doc[i].lower_ not in nouns:
                continue
            ref = table.ref_of_mention(k)
            if ref is not None and ref.kind == "Country":
                return ref
            country = next(
                (name for kind, name in table.mentions[k].affiliations if kind == "Country"),
                None,
            )
            if country is not None:
                return table.named(country) or ActorRef("Country", country)
    return None


def _last_person_before(table: ActorTable, par: int, tok_i: int) -> ActorRef | None:
    """The antecedent of "he": the latest person that was a subject, else the latest person named.

    Subjects are more salient than objects in news prose ("The Canadian trade minister,
    who met X, ... he told reporters" is the minister, not X).
    """
    subjects = [(pos, ref) for pos, ref in table.subject_persons.items() if pos < (par, tok_i)]
    if subjects:
        return max(subjects)[1]
    best = None
    for k, m in enumerate(table.mentions):
        later = best is None or (m.par, m.i) > (table.mentions[best].par, table.mentions[best].i)
        if m.kind == "Person" and (m.par, m.i) < (par, tok_i) and m.j > m.i and later:
            best = k
    return table.ref_of_mention(best) if best is not None else None


def _last_organization_before(
    table: ActorTable, par: int, tok_i: int, words: frozenset[str] | None = None
) -> ActorRef | None:
    """ "the group", "the movement": the latest organization named before (with one of
    ``words`` among the words of its name, when given)."""
    best = None
    for k, m in enumerate(table.mentions):
        if (
            m.kind == "Organization"
            and m.owner is None
            and m.j > m.i
            and (m.par, m.i) < (par, tok_i)
            and (words is None or not words.isdisjoint(m.name.lower().split()))
        ) and (best is None or (m.par, m.i) > (table.mentions[best].par, table.mentions[best].i)):
            best = k
    return table.ref_of_mention(best) if best is not None else None


# how a token is read, in order: the first reading that answers decides
READINGS: tuple[Reading, ...] = (
    _own_mention,
    _apposed_name,
    _counterpart,
    _side_phrase,
    _counted_group,
    _people_named_before,
    _role_phrase,
    _named_inside,
    _pronoun,
    _state_anaphor,
    _side_role,
    _org_anaphor,
    _container,
    _organization_by_head,
)
