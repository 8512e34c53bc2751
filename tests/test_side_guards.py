"""Guards on the article's sides: who reports a deal is not one of its sides, and two releases
are one swap only when each side of the article frees people.

Every sentence here is written for the test; each guard has a sentence that must yield nothing.
"""

from __future__ import annotations

from conftest import extract_text, labels


def kinds_with(facts, kind: str) -> list:
    return [e for e in facts.events if e.kind == kind]


def test_releases_by_the_two_sides_at_one_time_are_one_swap():
    facts = extract_text(
        "Peru and Bolivia agreed on Monday to trade detainees held since the border clashes.\n\n"
        "On Thursday Peru freed 14 Bolivian truck drivers and Bolivia released 9 Peruvian "
        "customs officers."
    )
    swaps = kinds_with(facts, "Exchange")
    assert len(swaps) == 1
    assert {"Peru", "Bolivia"} <= set(labels(swaps[0].participants))


def test_releases_by_parties_that_are_not_the_sides_stay_apart():
    facts = extract_text(
        "Ecuador freed 12 Colombian fishermen on Thursday.\n\n"
        "Separately, Venezuela released 40 journalists on Thursday."
    )
    releases = kinds_with(facts, "Exchange")
    assert releases, "each release is still an event of its own"
    assert not any({"Ecuador", "Venezuela"} <= set(labels(e.participants)) for e in releases)


def test_those_who_report_a_deal_are_not_its_sides():
    facts = extract_text(
        "Norway and Iceland said on Monday that Peru and Bolivia had agreed to reopen the border. "
        "The two sides will meet in La Paz on Friday to sign the accord."
    )
    met = {p for e in kinds_with(facts, "Meeting") for p in labels(e.participants)}
    assert not met & {"Norway", "Iceland"}


def test_a_plural_that_names_a_group_again_is_that_group():
    facts = extract_text(
        "Nordic envoys met rebel commanders in Oslo on Monday. Norway said the envoys will meet "
        "Peruvian officials in Lima next month."
    )
    planned = [e for e in kinds_with(facts, "Meeting") if e.status == "Planned"]
    assert planned and "Peruvian officials" in labels(planned[0].participants)
