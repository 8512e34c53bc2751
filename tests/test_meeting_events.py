"""Meetings and statements: who a meeting is held by (two sides, or one body that meets as one),
who joins talks a noun names, phone calls, and statements that speak for an organisation.

Every sentence here is written for the test; each rule has sentences that must yield nothing.
"""

from __future__ import annotations

import pytest
from conftest import extract_text, labels


def meetings(facts) -> list:
    return [e for e in facts.events if e.kind == "Meeting"]


def meeting_with(facts, words: str):
    """The one meeting whose evidence holds ``words``."""
    found = [e for e in meetings(facts) if any(words in ev.text for ev in e.evidence)]
    assert len(found) == 1, [(e.participants, e.evidence) for e in meetings(facts)]
    return found[0]


# --- one side alone is no meeting -----------------------------------------------------------


def test_a_side_that_has_yet_to_begin_talks_holds_no_meeting():
    facts = extract_text("The Moro Islamic Front is still to open formal negotiations.")
    assert not meetings(facts)


def test_marching_against_a_sides_negotiations_is_no_meeting_of_the_marcher():
    facts = extract_text(
        "Last spring Senator Hal Brenner led street rallies against the cabinet and its "
        "negotiations with the guerrillas."
    )
    assert not any("Hal Brenner" in labels(e.participants) for e in meetings(facts))


def test_one_person_who_met_no_one_named_holds_no_meeting():
    facts = extract_text("Peru's foreign minister, Ana Velasco, met on Friday in Lima.")
    assert not meetings(facts)


def test_a_seat_of_government_named_house_holds_no_meeting_alone():
    facts = extract_text("The Blue House in Seoul is yet to open formal talks.")
    assert not meetings(facts)


# --- a body or a plural group meets as one --------------------------------------------------


def test_a_council_that_met_on_its_own_held_a_meeting():
    facts = extract_text("The Federal Council of Ruritania met in private in Bern on Friday.")
    assert labels(meeting_with(facts, "Bern").participants) == {"Federal Council of Ruritania"}


def test_a_body_that_only_hosts_others_is_no_meeting_of_its_own():
    facts = extract_text(
        "The Andean Fisheries Committee hosted the fishing ministers in Quito on Monday."
    )
    assert all(labels(e.participants) != {"Andean Fisheries Committee"} for e in meetings(facts))


def test_they_after_a_body_met_is_not_that_body():
    facts = extract_text(
        "The Federal Council of Ruritania met in Bern on Friday. Mayor Ivo Sand said he had phoned "
        "both ministers and that they would meet once more on Sunday."
    )
    sunday = [e for e in meetings(facts) if e.when.text == "on Sunday"]
    assert all("Federal Council of Ruritania" not in labels(e.participants) for e in sunday)


# --- who joins the talks a noun names -------------------------------------------------------


def test_who_took_part_in_talks_alongside_someone_took_part_too():
    facts = extract_text(
        "Chile's envoy Tomas Ruiz took part in the last round of talks in Vienna alongside "
        "Mirela Costa, the Romanian mediator."
    )
    assert labels(meeting_with(facts, "Vienna").participants) >= {"Tomas Ruiz", "Mirela Costa"}


def test_the_host_of_a_committees_meeting_takes_part():
    facts = extract_text("Uruguay will host a session of the Andean Fisheries Committee on May 3.")
    event = meeting_with(facts, "Uruguay")
    assert labels(event.participants) == {"Uruguay", "Andean Fisheries Committee"}
    assert event.status == "Planned"


def test_a_group_subject_takes_part_through_the_body_it_names():
    facts = extract_text(
        "Last week all seven factions in the Kenyan Parliament endorsed the budget after a long "
        "meeting with President Ilse Varga."
    )
    assert labels(meeting_with(facts, "Ilse Varga").participants) == {
        "Kenyan Parliament",
        "Ilse Varga",
    }


def test_who_watched_talks_between_two_sides_takes_no_part():
    facts = extract_text("Chile followed the last round of talks between Peru and Bolivia closely.")
    assert labels(meeting_with(facts, "Chile").participants) == {"Peru", "Bolivia"}


# --- phone calls ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule", "who"),
    [
        (  # the subject of the verb a phone call governs
            "Speaking in Oslo on Monday, Swedish Prime Minister Lars Berg said he and Chancellor "
            "Ines Mayer had settled the dispute in a phone call on Saturday.",
            "meeting-noun:call",
            {"Lars Berg", "Ines Mayer"},
        ),
        (  # a speech verb's speaker and the one told
            "In a telephone call on Sunday, Lars Berg told Chancellor Ines Mayer that the border "
            "crossing would stay shut.",
            "meeting-noun:call",
            {"Lars Berg", "Ines Mayer"},
        ),
        (  # "they" after two met, and whom they telephoned
            "Lars Berg met Ines Mayer in Riga on Friday, and together they telephoned Japanese "
            "Prime Minister Ken Sato afterwards.",
            "meeting-verb:telephone",
            {"Lars Berg", "Ines Mayer", "Ken Sato"},
        ),
    ],
)
def test_a_phone_call_is_talks_between_the_callers(text, rule, who):
    calls = [e for e in meetings(extract_text(text)) if e.rule == rule]
    assert [labels(e.participants) for e in calls] == [who]


def test_a_call_that_is_no_phone_call_or_names_one_side_is_no_meeting():
    facts = extract_text(
        "Lars Berg made a call for calm on Monday. Ines Mayer took a phone call from her "
        "daughter during the flight to Riga."
    )
    assert not meetings(facts)


def test_talks_with_a_named_side_stay_when_the_other_side_goes_unnamed():
    facts = extract_text(
        "Talks with Bolivia on the rescheduling of its loans continued in Lima on Tuesday, "
        "bankers said."
    )
    assert labels(meeting_with(facts, "Lima").participants) == {"Bolivia"}
