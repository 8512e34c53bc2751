"""Terms a careful reader would not put on a proposal, and the stages a release comes in.

Every sentence here is our own: pauses named only to date something else, freezes that stop
nothing, truces that are only where talks lead, wars someone wishes ended, lengths that measure
the fighting before a truce, and releases spread over days.
"""

import pytest


@pytest.fixture(scope="module")
def nlp():
    from kg.annotate import load_pipeline

    return load_pipeline()


def terms_of(nlp, text):
    from kg.extract.terms import terms_in

    return [(t.kind, dict(t.attrs)) for t in terms_in(nlp(text)[:], named_groups=True)]


def kinds(found):
    return [kind for kind, _ in found]


@pytest.mark.parametrize(
    "text",
    [
        "Convoys may cross the bridge once the truce holds.",
        "Engineers will clear the mines after the lull took effect.",
    ],
)
def test_a_pause_that_only_dates_something_else_is_no_term(nlp, text):
    assert terms_of(nlp, text) == []


def test_a_pause_the_text_states_stays_a_term(nlp):
    assert kinds(terms_of(nlp, "The herders and the farmers agreed to a truce.")) == ["PauseTerm"]


def test_a_time_clause_the_pause_is_named_in_gives_it_no_length(nlp):
    # "within nine days" belongs to the clearing of the mines, not to the truce
    found = terms_of(
        nlp,
        "Clearing starts on the third day after the truce begins and ends within nine days.",
    )
    assert ("PauseTerm", {"durationDays": 9}) not in found


@pytest.mark.parametrize(
    "text",
    [
        "The valley froze into a stalemate that lasted a decade.",
        "Trading halted in the afternoon.",
    ],
)
def test_a_pause_verb_that_stops_nothing_is_no_term(nlp, text):
    assert terms_of(nlp, text) == []


def test_a_pause_verb_with_what_it_stops_is_a_pause(nlp):
    assert terms_of(nlp, "The navy would suspend its patrols near the reef.") == [("PauseTerm", {})]


@pytest.mark.parametrize(
    "text",
    [
        "Mediators called the accord a step towards a lasting truce.",
        "Diplomats hope the meeting will pave the way for a permanent ceasefire.",
        "Both envoys said the pact opened the road to peace and a durable ceasefire.",
    ],
)
def test_a_truce_that_talks_only_lead_towards_is_no_term(nlp, text):
    assert terms_of(nlp, text) == []


def test_a_truce_a_pact_provides_is_still_a_term(nlp):
    found = terms_of(nlp, "The pact provides for a permanent ceasefire along the river.")
    assert found == [("CeasefireTerm", {"permanent": True})]


@pytest.mark.parametrize(
    "text",
    [
        "The envoy said the general was keen to end this war before winter.",
        "Villagers are keen to end the fighting in the hills.",
    ],
)
def test_a_wish_to_end_the_war_is_no_term(nlp, text):
    assert terms_of(nlp, text) == []


def test_a_pact_to_end_the_war_is_a_permanent_ceasefire(nlp):
    found = terms_of(nlp, "The rivals signed a pact to end their war in the delta.")
    assert found == [("CeasefireTerm", {"permanent": True})]


def test_a_length_before_a_verb_measures_something_else(nlp):
    found = terms_of(nlp, "The clashes raged for nine days before Oslo brokered a truce.")
    assert ("PauseTerm", {"durationDays": 9}) not in found


def test_a_length_set_off_before_the_pause_is_its_length(nlp):
    found = terms_of(nlp, "Unions must wait roughly 60 days - a cooling-off stretch.")
    assert ("PauseTerm", {"durationDays": 60}) in found


def test_a_release_over_several_days_comes_in_stages(nlp):
    found = terms_of(nlp, "The rebels said 24 captives would be freed over three days.")
    assert found == [
        ("ReleaseTerm", {"count": 24, "releasedGroup": "captives", "phased": True}),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The rebels said 24 captives would be freed on Friday.",
        "The captives were held over three days.",
    ],
)
def test_a_release_at_one_time_or_a_holding_over_days_is_not_phased(nlp, text):
    assert all("phased" not in attrs for _, attrs in terms_of(nlp, text))


def test_a_release_in_batches_is_phased(nlp):
    found = terms_of(nlp, "The junta will release 90 detainees in batches.")
    assert found == [
        ("ReleaseTerm", {"count": 90, "releasedGroup": "detainees", "phased": True}),
    ]


def test_a_group_of_a_kind_keeps_its_of_phrase(nlp):
    found = terms_of(nlp, "The regime is to free all prisoners of conscience.")
    assert found == [
        (
            "ReleaseTerm",
            {
                "priorityGroup": "prisoners of conscience",
                "releasedGroup": "prisoners of conscience",
            },
        )
    ]


def test_a_group_of_whose_people_they_are_drops_the_owner(nlp):
    found = terms_of(nlp, "The army is to free the captives of the militia.")
    assert found == [("ReleaseTerm", {"releasedGroup": "captives"})]


def test_captives_that_are_to_be_freed_are_a_release(nlp):
    found = terms_of(nlp, "Captives and detainees are to be exchanged at the pier.")
    assert [kind for kind, _ in found] == ["ReleaseTerm"]


@pytest.mark.parametrize(
    "text", ["Spare parts are to be exchanged at the pier.", "Captives are to be counted first."]
)
def test_goods_swapped_or_captives_only_counted_are_no_release(nlp, text):
    assert terms_of(nlp, text) == []


def test_forces_that_are_to_leave_a_place_withdraw_from_it(nlp):
    found = terms_of(nlp, "All foreign battalions and militias are to quit Moldavia.")
    assert found == [("WithdrawalTerm", {"from": "Moldavia", "complete": True})]


def test_visitors_that_are_to_leave_a_place_are_no_withdrawal(nlp):
    assert terms_of(nlp, "All foreign tourists are to leave the island.") == []


def test_forces_leaving_the_country_name_no_place_of_their_own(nlp):
    found = terms_of(nlp, "All the allied brigades are to vacate the country by next June.")
    assert found == [("WithdrawalTerm", {"complete": True})]


def test_a_clause_joined_to_a_pause_it_is_the_subject_of_gives_its_length(nlp):
    found = terms_of(nlp, "The lull would start at dusk and last five days.")
    assert found == [("PauseTerm", {"durationDays": 5})]


def test_what_a_colon_adds_after_a_freed_count_is_not_part_of_the_group(nlp):
    found = terms_of(nlp, "The militia is to free 18 captives: a first for the region.")
    assert found == [("ReleaseTerm", {"count": 18, "releasedGroup": "captives"})]


def test_a_colon_list_after_the_stages_of_a_release_is_not_part_of_the_group(nlp):
    found = terms_of(
        nlp, "The garrison will free 30 soldiers in batches: the injured, the ill and the old."
    )
    assert dict(found[0][1])["releasedGroup"] == "soldiers"


def test_the_people_a_colon_lists_after_a_freed_count_are_not_part_of_its_group(nlp):
    found = terms_of(nlp, "The militia is to free 18 captives: the wounded, nurses and two elders.")
    assert found[0] == ("ReleaseTerm", {"count": 18, "releasedGroup": "captives"})
