"""Attribution as structure: terms on the mention that governs them, holders through the
attribution that governs a stance (issue 18, items 2 to 4).

Every sentence here is written for the test; each rule has sentences that must yield nothing.
"""

from __future__ import annotations

import pytest
from conftest import extract_text, labels


def terms_of(text: str) -> list:
    from kg.annotate import load_pipeline
    from kg.extract.terms import terms_in

    return terms_in(load_pipeline()(text)[:])


def proposals_by(facts, *names: str):
    return [p for p in facts.proposals if labels(p.proposers) == set(names)]


def kinds(terms) -> dict:
    return {t.kind: t for t in terms}


# --- terms: what a negation, "any" and "without" deny -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The envoys left Oslo without a deal on a ten-day truce.",
        "The session broke up after an hour without the 20-day pause the rebels had asked for.",
        "The miners must hand back the depot before any truce.",
    ],
)
def test_a_truce_that_never_came_about_is_no_term(text):
    assert "PauseTerm" not in kinds(terms_of(text))


def test_without_that_qualifies_a_stated_term_keeps_the_condition():
    found = kinds(
        terms_of("The council accepted a truce without a complete withdrawal of the militia.")
    )
    assert found["WithdrawalTerm"].get("complete") is True


def test_the_truce_a_side_demanded_is_its_demand_though_the_talks_ended_without_it():
    facts = extract_text(
        "The talks in Oslo ended without the 20-day truce that Norway had demanded."
    )
    demanded = [t for p in proposals_by(facts, "Norway") for t in p.terms]
    assert [t.get("durationDays") for t in demanded if t.kind == "PauseTerm"] == [20]


# --- terms: figures read from the construction ----------------------------------------------------


def test_a_withdrawal_from_all_of_several_places_is_complete_and_names_the_places():
    found = kinds(
        terms_of("The militia must withdraw its fighters from all of the Kivu and Ituri provinces.")
    )
    assert found["WithdrawalTerm"].attrs == (
        ("from", "Kivu and Ituri provinces"),
        ("complete", True),
    )


def test_completing_a_withdrawal_is_a_complete_one():
    found = kinds(
        terms_of("In the second stage the army would complete its withdrawal from the valley.")
    )
    assert found["WithdrawalTerm"].get("complete") is True


@pytest.mark.parametrize(
    "text",
    [
        "In the first stage the army would pull back from the valley.",
        "The army started its withdrawal from the valley.",
    ],
)
def test_a_partial_or_started_withdrawal_is_not_complete(text):
    assert kinds(terms_of(text))["WithdrawalTerm"].get("complete") is False


@pytest.mark.parametrize(
    "text, days",
    [
        ("They recalled the week-long truce of the spring.", 7),
        ("The month-long pause ended in May.", 30),
        ("A two-week-long ceasefire was agreed.", 14),
    ],
)
def test_a_unit_long_truce_lasts_that_unit(text, days):
    assert kinds(terms_of(text))["PauseTerm"].get("durationDays") == days


def test_a_weeks_long_truce_has_no_stated_length():
    assert (
        kinds(terms_of("A weeks-long truce was agreed."))["PauseTerm"].get("durationDays") is None
    )


def test_a_rate_that_leaves_its_given_group_out_takes_the_one_just_named():
    found = terms_of(
        "The guerrillas are to free 20 detainees for each soldier and 40 for each officer."
    )
    ratios = sorted(
        (t.get("ratio"), t.get("givenGroup"), t.get("receivedGroup"))
        for t in found
        if t.kind == "ExchangeRatioTerm"
    )
    assert ratios == [(20, "detainees", "soldier"), (40, "detainees", "officer")]


def test_a_rate_after_a_counted_group_gives_that_group():
    found = terms_of("The army freed 90 detainees, three for each pilot or mechanic.")
    ratio = kinds(found)["ExchangeRatioTerm"]
    assert (ratio.get("ratio"), ratio.get("givenGroup"), ratio.get("receivedGroup")) == (
        3,
        "detainees",
        "pilot or mechanic",
    )
    assert 90 in [t.get("count") for t in found if t.kind == "ReleaseTerm"]


@pytest.mark.parametrize(
    "text",
    [
        "The club pays 50 for each ticket sold.",
        "Each team scored 3 for every goal.",
    ],
)
def test_a_rate_with_no_people_before_it_is_no_ratio(text):
    assert "ExchangeRatioTerm" not in kinds(terms_of(text))


def test_sides_that_swap_people_release_them():
    assert (
        kinds(terms_of("The two armies swapped 90 detainees on the bridge."))["ReleaseTerm"].get(
            "count"
        )
        == 90
    )


def test_remains_that_are_exchanged_are_no_release():
    assert "ReleaseTerm" not in kinds(terms_of("The remains would be exchanged at the border."))


# --- proposals: a deal that is someone's in particular -------------------------------------------


def test_a_sides_own_truce_is_its_proposal_not_the_terms_of_who_dismisses_it():
    facts = extract_text("Chad dismissed Niger's own ten-day truce around the festival as a ploy.")
    assert [t.get("durationDays") for p in proposals_by(facts, "Niger") for t in p.terms] == [10]
    assert not [t for p in proposals_by(facts, "Chad") for t in p.terms]


def test_a_recalled_deal_with_its_own_broker_is_a_separate_earlier_proposal():
    facts = extract_text(
        "Chad and Niger agreed on Monday to a 30-day truce. The figures are lower than in the truce "
        "Norway brokered in 2009, when 40 captives were freed.",
        published="2024-05-02",
    )
    earlier = proposals_by(facts, "Norway")
    assert (
        len(earlier) == 1
        and earlier[0].when.latest is not None
        and earlier[0].when.latest.year == 2009
    )
    assert [t.get("count") for t in earlier[0].terms if t.kind == "ReleaseTerm"] == [40]
    assert not any(
        t.get("count") == 40 for p in facts.proposals if p is not earlier[0] for t in p.terms
    )


@pytest.mark.parametrize(
    "text",
    [
        "Chad dismissed their ten-day truce as a ploy.",  # a pronoun owns no proposal
        "The truce Norway brokered last week held on Monday.",  # the deal of the news, not a recalled one
    ],
)
def test_deal_mentions_that_make_no_separate_proposal(text):
    facts = extract_text(text, published="2024-05-02")
    assert not [p for p in facts.proposals if p.rule.startswith("proposal-deal")]


# --- holders: who holds a stance that someone reports ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Lena Brook, Chad's foreign minister, said Niger had refused to disarm.",
        # a speaker whose side the article does not give still only reports a named side's act
        "Senator Lena Brook said Niger had refused to disarm.",
    ],
)
def test_a_speaker_reporting_another_sides_refusal_reports_it(text):
    facts = extract_text(text)
    held = {p.holder.label: p for p in facts.positions if "Rejects" in p.stances}
    assert set(held) == {"Niger"} and labels(held["Niger"].reported_by) == {"Lena Brook"}


@pytest.mark.parametrize(
    "text",
    [
        "Lena Brook, Chad's foreign minister, said Niger would refuse to disarm.",  # what she expects
        "Lena Brook, Chad's foreign minister, said her government had refused to disarm.",  # her own side
        "Lena Brook, Chad's foreign minister, said Chad had refused to disarm.",  # her own side, named
    ],
)
def test_a_speakers_own_expectation_or_side_stays_the_speakers(text):
    facts = extract_text(text)
    assert {p.holder.label for p in facts.positions if "Rejects" in p.stances} == {"Lena Brook"}


def test_the_antecedent_of_a_relative_clause_holds_the_stance():
    facts = extract_text("Mayor Dana Holt, who rejected the proposal, met the envoys of Chad.")
    assert {p.holder.label for p in facts.positions if "Rejects" in p.stances} == {"Dana Holt"}


def test_the_agent_of_a_passive_holds_the_stance():
    facts = extract_text("The offers of the rebels were rejected by Chad on Monday.")
    assert {p.holder.label for p in facts.positions if "Rejects" in p.stances} == {"Chad"}
