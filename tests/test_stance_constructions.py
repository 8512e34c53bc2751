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
            "Colonel Brandt said his patrols would go back into the delta if the smugglers "
            "refused to pay the fines.",
            "Brandt",
        ),
        (
            "If Mali did not stick to the timetable, Hadid said, the rebels would retaliate.",
            "Hadid",
        ),
        (
            "Chad said it reserved the option to retaliate if its border posts came under fire.",
            "Chad",
        ),
        (
            "The Dock Workers Union said its stewards would quit the council if the wage offer "
            "went through.",
            "Dock Workers Union",
        ),
    ],
)
def test_a_threat_with_a_condition_is_the_speakers_red_line(text, holder):
    found = stances(text)
    assert (holder, "RedLine") in found and (holder, "Demands") in found


@pytest.mark.parametrize(
    "text",
    [
        "If the snow keeps falling, the race in Oslo would end early.",  # nobody's act, nobody says it
        "Does the militia say it would return to the front if the ceasefire collapses?",  # a question
        "Hadid hopes that if the ceasefire collapses the militia would not return to the front.",  # a hope
        # the threat verb is the subject of a judgement, not what the speaker will do
        "Hadid said that rebuilding the schools would be essential if the region was to recover.",
    ],
)
def test_conditions_that_threaten_nothing_are_no_threat(text):
    assert "stance-construction:threat" not in rules(text)


# --- obligations a speaker lays on another side ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The first move, Hadid said, should be an exchange of all detainees.",
        "Hadid said the next round should be hosted in a neutral city.",
        "Hadid said that Mali had to reopen the border crossings first.",
    ],
)
def test_what_a_speaker_says_another_side_ought_to_do_is_the_speakers_demand(text):
    found = stances(text)
    assert ("Hadid", "Demands") in found
    assert ("Mali", "Demands") not in found  # who must do it does not demand it


@pytest.mark.parametrize(
    "text",
    [
        "The calm should last until the weekend.",  # told by nobody
        "Hadid said the detainees should be able to travel home by Thursday.",  # a prediction
        "Farmers near Gao had to abandon their fields.",  # a narrated necessity
        "Hadid said the inspections proceeded as they should.",  # no act demanded
    ],
)
def test_obligations_nobody_demands_are_no_demand(text):
    assert not {s for s in stances(text) if s[1] == "Demands"}


# --- commitments, backing, rejection without a reporting verb -------------------------------------


def test_remaining_committed_to_an_agreement_accepts_it():
    assert ("Mali", "Accepts") in stances("Mali has remained committed to the roadmap throughout.")


def test_standing_by_a_deal_accepts_it_and_objecting_to_it_rejects_it():
    found = stances(
        "The Dock Workers Union stood by the wage plan. The Harbour Board objected to three of its "
        "provisions."
    )
    assert ("Dock Workers Union", "Accepts") in found
    assert ("Harbour Board", "Rejects") in found


def test_a_boycott_of_talks_rejects_them():
    assert ("Dock Workers Union", "Rejects") in stances(
        "The Dock Workers Union boycotted the hearing in Accra."
    )


def test_greeting_a_person_is_no_stance_but_greeting_an_agreement_is():
    assert not stances("Governor Lena Vogt greeted Hadid at the station.")
    assert not stances("Governor Lena Vogt would greet them in person on arrival.")
    assert ("Lena Vogt", "Accepts") in stances("Governor Lena Vogt greeted the plan warmly.")


def test_a_commitment_that_is_only_hoped_for_is_none():
    assert not stances("Mali hopes the militia will remain committed to the roadmap.")


# --- holders ---------------------------------------------------------------------------------------


def test_everyone_a_trailing_attribution_names_backs_the_deal():
    found = stances(
        "Mayor Okafor, Judge Lindqvist and Senator Adeyemi all backed the proposal, Hadid added."
    )
    assert {("Okafor", "Accepts"), ("Lindqvist", "Accepts"), ("Adeyemi", "Accepts")} <= found
    assert ("Hadid", "Accepts") not in found


def test_a_pronoun_opening_a_sentence_continues_the_last_subject():
    text = (
        "The Dock Workers Union welcomed the proposal cautiously. "
        "In a statement it urged the council to hold the ballot without delay."
    )
    assert ("Dock Workers Union", "Demands") in stances(text)


def test_a_pronoun_with_no_subject_before_it_holds_nothing():
    assert not stances("In a statement it urged the council to hold the ballot without delay.")


def test_a_pronoun_does_not_reach_into_another_paragraph():
    text = (
        "The Dock Workers Union welcomed the proposal cautiously.\n"
        "In a statement it urged the council to hold the ballot without delay."
    )
    assert ("Dock Workers Union", "Demands") not in stances(text)


# --- conditions set, refused and made ---------------------------------------------------------------


def test_the_subject_of_a_relative_clause_on_a_condition_rejects_it_not_the_speaker():
    found = stances(
        "Bamako wanted the curfew lifted at once, a condition the Dock Workers Union rejected."
    )
    assert ("Dock Workers Union", "Rejects") in found
    assert ("Mali", "Rejects") not in found


def test_a_condition_a_side_adds_or_sets_is_its_demand():
    assert ("Peru", "Demands") in stances(
        "Peru attached a further condition: that the fishing boats be returned within a week."
    )
    assert ("Dock Workers Union", "Demands") in stances(
        "The compromise meets the three conditions set by the Dock Workers Union last spring."
    )


def test_a_condition_nobody_sets_is_no_demand():
    assert not stances("The condition of the bridge near Gao was alarming.")


def test_agreeing_on_condition_and_the_only_acceptable_outcome_are_red_lines():
    assert ("Hadid", "RedLine") in stances(
        "Hadid said the pause was accepted on condition that the airport reopened."
    )
    assert ("Hadid", "RedLine") in stances(
        "Hadid said a return to the old borders was the only acceptable outcome."
    )


def test_a_commitment_is_acceptance_and_no_commitment_a_refusal():
    assert ("Mali", "Accepts") in stances(
        "Hadid said the draft included Mali's commitment to help reopen the schools."
    )
    assert ("Hadid", "Rejects") in stances(
        '"Mali has given no commitment to lift the curfew," Minister Hadid said.'
    )


def test_a_commitment_someone_demands_is_not_yet_given():
    found = stances(
        "Minister Hadid demanded a firm commitment that Mali would hold elections by June."
    )
    assert ("Hadid", "Accepts") not in found and ("Hadid", "Demands") in found


def test_a_condition_a_side_rejects_after_a_call_for_it_is_that_sides_refusal():
    found = stances("Lima called for an audit before any payment, a condition Mali rejected.")
    assert ("Mali", "Rejects") in found and ("Peru", "Rejects") not in found


def test_a_judgement_noun_inside_a_name_is_nobodys_judgement():
    found = stances("Hadid met the Liberation movement, the Dock Workers Union, on Tuesday.")
    assert not {s for s in found if s[1] == "Assessment"}


def test_it_going_on_from_a_quote_is_the_organization_that_spoke_before():
    found = stances(
        "The Dock Workers Union said the proposal from the Harbour Board came too late. "
        '"We will not accept this," it added.'
    )
    assert ("Dock Workers Union", "Rejects") in found
    assert ("Harbour Board", "Rejects") not in found


def test_it_after_a_sentence_nobody_spoke_in_holds_nothing():
    found = stances(
        'The Dock Workers Union met the Harbour Board on Tuesday. "We will not accept this," it said.'
    )
    assert not {s for s in found if s[1] == "Rejects"}


def test_he_after_a_side_named_in_his_own_sentence_is_that_side():
    found = stances(
        '"The proposal is weak," Foreign Minister Tomas Herrera said. Governor Lena Vogt backed the '
        "scheme, which she said must be ratified by Monday."
    )
    assert ("Lena Vogt", "Demands") in found and ("Tomas Herrera", "Demands") not in found
