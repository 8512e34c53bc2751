"""Terms read from constructions of news prose and put on the proposal they belong to.

Every sentence here is our own: counts without a noun, swaps of so many "each", releases that
name whom they free without a number, a quality a later sentence adds to a counted release, and
the terms an agreed deal does not take (hoped for, conditional, sought, demanded by one side).
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


def test_a_count_without_a_noun_is_a_release_of_that_many(nlp):
    found = releases(
        terms_of(nlp, "The remaining 75, among them two doctors, will go free in May.")
    )
    assert {"count": 75} in found
    # "the other 12" as the subject of a release verb
    assert [
        r["count"] for r in releases(terms_of(nlp, "The other 12 are to be freed next week."))
    ] == [12]


def test_numbers_that_count_no_one_are_no_release(nlp):
    assert releases(terms_of(nlp, "The remaining 2025 budget was released on Monday.")) == []
    assert releases(terms_of(nlp, "The council approved the last 40 of the road projects.")) == []


def test_a_swap_of_so_many_each_is_one_release_per_side(nlp):
    from kg.facts import ActorRef

    def actors(tok):
        return [ActorRef("Country", tok.text)] if tok.pos_ == "PROPN" else []

    found = releases(
        terms_of(nlp, "Valdoria and Kestran swapped 40 soldiers each on Tuesday.", actors_of=actors)
    )
    assert sorted(r["releasedBy"].label for r in found) == ["Kestran", "Valdoria"]
    assert all(r["count"] == 40 for r in found)


def test_a_swap_of_so_many_without_each_is_one_release(nlp):
    from kg.facts import ActorRef

    def actors(tok):
        return [ActorRef("Country", tok.text)] if tok.pos_ == "PROPN" else []

    found = releases(terms_of(nlp, "Valdoria swapped 40 soldiers with Kestran.", actors_of=actors))
    assert len(found) == 1 and found[0]["count"] == 40


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


def test_a_later_sentence_saying_in_batches_qualifies_the_counted_release():
    text = (
        "Under a pact brokered by Norway, the Tarvan rebels agreed to free 24 captives "
        "on Friday. The rebels will hand the captives over in batches."
    )
    counted = [a for k, a in terms_by(text, "Norway") if k == "ReleaseTerm" and "count" in a]
    assert counted and counted[0].get("phased") is True
    assert len([k for k, _ in terms_by(text, "Norway") if k == "ReleaseTerm"]) == 1


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


def test_a_withdrawal_from_part_of_a_place_names_the_place(nlp):
    found = terms_of(nlp, "Militia units will pull out of the southern half of Morvale by June.")
    assert ("WithdrawalTerm", {"from": "southern half of Morvale", "complete": False}) in found
    # a place that is no part of another keeps its own name only
    found = terms_of(nlp, "The army will withdraw from Morvale airport of its own accord.")
    assert [a.get("from") for k, a in found if k == "WithdrawalTerm"] == ["Morvale airport"]


def test_trade_frees_people_only_when_people_are_traded(nlp):
    assert (
        releases(terms_of(nlp, "The two governments signed a trade pact worth $40 billion.")) == []
    )
    assert releases(terms_of(nlp, "Both sides promised fair and open trade in grain.")) == []
    found = releases(terms_of(nlp, "The rebels agreed to trade 12 captives for fuel."))
    assert [r["count"] for r in found] == [12]


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


def test_handing_a_person_over_is_a_release_of_that_person(nlp):
    found = releases(
        terms_of(
            nlp, "The rebels offered to hand Marco Velli over to the Red Cross.", named_groups=True
        )
    )
    assert [r.get("releasedGroup") for r in found] == ["Marco Velli"]
    assert releases(terms_of(nlp, "Kestran offered to hand him over.", named_groups=True)) == [{}]
    # handing over a town or a document frees no one
    assert releases(terms_of(nlp, "Kestran will hand the town over.", named_groups=True)) == []
