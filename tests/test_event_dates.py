"""An event's date from its own time expression, and a deal's life dated each by its own, on
sentences of our own (published on Wednesday 13 March 2024 unless said otherwise)."""

from datetime import date

import pytest
from conftest import extract_text

PUBLISHED = "2024-03-13"
PEG = (date(2024, 3, 12), date(2024, 3, 13))  # an undated past event: the day before publication


def events_of(text, kind, published=PUBLISHED):
    return [e for e in extract_text(text, published=published).events if e.kind == kind]


def span(event):
    return (event.when.earliest, event.when.latest)


def test_a_conjoined_verb_with_its_own_auxiliary_keeps_its_time_to_itself():
    (pledge,) = [
        e
        for e in events_of(
            "Governor Elena Varga pledged to rebuild the port and is expected to address "
            "parliament on Friday.",
            "Statement",
        )
        if e.status == "Occurred"
    ]
    assert span(pledge) == PEG


def test_a_meeting_that_is_the_occasion_of_a_dated_act_takes_its_date():
    (meeting,) = events_of(
        "Peru's Congress approved the budget on Tuesday after a long meeting with President "
        "Dina Boluarte.",
        "Meeting",
    )
    assert span(meeting) == (date(2024, 3, 12), date(2024, 3, 12))


def test_a_meeting_before_a_dated_act_is_not_dated_by_it():
    (meeting,) = events_of(
        "Peru's Congress approved the budget on Tuesday before a meeting with President "
        "Dina Boluarte.",
        "Meeting",
    )
    assert span(meeting) != (date(2024, 3, 12), date(2024, 3, 12))


def test_the_same_session_is_the_time_of_the_session_just_told():
    statements = events_of(
        "Peru and Chile held talks in Lima on Monday. At the same session Chilean envoy Tomas "
        "Reyes told Peru that fishing quotas would rise.",
        "Statement",
    )
    assert [span(e) for e in statements] == [(date(2024, 3, 11), date(2024, 3, 11))]


def test_at_the_same_rate_is_no_time():
    statements = events_of(
        "Peru and Chile held talks in Lima on Monday. At the same rate Chilean envoy Tomas "
        "Reyes told Peru that fishing quotas would rise.",
        "Statement",
    )
    assert [span(e) for e in statements] == [PEG]


def test_a_remark_after_a_dated_remark_goes_on_with_that_day():
    statements = events_of(
        "Peru and Chile held talks on Monday. Chilean envoy Tomas Reyes said on that day that "
        "quotas would rise. Peruvian minister Ana Soto said the offer was welcome.",
        "Statement",
    )
    assert [span(e) for e in statements] == [(date(2024, 3, 11), date(2024, 3, 11))] * 2


def test_a_remark_after_a_narrated_event_is_at_the_news_peg():
    (statement,) = events_of(
        "Peru and Chile held talks on Monday. Peruvian minister Ana Soto said the offer was "
        "welcome.",
        "Statement",
    )
    assert span(statement) == PEG


@pytest.mark.parametrize(
    "text",
    [
        'Peru and Chile signed a fishing accord on Monday. "We have not had such calm at sea '
        'since 1994," Peruvian minister Ana Soto said.',
        "Peru and Chile signed a fishing accord on Monday. Peruvian minister Ana Soto said the "
        "accord was better than the one of 2011.",
    ],
)
def test_a_year_in_a_quotation_or_a_comparison_is_not_the_date_of_the_remark(text):
    (statement,) = events_of(text, "Statement")
    assert statement.when.earliest >= date(2024, 1, 1)


def test_a_week_long_truce_has_no_date_of_a_week():
    (agreement,) = events_of("Peru and Chile agreed to a week-long truce at sea.", "Agreement")
    assert span(agreement) == PEG


def test_a_meeting_that_is_supposed_to_open_is_planned():
    statuses = {
        e.status
        for e in events_of(
            "Negotiations between Peru and Chile are supposed to open in Quito.", "Meeting"
        )
    }
    assert statuses == {"Planned"}


def test_a_summit_where_a_planned_act_takes_place_is_planned_and_one_refused_is_none():
    planned = events_of(
        "President Lucia Mendez and President Tomas Reyes were due to fly to Quito on Friday "
        "to brief Ecuador's president at a summit.",
        "Meeting",
    )
    assert [e.status for e in planned] == ["Planned"]
    held = events_of(
        "President Lucia Mendez and President Tomas Reyes briefed Ecuador's president at a "
        "summit on Friday.",
        "Meeting",
    )
    assert [e.status for e in held] == ["Occurred"]
    refused = events_of(
        "President Lucia Mendez and President Tomas Reyes refused to brief Ecuador's president "
        "at a summit.",
        "Meeting",
    )
    assert refused == []


# --------------------------------------------------------------------------- a deal's life

AGREED = "Peru and Chile agreed on Monday to a truce in the fishing dispute."


def life(text, kind):
    return events_of(f"{AGREED} {text}", kind)


def test_a_truce_takes_effect_on_its_own_day_not_in_the_year_of_a_clock_time():
    (begins,) = life(
        "The ceasefire came into force at 10:30 p.m. (1930 GMT) on Tuesday.", "DealBegins"
    )
    assert span(begins) == (date(2024, 3, 12), date(2024, 3, 12))


def test_a_clock_time_in_another_zone_alone_dates_nothing():
    (begins,) = life("The ceasefire came into force at 2000 GMT.", "DealBegins")
    assert span(begins) == PEG


def test_an_extension_some_days_later_is_read_from_the_agreement_before_it():
    (extended,) = life("Two days later the truce was extended by two days.", "DealExtended")
    assert span(extended) == (date(2024, 3, 13), date(2024, 3, 13))
    assert dict(extended.details)["extensionDays"] == 2


def test_a_collapse_takes_its_own_date_not_that_of_a_neighbouring_clause():
    (collapse,) = life(
        "The truce collapsed on Tuesday, a week after trawlers were seized on 4 March.",
        "Collapse",
    )
    assert span(collapse) == (date(2024, 3, 12), date(2024, 3, 12))


def test_a_deadline_no_later_than_a_day_is_not_a_time_after_the_last_one_told():
    (opened,) = life(
        "Talks on a lasting peace will open no later than the tenth day of the truce.",
        "TalksOpened",
    )
    assert opened.status == "Planned" and opened.factuality == "Planned"
    assert opened.when.text != "later"


def test_an_expiry_at_dawn_without_a_day_is_at_the_news_peg():
    (ended,) = life("The truce expired at dawn.", "DealEnded")
    assert span(ended) == PEG and ended.status == "Occurred"


@pytest.mark.parametrize(
    "text",
    [
        "Officials hope the truce will be extended.",
        "If the truce collapses, the fleets will sail.",
        "The truce did not expire at dawn.",
    ],
)
def test_a_hoped_conditional_or_negated_life_event_is_none(text):
    kinds = {e.kind for e in events_of(f"{AGREED} {text}", "DealExtended")}
    kinds |= {e.kind for e in events_of(f"{AGREED} {text}", "Collapse")}
    kinds |= {e.kind for e in events_of(f"{AGREED} {text}", "DealEnded")}
    assert kinds == set()


def test_a_describing_clause_lends_its_time_to_no_undated_event_of_the_main_clause():
    (extended,) = life(
        "The ceasefire, which came into force at 6 a.m. on Tuesday, was extended by three days.",
        "DealExtended",
    )
    assert span(extended) == PEG


def test_a_passive_conjunct_extends_the_deal_of_the_first_verb_on_its_own_day():
    (extended,) = life(
        "The ceasefire came into force at 6 a.m. on Tuesday and was extended by three days "
        "on Friday.",
        "DealExtended",
    )
    assert extended.when.text == "on Friday"
    assert dict(extended.details)["extensionDays"] == 3


def test_a_passive_conjunct_about_something_else_extends_nothing():
    assert life("Chile welcomed the truce and was praised by Peru.", "DealExtended") == []


def test_an_undated_time_clause_is_told_at_the_time_of_the_clause_it_hangs_on():
    (truce,) = events_of(
        "The last round of fighting between Peru and Chile, in May 2019, lasted a week before "
        "Ecuador arranged a truce.",
        "Agreement",
    )
    assert span(truce) == (date(2019, 5, 1), date(2019, 5, 31))


def test_a_time_clause_with_its_own_date_keeps_it():
    (truce,) = events_of(
        "When Peru and Chile signed a truce in 2019, Ecuador had mediated for a year.",
        "Agreement",
    )
    assert span(truce) == (date(2019, 1, 1), date(2019, 12, 31))


def test_a_summit_served_by_a_purpose_infinitive_takes_the_time_of_the_trip():
    (summit,) = events_of(
        "President Lucia Mendez and President Tomas Reyes were due to fly to Quito on Friday "
        "to brief Ecuador's president at a summit.",
        "Meeting",
    )
    assert summit.when.text == "on Friday" and summit.status == "Planned"
