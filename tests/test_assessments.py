"""A speaker's reported claim about the deal or the talks is that speaker's Assessment of it."""

import pytest

from tests.conftest import extract_text


def assessments_by(text: str, holder: str) -> list:
    return [
        p
        for p in extract_text(text).positions
        if p.holder.label == holder and "Assessment" in p.stances
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Foreign Minister Lena Varga said the ceasefire was holding despite sporadic shelling.",
        '"The negotiations have stalled," Foreign Minister Lena Varga told reporters on Tuesday.',
        "Foreign Minister Lena Varga warned that the truce could collapse within days.",
        "Foreign Minister Lena Varga told parliament the mediators had made no progress on the plan.",
        "Foreign Minister Lena Varga described the proposal as a trap.",
    ],
)
def test_a_speakers_claim_about_the_deal_or_talks_is_an_assessment(text):
    assert assessments_by(text, "Lena Varga"), extract_text(text).positions


def test_the_assessment_keeps_what_was_claimed_as_its_topic():
    (position,) = assessments_by(
        "Foreign Minister Lena Varga said the ceasefire was holding despite sporadic shelling.",
        "Lena Varga",
    )
    assert "ceasefire was holding" in position.topic
    assert position.rule == "stance-assessment:reported-claim"


@pytest.mark.parametrize(
    "text",
    [
        # the reporter's own description: nobody's assessment
        "The ceasefire was holding on Tuesday despite sporadic shelling.",
        # a claim about something other than the deal or the talks
        "Foreign Minister Lena Varga said the harvest had started early this year.",
        # hypotheticals: a claim under a condition, or a saying that is only supposed
        "Foreign Minister Lena Varga said that if the rebels withdrew, the truce would hold.",
        "Foreign Minister Lena Varga said troops would return to the border if the truce failed.",
        "If Foreign Minister Lena Varga says the talks have failed, markets will fall.",
        # an announcement of what is planned, not a judgement
        "Foreign Minister Lena Varga said the delegation would travel to Cairo on Sunday.",
        # a claim that states a stance is that stance
        "Foreign Minister Lena Varga said her government accepted the truce.",
        # "call" that names no judgement
        "Foreign Minister Lena Varga called the summit for Friday.",
    ],
)
def test_no_assessment_without_a_speakers_asserted_claim_about_the_talks(text):
    assert not assessments_by(text, "Lena Varga"), extract_text(text).positions
