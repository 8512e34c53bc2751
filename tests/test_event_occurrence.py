"""Whether an event word reports an event at all: talks that have yet to begin are neither held
nor planned; talks announced for a day are planned.

Every sentence here is written for the test.
"""

from __future__ import annotations

import pytest
from conftest import extract_text


def meetings(text: str) -> list:
    return [e for e in extract_text(text).events if e.kind == "Meeting"]


@pytest.mark.parametrize(
    "text",
    [
        "The smaller Andean Front has yet to hold peace talks with the cabinet.",
        "The dockers' union has yet to open negotiations with the port authority.",
    ],
)
def test_talks_that_have_yet_to_begin_are_no_meeting(text):
    assert meetings(text) == []


def test_talks_announced_for_a_day_are_a_planned_meeting():
    found = meetings("The Andean Front will hold peace talks with the cabinet on Friday.")
    assert [e.status for e in found] == ["Planned"]
