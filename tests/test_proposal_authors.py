"""Whose proposal a deal is, and who reports it: the author of a deal's text or the side whose
proposal the sides agreed to, not the sides that signed; the speaker who reports a proposal;
the office that released its text. Sentences of our own."""

from datetime import date

import pytest
from conftest import extract_text


def proposals_of(text, published="2024-01-28"):
    """Each proposal of ``text`` as (proposer labels, reporter labels, [term kinds])."""
    return [
        (
            sorted(r.label for r in p.proposers),
            sorted(r.label for r in p.reported_by),
            [t.kind for t in p.terms],
        )
        for p in extract_text(text, published).proposals
    ]


def proposers_of(text):
    return [who for who, _, _ in proposals_of(text)]


def test_the_body_that_drafted_the_deal_text_puts_its_provisions_forward():
    text = (
        "Peru and Chile signed a border accord in Arica on Tuesday. The nine-point text was "
        "drafted by the Organization of American States. Under the accord, both armies are to "
        "pull back from Tacna."
    )
    found = proposals_of(text)
    drafted = [terms for who, _, terms in found if who == ["Organization of American States"]]
    assert drafted and "WithdrawalTerm" in drafted[0]
    # the signatories agreed to the text; they did not write it
    assert all("Peru" not in who for who, _, _ in found)


def test_a_named_body_before_a_dash_listing_its_members_is_the_drafter():
    text = (
        "Peru and Chile signed a border accord in Arica on Tuesday. The accord was worked out by "
        "the Organization of American States - former judge Ana Ruiz and two other envoys. "
        "Under the accord, both armies will withdraw from Tacna."
    )
    assert ["Organization of American States"] in proposers_of(text)
    assert all("Ana Ruiz" not in who for who in proposers_of(text))


def test_drawing_up_something_other_than_the_deal_authors_nothing():
    text = (
        "Peru and Chile signed a border accord in Arica on Tuesday. Uruguay drew up a list of "
        "guests for the ceremony. Under the accord, both armies will withdraw from Tacna."
    )
    assert all("Uruguay" not in who for who in proposers_of(text))
    assert any("Peru" in who for who in proposers_of(text))


def test_the_side_whose_proposal_the_parties_agreed_to_is_the_deals_proposer():
    text = (
        "Peru and Chile agreed to a 30-day truce on Monday. Both governments had welcomed "
        "Uruguay's proposal for a truce, due to start at dawn on Wednesday."
    )
    found = proposals_of(text)
    uruguay = [terms for who, _, terms in found if who == ["Uruguay"]]
    assert uruguay == [["PauseTerm"]]
    assert all("Peru" not in who for who, _, _ in found)


@pytest.mark.parametrize(
    "text",
    [
        # a proposal for another kind of deal than the one agreed is a proposal of its own
        "Peru and Chile agreed on Monday to a prisoner swap. In March, Chile had welcomed "
        "Uruguay's proposal for a ceasefire.",
        # urging the sides to agree on a truce is no agreement of a truce
        "Peru and Chile agreed on Monday to a prisoner swap. Uruguay urged both capitals to agree on a truce, "
        "and Chile welcomed Uruguay's proposal for a truce.",
    ],
)
def test_a_proposal_for_a_deal_nobody_agreed_does_not_take_over_the_agreed_deal(text):
    found = proposers_of(text)
    assert ["Uruguay"] in found and ["Chile", "Peru"] in found


def test_the_headline_names_no_side_of_the_deal():
    from kg.ingestion import facts_of
    from kg.read.articles import Article

    body = (
        "Peru, Bolivia agree border truce\n"
        "The two governments signed a truce on Monday, Uruguay said. Under the truce, troops are "
        "to pull back from the Tacna valley.\n"
    )
    article = Article("t.txt", "t", "Peru, Bolivia agree border truce", body, date(2024, 1, 28))
    facts = next(iter(facts_of([article])))
    assert all("Peru" not in [r.label for r in p.proposers] for p in facts.proposals)


def test_the_speaker_who_says_a_side_proposed_reports_the_proposal():
    text = "Ana Ruiz of Bolivia said on Monday that Chile had proposed a ten-day truce."
    assert proposals_of(text) == [(["Chile"], ["Ana Ruiz"], ["PauseTerm"])]


@pytest.mark.parametrize(
    "text",
    [
        "Chile said on Monday that it had proposed a ten-day truce.",
        "Chile proposed a ten-day truce on Monday. Ana Ruiz said Chile's plan was absurd.",
    ],
)
def test_a_proposer_speaking_or_a_critic_judging_reports_nothing(text):
    assert all(reporters == [] for who, reporters, _ in proposals_of(text) if who == ["Chile"])


@pytest.mark.parametrize(
    "text, reporter",
    [
        (
            "Peru and Chile signed a border accord on Tuesday. Under the accord, whose text was "
            "published by the United Nations, both armies will withdraw from Tacna.",
            "United Nations",
        ),
        (
            "Peru and Bolivia signed a border accord on Monday. Bolivia's information minister, "
            "Tomas Ortega, posted the main points online an hour later. The accord commits "
            "Bolivian forces to a pullback from Tacna.",
            "Tomas Ortega",
        ),
    ],
)
def test_who_releases_the_deals_text_reports_the_deal(text, reporter):
    found = proposals_of(text)
    assert any(reporter in reporters for who, reporters, _ in found if "Peru" in who)


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a border accord on Tuesday. The United Nations published a list "
        "of hotels. Under the accord, both armies will withdraw from Tacna.",
        "Peru and Bolivia signed a border accord on Monday. Tomas Ortega posted a video of the "
        "ceremony online. The accord commits Bolivian forces to a pullback from Tacna.",
    ],
)
def test_publishing_something_else_reports_nothing(text):
    assert all(reporters == [] for _, reporters, _ in proposals_of(text))


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a truce on Monday. Ana Ruiz called the truce fragile.",
        "Peru and Chile agreed a truce on Monday, offering the first calm along the border in "
        "years.",
    ],
)
def test_judging_a_truce_or_telling_what_it_brings_proposes_nothing(text):
    assert all(who != ["Ana Ruiz"] for who in proposers_of(text))
    assert len(proposals_of(text)) <= 1


def test_an_organisations_envoy_puts_the_plan_forward_for_the_organisation():
    text = "Ana Ruiz, the African Union's special envoy, put forward a plan for a truce."
    assert proposals_of(text) == [(["African Union"], ["Ana Ruiz"], ["PauseTerm"])]


@pytest.mark.parametrize(
    "text, proposer",
    [
        # a mediator of a nationality puts a plan forward as mediator, not for the state
        ("Hilde Brandt, a German mediator, put forward a plan for a truce.", "Hilde Brandt"),
        # an official of an organisation who is not its envoy proposes in her own name
        ("Ana Ruiz, the African Union's deputy chair, put forward a plan for a truce.", "Ana Ruiz"),
    ],
)
def test_a_mediator_or_an_official_who_is_no_envoy_keeps_the_plan(text, proposer):
    assert proposers_of(text) == [[proposer]]


def test_a_truce_between_two_sides_names_them_as_its_parties():
    text = (
        "A truce between Peru and Bolivia took hold on Monday after Uruguay brokered it. Under "
        "the truce, Bolivia is to free 12 prisoners."
    )
    assert any({"Peru", "Bolivia"} <= set(who) for who in proposers_of(text))


@pytest.mark.parametrize(
    "text",
    [
        "Uruguay voiced hopes of a truce between Peru and Bolivia before the rains.",
        # an earlier deal the news is compared with, or one dated by its own modifier
        "Chile and Bolivia signed a truce on Monday. It follows an accord between Peru and "
        "Bolivia on river rights.",
        "Chile and Bolivia signed a truce on Monday. Last year's accord between Peru and "
        "Bolivia collapsed within weeks.",
    ],
)
def test_a_truce_between_two_sides_only_hoped_for_or_earlier_makes_no_party(text):
    assert all("Peru" not in who for who in proposers_of(text))


def test_the_leaders_of_two_states_who_sign_stand_for_the_states():
    text = (
        "The leaders of Peru and Bolivia signed a border accord on Monday. Under the accord, "
        "Bolivian troops will withdraw from Tacna."
    )
    assert any({"Peru", "Bolivia"} <= set(who) for who in proposers_of(text))
    assert all("leaders" not in who for who in proposers_of(text))


def test_a_declaration_signed_by_two_leaders_names_them_as_parties():
    text = (
        "The declaration, signed in La Paz by Peruvian President Ana Ruiz and Bolivian President "
        "Tomas Ortega, ends the dispute. Under the declaration, troops will withdraw from "
        "Tacna."
    )
    assert any({"Ana Ruiz", "Tomas Ortega"} <= set(who) for who in proposers_of(text))


def test_signing_a_guest_book_makes_no_party():
    text = (
        "Ana Ruiz signed the guest book, held by Tomas Ortega, on Monday. Troops are to pull "
        "back from Tacna."
    )
    assert proposers_of(text) == []


def test_a_plan_passed_on_by_a_go_between_is_not_the_go_betweens():
    text = "Chile rejected a ceasefire framework passed on by Uruguayan diplomats on Monday."
    assert all(
        "Uruguayan diplomats" not in who and "Uruguay" not in who for who in proposers_of(text)
    )


def test_a_plan_drawn_up_by_a_side_stays_its_own():
    text = "Chile rejected a truce framework drawn up by Uruguay on Monday."
    assert ["Uruguay"] in proposers_of(text)


def test_the_framework_spoken_of_again_goes_on_with_its_proposal():
    text = (
        "Uruguay put forward a framework for talks between Peru and Bolivia on Monday. The "
        "framework envisages a 20-day truce along the Tacna border."
    )
    found = proposals_of(text)
    assert any(who == ["Uruguay"] and "PauseTerm" in terms for who, _, terms in found)


def test_the_text_of_the_agreed_deal_states_its_provisions():
    text = (
        "Peru and Bolivia signed a border accord on Monday, Uruguay said. The text commits "
        "Bolivian forces to a pullback from Tacna."
    )
    found = proposals_of(text)
    assert any("Peru" in who and "WithdrawalTerm" in terms for who, _, terms in found)


@pytest.mark.parametrize(
    "text",
    [
        # the deal named only by "a truce between X and Y"
        "A truce between Peru and Bolivia took hold on Monday. Both capitals had welcomed the "
        "African Union's proposal for a truce. Under the truce, Bolivia is to free 12 prisoners.",
        # the deal named only by its broker in one hyphenated word
        "The Chile-brokered truce took hold on Monday. Both capitals had welcomed the African "
        "Union's proposal for a truce. Under the truce, Bolivia is to free 12 prisoners.",
    ],
)
def test_a_proposal_for_the_deal_told_without_a_verb_of_agreeing_is_the_deals(text):
    found = proposals_of(text)
    assert any(who == ["African Union"] and "ReleaseTerm" in terms for who, _, terms in found)
    assert all("Peru" not in who and "Chile" not in who for who, _, _ in found)
