"""Dates from the fact's own expression, on sentences of our own."""

from datetime import date

from conftest import extract_text


def agreement_when(text):
    return next(e.when for e in extract_text(text).events if e.kind == "Agreement")


def test_a_comparison_point_is_not_the_date_of_the_fact():
    when = agreement_when(
        "The Miners Guild and the Port Authority agreed to a truce, the first pause in the "
        "dispute since 2016."
    )
    assert when.earliest is not None and when.earliest >= date(2024, 1, 1)


def test_the_fact_s_own_date_is_kept():
    when = agreement_when("The Miners Guild and the Port Authority agreed to a truce on Monday.")
    assert (when.earliest, when.latest) == (date(2024, 1, 22), date(2024, 1, 22))


def test_since_on_the_predicate_itself_still_dates_it():
    facts = extract_text("The Miners Guild has held talks with the Port Authority since 2016.")
    assert any(e.when.earliest == date(2016, 1, 1) for e in facts.events)
