"""Who took part in an event: the article's sides behind "the two sides", "the delegations",
"the government" and "the rebels"; nominal events that name no one ("the swap"); signatories who
sign for a side; a country coordinated with an organization.

Every sentence here is written for the test; each rule has sentences that must yield nothing.
"""

from __future__ import annotations

import pytest
from conftest import extract_text, labels


def events_in(facts, kind: str, words: str) -> list:
    """The events of ``kind`` whose evidence holds ``words``."""
    return [
        e for e in facts.events if e.kind == kind and any(words in ev.text for ev in e.evidence)
    ]


def participants_of(facts, kind: str, words: str) -> set[str]:
    return {p for e in events_in(facts, kind, words) for p in labels(e.participants)}


# --- side phrases: "the two sides", "both parties", "the delegations" ---------------------------


@pytest.mark.parametrize(
    "phrase", ["The two sides", "Both sides", "The delegations", "The parties"]
)
def test_a_side_phrase_means_the_parties_the_article_named_together(phrase):
    facts = extract_text(
        "Peru and Bolivia agreed on Monday to reopen their shared border crossing. "
        f"{phrase} met again in La Paz on Wednesday to settle customs checks."
    )
    assert {"Peru", "Bolivia"} <= participants_of(facts, "Meeting", "La Paz")


def test_a_side_phrase_counting_fewer_sides_than_the_article_named_resolves_to_none():
    facts = extract_text(
        "Peru, Bolivia and Chile agreed on Monday to share the water of the lake. "
        "The two sides met again in La Paz on Wednesday to settle customs checks."
    )
    assert not participants_of(facts, "Meeting", "La Paz") & {"Peru", "Bolivia", "Chile"}


def test_a_side_phrase_with_no_parties_named_together_stays_unresolved():
    facts = extract_text(
        "The delegations held talks in Lima on Monday on fishing quotas, officials said."
    )
    assert events_in(facts, "Meeting", "Lima")
    assert not participants_of(facts, "Meeting", "Lima")
    assert "delegations" not in " ".join(a.ref.label.lower() for a in facts.actors)


def test_parties_of_another_kind_are_not_the_sides():
    facts = extract_text(
        "Peru and Bolivia agreed on Monday to reopen their shared border crossing. "
        "Several local parties met in Cusco on Friday to oppose the plan."
    )
    assert not participants_of(facts, "Meeting", "Cusco") & {"Peru", "Bolivia"}


# --- nominal events that name no participant ----------------------------------------------------


def test_a_swap_that_names_no_one_is_between_the_sides_of_the_article():
    facts = extract_text(
        "Armenia and Azerbaijan agreed on Sunday to hand over the soldiers each side holds. "
        "The swap, completed at a border post late on Tuesday, was overseen by the Red Cross."
    )
    assert {"Armenia", "Azerbaijan"} <= participants_of(facts, "Exchange", "The swap")


def test_talks_that_name_no_one_take_the_parties_of_the_article():
    facts = extract_text(
        "Serbia and Kosovo signed an accord on licence plates in Brussels on Thursday. "
        "The accord came out of four rounds of talks held in Vienna last autumn."
    )
    assert {"Serbia", "Kosovo"} <= participants_of(facts, "Meeting", "rounds of talks")


def test_a_swap_in_an_article_about_something_else_has_no_participants():
    facts = extract_text(
        "Dairy farmers in Wisconsin protested on Monday over milk prices. "
        "The swap, completed late on Tuesday, surprised traders in Chicago."
    )
    assert events_in(facts, "Exchange", "The swap")
    assert not participants_of(facts, "Exchange", "The swap")


# --- signatories and the side they sign for; coordination --------------------------------------


def test_a_country_and_an_organization_that_signed_both_take_part():
    facts = extract_text(
        "Morocco and the Polisario Front signed an accord in Geneva on Monday, ending a long war."
    )
    assert {"Morocco", "Polisario Front"} <= participants_of(facts, "Agreement", "Geneva")


def test_the_government_and_the_rebels_are_the_two_sides_of_one_state_and_one_movement():
    facts = extract_text(
        "Mali and the Azawad Liberation Movement signed a ceasefire in Algiers on Monday. "
        "The rebels and the government met again in Algiers on Friday to discuss prisoners."
    )
    assert {"Mali", "Azawad Liberation Movement"} <= participants_of(facts, "Meeting", "Friday")


def test_the_rebels_stay_unresolved_when_both_sides_are_states():
    facts = extract_text(
        "Sudan and Chad signed a border accord in Doha on Monday. "
        "The rebels met in Darfur on Friday to discuss the accord."
    )
    assert not participants_of(facts, "Meeting", "Darfur") & {"Sudan", "Chad"}


def test_a_signatory_who_signs_for_a_side_brings_the_side():
    facts = extract_text(
        "Nepal and the Maoist Front ended their war on Monday. Home Minister Ram Karki signed "
        "the accord for the government in Kathmandu as Maoist Front commanders watched."
    )
    assert {"Nepal", "Ram Karki"} <= participants_of(facts, "Agreement", "Ram Karki")


def test_signing_for_a_reason_brings_no_side():
    facts = extract_text(
        "Foreign Minister Ana Duarte signed the accord for the sake of the harvest in Lisbon."
    )
    assert participants_of(facts, "Agreement", "Lisbon") <= {"Ana Duarte"}


# --- a deal noun that names only its broker -----------------------------------------------------


def test_a_truce_brokered_by_a_third_party_was_between_the_sides():
    facts = extract_text(
        "Kenya and Somalia signed a border accord in Nairobi on Monday. The last clashes had "
        "stopped under a truce mediated by Norway in March 2019."
    )
    assert {"Kenya", "Somalia", "Norway"} <= participants_of(facts, "Agreement", "Norway")


def test_a_brokered_truce_in_an_article_naming_no_sides_has_only_its_broker():
    facts = extract_text(
        "The valley has been quiet since a truce mediated by Norway in March 2019."
    )
    assert participants_of(facts, "Agreement", "Norway") == {"Norway"}


# --- the sides in a reported clause are not its speaker -----------------------------------------


def test_a_participle_on_a_reported_clause_is_the_speakers_not_the_sides():
    facts = extract_text(
        "Peru and Bolivia agreed on Monday to reopen their shared border crossing. Mediator Ana "
        "Ruiz said both sides had accepted a joint customs post, calling the talks frank."
    )
    speakers = {p for e in facts.events if e.kind == "Statement" for p in labels(e.participants)}
    assert "Ana Ruiz" in speakers and not speakers & {"Peru", "Bolivia"}
