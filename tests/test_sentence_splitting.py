"""Where sentences end: an abbreviated title, a month or an initialism with a period, or a name
that looks like a pronoun ("He"), never cuts a sentence; a real sentence end still does.

Every sentence here is written for the test.
"""

from __future__ import annotations

import pytest
from conftest import extract_text

from kg.annotate import load_pipeline, paragraph_spans


def sentences(text: str) -> list[str]:
    return [s.text for s in load_pipeline()(text).sents]


@pytest.mark.parametrize(
    "text",
    [
        "The accord was initialled by Pres. Okafor and Amb. Lindqvist at the Geneva office.",
        "Ms. Ferreira and Mr. Adeyemi briefed Amb. Castell on Jan. 9 in the old palace.",
        "Maj. Gen. Rolf Berger and Lt. Col. Sara Nkemelu inspected the crossing at dawn.",
        "The customs protocol, which Deputy Minister Zhou He drafted, runs to nine pages.",
        "The U.N. envoy and two E.U. monitors crossed the river before noon.",
    ],
)
def test_an_abbreviation_or_a_name_inside_a_sentence_does_not_end_it(text):
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("The militia freed nine guards, the U.N. said. Thirty more are still held.", 2),
        ('"We will not move," said Gen. Tamar Oduya. "The bridge stays closed."', 2),
        ("The first round ended in the U.S. The second opens in Nairobi next month.", 2),
        ("Monitors left the valley. Lt. Col. Ines Baptiste stayed behind with two aides.", 2),
    ],
)
def test_a_real_sentence_end_still_splits(text, count):
    assert len(sentences(text)) == count


def test_a_desk_dateline_without_a_place_is_not_prose():
    assert list(paragraph_spans("Headline\n(River Desk) - The ferry talks resumed.")) == [
        ("Headline", 0),
        ("The ferry talks resumed.", 24),
    ]


def test_a_signing_keeps_its_whole_sentence_as_evidence():
    text = (
        "After a night of haggling over cod quotas, Fisheries Commissioner Zhou He signed the "
        "accord with the Faroe Islands."
    )
    signings = [e for e in extract_text(text).events if e.kind == "Agreement"]
    assert signings and signings[0].evidence[0].text == text
