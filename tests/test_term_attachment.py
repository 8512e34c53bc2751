"""Terms read from constructions of news prose and put on the proposal they belong to.

Every sentence here is our own: releases that name whom they free without a number, two sides
freeing the same number, terms a "without" phrase denies, and the terms an agreed deal does not
take (hoped for, conditional, sought, demanded by one side).
"""

import pytest
from conftest import extract_text


@pytest.fixture(scope="module")
def nlp():
    from kg.annotate import load_pipeline

    return load_pipeline()


def terms_of(nlp, text, **kw):
    from kg.extract.terms import terms_in

    return [(t.kind, dict(t.attrs)) for t in terms_in(nlp(text)[:], **kw)]


def releases(found):
    return [attrs for kind, attrs in found if kind == "ReleaseTerm"]


def test_a_release_of_no_number_names_the_group_it_frees(nlp):
    found = releases(
        terms_of(
            nlp,
            "The junta is to free political detainees and journalists held since May.",
            named_groups=True,
        )
    )
    assert found == [
        {
            "priorityGroup": "political detainees and journalists",
            "releasedGroup": "political detainees and journalists",
        }
    ]


def test_a_countless_release_yields_nothing_when_denied_or_not_of_people(nlp):
    assert (
        releases(terms_of(nlp, "The junta will not free the detainees.", named_groups=True)) == []
    )
    assert (
        releases(terms_of(nlp, "The ministry will release its budget figures.", named_groups=True))
        == []
    )
    # "the remaining captives" are the rest of a group counted elsewhere, no group of their own
    assert (
        releases(terms_of(nlp, "The remaining captives would go home later.", named_groups=True))
        == []
    )
    # a demand's scope (no proposal governing it) does not take a countless release
    assert releases(terms_of(nlp, "The junta is to free political detainees.")) == []


def terms_by(text, proposer):
    found = [p for p in extract_text(text).proposals if proposer in [r.label for r in p.proposers]]
    return [(t.kind, dict(t.attrs)) for p in found for t in p.terms]


def test_an_agreed_deal_does_not_take_terms_hoped_for_or_demanded_by_one_side():
    text = (
        "Tarvania and the Lund Front agreed on Monday to a truce brokered by Norway. "
        "The accord says the rebels must pull back from the Kessel valley. "
        "The mayor of Ostra said she hoped the truce would become a permanent ceasefire. "
        "The Front's commander demanded that the army withdraw from all of the northern hills."
    )
    found = terms_by(text, "Norway")
    assert ("WithdrawalTerm", {"from": "Kessel valley", "complete": False}) in found
    assert not any(k == "CeasefireTerm" for k, _ in found)
    assert not any(a.get("from") == "northern hills" for _, a in found)


def test_an_agreed_deal_keeps_its_own_provisions():
    text = (
        "Tarvania and the Lund Front agreed on Monday to a 20-day truce brokered by Norway. "
        "Under the deal, the Front will free 30 soldiers."
    )
    found = terms_by(text, "Norway")
    assert ("PauseTerm", {"durationDays": 20}) in found
    assert any(k == "ReleaseTerm" and a.get("count") == 30 for k, a in found)


def test_the_same_number_freed_by_two_sides_is_two_releases():
    text = (
        "Tarvania and the Lund Front agreed on Monday to a truce brokered by Norway. "
        "Under the deal, the Lund Front will free 30 soldiers. "
        "Under the deal, Tarvania will free 30 prisoners."
    )
    found = [a for k, a in terms_by(text, "Norway") if k == "ReleaseTerm"]
    assert sorted(a["releasedBy"].label for a in found) == ["Lund Front", "Tarvania"]
    assert all(a["count"] == 30 for a in found)


def test_a_term_a_without_phrase_denies_is_not_the_proposals():
    for text in (
        "The Lund Front proposed a truce without a withdrawal of the army from the Kessel valley.",
        "The Lund Front's plan offers a 20-day truce without a full withdrawal from the valley.",
    ):
        found = terms_by(text, "Lund Front")
        assert any(k == "PauseTerm" for k, _ in found)
        assert not any(k == "WithdrawalTerm" for k, _ in found)


def test_negated_terms_and_ratios_in_words(nlp):
    assert terms_of(nlp, "The pact did not include a full withdrawal from the delta.") == []
    found = terms_of(nlp, "Valdoria freed roughly eight times as many detainees as captives.")
    assert (
        "ExchangeRatioTerm",
        {"ratio": 8, "givenGroup": "detainees", "receivedGroup": "captives"},
    ) in found
    assert not releases(found)  # "eight times as many" counts no one
