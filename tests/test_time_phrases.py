"""The time phrases a clause takes from beyond its own subtree, in sentences of our own.

``appended_time``: a time phrase set off by a comma right after a "when" clause says when that
clause happened, though the parser hangs it on a verb further up. ``quoted_time_phrase``: a
quotation that is nothing but the clause's time phrase gives the clause its time; a quotation
that says more keeps its date to itself.
"""

import pytest

from kg.annotate import load_pipeline
from kg.extract.context import (
    Sentence,
    appended_time,
    clause_tokens,
    date_expressions,
    quoted_time_phrase,
)


def parsed(text, lemma):
    """The sentence of ``text`` and its first token with ``lemma``."""
    doc = load_pipeline()(text)
    trigger = next(t for t in doc if t.lemma_ == lemma)
    return Sentence(par=0, span=doc[:], evidence=None, index=0), trigger


def times_of(text, lemma):
    s, trigger = parsed(text, lemma)
    return date_expressions(s, clause_tokens(trigger))


def quoted_date_is_the_time(text, lemma):
    s, trigger = parsed(text, lemma)
    ids = {t.i for t in clause_tokens(trigger)}
    ent = next(e for e in s.span.ents if e.label_ == "DATE")
    return quoted_time_phrase(s, ent, ids)


# ---------------------------------------------------------------- a time set off after "when"


def test_a_time_set_off_after_a_when_clause_dates_that_clause():
    text = (
        "The strike ended, as it had when the miners last met the owners in Leeds, in March 2009."
    )
    _, met = parsed(text, "meet")
    assert " ".join(t.text for t in appended_time(met)) == "in March 2009"
    assert times_of(text, "meet") == ["in March 2009"]


def test_a_clause_without_when_takes_no_appended_time():
    _, met = parsed(
        "The miners met the owners in Leeds, and the strike ended in March 2009.", "meet"
    )
    assert appended_time(met) == []


# ---------------------------------------------------------------- a quotation that is only a time


@pytest.mark.parametrize(
    "text, lemma, when",
    [
        ('The guild said the vote would be held "next Thursday".', "hold", "next Thursday"),
        ('The mayor said the handover would be signed "by next Friday".', "sign", "by next Friday"),
    ],
)
def test_a_quotation_that_is_only_a_time_phrase_is_the_clause_time(text, lemma, when):
    assert quoted_date_is_the_time(text, lemma)
    assert times_of(text, lemma) == [when]


def test_a_quotation_saying_more_than_a_time_keeps_its_date():
    text = 'The guild said the vote would be held "next Thursday, if the hall is free".'
    assert not quoted_date_is_the_time(text, "hold")
    assert times_of(text, "hold") == []


@pytest.mark.parametrize(
    "text, relative",
    [
        ("The dockers struck in 2009; later that March the owners gave in.", True),
        ("The union warned that may cost the port its busiest month.", False),
        ("The owners said that march through the harbour was peaceful.", False),
    ],
)
def test_that_and_a_month_points_back_only_when_the_month_is_a_name(text, relative):
    from kg.extract.dates import RELATIVE_EXPRESSIONS

    assert bool(RELATIVE_EXPRESSIONS.search(text)) is relative
