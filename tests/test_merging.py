"""The default merge of several components' facts ("spans") and the identity step for the actors
a component finds itself: two facts told in one sentence stay two, one fact found twice is one
with the parties of both, no actor is left over, offsets are checked, one name is one actor."""

from __future__ import annotations

from datetime import date

import pytest

from kg.facts import Actor, ActorRef, ArticleFacts, Event, Evidence, Proposal

# invented names, all told in one sentence
TEXT = "Orvane met Tessaly while Brakmoor met Quillon, and each side made an offer."
SENTENCE = Evidence(TEXT, 0, len(TEXT))
ORVANE, TESSALY, BRAKMOOR, QUILLON = (
    ActorRef("Country", name) for name in ("Orvane", "Tessaly", "Brakmoor", "Quillon")
)
SOURCE_OF = {"rules-1": "rules", "model-1": "model"}


def merged(rules_fact, model_fact, confidence=(("rules-1", 0.7), ("model-1", 0.9)), actors=()):
    from kg.extract.merging import deduplicated

    kind = "events" if isinstance(rules_fact, Event) else "proposals"
    facts = ArticleFacts(
        None, actors=actors, confidence=confidence, **{kind: (rules_fact, model_fact)}
    )
    return deduplicated(facts, SOURCE_OF)


def test_two_meetings_of_one_sentence_stay_two():
    facts = merged(
        Event("rules-1", "Meeting", (ORVANE, TESSALY), (SENTENCE,)),
        Event("model-1", "Meeting", (BRAKMOOR, QUILLON), (SENTENCE,)),
    )
    assert [set(e.participants) for e in facts.events] == [
        {ORVANE, TESSALY},
        {BRAKMOOR, QUILLON},
    ]


def test_two_sides_proposals_of_one_sentence_stay_two():
    facts = merged(
        Proposal("rules-1", (ORVANE,), evidence=(SENTENCE,)),
        Proposal("model-1", (BRAKMOOR,), evidence=(SENTENCE,)),
    )
    assert [p.proposers for p in facts.proposals] == [(ORVANE,), (BRAKMOOR,)]


def test_one_meeting_found_twice_keeps_the_parties_and_evidence_of_both():
    later = Evidence("They met again.", len(TEXT) + 1, len(TEXT) + 16)
    facts = merged(
        Event("rules-1", "Meeting", (ORVANE, TESSALY), (SENTENCE,)),
        Event("model-1", "Meeting", (TESSALY, QUILLON), (SENTENCE, later)),
    )
    (meeting,) = facts.events
    assert meeting.key == "model-1" and dict(facts.confidence) == {"model-1": 0.9}
    assert set(meeting.participants) == {ORVANE, TESSALY, QUILLON}
    assert meeting.evidence == (SENTENCE, later)


def test_actors_only_the_dropped_fact_used_are_dropped_unless_affiliated():
    envoy, ministry = ActorRef("Person", "Dara Fenwick"), ActorRef("Organization", "Vell Ministry")
    agency = ActorRef("Organization", "Sorrel Agency")
    actors = (
        Actor(ORVANE),
        Actor(QUILLON, affiliations=(ministry,)),
        Actor(envoy),
        Actor(ministry),
        Actor(agency),
        Actor(BRAKMOOR),  # named, in no fact: kept, as the rules' merge keeps it
    )
    facts = merged(
        Event("rules-1", "Meeting", (ORVANE,), (SENTENCE,), reported_by=(envoy, ministry)),
        Event("model-1", "Meeting", (ORVANE, QUILLON), (SENTENCE,), reported_by=(agency,)),
        actors=actors,
    )
    assert {a.ref for a in facts.actors} == {ORVANE, QUILLON, ministry, agency, BRAKMOOR}


ARTICLE = (
    "Talks in Vessen\n"
    "Hamas demanded a full withdrawal of troops, while Israel proposed a six-week truce "
    "and the release of 30 prisoners.\n"
    "Qatari mediators met Hamas leaders in Doha on Monday, and Egyptian officials met "
    "Israeli negotiators in Cairo.\n"
    "Hamas rejected the proposal on Tuesday.\n"
)


@pytest.fixture(scope="module")
def annotated():
    from kg.annotate import annotate
    from kg.read.articles import Article

    return next(annotate([Article("talks.txt", "talks", "Talks", ARTICLE, date(2024, 3, 4))]))


def test_naming_the_rule_components_one_by_one_gives_the_rules_graph(annotated):
    from kg.extract import extract_facts

    one_by_one = extract_facts(annotated, "events,deal-life,mediation,proposals,positions")
    rules = extract_facts(annotated, "rules")
    assert rules.proposals and rules.events
    assert one_by_one == rules


def test_a_name_is_one_actor_whichever_of_its_spans_comes_first():
    from kg.facts import ActorSpan
    from kg.identity.spans import span_actors

    known = ActorRef("Person", "Maelis Ardent")
    # the first span is where the rules found nobody; the second overlaps their actor
    spans = [ActorSpan("Person", "Ardent", 10, 16), ActorSpan("Person", "Ardent", 60, 66)]
    renamed, new, _ = span_actors(spans, [((53, 66), known)], [])
    assert renamed == {spans[0].ref: known} and new == {}
    # a name the rules never found: one new actor, with the sentence of each span as evidence
    one, two = Evidence("Ardent arrived.", 0, 15), Evidence("Ardent left.", 16, 28)
    spans = [ActorSpan("Person", "Ardent", 0, 6), ActorSpan("Person", "Ardent", 16, 22)]
    renamed, new, _ = span_actors(spans, [], [one, two])
    assert renamed == {spans[0].ref: spans[0].ref}
    assert [a.evidence for a in new.values()] == [(one, two)]


def test_a_span_whose_offsets_miss_its_text_fails_that_article_alone(tmp_path):
    from kg import plugins
    from kg.errors import InputError
    from kg.extract.pipeline import Extraction, component
    from kg.facts import ActorSpan
    from kg.ingestion import ingest
    from kg.store import GraphStore

    @component("misplaced-spans")
    def misplaced_spans(ctx):
        if "Nobody" not in ctx.annotated.article.body:
            return Extraction()
        return Extraction(mentions=(ActorSpan("Person", "Nobody Here", 5000, 5011),))

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "bad.txt").write_text("Nobody\n" + ARTICLE)
    (folder / "good.txt").write_text(
        "Envoys meet in Larsk\nThe envoys of Orvane met Tessaly's foreign minister in Larsk on "
        "Friday to discuss a border truce.\n"
    )
    try:
        store = GraphStore()
        report = ingest([folder], store, components="rules,misplaced-spans", workers=1)
    finally:
        plugins.unregister("component", "misplaced-spans")
    (error,) = report.failed
    assert isinstance(error, InputError) and "bad.txt" in str(error)
    assert "component 'misplaced-spans' gave the span 'Nobody Here' at 5000-5011" in str(error)
    assert store.summary()["articles"] == 1
