"""Structured terms of a proposal, read from one sentence: pauses, ceasefires, ratios, releases, withdrawals.

Each finder looks for the words of ``kg/data/term_words.tsv`` and reads the
numbers around them (digits or words: "60-day", "two months", "four and a half
months", "1,500"), so that a term is a typed record with its figures.
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache

from spacy.tokens import Span, Token

from ..facts import Term
from ..timeline import duration_days, parse_number
from ..vocab import data_lines, word_list

END_OF_WAR = re.compile(r"\bend(?:ing)?\s+(?:to\s+|of\s+)?the\s+(?:war|fighting|conflict|hostilities)\b", re.I)
RATIO = re.compile(r"\b(?P<n>\d[\d,]*|[a-z]+)\s+(?P<given>(?:[A-Za-z-]+\s+){0,3}?[A-Za-z-]+)\s+"
                   r"(?:for|per|in exchange for|in return for)\s+(?:each|every|one|a single|1)\s+"
                   r"(?P<received>(?:[A-Za-z-]+\s+){0,2}[A-Za-z-]+)", re.I)
RATIO_COLON = re.compile(r"\b(?P<n>\d+)\s*(?::|to)\s*1\b")
PHASE_START = re.compile(r"\b(?:beginning|starting|first)\s+with\s+(?P<group>[^,.;]+)", re.I)
FIRST_STAGE = re.compile(r"\b(?:first|initial)\s+(?:stage|phase)\b|\binitially\b", re.I)


@lru_cache(maxsize=1)
def term_words() -> dict[str, str]:
    return {w.lower(): fam for w, fam in csv.reader(data_lines("term_words.tsv"), delimiter="\t")}


@lru_cache(maxsize=1)
def count_qualifiers() -> list[tuple[str, str]]:
    rows = [tuple(r) for r in csv.reader(data_lines("count_qualifiers.tsv"), delimiter="\t")]
    return sorted(rows, key=lambda r: -len(r[0]))


def family(tok: Token) -> str | None:
    found = term_words().get(tok.lower_) or term_words().get(tok.lemma_.lower())
    if found == "release" and tok.lemma_.lower() in ("exchange", "swap") and tok.pos_ == "VERB":
        return None  # "remains would be exchanged": a handover, not a release of people
    return found


def window_text(tok: Token, span: Span) -> str:
    """The words of ``span`` a term's figures are read from: the phrase ``tok`` heads, or its clause for a subject."""
    tokens = list(tok.subtree)
    if tok.dep_ in ("compound", "amod"):
        tokens = list(tok.head.subtree)
    if tok.dep_ in ("nsubj", "nsubjpass") or tok.pos_ == "VERB":
        head = tok.head if tok.pos_ != "VERB" else tok
        tokens = [t for t in head.subtree if not (t.dep_ in ("ccomp", "conj") and t.head.i == head.i)]
        tokens = sorted({*tokens, *tok.subtree}, key=lambda t: t.i)
    return " ".join(t.text for t in tokens if span.start <= t.i < span.end)


def is_permanent(tok: Token) -> bool:
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound")]
    if tok.dep_ == "compound":
        mods += [c for c in tok.head.children if c.dep_ == "amod"]
    return any(term_words().get(m.lower_) == "permanent" for m in mods)


def pause_terms(span: Span) -> list[Term]:
    """ "a 60-day pause", "halt the fighting for four and a half months", "a complete ceasefire"."""
    out: list[Term] = []
    for tok in span:
        if family(tok) != "pause":
            continue
        if tok.pos_ == "VERB" and tok.lemma_ != "halt" and tok.dep_ != "amod":
            continue  # "halt the fighting", "a cooling-off window"; not "the truce held"
        if is_permanent(tok):
            out.append(Term("CeasefireTerm", (("permanent", True),)))
            continue
        days = duration_days(window_text(tok, span))
        if days is None:  # "over about 90 days - a cooling-off window": the length just before the phrase
            start = tok.left_edge.i if tok.dep_ not in ("amod", "compound") else tok.head.left_edge.i
            days = duration_days(span.doc[max(start - 6, span.start): start].text)
        if days is not None:
            out.append(Term("PauseTerm", (("durationDays", days),)))
        elif tok.lower_ in ("ceasefire", "cease-fire") and tok.dep_ not in ("compound", "amod"):
            out.append(Term("CeasefireTerm"))
    for m in END_OF_WAR.finditer(span.text):
        if not re.search(r"\b(not|no|never|without)\s+(\w+\s+){0,2}$", span.text[: m.start()]):
            out.append(Term("CeasefireTerm", (("permanent", True),)))  # not "not ending the war"
    return out


def ratio_terms(span: Span) -> list[Term]:
    """ "100 Palestinian prisoners for each Israeli captive" → ratio 100, both groups."""
    out = []
    for m in RATIO.finditer(span.text):
        n = parse_number(m.group("n"))
        given = m.group("given")
        if n is None or not any(w.lower() in word_list("people_nouns") for w in given.split()):
            continue
        received = re.split(r"\b(?:in|at|during|within|and|over|who|which|that)\b", m.group("received"))[0].strip()
        out.append(Term("ExchangeRatioTerm", (("ratio", n if n != int(n) else int(n)), ("givenGroup", given),
                                              ("receivedGroup", received))))
    for m in RATIO_COLON.finditer(span.text):
        if not out:
            out.append(Term("ExchangeRatioTerm", (("ratio", int(m.group("n"))),)))
    return out


def count_of(span: Span) -> tuple[int | None, str | None]:
    """The number of people released in ``span`` and how it is qualified ("more than")."""
    people = word_list("people_nouns")
    for tok in span:
        if tok.lower_ not in people:
            continue
        nums = [c for c in tok.children if c.dep_ == "nummod"]
        if not nums:
            continue
        num = nums[0]
        value = parse_number(" ".join(t.text for t in num.subtree if t.pos_ == "NUM" or t.like_num))
        if value is None:
            continue
        before = span.doc[max(num.left_edge.i - 3, 0): num.i].text.lower()
        qualifier = next((q for words, q in count_qualifiers() if before.endswith(words)), None)
        return int(value), qualifier
    return None, None


def release_terms(span: Span) -> list[Term]:
    """ "more than 100 captives would be freed in stages, beginning with civilian women and children"."""
    words = {family(t) for t in span if not (family(t) == "release" and t.dep_ in ("compound", "amod"))}
    if "release" not in words:
        return []  # "the exchange stages", "a release ratio": the word qualifies something else
    attrs: list[tuple[str, object]] = []
    count, qualifier = count_of(span)
    if count is not None:
        attrs.append(("count", count))
        if qualifier:
            attrs.append(("countQualifier", qualifier))
    if "phased" in words:
        attrs.append(("phased", True))
    group = priority_group(span)
    if group:
        attrs.append(("priorityGroup", group))
    if not attrs and not re.search(r"\b(prisoner|hostage|captive)s?\s+(exchange|swap|release)s?\b", span.text, re.I):
        return []
    return [Term("ReleaseTerm", tuple(attrs))]


def priority_group(span: Span) -> str | None:
    m = PHASE_START.search(span.text)
    if m:
        return m.group("group").strip()
    if FIRST_STAGE.search(span.text):
        for tok in span:
            if family(tok) == "release" and tok.pos_ == "VERB":
                obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
                if obj is not None:
                    tokens = [t for t in obj.subtree]
                    end = next((t.i for t in tokens if t.lower_ in ("in", "while") and t.dep_ == "prep"), tokens[-1].i + 1)
                    return span.doc[obj.left_edge.i: end].text.strip(" ,")
    return None


def withdrawal_terms(span: Span) -> list[Term]:
    """ "a complete Israeli withdrawal from the Gaza Strip", "a total withdrawal of Russian troops"."""
    out = []
    for tok in span:
        if family(tok) != "withdrawal":
            continue
        attrs: list[tuple[str, object]] = []
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "from":
                obj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    place = span.doc[obj.left_edge.i: obj.i + 1].text
                    attrs.append(("from", re.sub(r"^(the|a)\s+", "", place, flags=re.I)))
        if is_permanent(tok):
            attrs.append(("complete", True))
        out.append(Term("WithdrawalTerm", tuple(attrs)))
    return out


def terms_in(span: Span) -> list[Term]:
    """Every term stated in ``span``, without repeats."""
    ratios = ratio_terms(span)
    found = pause_terms(span) + ratios + withdrawal_terms(span) + ([] if ratios else release_terms(span))
    return list(dict.fromkeys(found))
