"""Events an article recalls, with their own dates, and planned events with their status.

Sentences of our own; the articles are published on Sunday 28 January 2024 unless said.
"""

from datetime import date

from conftest import extract_text


def events_of(text, kind, published="2024-01-28"):
    return [e for e in extract_text(text, published).events if e.kind == kind]


def bounds(event):
    return (event.when.earliest, event.when.latest)


# ---------------------------------------------------------------- times told from the last one


def test_that_month_is_the_month_after_the_time_just_told():
    meetings = events_of(
        "The Miners Guild and the Port Authority signed a truce in June 2019. "
        "The Miners Guild met the Port Authority again that December.",
        "Meeting",
    )
    assert [bounds(m) for m in meetings] == [(date(2019, 12, 1), date(2019, 12, 31))]


def test_later_that_month_runs_from_the_time_just_told_to_the_month_end():
    meetings = events_of(
        "The Miners Guild and the Port Authority signed a truce on 3 May 2018. "
        "The Miners Guild met the Port Authority later that month.",
        "Meeting",
    )
    assert [bounds(m) for m in meetings] == [(date(2018, 5, 3), date(2018, 5, 31))]


def test_a_year_in_the_same_clause_anchors_that_month():
    agreements = events_of(
        "During the strike of 2015, the Miners Guild and the Port Authority agreed to a truce "
        "that March.",
        "Agreement",
    )
    assert [bounds(a) for a in agreements] == [(date(2015, 3, 1), date(2015, 3, 31))]


def test_at_the_time_is_the_time_of_the_event_just_told():
    statements = events_of(
        "The Miners Guild signed a truce with the Port Authority in October 2012. "
        'Ana Ruiz, the guild\'s leader, said at the time: "This is a good day."',
        "Statement",
    )
    assert [bounds(s) for s in statements] == [(date(2012, 10, 1), date(2012, 10, 31))]


def test_at_the_time_points_back_at_the_time_told_even_without_an_event_then():
    statements = events_of(
        "Harbour police detained forty dockers in October 2012. "
        "At the time, the Miners Guild insisted the arrests broke the law.",
        "Statement",
    )
    assert [bounds(s) for s in statements] == [(date(2012, 10, 1), date(2012, 10, 31))]


def test_that_month_without_any_time_before_it_takes_no_other_month():
    statements = events_of(
        "The Miners Guild said that December had been a hard month for the docks.", "Statement"
    )
    assert statements and all(s.when.earliest >= date(2024, 1, 1) for s in statements)


# ---------------------------------------------------------------- a recalled event's own date


def test_a_truce_brokered_at_a_recalled_date_keeps_that_date():
    agreements = events_of(
        "The dock strike ended with a truce arranged by the Harbour Council in August 1998.",
        "Agreement",
    )
    assert [bounds(a) for a in agreements] == [(date(1998, 8, 1), date(1998, 8, 31))]


def test_a_relative_clause_has_its_own_date_and_the_main_verb_its_own():
    facts = extract_text(
        "The Miners Guild, which signed a truce with the Port Authority in March 2015, "
        "said on Friday it would strike again."
    )
    agreement = next(e for e in facts.events if e.kind == "Agreement")
    statement = next(e for e in facts.events if e.kind == "Statement")
    assert bounds(agreement) == (date(2015, 3, 1), date(2015, 3, 31))
    assert bounds(statement) == (date(2024, 1, 26), date(2024, 1, 26))


# ---------------------------------------------------------------- what is not the event's date


def test_a_year_inside_a_quotation_is_not_the_date_of_the_statement():
    statements = events_of(
        '"Nothing like this has happened since 1984," the Miners Guild said on Tuesday.',
        "Statement",
    )
    assert [bounds(s) for s in statements] == [(date(2024, 1, 23), date(2024, 1, 23))]


def test_a_comparison_point_is_not_the_date_of_the_truce():
    agreements = events_of(
        "The Miners Guild and the Port Authority signed a truce on Monday after the worst "
        "clashes since 1945.",
        "Agreement",
    )
    assert [bounds(a) for a in agreements] == [(date(2024, 1, 22), date(2024, 1, 22))]


def test_a_ceasefire_line_is_a_place_not_an_agreement():
    facts = extract_text("Port Authority guards crossed the 2019 ceasefire line on Monday.")
    assert not [e for e in facts.events if e.kind == "Agreement"]


# ---------------------------------------------------------------- planned events


def test_is_to_free_is_a_planned_release_with_its_own_date():
    exchanges = events_of(
        "Under the accord, the Port Authority is to free 40 detained dockers next week.",
        "Exchange",
    )
    assert [(e.status, bounds(e)) for e in exchanges] == [
        ("Planned", (date(2024, 1, 29), date(2024, 2, 4)))
    ]


def test_an_exchange_that_would_take_place_soon_is_planned_and_the_statement_is_not_dated_by_it():
    facts = extract_text(
        'An exchange of detained dockers would go ahead "in the next few days", a Port Authority '
        "spokesman said."
    )
    exchange = next(e for e in facts.events if e.kind == "Exchange")
    statement = next(e for e in facts.events if e.kind == "Statement")
    assert exchange.status == "Planned"
    assert bounds(exchange) == (date(2024, 1, 28), date(2024, 2, 4))
    assert statement.status == "Occurred"
    assert bounds(statement) == (date(2024, 1, 27), date(2024, 1, 28))


def test_what_a_proposal_would_bring_about_is_no_event():
    assert not events_of(
        "A second stage of the accord would see the remaining dockers freed.", "Exchange"
    )


def test_an_aim_is_no_planned_release():
    assert not events_of("The Port Authority's goal is to free all the dockers.", "Exchange")


def test_a_release_pledged_alongside_other_steps_has_not_happened():
    exchanges = events_of(
        "The Port Authority pledged to lift the blockade, free all detained dockers and reopen "
        "the quay.",
        "Exchange",
    )
    assert all(e.status == "Planned" for e in exchanges)


def test_a_time_set_off_after_a_when_clause_dates_that_clause():
    meetings = events_of(
        "The Port Authority sent Ana Ruiz, who had led its team when the Port Authority last met "
        "the Miners Guild in Geneva, in May 2019.",
        "Meeting",
    )
    assert [bounds(m) for m in meetings] == [(date(2019, 5, 1), date(2019, 5, 31))]


def test_a_quotation_holding_more_than_a_time_keeps_its_time_to_itself():
    statements = events_of(
        'The Port Authority released a statement in which it said talks would go on "this week '
        'in further meetings."',
        "Statement",
    )
    assert [bounds(s) for s in statements] == [(date(2024, 1, 27), date(2024, 1, 28))]


def test_a_proposal_for_a_release_is_no_planned_release():
    assert not events_of(
        "The Miners Guild rejected a proposal to free the dockers at talks held in March.",
        "Exchange",
    )


def test_a_deal_struck_at_a_recalled_date_is_an_agreement_of_that_date():
    agreements = events_of(
        "An accord struck by the Miners Guild and the Port Authority in April 2016 froze dock "
        "wages for two years.",
        "Agreement",
    )
    assert [(a.rule, bounds(a)) for a in agreements] == [
        ("agreement-verb:strike", (date(2016, 4, 1), date(2016, 4, 30)))
    ]


def test_the_relative_clause_that_made_a_truce_dates_it_and_week_long_is_a_length():
    agreements = events_of(
        "Few dockers have forgotten the week-long ceasefire the Harbour Council arranged in "
        "February 2017.",
        "Agreement",
    )
    assert [bounds(a) for a in agreements] == [(date(2017, 2, 1), date(2017, 2, 28))]


def test_a_truce_that_collapsed_is_not_dated_by_its_collapse():
    agreements = events_of(
        "The Miners Guild and the Port Authority signed a truce, which collapsed in March 2019, "
        "on Monday.",
        "Agreement",
    )
    assert agreements and all(a.when.earliest != date(2019, 3, 1) for a in agreements)


def test_the_two_sides_of_a_swap_told_as_two_releases_are_one_exchange():
    exchanges = events_of(
        "In March 2019 the Miners Guild freed 12 guards and the Port Authority released 40 "
        "dockers.",
        "Exchange",
    )
    assert [{p.label for p in e.participants} for e in exchanges] == [
        {"Miners Guild", "Port Authority"}
    ]


def test_releases_years_apart_stay_two_exchanges():
    exchanges = events_of(
        "In March 2019 the Miners Guild freed 12 guards. In May 2021 the Port Authority released "
        "40 dockers.",
        "Exchange",
    )
    assert len(exchanges) == 2


def test_a_statement_firmly_planned_is_planned_with_its_own_date():
    statements = events_of(
        "The Port Authority will announce the names of the dockers on Tuesday.", "Statement"
    )
    assert [(s.status, bounds(s)) for s in statements] == [
        ("Planned", (date(2024, 1, 30), date(2024, 1, 30)))
    ]


def test_a_statement_made_through_an_infinitive_has_been_made():
    statements = events_of(
        "The Miners Guild took to the radio to announce that the strike was over.", "Statement"
    )
    assert [s.status for s in statements] == ["Occurred"]
