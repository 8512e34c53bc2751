"""Quoted judgements: a speaker's evaluation is that speaker's Assessment, even when it does not
name the deal or the talks; a quoted report of an act or a plan, a reported state and a report of
what a proposal holds are none."""

import pytest

from tests.conftest import extract_text


def assessments(text: str) -> list[tuple[str, str]]:
    return [
        (p.holder.label, p.rule) for p in extract_text(text).positions if "Assessment" in p.stances
    ]


@pytest.mark.parametrize(
    "text",
    [
        '"The only winner of this war is the smuggler," Governor Tomas Ferreira told the crowd.',
        '"There can be no calm here while there is no justice," Governor Tomas Ferreira said.',
        '"Our town is a prison now," Governor Tomas Ferreira told reporters in the square.',
    ],
)
def test_a_quoted_judgement_is_the_speakers_assessment(text):
    assert any(
        holder == "Tomas Ferreira" and rule.startswith("stance-quotation")
        for holder, rule in assessments(text)
    ), extract_text(text).positions


@pytest.mark.parametrize(
    "text",
    [
        # a quoted report of an act: the strong word names what happened, it judges nothing
        '"Two guards were hurt in the attack on the depot," Governor Tomas Ferreira said.',
        # a quoted announcement, and a quoted promise under a condition
        '"We leave for the coast at noon," Governor Tomas Ferreira said.',
        '"If the shelling stops, there will be peace by spring," Governor Tomas Ferreira said.',
        # a strong word in the subject of "to be": what is said of it is a time or a place
        '"The attack on the depot was at dawn," Governor Tomas Ferreira said.',
        '"The killings were near the old market," Governor Tomas Ferreira said.',
        # "there was" with a strong word reports that something happened
        '"There was heavy fighting near the ferry landing," Governor Tomas Ferreira said.',
        '"There were two bomb attacks in the harbour district," Governor Tomas Ferreira said.',
        # a strong word that only says what kind of thing it is
        '"There were no plans for an emergency session," Governor Tomas Ferreira said.',
        # a quotation nobody is said to speak
        '"The only winner of this war is the smuggler."',
        # "called" naming, not judging
        "Governor Tomas Ferreira called the operation Harvest Moon.",
        "A militia called the Night Eagles controls the road, Governor Tomas Ferreira said.",
    ],
)
def test_no_assessment_from_quoted_acts_plans_kinds_or_names(text):
    assert not assessments(text), extract_text(text).positions


@pytest.mark.parametrize(
    "text",
    [
        # a reported state, not a judgement, though VADER gives the word a strong valence
        "Governor Tomas Ferreira said both pilots of the downed plane were alive.",
        "Governor Tomas Ferreira said the ferry crews were ready to sail.",
    ],
)
def test_no_assessment_from_a_reported_state(text):
    assert not assessments(text), extract_text(text).positions


def test_a_verb_that_hails_states_one_assessment_not_a_second_claim():
    found = assessments("Governor Tomas Ferreira hailed the prisoner swap as a turning point.")
    assert [h for h, _ in found] == ["Tomas Ferreira"], found


def test_a_judgement_inside_an_assessing_verbs_clause_is_part_of_that_assessment():
    found = assessments(
        "Governor Tomas Ferreira thanked the Red Cross for a convoy he called a brave mission."
    )
    assert [h for h, _ in found] == ["Tomas Ferreira"], found


@pytest.mark.parametrize(
    "text",
    [
        # what a proposal holds, who put one forward, how a side answered one
        "Governor Tomas Ferreira said the ministry's plan foresaw a ten-day pause in the shelling.",
        "Governor Tomas Ferreira said the rebel council had floated a two-stage plan.",
        "Governor Tomas Ferreira said both camps had responded to the proposal for a pause.",
    ],
)
def test_a_speakers_report_of_a_proposal_is_no_assessment(text):
    assert not assessments(text), extract_text(text).positions


@pytest.mark.parametrize(
    "text",
    [
        "Governor Tomas Ferreira said the ministry's plan was a dead end for the talks.",
        "Governor Tomas Ferreira said the offer had collapsed within a week, ending the talks.",
    ],
)
def test_a_speakers_judgement_of_a_proposal_is_still_an_assessment(text):
    assert [h for h, _ in assessments(text)] == ["Tomas Ferreira"], extract_text(text).positions
