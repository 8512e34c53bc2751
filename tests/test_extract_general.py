"""The general constructions of issue 9 on sentences of our own, including ones that must yield nothing.

Deal frames, the term grammar, positions from attribution, modality, places
that are no people, dates taken only from the scene a sentence continues, and
the extractor interface.
"""

from datetime import date

import pytest
from conftest import extract_text, labels


def terms_by_proposer(text):
    facts = extract_text(text)
    return {
        (r.label, t.kind, figures(t)) for p in facts.proposals for r in p.proposers for t in p.terms
    }


def figures(term):
    """A term's attributes without its direction (who is released, by whom:
    test_negotiation_model.py)."""
    return tuple((k, v) for k, v in term.attrs if k not in ("releasedGroup", "releasedBy"))


# ---------------------------------------------------------------- the term grammar


@pytest.mark.parametrize(
    "text, kind, attrs",
    [
        ("Chad proposed a six-week truce.", "PauseTerm", (("durationDays", 42),)),
        ("Chad proposed a two-month halt to the shelling.", "PauseTerm", (("durationDays", 60),)),
        ("Chad proposed a week-long truce.", "PauseTerm", (("durationDays", 7),)),
        (
            "Chad declared a ceasefire in May, initially for one month.",
            "PauseTerm",
            (("durationDays", 30),),
        ),
        ("Chad offered to suspend air raids for three days.", "PauseTerm", (("durationDays", 3),)),
        (
            "Chad proposed that as many as 80 detainees be freed.",
            "ReleaseTerm",
            (("count", 80), ("countQualifier", "up to")),
        ),
        (
            "Chad proposed that 12 women and children be freed first.",
            "ReleaseTerm",
            (("count", 12), ("priorityGroup", "women and children")),
        ),
        (
            "Chad proposed to free four detainees for every soldier returned.",
            "ExchangeRatioTerm",
            (("ratio", 4), ("givenGroup", "detainees"), ("receivedGroup", "soldier returned")),
        ),
        (
            "Chad proposed to hand back 90 prisoners of war for Ivanov alone.",
            "ExchangeRatioTerm",
            (("ratio", 90), ("givenGroup", "prisoners of war"), ("receivedGroup", "Ivanov")),
        ),
        (
            "Chad proposed that all foreign troops leave the province.",
            "WithdrawalTerm",
            (("from", "province"), ("complete", True)),
        ),
        (
            "Chad proposed that rebel forces pull back from the river.",
            "WithdrawalTerm",
            (("from", "river"), ("complete", False)),
        ),
        ("Chad put forward a deal to end the war.", "CeasefireTerm", (("permanent", True),)),
        ("Chad proposed a bilateral and lasting truce.", "CeasefireTerm", (("permanent", True),)),
        (
            "Chad proposed that both armies freeze their operations.",
            "PauseTerm",
            (),
        ),  # a pause of no stated length
    ],
)
def test_terms_in_any_form(text, kind, attrs):
    assert ("Chad", kind, attrs) in terms_by_proposer(text)


def test_a_term_restated_with_more_detail_is_one_term():
    terms = terms_by_proposer(
        "Chad proposed a ceasefire. The plan foresees a lasting ceasefire and the release of "
        "30 detainees."
    )
    assert {attrs for _, kind, attrs in terms if kind == "CeasefireTerm"} == {
        (("permanent", True),)
    }


def test_a_per_head_rate_is_no_count_but_a_one_off_swap_is_both():
    rate = terms_by_proposer("Chad proposed to free three detainees for every soldier.")
    assert not any(
        kind == "ReleaseTerm" and dict(attrs).get("count") == 3 for _, kind, attrs in rate
    )
    swap = terms_by_proposer("Chad proposed to free 310 detainees in exchange for one soldier.")
    assert ("Chad", "ReleaseTerm", (("count", 310),)) in swap
    assert any(
        kind == "ExchangeRatioTerm" and dict(attrs)["ratio"] == 310 for _, kind, attrs in swap
    )


@pytest.mark.parametrize(
    "text",
    [
        "Chad proposed talks; some 300 people were killed in the fighting last year.",  # a death toll is no term
        "Chad proposed talks with the 19-year-old leader of the group.",  # an age is no term
        "Chad hoped that an end to the war was possible.",  # a hope provides nothing
        "Chad has not offered a truce.",  # no proposal at all
        "Chad said the truce held through the night.",  # a truce kept, not proposed
    ],
)
def test_no_term_where_there_is_none(text):
    assert terms_by_proposer(text) == set()


# ---------------------------------------------------------------- deal frames


def test_an_agreed_deal_s_provisions_belong_to_its_parties_and_broker():
    text = (
        "Chad and Niger agreed on Monday to a five-day truce. Mali, which brokered the deal, said it would hold. "
        "Under the deal, Niger will free 40 detainees."
    )
    found = terms_by_proposer(text)
    for side in ("Chad", "Niger", "Mali"):
        assert (side, "PauseTerm", (("durationDays", 5),)) in found
        assert (side, "ReleaseTerm", (("count", 40),)) in found


def test_the_same_figure_restated_is_one_term():
    facts = extract_text(
        "Chad and Niger agreed to a truce. Under the deal, 40 detainees will be freed. "
        "The 40 detainees will be freed in stages."
    )
    releases = [t for p in facts.proposals for t in p.terms if t.kind == "ReleaseTerm"]
    assert releases == [releases[0]] and releases[0].get("phased") is True


def test_terms_without_any_deal_or_proposal_belong_to_no_one():
    assert (
        extract_text("Some 40 detainees will be freed next week, the police said.").proposals == ()
    )


# ---------------------------------------------------------------- positions from attribution


@pytest.mark.parametrize(
    "text, holder, stance",
    [
        ("Senator Jane Okafor voted against the accord.", "Jane Okafor", "Rejects"),
        ("The opposition leader Tom Abara denounced the deal.", "Tom Abara", "Rejects"),
        ("Jane Okafor backed the agreement.", "Jane Okafor", "Accepts"),
        (
            '"The offer is generous but late," Jane Okafor told reporters.',
            "Jane Okafor",
            "Assessment",
        ),
        ("Jane Okafor called the talks a historic step.", "Jane Okafor", "Assessment"),
        ("Jane Okafor said she hoped the truce would hold.", "Jane Okafor", "Demands"),
        (
            '"Sanctions will stay until the border reopens," Jane Okafor said.',
            "Jane Okafor",
            "RedLine",
        ),
        ("Jane Okafor urged the rebels to accept the offer.", "Jane Okafor", "Demands"),
        ("Jane Okafor welcomed the ceasefire plan.", "Jane Okafor", "Accepts"),
        ("Jane Okafor thanked the president for the decision to sign.", "Jane Okafor", "Accepts"),
        (  # a side's act the speaker tells of: that side holds it (she reports it)
            "The truce was announced on Monday. Norway welcomed it, Jane Okafor said.",
            "Norway",
            "Accepts",
        ),
        ("The two sides are close to an accord, Jane Okafor said.", "Jane Okafor", "Assessment"),
    ],
)
def test_positions_from_attribution(text, holder, stance):
    positions = extract_text(text).positions
    assert any(p.holder.label == holder and stance in p.stances for p in positions), positions


def test_every_conjoined_voter_holds_the_position():
    facts = extract_text(
        "Senators Jane Okafor, Tom Abara and Luis Pereda voted against the accord."
    )
    holders = {p.holder.label for p in facts.positions if "Rejects" in p.stances}
    assert {"Jane Okafor", "Tom Abara", "Luis Pereda"} <= holders


def test_the_urged_side_accepts_nothing():
    facts = extract_text("Jane Okafor urged Hamas to accept the offer.")
    assert not any(p.holder.label == "Hamas" for p in facts.positions)


@pytest.mark.parametrize(
    "text",
    [
        "Jane Okafor said the meeting would start at noon.",  # reported speech without judgement
        "The harvest was good this year.",
        "Jane Okafor thanked Norway and Qatar.",  # courtesy to parties, no stance on anything
        "Prime Minister Tom Abara welcomed Jane Okafor to the capital on Monday.",
        "A source close to the talks said the meeting would start at noon.",  # "close to" inside a name phrase
    ],
)
def test_no_position_without_a_stance(text):
    assert extract_text(text).positions == ()


# ---------------------------------------------------------------- modality, places, dates


def test_a_conditional_deal_is_no_agreement():
    facts = extract_text("If Chad and Niger sign a deal on Monday, aid will flow.")
    assert not any(e.kind == "Agreement" for e in facts.events)


def test_a_hoped_for_agreement_is_planned():
    facts = extract_text("Chad hopes to sign a deal with Niger within weeks.")
    assert all(e.status == "Planned" for e in facts.events if e.kind == "Agreement")


def test_agreeing_to_do_something_is_an_agreement():
    facts = extract_text("Chad and Niger agreed on Monday to swap prisoners.")
    assert any(
        e.kind == "Agreement" and {"Chad", "Niger"} <= labels(e.participants) for e in facts.events
    )


def test_a_city_or_a_social_network_is_never_a_person():
    facts = extract_text("Aid trucks entered through Rafah on Monday, Hamas said on Telegram.")
    assert not any(a.kind == "Person" for a in facts.actors)


def test_a_country_acting_through_its_government_is_the_country():
    facts = extract_text("Chad's government and the rebels signed a truce on Monday.")
    assert "Chad" in {a.label for a in facts.actors} and not any(
        "government" in a.label for a in facts.actors
    )


def test_a_later_remark_does_not_take_the_date_of_an_earlier_sentence():
    facts = extract_text(
        "Chad and Niger met in Niamey on Jan. 2. The talks ran late. Chad said it would back the plan."
    )
    statement = next(e for e in facts.events if e.kind == "Statement")
    assert statement.when.earliest >= date(2024, 1, 27)


# ---------------------------------------------------------------- the extractor interface


def test_a_registered_component_runs_beside_the_rules_and_its_confidence_reaches_the_graph():
    from kg.annotate import annotate
    from kg.extract import Extraction, component, extract_facts
    from kg.facts import Event
    from kg.rdf.graph import article_graph
    from kg.rdf.namespace import NKG
    from kg.read.articles import Article

    @component("test-meetings")
    def every_paragraph_is_a_meeting(ctx):
        s = ctx.sentences[-1]
        return Extraction(
            events=(
                Event(key="meeting-model", kind="Meeting", evidence=(s.evidence,), rule="model"),
            ),
            confidence=(("meeting-model", 0.25),),
        )

    article = Article("a.txt", "a", "T", "T\nChad said the talks were useful.", date(2024, 1, 28))
    facts = extract_facts(
        next(annotate([article])), components=("events", "test-meetings"), min_confidence=0
    )
    assert {e.kind for e in facts.events} == {"Statement", "Meeting"} and dict(facts.confidence)[
        "meeting-model"
    ] == 0.25
    graph = article_graph(facts)
    confidences = dict(graph.subject_objects(NKG.confidence))
    assert len(confidences) == 2 and 0.25 in {
        float(o) for o in confidences.values()
    }  # the rule's: the model's


def test_an_unknown_component_is_named_in_the_error():
    from kg.annotate import annotate
    from kg.errors import KGError
    from kg.extract import extract_facts
    from kg.read.articles import Article

    with pytest.raises(
        KGError,
        match=r"extraction component 'no-such-extractor': not one of those registered \(.*events",
    ):
        extract_facts(
            next(annotate([Article("a.txt", "a", "T", "T\nText.", date(2024, 1, 28))])),
            components=("no-such-extractor",),
        )


# ---------------------------------------------------------------- dating and attribution in common constructions


def test_a_time_between_said_and_what_was_said_dates_the_saying():
    facts = extract_text(
        "The Friends of the Missing Forum said on Wednesday it was relieved.", "2016-06-23"
    )
    statement = next(e for e in facts.events if e.kind == "Statement")
    assert (statement.when.earliest, statement.when.latest) == (
        date(2016, 6, 22),
        date(2016, 6, 22),
    )


def test_the_predicate_of_an_event_noun_dates_it():
    facts = extract_text(
        "The talks between Norway and Chile were tentatively set for May 3.", "2020-04-28"
    )
    meeting = next(e for e in facts.events if e.kind == "Meeting")
    assert meeting.status == "Planned" and meeting.when.earliest == meeting.when.latest == date(
        2020, 5, 3
    )


def test_a_day_and_month_without_a_year_is_read_near_publication():
    facts = extract_text("Norway and Chile held talks on March 10.", "2020-02-29")
    meeting = next(e for e in facts.events if e.kind == "Meeting")
    assert meeting.when.earliest == date(2020, 3, 10)


def test_a_definite_coalition_is_the_coalition_named_before():
    facts = extract_text(
        "The Northern Alliance rejected the plan on Monday. "
        "The coalition said on Tuesday it would halt operations."
    )
    assert any(
        e.kind == "Statement" and labels(e.participants) == {"Northern Alliance"}
        for e in facts.events
    )


@pytest.mark.parametrize(
    "text, statement, assessed",
    [
        ("Foreign Minister Karl Huber called the agreement a betrayal on Monday.", True, True),
        ("Foreign Minister Karl Huber called the agreement unfair.", True, True),
        # a call on someone is a statement (a demand: tests/test_speech_predicates.py), no judgement
        ("Foreign Minister Karl Huber called on Norway to withdraw its troops.", True, False),
        ("Foreign Minister Karl Huber called the meeting for Friday.", False, False),
    ],
)
def test_calling_something_a_name_is_a_statement_and_an_assessment(text, statement, assessed):
    facts = extract_text(text)
    assert any(e.kind == "Statement" for e in facts.events) is statement
    assert (
        any(
            "Assessment" in p.stances and labels([p.holder]) == {"Karl Huber"}
            for p in facts.positions
        )
        is assessed
    )


@pytest.mark.parametrize(
    "text",
    [
        "Negotiators missed a March 23 deadline for a final accord.",
        "The fighting resumed in March after a lull.",
    ],
)
def test_a_month_is_no_march(text):
    assert not any(e.kind == "Protest" for e in extract_text(text).events)


def test_a_march_is_still_a_protest():
    facts = extract_text("Thousands of farmers staged a march through Oslo on Sunday.")
    assert any(e.kind == "Protest" for e in facts.events)


def test_what_a_deal_provides_is_no_ones_stance():
    facts = extract_text("Under the accord, Norway agreed to open its ports to Chilean ships.")
    assert not any("Accepts" in p.stances for p in facts.positions)
    facts = extract_text("Norway agreed to the accord on Monday.")
    assert any("Accepts" in p.stances and labels([p.holder]) == {"Norway"} for p in facts.positions)


def test_an_event_noun_after_a_conjoined_subject_takes_them_all():
    facts = extract_text("Norway and Chile signed the pact after a meeting in Oslo on Friday.")
    meeting = next(e for e in facts.events if e.kind == "Meeting")
    assert labels(meeting.participants) == {"Norway", "Chile"}


def test_a_pause_lengthened_by_a_day_is_no_one_day_pause():
    facts = extract_text(
        "Chad proposed a ten-day truce. The truce would be lengthened by one day for every ten "
        "detainees freed."
    )
    days = {
        dict(t.attrs).get("durationDays")
        for p in facts.proposals
        for t in p.terms
        if t.kind == "PauseTerm"
    }
    assert 10 in days and 1 not in days


def test_the_government_is_the_state_whose_government_was_named():
    facts = extract_text(
        "Norway's cabinet approved the accord on Tuesday. Chile welcomed the vote. "
        "In a statement, the government said the ports would reopen."
    )
    assert any(e.kind == "Statement" and labels(e.participants) == {"Norway"} for e in facts.events)
    facts = extract_text(
        "Chile welcomed the vote. In a statement, the government said the ports would reopen."
    )
    assert not any(
        e.kind == "Statement"
        and "Chile" in labels(e.participants)
        and "ports" in e.evidence[0].text
        for e in facts.events
    )


@pytest.mark.parametrize(
    "text",
    [
        "Norway agreed to none of Chile's demands.",
        "Norway agreed to neither autonomy nor federalism for the islands.",
        "Norway accepted no conditions.",
    ],
)
def test_agreeing_to_nothing_is_a_rejection(text):
    stances = {
        s
        for p in extract_text(text).positions
        if labels([p.holder]) == {"Norway"}
        for s in p.stances
    }
    assert "Rejects" in stances and "Accepts" not in stances


def test_details_released_free_no_one_but_released_prisoners_do():
    facts = extract_text(
        "According to details released by the envoy's office on Monday, ten ships will dock."
    )
    assert not any(e.kind == "Exchange" for e in facts.events)
    facts = extract_text("Norway released 40 prisoners on Monday.")
    assert any(e.kind == "Exchange" for e in facts.events)


def test_each_titled_name_of_a_listed_subject_holds_the_stance():
    facts = extract_text(
        "Police chief Ivan Petrov, army chief Olga Sidorova and navy chief Pavel Orlov backed the deal."
    )
    holders = {p.holder.label for p in facts.positions if "Accepts" in p.stances}
    assert {"Ivan Petrov", "Olga Sidorova"} <= holders


def test_a_group_keeps_its_name_around_a_country_inside_it():
    facts = extract_text("A senior U.S. administration official called the session positive.")
    speakers = {r.label for e in facts.events if e.kind == "Statement" for r in e.participants}
    assert speakers == {"senior U.S. administration official"}


def test_an_unnamed_envoy_is_an_actor_but_the_envoy_named_before_is_not_a_new_one():
    facts = extract_text("A Swiss envoy said the talks were useful.")
    assert {(a.kind, a.label) for a in facts.actors} >= {("Group", "Swiss envoy")}
    facts = extract_text(
        "Swiss envoy Anna Keller arrived on Monday. The top Swiss diplomat said the talks were useful."
    )
    assert not any(a.kind == "Group" for a in facts.actors)


def test_a_sides_officials_describing_the_terms_put_them_forward_but_one_spokesman_does_not():
    assert ("United States", "PauseTerm", (("durationDays", 30),)) in terms_by_proposer(
        "The text, as laid out by U.S. officials, sets up a 30-day truce."
    )
    spoken = terms_by_proposer(
        "Chad and Niger signed a deal on Monday. Under the deal, as laid out by Anna Keller, "
        "Chad freed 20 prisoners."
    )
    assert not any(who == "Anna Keller" for who, _, _ in spoken)
