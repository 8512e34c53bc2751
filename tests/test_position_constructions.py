"""Constructions that state a stance, or look like one and state none.

A protest against something rejects it, and the protester holds that stance, never the speaker
who reports the protest. Agreeing to meet plans a meeting (an event), it accepts no deal; asking
a go-between for help demands nothing of the other side. A bare surname the tagger misreads
still names the person the article named in full. A speaker's forecast that another side will
not do something is no red line of the speaker's.

Every sentence here is written for the test.
"""

from __future__ import annotations

import pytest
from conftest import extract_text


def stances_of(text: str) -> set[tuple[str, str]]:
    """(holder, stance) for every stance of the text's positions."""
    return {(p.holder.label, s) for p in extract_text(text).positions for s in p.stances}


def topics_of(text: str, holder: str, stance: str) -> list[str]:
    return [
        p.topic
        for p in extract_text(text).positions
        if p.holder.label == holder and stance in p.stances
    ]


# --- protests --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, holder, topic_word",
    [
        (
            "The Ghana Farmers Union marched in Kumasi and in Tamale against the new cocoa levy.",
            "Ghana Farmers Union",
            "levy",
        ),
        (
            "The Ghana Farmers Union held rallies in Accra against the port tariff.",
            "Ghana Farmers Union",
            "tariff",
        ),
    ],
)
def test_a_protest_against_something_rejects_it(text, holder, topic_word):
    topics = topics_of(text, holder, "Rejects")
    assert topics and topic_word in topics[0]


@pytest.mark.parametrize(
    "text",
    [
        # the protesters are no actor: the officials who report it hold nothing
        "Thousands marched against the levy, officials in Accra said.",
        # a protest only supposed
        "If the levy passes, the Ghana Farmers Union could march against it.",
        # a rally of a currency, no protest
        "The cedi rallied against the dollar on Friday.",
    ],
)
def test_no_rejection_without_a_protester(text):
    assert not {s for s in stances_of(text) if s[1] == "Rejects"}


# --- meetings and requests for help ----------------------------------------------------------------


def test_agreeing_to_meet_accepts_nothing():
    text = "The Dockworkers Union agreed to meet the port authority in Lagos next week."
    assert ("Dockworkers Union", "Accepts") not in stances_of(text)
    # what is agreed to is a proposal: that is acceptance
    assert ("Dockworkers Union", "Accepts") in stances_of(
        "The Dockworkers Union agreed to the wage offer."
    )


def test_asking_a_go_between_for_help_demands_nothing():
    assert ("Zambia", "Demands") not in stances_of(
        "Zambia asked Norway to help end the border dispute."
    )
    assert ("Zambia", "Demands") in stances_of(
        "Zambia asked Malawi to withdraw its troops from the border."
    )


# --- holders ---------------------------------------------------------------------------------------


def test_a_misread_surname_still_names_the_person():
    text = (
        "President Luis Mendes opened the summit in Lima on Monday. Mendes has said there can be "
        "no talks with the militia until it releases every captive."
    )
    assert ("Luis Mendes", "RedLine") in stances_of(text)


def test_a_surname_shared_by_two_people_names_neither():
    text = (
        "President Luis Mendes met Ana Mendes in Lima on Monday. Mendes has said there can be "
        "no talks with the militia until it releases every captive."
    )
    assert not {s for s in stances_of(text) if s[1] == "RedLine"}


# --- a forecast of another side's refusal ----------------------------------------------------------


def test_a_speaker_forecasting_another_sides_refusal_draws_no_red_line():
    text = "Zambian Foreign Minister Ana Lobo said Malawi would not seek a real settlement."
    assert ("Ana Lobo", "RedLine") not in stances_of(text)


def test_a_speakers_own_side_refusing_is_a_red_line():
    text = "Zambian Foreign Minister Ana Lobo said Zambia would not seek a new loan."
    assert ("Ana Lobo", "RedLine") in stances_of(text)
