"""Proposals as things an article talks about: each mention resolved to its own proposal, with
its proposer from its own syntax and the terms it governs. Sentences of our own."""

from datetime import date

import pytest
from conftest import extract_text


def proposals_of(text, published="2024-01-28"):
    """Each proposal of ``text`` as (proposer labels, [(term kind, attrs)])."""
    return [
        (
            sorted(r.label for r in p.proposers),
            [(t.kind, dict(t.attrs)) for t in p.terms],
        )
        for p in extract_text(text, published).proposals
    ]


def terms_of(text, proposer, published="2024-01-28"):
    return [t for who, terms in proposals_of(text, published) if proposer in who for t in terms]


def test_a_recalled_deal_takes_its_makers_from_its_own_clause_and_keeps_its_terms():
    text = (
        "Chad and Niger agreed a truce on Monday. An accord reached by the United Nations and "
        "Mali in March 2011 had set out a truce of six months and the withdrawal of militia units "
        "from Kousseri."
    )
    found = proposals_of(text)
    recalled = [terms for who, terms in found if who == ["Mali", "United Nations"]]
    assert recalled == [
        [
            ("PauseTerm", {"durationDays": 180}),
            ("WithdrawalTerm", {"from": "Kousseri", "complete": False}),
        ]
    ]
    # the deal of the news is not credited with the old deal's terms, nor its makers with it
    news = [terms for who, terms in found if "Chad" in who]
    assert news and all(("PauseTerm", {"durationDays": 180}) not in t for t in news)
    assert all("United Nations" not in who for who, _ in found if "Chad" in who)


def test_a_deal_dated_by_the_verb_it_is_subject_of_is_a_recalled_one_with_its_broker():
    found = proposals_of(
        "The ceasefire pact the United Nations mediated for the herders was initialled in "
        "April 1997."
    )
    assert found == [(["United Nations"], [("CeasefireTerm", {})])]


def test_a_pronoun_that_proposes_refers_to_the_last_proposer_of_the_paragraph():
    text = (
        "Chad's offers to the rebels in the spring came to nothing. By late summer it was "
        "proposing a three-day pause in the bombing of the river towns."
    )
    assert ("PauseTerm", {"durationDays": 3}) in terms_of(text, "Chad")


def test_the_proposer_speaking_again_in_the_paragraph_goes_on_with_its_proposal():
    text = (
        "President Idriss Deby of Chad said on Friday that he and Niger would propose a round "
        "of talks in Accra. What should follow, he added, is a ceasefire along the border."
    )
    found = proposals_of(text)
    assert found == [(["Idriss Deby", "Niger"], [("CeasefireTerm", {})])]


def test_the_speaker_naming_the_deal_of_the_news_is_not_going_on_with_his_own_plan():
    text = (
        "Chad and Niger signed a truce on Monday. Idriss Deby of Chad said the truce follows "
        "closely the scheme of his own from 2021. Should the talks drag past six weeks, he "
        "added, the truce will hold."
    )
    deby = [terms for who, terms in proposals_of(text) if who == ["Idriss Deby"]]
    assert all(not terms for terms in deby)


def test_two_mentions_of_one_plan_at_the_same_time_are_one_proposal():
    text = (
        "Idriss Deby told the assembly the accord copies the scheme he proposed in March last "
        "year. Deby's March plan called first for a truce of 42 days."
    )
    deby = [terms for who, terms in proposals_of(text) if who == ["Idriss Deby"]]
    assert deby == [[("PauseTerm", {"durationDays": 42})]]


def test_two_proposals_in_one_paragraph_each_keep_their_own_terms():
    text = (
        "Chad proposed a 30-day truce on Monday. Niger offered to free 20 prisoners, "
        "while Mali put forward a plan for a withdrawal of troops from Kousseri."
    )
    assert terms_of(text, "Chad") == [("PauseTerm", {"durationDays": 30})]
    assert [k for k, _ in terms_of(text, "Niger")] == ["ReleaseTerm"]
    assert terms_of(text, "Mali") == [("WithdrawalTerm", {"from": "Kousseri", "complete": False})]


@pytest.mark.parametrize(
    "text",
    [
        "Chad unveiled a plan for a new football stadium in the capital.",
        "Chad's plan to build a dam on the river was criticised by farmers.",
    ],
)
def test_a_plan_for_something_else_is_no_proposal(text):
    assert proposals_of(text) == []


def test_a_plan_for_a_negotiation_matter_stays_a_proposal():
    assert proposals_of("Chad unveiled a plan for peace with Niger.") == [(["Chad"], [])]


def test_a_negated_term_is_no_term():
    text = "Chad's plan did not include a withdrawal of troops from Kousseri."
    assert terms_of(text, "Chad") == []


@pytest.mark.parametrize(
    "text, attrs",
    [
        (
            "Chad offered a truce if Niger pulled its troops out of Kousseri.",
            {"from": "Kousseri", "complete": False},
        ),
        (
            "Chad proposed the departure of foreign forces from Kousseri.",
            {"from": "Kousseri", "complete": False},
        ),
    ],
)
def test_forces_pulled_out_of_or_departing_from_a_place_are_a_withdrawal(text, attrs):
    assert ("WithdrawalTerm", attrs) in terms_of(text, "Chad")


def test_a_departure_of_people_who_are_not_forces_is_no_withdrawal():
    text = "Chad proposed a truce after the departure of the minister from Kousseri."
    assert [k for k, _ in terms_of(text, "Chad")] == ["PauseTerm"]


@pytest.mark.parametrize(
    "text",
    [
        "Chad and Niger signed an accord on Monday. All fighting is to end at dawn.",
        "Chad and Niger signed an accord on Monday, vowing to end a decades-long war.",
    ],
)
def test_the_end_of_hostilities_as_a_provision_is_a_permanent_ceasefire(text):
    assert ("CeasefireTerm", {"permanent": True}) in terms_of(text, "Chad")


def test_a_war_that_will_not_end_is_no_ceasefire():
    text = "Chad proposed talks with Niger. Chad said the war would not end soon."
    assert terms_of(text, "Chad") == []


def test_a_recalled_deal_is_dated_by_its_own_clause():
    found = extract_text(
        "A truce that Chad and Niger reached in June 2015 set out a 30-day pause."
    ).proposals
    assert [p.when.earliest for p in found] == [date(2015, 6, 1)]


def test_a_mediator_of_a_country_proposes_as_mediator_not_for_the_country():
    text = "The accord mirrors a plan drawn up in 2019 by a Chadian mediator."
    assert [who for who, _ in proposals_of(text)] == [["Chadian mediator"]]
    officials = "Chadian officials floated a plan for a 30-day truce."
    assert [who for who, _ in proposals_of(officials)] == [["Chad"]]


def test_a_deal_the_article_recalls_by_its_verb_lends_nothing_to_the_deal_of_the_news():
    text = (
        "Chad and Niger agreed a truce on Monday. Back in 2009 the neighbours agreed a 60-day "
        "truce that fell apart after four days."
    )
    news = [terms for who, terms in proposals_of(text) if "Chad" in who]
    assert news and all(("PauseTerm", {"durationDays": 60}) not in t for t in news)


def test_a_truce_for_some_purpose_stays_a_proposal_of_a_truce():
    text = "Chad announced a truce to give its envoys room for negotiations with Niger."
    assert ("PauseTerm", {}) in terms_of(text, "Chad")


def test_plans_as_intentions_are_no_proposal_but_offers_are():
    assert proposals_of("Chad's plans include three new airports by the end of the decade.") == []
    assert [who for who, _ in proposals_of("Chad's offers to the rebels came to nothing.")] == [
        ["Chad"]
    ]
