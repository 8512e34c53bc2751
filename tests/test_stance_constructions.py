"""Stances stated by a construction rather than a reporting verb: threats with a condition,
obligations a speaker lays on another side, commitments and backing, and the holders a
pronoun or a group of members stand for.

Every sentence here is written for the test; each construction has sentences that must yield
nothing (hopes, questions, conditions told of nobody's act, predictions).
"""

from __future__ import annotations

import pytest
from conftest import extract_text


def stances(text: str) -> set[tuple[str, str]]:
    return {(p.holder.label, s) for p in extract_text(text).positions for s in p.stances}


def rules(text: str) -> set[str]:
    return {p.rule for p in extract_text(text).positions}


# --- threats: what a side will do if its condition is not met ------------------------------------


@pytest.mark.parametrize(
    "text, holder",
    [
        (
            "General Ortiz said troops would be sent back to the valley if the militia failed "
            "to disarm.",
            "Ortiz",
        ),
        (
            "If Colombia did not abide by the accord, Marquez said, the fighting would resume.",
            "Marquez",
        ),
        (
            "Ecuador said it kept the right to respond strongly if the truce were violated.",
            "Ecuador",
        ),
        (
            "The Workers Union said its members would resign from the board if the pay deal was "
            "approved.",
            "Workers Union",
        ),
    ],
)
def test_a_threat_with_a_condition_is_the_speakers_red_line(text, holder):
    found = stances(text)
    assert (holder, "RedLine") in found and (holder, "Demands") in found


@pytest.mark.parametrize(
    "text",
    [
        "If it rains, the match in Quito would stop early.",  # nobody's act, nobody says it
        "Do the rebels say they would resume the offensive if the talks fail?",  # a question
        "Santos hopes that if the talks fail the rebels would not resume the offensive.",  # a hope
        # the threat verb is the subject of a judgement, not what the speaker will do
        "Marquez said that returning the land would be important if peace was to last.",
    ],
)
def test_conditions_that_threaten_nothing_are_no_threat(text):
    assert "stance-construction:threat" not in rules(text)


# --- obligations a speaker lays on another side ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The next step, Marquez said, should be a ceasefire across the whole country.",
        "Marquez said the talks should be held behind closed doors.",
        "Marquez said that Ecuador had to withdraw its troops first.",
    ],
)
def test_what_a_speaker_says_another_side_ought_to_do_is_the_speakers_demand(text):
    found = stances(text)
    assert ("Marquez", "Demands") in found
    assert ("Ecuador", "Demands") not in found  # who must do it does not demand it


@pytest.mark.parametrize(
    "text",
    [
        "The truce should hold until Friday.",  # told by nobody
        "Marquez said the rebels should be able to leave by Sunday.",  # a prediction
        "Civilians in Quito had to flee their homes.",  # a narrated necessity
        "Marquez said the talks went on as they should.",  # no act demanded
    ],
)
def test_obligations_nobody_demands_are_no_demand(text):
    assert not {s for s in stances(text) if s[1] == "Demands"}


# --- commitments, backing, rejection without a reporting verb -------------------------------------


def test_remaining_committed_to_an_agreement_accepts_it():
    assert ("Ecuador", "Accepts") in stances("Ecuador remained fully committed to the agreement.")


def test_standing_by_a_deal_accepts_it_and_objecting_to_it_rejects_it():
    found = stances(
        "The Workers Union stood by the deal. The Port Authority objected to two of its clauses."
    )
    assert ("Workers Union", "Accepts") in found
    assert ("Port Authority", "Rejects") in found


def test_a_boycott_of_talks_rejects_them():
    assert ("Workers Union", "Rejects") in stances("The Workers Union boycotted the talks in Lima.")


def test_greeting_a_person_is_no_stance_but_greeting_an_agreement_is():
    assert not stances("Governor Anna Berg greeted Marquez at the airport.")
    assert not stances("Governor Anna Berg had planned to greet them at the airport.")
    assert ("Anna Berg", "Accepts") in stances("Governor Anna Berg greeted the agreement warmly.")


def test_a_commitment_that_is_only_hoped_for_is_none():
    assert not stances("Ecuador hopes the rebels will remain committed to the agreement.")


# --- holders ---------------------------------------------------------------------------------------


def test_everyone_a_trailing_attribution_names_backs_the_deal():
    found = stances(
        "Senator Ruiz, Governor Pena and Mayor Castro all backed the accord, Santos added."
    )
    assert {("Ruiz", "Accepts"), ("Pena", "Accepts"), ("Castro", "Accepts")} <= found
    assert ("Santos", "Accepts") not in found


def test_a_pronoun_opening_a_sentence_continues_the_last_subject():
    text = (
        "The Workers Union greeted the offer with relief. "
        "On Friday it urged ministers not to delay the vote."
    )
    assert ("Workers Union", "Demands") in stances(text)


def test_a_pronoun_with_no_subject_before_it_holds_nothing():
    assert not stances("On Friday it urged ministers not to delay the vote.")


def test_a_pronoun_does_not_reach_into_another_paragraph():
    text = (
        "The Workers Union greeted the offer with relief.\n"
        "On Friday it urged ministers not to delay the vote."
    )
    assert ("Workers Union", "Demands") not in stances(text)


# --- conditions set, refused and made ---------------------------------------------------------------


def test_the_subject_of_a_relative_clause_on_a_condition_rejects_it_not_the_speaker():
    found = stances(
        "Lima insisted that the monitors leave first, a condition the Workers Union rejected."
    )
    assert ("Workers Union", "Rejects") in found
    assert ("Peru", "Rejects") not in found


def test_a_condition_a_side_adds_or_sets_is_its_demand():
    assert ("Peru", "Demands") in stances(
        "Peru had added a condition: that the wounded be evacuated first."
    )
    assert ("Workers Union", "Demands") in stances(
        "The deal follows the four conditions set by the Workers Union in May."
    )


def test_a_condition_nobody_sets_is_no_demand():
    assert not stances("The condition of the road to Quito was poor.")


def test_agreeing_on_condition_and_the_only_acceptable_outcome_are_red_lines():
    assert ("Marquez", "RedLine") in stances(
        "Marquez said the truce had been agreed on condition that both men were freed."
    )
    assert ("Marquez", "RedLine") in stances(
        "Marquez said full disarmament was the only acceptable outcome."
    )


def test_a_commitment_is_acceptance_and_no_commitment_a_refusal():
    assert ("Ecuador", "Accepts") in stances(
        "Marquez said the text contained Ecuador's commitment to work towards freeing the two men."
    )
    assert ("Marquez", "Rejects") in stances(
        '"Ecuador has made no commitment to free the prisoners," Marquez said.'
    )


def test_a_commitment_someone_demands_is_not_yet_given():
    found = stances("Marquez demanded a commitment that Ecuador would withdraw its troops.")
    assert ("Marquez", "Accepts") not in found and ("Marquez", "Demands") in found


def test_a_condition_a_side_rejects_after_a_call_for_it_is_that_sides_refusal():
    found = stances("Lima called for talks before any vote, a condition Ecuador rejected.")
    assert ("Ecuador", "Rejects") in found and ("Peru", "Rejects") not in found


def test_a_judgement_noun_inside_a_name_is_nobodys_judgement():
    found = stances("Marquez met the Liberation movement, the Workers Union, on Monday.")
    assert not {s for s in found if s[1] == "Assessment"}


def test_it_going_on_from_a_quote_is_the_organization_that_spoke_before():
    found = stances(
        "The Workers Union said the offer from the Port Authority was late. "
        '"We will not accept this," it added.'
    )
    assert ("Workers Union", "Rejects") in found
    assert ("Port Authority", "Rejects") not in found


def test_it_after_a_sentence_nobody_spoke_in_holds_nothing():
    found = stances(
        'The Workers Union met the Port Authority on Monday. "We will not accept this," it said.'
    )
    assert not {s for s in found if s[1] == "Rejects"}


def test_he_after_a_side_named_in_his_own_sentence_is_that_side():
    found = stances(
        '"The offer is late," Foreign Minister Pedro Marquez said. Governor Anna Berg backed the '
        "plan, which she said must be signed by Friday."
    )
    assert ("Anna Berg", "Demands") in found and ("Pedro Marquez", "Demands") not in found
