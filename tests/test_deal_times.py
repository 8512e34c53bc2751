"""Releases and deals with their own time and status: arranged releases named by a noun, "not
before" limits, and recalled deals or releases whose clause dates them but names no one.

Sentences of our own; the articles are published on Sunday 28 January 2024.
"""

from datetime import date

import pytest
from conftest import extract_text

OPENING = "Peru and Chile signed a border accord on Sunday. "


def events_of(text, kind):
    return [e for e in extract_text(OPENING + text).events if e.kind == kind]


def described(event):
    return (event.status, event.when.earliest, event.when.latest)


# ---------------------------------------------------------------- arranged releases


def test_a_release_expected_on_a_day_is_a_planned_exchange_on_that_day():
    swaps = events_of(
        "The fishermen's release is expected on Thursday, a ministry aide said.", "Exchange"
    )
    assert [described(e) for e in swaps] == [("Planned", date(2024, 2, 1), date(2024, 2, 1))]


def test_a_release_due_on_a_day_is_a_planned_exchange():
    swaps = events_of("The release of 40 fishermen is due on Wednesday.", "Exchange")
    assert [described(e) for e in swaps] == [("Planned", date(2024, 1, 31), date(2024, 1, 31))]


def test_releases_that_will_not_start_before_a_day_are_planned_from_that_day_on():
    swaps = events_of("An aide said the releases will not start before Friday.", "Exchange")
    assert [described(e) for e in swaps] == [("Planned", date(2024, 2, 2), None)]


def test_a_release_of_a_text_is_no_exchange():
    assert events_of("The release of the annual report is expected on Thursday.", "Exchange") == []


def test_a_release_told_as_done_or_welcomed_is_no_arranged_exchange():
    assert events_of("Their release was welcomed by the fishing unions.", "Exchange") == []
    assert events_of("The release of the fishermen was a relief, the mayor said.", "Exchange") == []


def test_a_release_only_hoped_for_is_no_exchange():
    assert events_of("Families hope their release will come on Thursday.", "Exchange") == []


def test_releases_that_will_start_before_a_day_keep_that_day_as_their_latest():
    swaps = events_of("An aide said the releases will start before Friday.", "Exchange")
    assert [e.when.latest for e in swaps] == [date(2024, 2, 2)]


def test_a_start_that_is_not_limited_by_a_day_stays_negated():
    assert events_of("An aide said the releases will not start.", "Exchange") == []


# ---------------------------------------------------------------- recalled, dated, unnamed


def test_a_dated_passive_signing_is_an_agreement_of_that_time_between_the_sides():
    deals = events_of(
        "An earlier accord mediated by Brazil was signed in March 2009 but collapsed within weeks.",
        "Agreement",
    )
    recalled = [e for e in deals if e.when.earliest == date(2009, 3, 1)]
    assert [(described(e), {p.label for p in e.participants}) for e in recalled] == [
        (("Occurred", date(2009, 3, 1), date(2009, 3, 31)), {"Peru", "Chile"})
    ]


def test_a_dated_release_by_it_is_an_exchange_of_that_year():
    swaps = events_of("In 1997 it freed some 300 fishermen for two officers.", "Exchange")
    assert [described(e) for e in swaps] == [("Occurred", date(1997, 1, 1), date(1997, 12, 31))]


@pytest.mark.parametrize(
    "sentence",
    [
        "An accord was signed, officials said.",  # undated
        "The new fisheries budget was signed in March.",  # dated, but no deal
    ],
)
def test_a_passive_signing_undated_or_of_no_deal_adds_no_agreement(sentence):
    deals = events_of(sentence, "Agreement")
    assert len(deals) == 1  # the opening's own signing only


def test_a_deals_text_agreed_on_a_day_is_an_agreement_between_the_sides():
    deals = events_of("Its terms were agreed by then, on January 9.", "Agreement")
    recalled = [e for e in deals if e.when.earliest == date(2024, 1, 9)]
    assert [{p.label for p in e.participants} for e in recalled] == [{"Peru", "Chile"}]


def test_a_dated_passive_deal_that_names_another_party_is_not_between_the_sides():
    deals = events_of("A trade pact with Japan was signed in March 2021.", "Agreement")
    recalled = [e for e in deals if e.when.earliest == date(2021, 3, 1)]
    assert all({p.label for p in e.participants} != {"Peru", "Chile"} for e in recalled)


def test_a_dated_passive_deal_between_two_named_parties_is_theirs():
    deals = events_of(
        "Bolivia signed a gas deal on Monday. A water accord between Bolivia and Paraguay was "
        "signed in March 2021.",
        "Agreement",
    )
    recalled = [e for e in deals if e.when.earliest == date(2021, 3, 1)]
    assert [{p.label for p in e.participants} for e in recalled] == [{"Bolivia", "Paraguay"}]


def test_a_text_released_in_a_month_is_no_exchange():
    assert events_of("The annual report was released in March.", "Exchange") == []


def test_freeing_a_thing_is_no_exchange():
    assert events_of("In 1997 it freed the port from debt.", "Exchange") == []


# ---------------------------------------------------------------- comparisons and connectives


def test_a_year_after_a_superlative_is_a_comparison_not_the_time_of_the_release():
    swaps = events_of(
        "Chile freed 30 Peruvian fishermen, its largest release since 1995.", "Exchange"
    )
    assert swaps and all(e.when.earliest != date(1995, 1, 1) for e in swaps)


def test_a_year_after_a_superlative_noun_of_people_is_a_comparison_too():
    swaps = events_of(
        "Chile and Peru carried out their largest exchange of captives since 2011.", "Exchange"
    )
    assert swaps and all(e.when.earliest != date(2011, 1, 1) for e in swaps)


def test_in_exchange_for_adds_no_second_exchange():
    swaps = events_of("Chile freed 30 Peruvian fishermen in exchange for two pilots.", "Exchange")
    assert len(swaps) == 1
