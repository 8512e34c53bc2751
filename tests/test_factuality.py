"""Factuality: one value per candidate predicate, and what events, proposals and positions make of it.

Sentences of our own: hopes, conditions, failures and plans must not become
agreements, acceptances or exchanges that happened.
"""

import pytest
from conftest import extract_text, labels


@pytest.fixture(scope="module")
def parse():
    from kg.annotate import load_pipeline

    return load_pipeline()


def value_of(parse, text: str, word: str) -> str:
    from kg.extract.factuality import factuality

    doc = parse(text)
    return factuality(next(t for t in doc if t.text == word))


@pytest.mark.parametrize(
    "text, word, value",
    [
        ("The two unions signed an accord on Monday.", "signed", "Asserted"),
        ("The mayor said the two unions met on Sunday.", "met", "Asserted"),
        ("The envoy walked out of the talks without an accord.", "accord", "Negated"),
        ("The miners refused to sign the accord.", "sign", "Negated"),
        ("The owners did not accept the offer.", "accept", "Negated"),
        ("Negotiators reached no accord.", "accord", "Negated"),
        ("The governor downplayed the chances of a truce.", "truce", "Possible"),
        ("The mayor hopes the miners will accept the offer.", "accept", "Possible"),
        ("It had been hoped that a truce could begin by Easter.", "truce", "Possible"),
        ("If the guild said it would accept, the strike would end.", "accept", "Conditional"),
        ("The board is debating whether to reject the bid.", "reject", "Conditional"),
        ("A later stage would see the remaining detainees freed.", "freed", "Planned"),
        ("The ministers will meet in Oslo next week.", "meet", "Planned"),
        ("Talks were scheduled for next week.", "Talks", "Planned"),
        ("The miners agreed to release the managers.", "release", "Planned"),
        ("Envoys stepped up efforts to secure an accord.", "accord", "Sought"),
        ("The guild sought a truce with the owners.", "truce", "Sought"),
    ],
)
def test_each_predicate_gets_one_value(parse, text, word, value):
    assert value_of(parse, text, word) == value


def test_a_relative_clause_keeps_its_own_mood(parse):
    # the clause says what happened; the future of the sentence is the resumption's
    assert (
        value_of(parse, "The talks, which began in May, will resume in June.", "began")
        == "Asserted"
    )


def test_an_adjunct_event_is_not_under_the_clause_mood(parse):
    assert (
        value_of(parse, "The miners will strike again after the talks last week.", "talks")
        == "Asserted"
    )


def test_a_hope_or_a_failure_is_no_agreement():
    for text in (
        "The guild left the talks without a truce on Monday.",
        "The governor downplayed the chances of a truce between the guild and the owners.",
        "It had been hoped that a truce between the guild and the owners could be in place by Friday.",
    ):
        assert not [e for e in extract_text(text).events if e.kind == "Agreement"], text


def test_a_hoped_or_conditional_stance_is_no_position():
    for text in (
        "The mayor said he hopes the Miners Guild will accept the offer.",
        "If the Miners Guild said it would accept, the strike would end.",
        "The Miners Guild is debating whether to reject the offer.",
    ):
        facts = extract_text(text)
        assert not [
            p
            for p in facts.positions
            if "Miners Guild" in p.holder.label and set(p.stances) & {"Accepts", "Rejects"}
        ], text


def test_an_asserted_or_hedged_stance_is_a_position():
    facts = extract_text("The Miners Guild rejected the offer on Monday.")
    assert any(p.holder.label == "Miners Guild" and "Rejects" in p.stances for p in facts.positions)
    facts = extract_text("Governor Anna Berg said the city could live with a shorter strike.")
    assert any("Accepts" in p.stances for p in facts.positions)


def test_a_foreseen_release_is_planned_not_occurred():
    facts = extract_text(
        "Under the accord, a second phase would see the remaining detainees released by the "
        "Miners Guild."
    )
    assert not [e for e in facts.events if e.kind == "Exchange" and e.status == "Occurred"]


def test_a_planned_meeting_is_planned_and_its_factuality_is_kept():
    facts = extract_text("Governor Anna Berg will meet the Miners Guild in Oslo next week.")
    meetings = [e for e in facts.events if e.kind == "Meeting"]
    assert meetings and all(e.status == "Planned" and e.factuality == "Planned" for e in meetings)
    assert {"Anna Berg"} <= labels(meetings[0].participants)


def test_the_graph_states_each_fact_s_factuality():
    from kg.rdf.graph import article_graph
    from kg.rdf.namespace import NKG

    g = article_graph(
        extract_text("Governor Anna Berg will meet the Miners Guild in Oslo next week.")
    )
    assert set(g.objects(None, NKG.factuality)) == {NKG.Planned}


def test_an_unknown_factuality_is_refused():
    from kg.facts import ActorRef, Position

    with pytest.raises(ValueError, match="factuality"):
        Position("p", ActorRef("Person", "A"), ("Rejects",), "t", factuality="Maybe")


def test_postponed_or_cancelled_talks_did_not_happen(parse):
    assert value_of(parse, "The talks were postponed until March.", "talks") == "Negated"
    assert value_of(parse, "The governor cancelled the talks.", "talks") == "Negated"
    # the refuser is no refusal
    assert value_of(parse, "The rebels refused the offer.", "rebels") == "Asserted"
    facts = extract_text(
        "Talks between the Miners Guild and the Port Authority were postponed on Monday."
    )
    assert not [e for e in facts.events if e.kind == "Meeting" and e.status == "Occurred"]
