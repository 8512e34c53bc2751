"""Structured terms of a proposal, read from one sentence: pauses, ceasefires, ratios, releases, withdrawals.

Each finder looks for the words of ``kg/data/term_words.tsv`` and reads the
numbers around them (digits or words: "60-day", "two months", "three and a half
months", "1,500"), so that a term is a typed record with its figures.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from functools import lru_cache

from spacy.tokens import Span, Token

from ..facts import ActorRef, Term
from ..vocab import data_lines, word_list
from .quantities import duration_days, number_words, parse_number
from .triggers import (
    agent_object,
    expand,
    preposition_objects,
    subject_of,
)

END_OF_WAR = re.compile(
    r"\bend(?:ing)?\s+(?:to\s+|of\s+)?(?:the|a|an|this|their|its)\s+(?:[\w-]+\s+)?"
    r"(?:war|fighting|conflict|hostilities)\b",
    re.I,
)
# "all fighting is to end", "hostilities will be over": the end of the fighting as a provision
WAR_ENDS = re.compile(
    r"\b(?:state\s+of\s+war|war|fighting|hostilities|conflict)\s+(?:is|are|will|would|shall)\s+"
    r"(?:to\s+|now\s+)?(?:end|be\s+over|come\s+to\s+an\s+end)\b",
    re.I,
)
PROVIDING = re.compile(
    r"\b(deal|plan|proposal|agreement|accord|framework|truce|ceasefire|offer|terms|call(?:s|ed|ing)? "
    r"for|demand(?:s|ed|ing)?|includ\w*|seek\w*|push\w* for|insist\w* on|would|will|to)\b"
    r"(?:\s+[\w'-]+){0,4}\s*$",
    re.I,
)
RATIO_TAIL = (
    r"\s+(?P<given>(?:[A-Za-z-]+\s+){0,3}?[A-Za-z-]+)\s+"
    r"(?:for|per|in exchange for|in return for)\s+(?P<unit>each|every|one|a single|1)\s+"
    r"(?P<received>(?:[A-Za-z-]+\s+){0,2}[A-Za-z-]+)"
)
RATIO_ALONE = re.compile(
    r"\b(?P<n>\d[\d,]*)\s+(?P<given>(?:[A-Za-z-]+\s+){0,3}?[A-Za-z-]+)\s+(?:for|in exchange for|"
    r"in return for)\s+(?P<received>(?:[A-Z][\w'-]+\s+){0,2}[A-Z][\w'-]+)\s+alone\b"
)
RATIO_COLON = re.compile(r"\b(?P<n>\d+)\s*(?::|to)\s*1\b")
PAIRED = re.compile(r"^(?:in\s+(?:return|exchange)\s+for|for|against)$", re.I)
EXTRA_DAY = r"(?:extra|more|additional|further)\s+"

# who a release frees and who frees them: a callable giving the actors a token of the span refers to
ActorsOf = Callable[[Token], list[ActorRef]]

PHASE_START = re.compile(r"\b(?:beginning|starting|first)\s+with\s+(?P<group>[^,.;]+)", re.I)
FIRST_STAGE = re.compile(r"\b(?:first|initial)\s+(?:stage|phase)\b|\binitially\b", re.I)


@lru_cache(maxsize=1)
def number_word_alternation() -> str:
    """The one-word number words as a regex alternation, longest first ("seventeen" before "seven").

    >>> bool(re.fullmatch(number_word_alternation(), "seventeen"))
    True
    """
    words = sorted((re.escape(w) for w in number_words() if " " not in w), key=len, reverse=True)
    return "|".join(words)


@lru_cache(maxsize=1)
def ratio_pattern() -> re.Pattern:
    """ "N <group> for every/each/one <group>", N in digits or number words (a non-number never starts a match)."""
    words = number_word_alternation()
    return re.compile(rf"\b(?P<n>\d[\d,]*|{words})" + RATIO_TAIL, re.I)


@lru_cache(maxsize=1)
def elided_ratio_pattern() -> re.Pattern:
    """ "and 30 for each wounded sailor", ", three for every hostage": a rate whose given group is
    left out, because the sentence has just named it."""
    words = number_word_alternation()
    return re.compile(
        rf"\b(?P<n>\d[\d,]*|{words})\s+(?:for|per)\s+(?P<unit>each|every)\s+"
        rf"(?P<received>(?:[A-Za-z-]+\s+){{0,3}}[A-Za-z-]+)",
        re.I,
    )


@lru_cache(maxsize=1)
def term_words() -> dict[str, str]:
    return {w.lower(): fam for w, fam in csv.reader(data_lines("term_words.tsv"), delimiter="\t")}


@lru_cache(maxsize=1)
def count_qualifiers() -> list[tuple[str, str]]:
    rows = [tuple(r) for r in csv.reader(data_lines("count_qualifiers.tsv"), delimiter="\t")]
    return sorted(rows, key=lambda r: -len(r[0]))


def family(tok: Token) -> str | None:
    found = term_words().get(tok.lower_) or term_words().get(tok.lemma_.lower())
    if (
        found == "release"
        and tok.lemma_.lower() in word_list("trading_verbs")
        and tok.pos_ == "VERB"
        and not any(is_people(c) for c in traded(tok))
    ):
        return None  # "remains would be returned": a handover; "swapped 90 prisoners" frees people
    return found


def is_people(tok: Token) -> bool:
    """Is ``tok`` a noun of ``people_nouns.txt``?"""
    return bool({tok.lemma_.lower(), tok.lower_} & word_list("people_nouns"))


def traded(verb: Token) -> list[Token]:
    """What ``verb`` hands over: its object, the subject of its passive, also when it completes
    another verb ("captives are to be swapped")."""
    found = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if verb.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in verb.children):
        found += [s for s in [clause_subject(verb)] if s is not None]
    return found


def window_text(tok: Token, span: Span) -> str:
    """The words of ``span`` a term's figures are read from: the phrase ``tok`` heads, or its
    clause for a subject, but not a time clause it is the subject of ("finish within a week after
    the truce begins")."""
    tokens = list(tok.subtree)
    if dates_by(tok):
        return " ".join(t.text for t in tokens if span.start <= t.i < span.end)
    if tok.dep_ in ("compound", "amod"):
        tokens = list(tok.head.subtree)
    if tok.dep_ in ("nsubj", "nsubjpass") or tok.pos_ == "VERB":
        head = tok.head if tok.pos_ != "VERB" else tok
        # "lengthened by two days": a "by" phrase measures a change, not the length of the pause
        changes = {t.i for c in head.children if c.lower_ == "by" for t in c.subtree}
        # "said the truce began, and that talks would last a week": a clause the head reports
        # says nothing of the pause, none of its words count
        other = {t.i for c in head.children if c.dep_ == "ccomp" for t in c.subtree}
        coordinated = {c.i for c in head.children if c.dep_ == "conj"}
        tokens = [t for t in head.subtree if t.i not in changes | other | coordinated]
        tokens = sorted({*tokens, *tok.subtree}, key=lambda t: t.i)
    return " ".join(t.text for t in tokens if span.start <= t.i < span.end)


def negated(tok: Token, span: Span | None = None) -> bool:
    """Does a negation govern ``tok`` ("the deal did not include a full withdrawal", "no
    ceasefire", "talks ended without a truce")? A term the text denies is no term, nor one it
    names as no particular thing ("before any truce"). "Without" that qualifies a stated term
    ("accept a truce without a withdrawal") is left to the stance rules. Only a negation inside
    ``span`` counts: "ended without the truce that X demanded" denies the truce, not X's demand.
    """
    if any(c.dep_ == "det" and c.lower_ in ("no", "any") for c in tok.children):
        return True
    node = tok
    for _ in range(6):
        if span is not None and not span.start <= node.i < span.end:
            return False
        if any(c.dep_ == "neg" for c in node.children) or came_without(node):
            return True
        if (
            node.pos_ in ("VERB", "AUX")
            and node.dep_ not in ("xcomp", "amod", "acl")
            or node.head.i == node.i
        ):
            return False
        node = node.head
    return False


def came_without(node: Token) -> bool:
    """Is ``node`` a "without" phrase of an event that has no term of its own ("the talks broke up
    without a truce", "left the capital without a deal"), so that what follows never came about?

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("The talks ended without a truce.")
    >>> came_without(doc[3])
    True
    """
    if node.lower_ != "without" or node.dep_ != "prep" or node.head.pos_ not in ("VERB", "AUX"):
        return False
    objects = [c for c in node.head.children if c.dep_ in ("dobj", "nsubjpass")]
    return not any(family(o) for o in objects)


def is_permanent(tok: Token) -> bool:
    """Is ``tok`` (a ceasefire, a withdrawal) qualified as permanent or complete, also as the second of two
    coordinated modifiers ("a bilateral and lasting truce")?"""
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound")]
    if tok.dep_ == "compound":
        mods += [c for c in tok.head.children if c.dep_ == "amod"]
    mods += [c for m in mods for c in m.children if c.dep_ == "conj"]
    return any(term_words().get(m.lower_) == "permanent" for m in mods)


def pause_terms(span: Span) -> list[Term]:
    """ "a 60-day pause", "halt the fighting for three and a half weeks", "a complete ceasefire"."""
    out: list[Term] = []
    for tok in span:
        if is_cessation(tok) and not negated(tok, span) and not aspired(tok):
            out.append(Term("CeasefireTerm"))
        if family(tok) != "pause" or negated(tok, span):
            continue
        if tok.pos_ == "VERB" and tok.dep_ != "amod" and not stops_something(tok):
            continue  # "halt the fighting", "suspend attacks", "a cooling-off period"; not "the truce held"
        if aspired(tok):
            continue
        if is_permanent(tok):
            out.append(Term("CeasefireTerm", (("permanent", True),)))
            continue
        days = pause_length(tok, span)
        if days is not None:
            out.append(Term("PauseTerm", (("durationDays", days),)))
        elif tok.lower_ in ("ceasefire", "cease-fire") and tok.dep_ not in ("compound", "amod"):
            out.append(Term("CeasefireTerm"))
        elif (
            tok.dep_ not in ("compound", "amod")
            and tok.lemma_.lower() not in word_list("bare_no_pause_nouns")
            and not dates_by(tok)
        ):
            # "would freeze its tests", "a truce": a pause of no stated length
            out.append(Term("PauseTerm"))
    if WAR_ENDS.search(span.text) and not re.search(r"\b(not|no|never)\b", span.text):
        out.append(Term("CeasefireTerm", (("permanent", True),)))
    for m in END_OF_WAR.finditer(span.text):
        before = span.text[max(0, m.start() - 60) : m.start()]
        # a provision ("a pact to end the fighting", "calls for an end to the fighting"), not a hope or a
        # direction ("hoped an end to the fighting was near", "a step towards ending the fighting")
        if (
            PROVIDING.search(before)
            and not re.search(r"\b(not|no|never|without|towards?)\s+(\w+\s+){0,2}$", before)
            and not wished(before)
        ):
            out.append(Term("CeasefireTerm", (("permanent", True),)))
    return out


def pause_length(tok: Token, span: Span) -> int | None:
    """The days the pause ``tok`` lasts: from its phrase or clause, an adjunct of its verb
    ("declared a truce in May, initially for six weeks"), the length it was taken to, or the
    words just before it ("must wait roughly 45 days - a cooling-off stretch")."""
    days = duration_days(window_text(tok, span))
    if days is None and tok.dep_ in ("dobj", "nsubjpass") and tok.head.pos_ == "VERB":
        adjuncts = [
            t
            for c in tok.head.children
            if c.dep_ in ("prep", "advmod", "npadvmod") and c.i > tok.i and c.lower_ != "by"
            for t in c.subtree
            if span.start <= t.i < span.end
        ]
        days = duration_days(" ".join(t.text for t in adjuncts))
    if days is None:
        days = lengthened_to(tok, span)
    if days is None:
        start = tok.left_edge.i if tok.dep_ not in ("amod", "compound") else tok.head.left_edge.i
        days = duration_days(length_before(span, start).text)
    return days


def dates_by(tok: Token) -> bool:
    """Is the pause ``tok`` the subject of a time clause ("once the truce holds", "after the lull
    took effect"), which dates something else by a pause the text names, not states?

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("Ships may sail once the truce holds.")
    >>> dates_by(doc[5])
    True
    """
    return tok.dep_ in ("nsubj", "nsubjpass") and any(
        c.dep_ == "mark" and c.lower_ in word_list("time_conjunctions") for c in tok.head.children
    )


def stops_something(verb: Token) -> bool:
    """Is the pause verb ``verb`` one that stops something it names ("will freeze its tests", "the
    raids were halted"), not a verb of the family used of a state ("the front froze into a
    stalemate", "the truce held")?

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("Talks froze. Oslo froze its aid.")
    >>> [stops_something(t) for t in doc if t.pos_ == "VERB"]
    [False, True]
    """
    # "det": a noun the tagger took for a verb ("imposed a price freeze")
    return verb.lemma_.lower() in word_list("stopping_verbs") and any(
        c.dep_ in ("dobj", "nsubjpass", "det") for c in verb.children
    )


def aspired(tok: Token) -> bool:
    """Is the term word ``tok`` only where something leads ("a step towards a lasting truce", "pave
    the way for a ceasefire"): the object of "to", "towards" or "for" after a noun of
    ``path_nouns.txt``, or after a verb whose object is one? A destination is not yet a term.

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("The talks were a step towards a lasting truce.")
    >>> aspired(doc[8])
    True
    """
    node = tok
    for _ in range(4):
        if node.dep_ == "conj":
            node = node.head
            continue
        if node.dep_ != "pobj" or node.head.lower_ not in word_list("path_prepositions"):
            return False
        before = node.head.head
        nouns = [before] + [c for c in before.children if c.dep_ == "dobj"]
        return any(n.lemma_.lower() in word_list("path_nouns") for n in nouns)
    return False


def wished(before: str) -> bool:
    """Does ``before`` end with a wish ("wants to", "was keen to"), so that the war's end that
    follows is what someone would like, not what a text provides?

    >>> wished("the minister said he wanted to"), wished("a deal to")
    (True, False)
    """
    m = re.search(r"([\w']+)\s+to\s*$", before)
    return m is not None and m.group(1).lower() in word_list("wish_words")


def length_before(span: Span, start: int) -> Span:
    """The words just before the phrase at ``start`` that may state its length ("wait roughly 45
    days - a cooling-off stretch"): up to six, none before a verb or a time conjunction, whose
    numbers measure something else ("fought for two days before a truce")."""
    window = span.doc[max(start - 6, span.start) : start]
    cut = max(
        (
            t.i + 1
            for t in window
            if t.pos_ in ("VERB", "AUX") or t.lower_ in word_list("time_prepositions")
        ),
        default=window.start,
    )
    return span.doc[cut:start]


def lengthened_to(tok: Token, span: Span) -> int | None:
    """The length a pause was taken to ("declared a pause, later extended to five days"): the
    "to" phrase of a lengthening verb of ``lengthening_verbs.txt`` on the pause or on its verb.

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("Chad declared a truce, stretched to four days.")
    >>> lengthened_to(doc[3], doc[:])
    4
    """
    verbs = [c for c in tok.children if c.dep_ == "acl"]
    if tok.dep_ in ("nsubj", "nsubjpass"):  # "the truce, stretched to a week" read as a clause
        verbs.append(tok.head)
    if tok.dep_ in ("dobj", "nsubjpass"):
        # "declared a truce, later extended to", "declared a truce and stretched it to"
        verbs += [c for c in tok.head.children if c.dep_ in ("advcl", "conj")]
    for verb in verbs:
        if verb.lemma_.lower() not in word_list("lengthening_verbs"):
            continue
        for prep in verb.children:
            if prep.lower_ == "to" and span.start <= prep.i and prep.right_edge.i < span.end:
                days = duration_days(" ".join(t.text for t in prep.subtree))
                if days is not None:
                    return days
    return None


def is_cessation(tok: Token) -> bool:
    """Is ``tok`` a "cessation" of hostilities ("a pact on the cessation of hostilities"): a
    ceasefire of no stated length?

    >>> from kg.annotate import load_pipeline
    >>> [is_cessation(t) for t in load_pipeline()("a cessation of aid") if t.lower_ == "cessation"]
    [False]
    """
    return tok.lemma_.lower() == "cessation" and any(
        g.lower_ in word_list("hostility_nouns") for g in of_objects(tok)
    )


@lru_cache(maxsize=1)
def extension_pattern() -> re.Pattern:
    """ "one extra day for every ten captives freed", "an additional day for each 10 hostages"."""
    number = number_word_alternation()
    n = rf"(?:\d[\d,]*|{number})"
    return re.compile(
        rf"\b(?P<d>{n}|a|an)\s+(?:{EXTRA_DAY})?(?P<unit>day|week)s?\s+(?:of\s+[\w-]+\s+)?"
        rf"(?:{EXTRA_DAY})?for\s+(?:every|each)\s+(?:additional\s+|further\s+)?(?P<n>{n})\s+"
        rf"(?P<group>(?:[A-Za-z-]+\s+){{0,2}}[A-Za-z-]+)",
        re.I,
    )


def extension_terms(span: Span) -> list[Term]:
    """An extension clause: so many more days of pause for every so many people released.

    >>> import spacy
    >>> span = spacy.blank("en")("one extra day for every ten captives freed")[:]
    >>> [t.attrs for t in extension_terms(span)]
    [(('durationDays', 1), ('count', 10), ('releasedGroup', 'captives'))]
    """
    out = []
    for m in extension_pattern().finditer(span.text):
        days, count = parse_number(m.group("d")) or 1, parse_number(m.group("n"))
        group = m.group("group").split()
        people = [w for w in group if w.lower() in word_list("people_nouns")]
        if count is None or not people:
            continue
        group = " ".join(group[: group.index(people[0]) + 1])
        days = round(days * (7 if m.group("unit").lower() == "week" else 1))
        out.append(
            Term(
                "ExtensionTerm",
                (("durationDays", days), ("count", int(count)), ("releasedGroup", group)),
            )
        )
    return out


@lru_cache(maxsize=1)
def times_pattern() -> re.Pattern:
    """ "about 10 times as many prisoners", "three times more prisoners"."""
    number = number_word_alternation()
    return re.compile(
        rf"\b(?P<n>\d[\d,.]*|{number})\s+times\s+(?:as\s+many|more)\s+"
        rf"(?P<given>(?:[A-Za-z-]+\s+){{0,2}}[A-Za-z-]+)",
        re.I,
    )


def times_ratios(span: Span) -> list[Term]:
    """ "freed about 10 times as many prisoners as hostages": a ratio, never a release of ten."""
    out = []
    for m in times_pattern().finditer(span.text):
        n = parse_number(m.group("n"))
        given = m.group("given").split()
        people = [w for w in given if w.lower() in word_list("people_nouns")]
        if n is None or not people:
            continue
        given_text = " ".join(given[: given.index(people[0]) + 1])
        attrs: list[tuple[str, object]] = [
            ("ratio", int(n) if n == int(n) else n),
            ("givenGroup", given_text),
        ]
        rest = span.text[m.start("given") + len(given_text) :]
        other = re.match(
            r"\s+(?:as|than)\s+(?:the\s+)?(?P<received>(?:[A-Za-z-]+\s+){0,2}?[A-Za-z-]+)", rest
        )
        if other and any(
            w.lower() in word_list("people_nouns") for w in other.group("received").split()
        ):
            attrs.append(("receivedGroup", other.group("received")))
        out.append(Term("ExchangeRatioTerm", tuple(attrs)))
    return out


def times_numbers(span: Span) -> set[int]:
    """The token indices of the numbers of "N times as many": a multiplier, not a count."""
    return {
        t.i
        for t in span
        if t.like_num and t.i + 1 < span.end and span.doc[t.i + 1].lower_ == "times"
    }


def paired_ratios(pairs: list[tuple[Token, Token]]) -> dict[int, tuple[tuple[str, object], ...]]:
    """ "110 hostages in return for 240 prisoners": two counted groups traded for each other give a
    ratio, the larger count per one of the smaller. It is derived, not stated, so it goes on the
    release of the larger group (by the index of its noun), not into a ratio term of its own.
    ``pairs``: (noun, number) in order.
    """
    out = {}
    for (noun_a, num_a), (noun_b, num_b) in zip(pairs, pairs[1:]):
        link = noun_b.head
        if link.dep_ != "prep" or not PAIRED.match(" ".join(chain_words(link))):
            continue
        a, b = count_value(num_a)[0], count_value(num_b)[0]
        if not a or not b or a == b:
            continue
        (big, big_noun, big_num), (small, small_noun, small_num) = sorted(
            ((a, noun_a, num_a), (b, noun_b, num_b)), key=lambda x: -x[0]
        )
        ratio = round(big / small, 2)
        out[big_noun.i] = (
            ("ratio", int(ratio) if ratio == int(ratio) else ratio),
            ("givenGroup", group_phrase(big_noun, big_num)),
            ("receivedGroup", group_phrase(small_noun, small_num)),
        )
    return out


def chain_words(prep: Token) -> list[str]:
    """The words of a (compound) preposition ending at ``prep``: "for", "in return for", "in
    exchange for"."""
    if prep.head.dep_ == "pobj" and prep.head.head.dep_ == "prep":
        return [prep.head.head.lower_, prep.head.lower_, prep.lower_]
    return [prep.lower_]


def ratio_term(n: float, given: str, received: str) -> Term:
    """An exchange ratio: ``n`` of the ``given`` group for one of the ``received`` group.

    >>> ratio_term(3.0, "prisoners", "hostage").attrs
    (('ratio', 3), ('givenGroup', 'prisoners'), ('receivedGroup', 'hostage'))
    """
    ratio = n if n != int(n) else int(n)
    return Term(
        "ExchangeRatioTerm", (("ratio", ratio), ("givenGroup", given), ("receivedGroup", received))
    )


def ratio_matches(span: Span) -> list[tuple[Term, bool]]:
    """Each exchange ratio of ``span`` and whether it is per head ("for every") rather than a one-off swap."""
    out = []
    for m in ratio_pattern().finditer(span.text):
        n = parse_number(m.group("n"))
        given = m.group("given")
        if n is None or not any(w.lower() in word_list("people_nouns") for w in given.split()):
            continue
        received = re.split(
            r"\b(?:in|at|during|within|and|over|who|which|that|it|they|he|she|we|would|will)\b",
            m.group("received"),
        )[0].strip()
        out.append((ratio_term(n, given, received), m.group("unit").lower() in ("each", "every")))
    out += elided_ratios(span, out)
    for m in RATIO_ALONE.finditer(span.text):  # "40 detainees for Ortega alone"
        n = parse_number(m.group("n"))
        if n is not None and any(
            w.lower() in word_list("people_nouns") for w in m.group("given").split()
        ):
            out.append((ratio_term(n, m.group("given"), m.group("received")), False))
    for m in RATIO_COLON.finditer(span.text):
        if not out and not is_vote(span.text, m):
            out.append((Term("ExchangeRatioTerm", (("ratio", int(m.group("n"))),)), True))
    return out


def elided_ratios(span: Span, stated: list[tuple[Term, bool]]) -> list[tuple[Term, bool]]:
    """The rates of ``span`` that leave their given group out, which is the group of the rate
    stated before them or else the people last counted before them ("freed 240 prisoners, two for
    every sailor").

    >>> from kg.annotate import load_pipeline
    >>> span = load_pipeline()("They freed 90 detainees, three for each pilot.")[:]
    >>> [t.attrs for t, _ in elided_ratios(span, [])]
    [(('ratio', 3), ('givenGroup', 'detainees'), ('receivedGroup', 'pilot'))]
    """
    out = []
    for m in elided_ratio_pattern().finditer(span.text):
        n = parse_number(m.group("n"))
        given = given_before(span, m.start(), stated)
        if n is None or given is None:
            continue
        # "each woman or child" is one group; a clause after it is not
        received = re.split(
            r"\b(?:in|at|during|within|over|who|which|that|it|they|would|will)\b",
            m.group("received"),
        )[0].strip()
        out.append((ratio_term(n, given, received), True))
    return out


def given_before(span: Span, char: int, stated: list[tuple[Term, bool]]) -> str | None:
    """The group a rate at character ``char`` of ``span`` gives: the last one stated, or the last
    people counted before it."""
    for term, _ in reversed(stated):
        if span.text.find(str(term.get("givenGroup")), 0, char) >= 0:
            return str(term.get("givenGroup"))
    before = [
        (noun, num) for noun, num in counted_people(span) if noun.idx - span.start_char < char
    ]
    return group_phrase(*before[-1]) if before else None


def is_vote(text: str, match: re.Match) -> bool:
    """Is the "N to 1" of ``match`` a vote's outcome, a word of ``vote_words.txt`` within three
    words of it ("by a 2 to 1 margin", "voted 3 to 1")?

    >>> text = "Members rejected the offer by a 2 to 1 margin."
    >>> is_vote(text, RATIO_COLON.search(text))
    True
    """
    before = text[: match.start()].split()[-3:]
    after = text[match.end() :].split()[:2]
    return any(re.sub(r"\W", "", w).lower() in word_list("vote_words") for w in before + after)


@lru_cache(maxsize=1)
def countable_nouns() -> frozenset[str]:
    return word_list("people_nouns") | word_list("priority_nouns")


def counted_people(span: Span) -> list[tuple[Token, Token]]:
    """Each (noun, number) of ``span`` where a number counts people: "30 women and children", "up to 1,000 troops"."""
    people = countable_nouns()
    found = []
    for tok in span:
        if (
            tok.lower_ not in people
            and tok.lemma_.lower() not in people
            and not (tok.ent_type_ == "NORP" and tok.tag_ == "NNPS")
        ):  # "35 Peruvians"
            continue
        num = next((c for c in tok.children if c.dep_ == "nummod"), None)
        if num is None and tok.dep_ == "conj" and tok.head.lower_ in people:
            continue  # "30 women and children": the count belongs to the first noun
        if num is not None and not any(
            c.lower_ in ("every", "each", "per") for c in tok.children if c.dep_ == "det"
        ):
            found.append((tok, num))  # not "one day for every 5 detainees": a rate, not a count
    return found


def count_value(num: Token) -> tuple[int | None, str | None]:
    """The number ``num`` states and how it is qualified ("more than", "up to")."""
    value = parse_number(" ".join(t.text for t in num.subtree if t.pos_ == "NUM" or t.like_num))
    if value is None or value != int(value):
        return None, None
    before = num.doc[max(num.left_edge.i - 3, 0) : num.i].text.lower()
    qualifier = next((q for words, q in count_qualifiers() if before.endswith(words)), None)
    return int(value), qualifier


def group_phrase(noun: Token, num: Token) -> str:
    """The counted group without its number or trailing clause: "Kurdish mothers and teenagers"."""
    # "20 captives: the sick and the old": what follows a colon says more of them, it does not
    # name the group; the colon may hang on the verb ("free 20 captives in stages: the sick, ...")
    # and the words after it on the noun
    after = noun.doc[noun.i + 1 : noun.right_edge.i + 1]
    colon = next((t.i for t in after if t.text == ":"), noun.right_edge.i + 1)
    tokens = [
        t
        for t in noun.subtree
        if num.right_edge.i < t.i < colon
        and t.dep_ not in ("acl", "relcl", "prep", "punct")
        and not any(
            a.dep_ in ("acl", "relcl", "prep") and a.i > noun.i and t in a.subtree
            for a in noun.subtree
        )
    ]
    return " ".join(t.text for t in tokens).strip(" ,")


def release_terms(
    span: Span,
    rates: tuple[int, ...] | None = (),
    actors_of: ActorsOf | None = None,
    named_groups: bool = False,
) -> list[Term]:
    """ "more than 100 captives would be freed in stages", "20 captives for 70 detainees": one term
    per count, with the group released and, where the text says and ``actors_of`` reads the parse,
    the side that frees it; the larger of two counts traded for each other carries the ratio they
    make.

    ``rates`` are the numerators of per-head ratios ("three for every hostage"): a rate is not a
    count; None when the span states a ratio of another form (no ratio is then derived from its
    counts). With ``named_groups``, a release of no number that names whom it frees ("will free
    all political detainees") is a term too.
    """
    words = {
        family(t) for t in span if not (family(t) == "release" and t.dep_ in ("compound", "amod"))
    }
    if any(
        t.lemma_ in word_list("handing_verbs")
        and any(c.dep_ == "prt" and c.lower_ == "over" for c in t.children)
        and any(
            c.dep_ == "dobj"
            and (
                c.lower_ in word_list("people_nouns")
                or c.ent_type_ == "PERSON"
                or c.lower_ in ("him", "her", "them")
            )
            for c in t.children
        )
        for t in span
    ):
        words.add("release")  # "hand him over", "turn the captives over": people handed over
    if "release" not in words:
        return []  # "the exchange stages", "a release ratio": the word qualifies something else
    phased = "phased" in words or any(spread_over_time(t) for t in span)
    shared: list[tuple[str, object]] = [("phased", True)] if phased else []
    group = priority_group(span)
    out = []
    multipliers = times_numbers(span)
    counted = counted_people(span)
    derived = paired_ratios(counted) if rates == () else {}
    for noun, num in counted:
        count, qualifier = count_value(num)
        if count is None or count in (rates or ()) or num.i in multipliers or negated(noun, span):
            # "10 times as many prisoners" counts no one; "did not free 50 hostages" frees no one
            continue
        attrs: list[tuple[str, object]] = [("count", count)] + (
            [("countQualifier", qualifier)] if qualifier else []
        )
        phrase = group_phrase(noun, num)
        if any(w.lower() in word_list("priority_nouns") for w in phrase.split()):
            attrs.append(("priorityGroup", phrase))
        elif group and not out:
            attrs.append(("priorityGroup", group))
        attrs.append(("releasedGroup", phrase or noun.text))
        releaser = releaser_of(noun, actors_of) if actors_of is not None else None
        attrs += [("releasedBy", releaser)] if releaser is not None else []
        attrs += derived.get(noun.i, ())
        out.append(Term("ReleaseTerm", tuple(attrs + shared)))
    if out:
        return out
    attrs = shared + ([("priorityGroup", group)] if group else [])
    if attrs or re.search(
        r"\b(prisoner|hostage|captive)s?\s+(exchange|swap|release)s?\b", span.text, re.I
    ):
        return [Term("ReleaseTerm", tuple(attrs))]
    named = released_group(span) if named_groups else None
    if named is not None:
        return [Term("ReleaseTerm", group_attrs(*named))]
    return []


def spread_over_time(tok: Token) -> bool:
    """Is ``tok`` a release verb spread over a stretch of time ("will be freed over five days",
    "to release them over several weeks"), so that the release comes in stages?

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("The captives will be freed over three weeks.")
    >>> spread_over_time(doc[4])
    True
    """
    if family(tok) != "release" or tok.pos_ != "VERB":
        return False
    return any(
        c.dep_ == "prep"
        and c.lower_ == "over"
        and any(
            g.dep_ == "pobj" and g.lemma_.lower() in word_list("stage_period_nouns")
            for g in c.children
        )
        for c in tok.children
    )


def released_group(span: Span) -> tuple[Token, list[Token]] | None:
    """The people a release of no stated number frees ("will free all detained journalists",
    "the release of political detainees"): the people noun that is the object of a release word
    of ``span``, with the words of its phrase, or None.

    >>> from kg.annotate import load_pipeline
    >>> noun, words = released_group(load_pipeline()("Both sides will free wounded soldiers.")[:])
    >>> " ".join(t.text for t in words)
    'wounded soldiers'
    """
    for tok in span:
        if family(tok) != "release" or tok.dep_ in ("compound", "amod") or negated(tok, span):
            continue
        objects = traded(tok) + of_objects(tok)  # "will free X", "X are to be freed"
        for noun in objects:
            if (
                noun.lower_ not in countable_nouns()
                and noun.lemma_.lower() not in countable_nouns()
            ):
                continue
            # "the remaining captives": the rest of a group counted before, not a group of its own
            if not any(
                c.dep_ == "nummod" or c.lower_ in word_list("remainder_words")
                for c in noun.children
            ):
                return noun, named_group_words(noun, span)
    return None


def named_group_words(noun: Token, span: Span) -> list[Token]:
    """The words naming the group ``noun`` heads within ``span``: the modifiers before it and its
    conjuncts with theirs, without determiners and whatever follows a noun ("detainees held
    since May", "fighters younger than 15")."""
    heads = [n for n in expand(noun) if n.pos_ in ("NOUN", "PROPN")]
    words = [
        t
        for n in heads
        for t in [*n.lefts, n, *(c for c in n.rights if c.dep_ == "cc"), *kind_of(n)]
        if t.dep_ not in ("det", "predet", "poss", "punct", "nummod")
        and span.start <= t.i < span.end
    ]
    return sorted(set(words), key=lambda t: t.i)


def kind_of(noun: Token) -> list[Token]:
    """The "of" phrase that says what kind of people ``noun`` names, a bare noun after it
    ("prisoners of conscience"), not the "of" of whose they are ("captives of the militia").

    >>> from kg.annotate import load_pipeline
    >>> [t.text for t in kind_of(load_pipeline()("They freed prisoners of conscience.")[2])]
    ['of', 'conscience']
    """
    return [
        t
        for c in noun.rights
        if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children
        if g.dep_ == "pobj" and g.pos_ == "NOUN" and not any(True for _ in g.children)
        for t in (c, g)
    ]


def group_attrs(noun: Token, words: list[Token]) -> tuple[tuple[str, object], ...]:
    """A countless release's group: the group released, and the group it names in particular
    when the phrase says more than its head noun ("political detainees", "prisoners of war")."""
    phrase = " ".join(t.text for t in words)
    particular = [("priorityGroup", phrase)] if len(words) > 1 else []
    return tuple(particular + [("releasedGroup", phrase or noun.text)])


def releaser_of(noun: Token, actors_of: ActorsOf) -> ActorRef | None:
    """The side that frees the people ``noun`` counts: the subject of "X will free 50 hostages", the
    agent of "50 prisoners (were) released by X", "the release of 50 prisoners by X"; none for the
    group traded "in return for" them."""
    head, found = noun.head, None
    if noun.dep_ == "dobj" and family(head) == "release" and head.pos_ == "VERB":
        found = subject_of(head)
    elif noun.dep_ == "nsubjpass" and family(head) == "release":
        found = agent_object(head)
    elif noun.dep_ == "pobj" and head.lower_ == "of" and family(head.head) == "release":
        found = next(iter(preposition_objects(head.head, "by")), None)
    for child in noun.children:  # "240 prisoners released by X"
        if found is None and child.dep_ == "acl" and family(child) == "release":
            found = agent_object(child)
    refs = actors_of(found) if found is not None else []
    return refs[0] if refs else None


def priority_group(span: Span) -> str | None:
    m = PHASE_START.search(span.text)
    if m:
        return m.group("group").strip()
    if FIRST_STAGE.search(span.text):
        for tok in span:
            if family(tok) == "release" and tok.pos_ == "VERB":
                obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
                if obj is not None:
                    tokens = list(obj.subtree)
                    end = next(
                        (t.i for t in tokens if t.lower_ in ("in", "while") and t.dep_ == "prep"),
                        tokens[-1].i + 1,
                    )
                    return span.doc[obj.left_edge.i : end].text.strip(" ,")
    return None


def withdrawal_terms(span: Span) -> list[Term]:
    """ "a complete withdrawal from the Jaffna area", "troops will pull back", "all units are to quit the region"."""
    out = []
    for tok in span:
        if (family(tok) == "withdrawal" or is_pullback(tok)) and not negated(tok, span):
            out.append(Term("WithdrawalTerm", tuple(withdrawal_attrs(tok, span))))
    return out


def is_pullback(tok: Token) -> bool:
    """ "pull back", "pull out", "a pullback", forces that "leave" or "quit" a place, or the
    "departure" of forces from one."""
    if tok.lemma_.lower() in word_list("pullback_nouns"):
        return True
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in word_list("departure_nouns"):
        return any(f.lemma_.lower() in force_lemmas() for f in of_objects(tok))
    if tok.pos_ != "VERB":
        return False
    if tok.lemma_ == "pull" and any(  # "pulled its troops out of the town": "out" a preposition
        c.dep_ in ("prt", "advmod", "prep") and c.lower_ in ("back", "out") for c in tok.children
    ):
        return True
    if tok.lemma_ in word_list("leaving_verbs"):
        subject = clause_subject(tok)
        if (
            subject is not None
            and subject.lower_ in ("who", "which", "that")
            and tok.dep_ == "relcl"
        ):
            subject = tok.head
        return subject is not None and bool(
            {subject.lemma_.lower(), subject.lower_} & force_lemmas()
        )
    return False


def clause_subject(verb: Token) -> Token | None:
    """The subject of ``verb``, or of the verb it completes ("troops are to leave", "captives are
    to be freed": the subject hangs off "are").

    >>> from kg.annotate import load_pipeline
    >>> clause_subject(load_pipeline()("Troops are to leave.")[3]).text
    'Troops'
    """
    for node in (verb, verb.head if verb.dep_ == "xcomp" else None):
        if node is None:
            continue
        subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject
    return None


@lru_cache(maxsize=1)
def force_lemmas() -> frozenset[str]:
    """The armed forces of ``force_nouns.txt`` with their singulars: who withdraws."""
    return word_list("force_nouns") | {"troop", "force", "fighter", "soldier", "militia"}


def of_objects(noun: Token) -> list[Token]:
    """The objects of the "of" phrases of ``noun`` ("the departure of the fighters")."""
    return [g for c in noun.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]


def withdrawal_attrs(tok: Token, span: Span) -> list[tuple[str, object]]:
    attrs: list[tuple[str, object]] = []
    place = None
    # "pull back from the river", "pulled out of the town", "the departure of troops from the
    # town": the place may hang off the particle or the forces
    children = [
        *tok.children,
        *(g for c in tok.children if c.dep_ in ("prt", "advmod", "prep") for g in c.children),
        *(g for f in of_objects(tok) for g in f.children),
    ]
    for child in children:
        if (
            child.dep_ == "prep"
            and child.lower_ in ("from", "of", "out")
            and tok.pos_ != "NOUN"
            or (child.dep_ == "prep" and child.lower_ == "from")
        ):
            place = next((g for g in child.children if g.dep_ == "pobj"), None)
        if child.dep_ == "dobj" and tok.lemma_ in word_list("leaving_verbs"):
            place = child
    whole = place is not None and (
        place.lower_ in ("all", "each", "every", "both")
        or any(c.lower_ == "all" and c.dep_ in ("det", "predet") for c in place.children)
    )
    if whole and place.lower_ in ("all", "each", "every", "both"):  # "all of the regions"
        place = next(iter(preposition_objects(place, "of")), None)
    if place is not None and span.start <= place.i < span.end and not is_place_anaphor(place):
        text = (
            span.doc[place.left_edge.i : place.right_edge.i + 1].text
            if place.dep_ == "pobj" and place.head.lower_ == "of"
            else span.doc[place.left_edge.i : place.i + 1].text
        )
        attrs.append(("from", re.sub(r"^(the|a|its|their)\s+", "", text, flags=re.I)))
    subject = (
        clause_subject(tok)
        if tok.pos_ == "VERB"
        else next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    )
    total = (
        whole
        or completed(tok)
        or is_permanent(tok)
        or any(
            c.lower_ in word_list("completeness_adverbs")
            for c in tok.children
            if c.dep_ == "advmod"
        )
        or (
            subject is not None
            and any(
                c.lower_ in ("all", "every") for c in subject.subtree if c.dep_ in ("det", "predet")
            )
        )
    )
    # a withdrawal from a place the text does not call complete is a partial one ("pull back from
    # the towns"); of one with no place the text says too little
    if total or attrs:
        attrs.append(("complete", bool(total)))
    return attrs


def is_place_anaphor(place: Token) -> bool:
    """Is ``place`` a noun of ``anaphoric_place_nouns.txt`` after "the" and nothing else ("leave
    the country"), which names no place of its own?

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("Troops will leave the country and the northern territory.")
    >>> is_place_anaphor(doc[4]), is_place_anaphor(doc[8])
    (True, False)
    """
    return place.lower_ in word_list("anaphoric_place_nouns") and [
        c.lower_ for c in place.lefts
    ] == ["the"]


def completed(tok: Token) -> bool:
    """Is the withdrawal noun ``tok`` the object of a verb of finishing ("complete its withdrawal")?

    >>> from kg.annotate import load_pipeline
    >>> [completed(t) for t in load_pipeline()("The army will complete its withdrawal.") if t.lower_ == "withdrawal"]
    [True]
    """
    return (
        tok.pos_ == "NOUN"
        and tok.dep_ == "dobj"
        and tok.head.lemma_ in word_list("completing_verbs")
    )


def terms_in(
    span: Span, actors_of: ActorsOf | None = None, named_groups: bool = False
) -> list[Term]:
    """Every term stated in ``span``, without repeats; ``actors_of`` (a token → the actors it refers
    to) lets a release say who frees the people; ``named_groups``: a release of no number that
    names whom it frees is a term (see :func:`release_terms`)."""
    matches = ratio_matches(span)
    ratios = [term for term, _ in matches]
    # "four detainees for every sailor" is a rate; "412 detainees for one pilot" is also a count
    rates = tuple(int(term.get("ratio")) for term, per_head in matches if per_head)
    extensions = extension_terms(span)
    pauses = [
        t
        for t in pause_terms(span)
        if not any(t.get("durationDays") == x.get("durationDays") for x in extensions)
    ]  # the extra day
    ratios = ratios or times_ratios(span)
    stated = rates if not ratios or rates else None  # a ratio stated in another form: none derived
    found = (
        pauses
        + ratios
        + withdrawal_terms(span)
        + release_terms(span, stated, actors_of, named_groups)
        + extensions
    )
    return list(dict.fromkeys(found))
