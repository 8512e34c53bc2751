"""Who holds a stance when a speaker tells of it, and which sentences hold no acceptance at all.

A speaker who reports that another side accepted or refused something reports it: that side holds
the stance. A stance whose subject is a body the article names no actor for ("the two sides", "the
whole cabinet") is not the speaker's. A side's envoys act for it ("negotiators for X"). An
acceptance under a refusal ("refused to accept") is no acceptance. A condemning judgement of a
proposal ("called the offer reckless") rejects it as well as judging it.

Every sentence here is written for the test.
"""

from __future__ import annotations

import pytest
from conftest import extract_text, labels


def held(text: str) -> dict[tuple[str, str], object]:
    """(holder, stance) → the position, for every stance of the sentence's positions."""
    return {(p.holder.label, s): p for p in extract_text(text).positions for s in p.stances}


# --- a speaker reporting on another side --------------------------------------------------------


@pytest.mark.parametrize(
    "text, side, stance, speaker",
    [
        (
            "Foreign Minister Kofi Osei said Togo had agreed to reopen the border post.",
            "Togo",
            "Accepts",
            "Kofi Osei",
        ),
        (
            "Senator Ruth Abara told reporters that Benin had rejected the toll plan.",
            "Benin",
            "Rejects",
            "Ruth Abara",
        ),
        (
            "Kofi Osei, the trade envoy, said the Farmers Union had backed the quota.",
            "Farmers Union",
            "Accepts",
            "Kofi Osei",
        ),
    ],
)
def test_a_speaker_telling_of_another_sides_act_reports_it(text, side, stance, speaker):
    found = held(text)
    assert (side, stance) in found
    assert speaker in labels(found[(side, stance)].reported_by)
    assert (speaker, stance) not in found


@pytest.mark.parametrize(
    "text",
    [
        "Foreign Minister Kofi Osei said both delegations agreed to reopen the border post.",
        "Foreign Minister Kofi Osei said the whole security establishment backed the quota.",
        "Senator Ruth Abara told reporters that the junta had refused the toll plan.",
    ],
)
def test_a_body_the_article_names_no_actor_for_leaves_the_speaker_without_that_stance(text):
    found = held(text)
    assert not [k for k in found if k[1] in ("Accepts", "Rejects")]


def test_a_speakers_own_words_stay_the_speakers():
    found = held("Foreign Minister Kofi Osei said Togo would accept the quota.")
    assert ("Kofi Osei", "Accepts") in found  # what he says his side will do: not a reported act


def test_the_owner_of_an_unnamed_body_holds_its_stance():
    found = held("Negotiators for the Dock Workers Union rejected the pay offer on Monday.")
    assert ("Dock Workers Union", "Rejects") in found
    assert not [h for h, s in found if s == "Rejects" and h.lower() == "negotiators"]


# --- acceptances that are none -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Togo refused to accept the quota.",
        "Togo declined to endorse the revised quota on Tuesday.",
        "The Dock Workers Union would not convene to approve the offer until Benin paid the arrears.",
    ],
)
def test_an_acceptance_under_a_refusal_is_none(text):
    assert not [k for k in held(text) if k[1] == "Accepts"]


def test_a_refusal_still_rejects_and_a_plain_denial_still_flips():
    assert ("Togo", "Rejects") in held("Togo refused to accept the quota.")
    assert ("Chile", "Rejects") in held("Chile did not accept the quota.")
    assert ("Togo", "Accepts") in held("Togo accepted the quota on Friday.")


# --- a condemnation of a proposal ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Senator Ruth Abara called the quota plan reckless on Friday.",
        "Senator Ruth Abara said the revised offer was deeply unfair.",
        "Senator Ruth Abara called the demands a disgrace.",
    ],
)
def test_condemning_a_proposal_rejects_it(text):
    found = held(text)
    assert ("Ruth Abara", "Rejects") in found and ("Ruth Abara", "Assessment") in found


@pytest.mark.parametrize(
    "text",
    [
        "Senator Ruth Abara called the winter cruel.",  # no proposal judged
        '"It is a painful decision, but a wise one," Senator Ruth Abara said.',  # both ways
        '"It is a difficult decision," Senator Ruth Abara said.',  # a cost, not a condemnation
        "Senator Ruth Abara said the offer was fair.",  # favourable
    ],
)
def test_judgements_that_condemn_no_proposal_reject_nothing(text):
    found = held(text)
    assert not [k for k in found if k[1] == "Rejects"]


def test_demands_that_are_judged_are_not_the_judges_demands():
    found = held("Senator Ruth Abara called the demands a disgrace.")
    assert ("Ruth Abara", "Demands") not in found


# --- refusals without a refusing verb; threats and judgements beside an acceptance -------------------


def test_seeing_no_need_for_something_rejects_it():
    found = held("Peru said it saw no need for outside mediation.")
    assert ("Peru", "Rejects") in found


def test_a_need_nobody_is_said_to_see_rejects_nothing():
    assert not [
        k for k in held("There is no need for panic, the harbour master said.") if k[1] == "Rejects"
    ]


def test_being_ready_to_fight_accepts_nothing_and_ready_to_sign_accepts():
    assert not [
        k
        for k in held("Mayor Ana Mendez said Lima was ready to fight on through the winter.")
        if k[1] == "Accepts"
    ]
    assert [
        k
        for k in held("Mayor Ana Mendez said Lima was ready to sign the accord.")
        if k[1] == "Accepts"
    ]


def test_welcoming_a_deal_as_something_judges_it_too():
    found = held("Peru welcomed the border accord as a fine first step.")
    assert ("Peru", "Accepts") in found and ("Peru", "Assessment") in found


def test_accepting_a_ruling_as_final_is_no_judgement():
    found = held("Peru accepted the border ruling as final.")
    assert ("Peru", "Accepts") in found and ("Peru", "Assessment") not in found


# --- appeals and pushes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Peru appealed to Chile to halt the shelling of the port.",
        "Peru pushed for a full withdrawal of the brigades.",
        "Peru appealed for an immediate pause in the shelling.",
    ],
)
def test_an_appeal_or_a_push_is_a_demand(text):
    assert ("Peru", "Demands") in held(text)


def test_an_appeal_to_a_court_is_no_demand():
    assert ("Peru", "Demands") not in held("Peru has appealed to the Supreme Court.")


def test_a_conjoined_act_keeps_the_subject_it_shares():
    found = held(
        "Foreign Minister Kofi Osei said Peru had left the talks and refused to sign the accord."
    )
    assert ("Peru", "Rejects") in found and ("Kofi Osei", "Rejects") not in found
    assert "Kofi Osei" in labels(found[("Peru", "Rejects")].reported_by)
