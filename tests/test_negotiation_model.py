"""Mediation, a deal's life, terms with a direction and the deal card, on sentences written for
these tests."""

from __future__ import annotations

import pytest
from conftest import extract_text, labels

AGREED = "Armenia and Azerbaijan agreed to a truce on March 3."


def mediators_of(facts) -> set[str]:
    return {r.label for f in (*facts.events, *facts.proposals) for r in f.mediators}


def life(facts) -> list:
    return [e for e in facts.events if e.concerns is not None or e.rule.startswith("deal-life")]


def terms(facts) -> list:
    return [t for p in facts.proposals for t in p.terms]


# ---------------------------------------------------------------- mediation


@pytest.mark.parametrize(
    "text, expected",
    [
        (f"{AGREED} The truce, brokered by Norway and Chile, held overnight.", {"Norway", "Chile"}),
        ("Georgia and Ukraine signed a Swiss-brokered accord on Friday.", {"Switzerland"}),
        (
            "Georgia and Ukraine reached a deal on Friday. Oman, which has long been acting as a "
            "mediator, welcomed it.",
            {"Oman"},
        ),
        ("Kenya hosted talks between Sudan and Chad on Monday.", {"Kenya"}),
        ("Sudan and Chad held talks on Monday. Kenya, a peace broker, welcomed them.", {"Kenya"}),
        (
            "Sudan and Chad met in Nairobi under the auspices of the African Union on Monday.",
            {"African Union"},
        ),
        (
            "Sudan and Chad held talks on Monday. Norwegian and Swiss mediators shuttled between "
            "the two delegations.",
            {"Norwegian mediators", "Swiss mediators"},
        ),
        (
            "Sudan and Chad reached a deal on Monday. The Gulf state of Oman played a key role in "
            "negotiating the deal.",
            {"Oman"},
        ),
    ],
)
def test_a_stated_mediation_names_its_mediators(text, expected):
    assert expected <= mediators_of(extract_text(text))


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Sudan and Chad reached a truce on Monday. Peru thanked Kenya for brokering the truce.",
            {"Kenya"},
        ),
        (
            "Sudan and Chad held talks on Monday. Chad accused Kenya of acting as a mediator.",
            {"Kenya"},
        ),
    ],
)
def test_the_one_thanked_or_accused_for_mediating_is_the_mediator(text, expected):
    assert mediators_of(extract_text(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Sudan and Chad held talks on Monday. Turkey offered to mediate between them.",
        "Sudan and Chad held talks on Monday. Brazil could mediate if both sides asked.",
        "Sudan and Chad held talks on Monday. Peru said it was ready to act as a mediator.",
        "Sudan and Chad held talks on Monday. Kenya did not mediate the talks.",
        "Sudan and Chad held talks on Monday. Kenya hosted a dinner for the delegates.",
        "Sudan and Chad held talks on Monday. Kenya denied mediating the talks.",
        "Sudan and Chad held talks on Monday. Jordan refused to mediate between them.",
        "Sudan and Chad held talks on Monday. Brazil refused to host talks between them.",
        "Sudan and Chad held talks on Monday. Chad rejected any Egyptian mediation.",
        "Sudan and Chad held talks on Monday. Chad accused Kenya of failing as a mediator.",
        "Sudan and Chad held talks on Monday. Mediating the talks would be hard for Kenya.",
        "Sudan and Chad held talks on Monday. Kenya, the main power broker in the region, said so.",
    ],
)
def test_an_offer_a_possibility_or_a_denial_is_no_mediation(text):
    assert mediators_of(extract_text(text)) == set()


# ---------------------------------------------------------------- a deal's life


def test_the_end_of_a_truce_is_an_event_of_that_truce_not_an_agreement():
    facts = extract_text(f"{AGREED} The truce ended on March 9.", published="2024-03-10")
    agreement = [e for e in facts.events if e.kind == "Agreement"]
    ended = [e for e in facts.events if e.kind == "DealEnded"]
    assert len(agreement) == 1 and len(ended) == 1
    assert ended[0].concerns == agreement[0].key and str(ended[0].when.earliest) == "2024-03-09"


def test_a_truce_that_says_who_made_it_is_still_an_agreement_when_it_ends():
    facts = extract_text(
        "A truce brokered by Norway between Chad and Niger ended on March 9.",
        published="2024-03-10",
    )
    (agreement,) = [e for e in facts.events if e.kind == "Agreement"]
    (ended,) = [e for e in facts.events if e.kind == "DealEnded"]
    assert ended.concerns == agreement.key and labels(agreement.mediators) == {"Norway"}


def test_a_pause_that_began_on_a_day_is_a_begin_event_dated_that_day():
    facts = extract_text(
        "A three-day pause in the fighting began on 14 February.", published="2024-02-20"
    )
    began = [e for e in facts.events if e.kind == "DealBegins"]
    assert [str(e.when.earliest) for e in began] == ["2024-02-14"]
    assert not [e for e in facts.events if e.kind == "Agreement"]


def test_talks_that_collapsed_are_a_collapse_dated_by_its_own_expression():
    facts = extract_text(
        "Sudan and Chad held talks in Nairobi on Monday. The talks collapsed on Saturday.",
        published="2024-03-13",
    )
    collapse = [e for e in facts.events if e.kind == "Collapse"]
    assert [str(e.when.earliest) for e in collapse] == ["2024-03-09"]
    assert collapse[0].concerns == next(e.key for e in facts.events if e.kind == "Meeting")


@pytest.mark.parametrize(
    "text, kind",
    [
        (f"{AGREED} The ceasefire was extended by three days on March 6.", "DealExtended"),
        (
            f"{AGREED} Both sides accused each other of violating the truce on March 5.",
            "DealViolated",
        ),
        (f"{AGREED} Azerbaijan suspended the truce on March 7.", "DealSuspended"),
        (f"{AGREED} The truce expired at midnight on March 8.", "DealEnded"),
        (
            "Sudan and Chad held talks on Monday. Chad suspended the talks on Tuesday.",
            "TalksSuspended",
        ),
        ("Sudan and Chad held talks in May. The talks resumed on Tuesday.", "TalksResumed"),
        (
            "Sudan and Chad held talks on Monday. Sudan recalled its negotiators on Tuesday.",
            "NegotiatorsRecalled",
        ),
        ("Negotiations between Sudan and Chad opened in Nairobi on Tuesday.", "TalksOpened"),
    ],
)
def test_each_event_of_a_deals_life_has_its_kind(text, kind):
    assert kind in {e.kind for e in extract_text(text, published="2024-03-13").events}


def test_an_extension_says_how_long_and_on_what_condition():
    facts = extract_text(
        f"{AGREED} The truce was extended by two days on condition that more detainees are freed."
    )
    extended = [e for e in facts.events if e.kind == "DealExtended"]
    details = dict(extended[0].details)
    assert details["extensionDays"] == 2 and "detainees" in details["condition"]


@pytest.mark.parametrize(
    "length, days",
    [
        ("for another 48 hours", 2),
        ("for two more days", 2),
        ("for another day", 1),
        ("by a further week", 7),
    ],
)
def test_an_extension_reads_its_length_in_hours_or_more_days(length, days):
    facts = extract_text(
        f"{AGREED} The truce was extended {length} on March 6.", published="2024-03-10"
    )
    (extended,) = [e for e in facts.events if e.kind == "DealExtended"]
    assert dict(extended.details).get("extensionDays") == days
    assert str(extended.when.earliest) == "2024-03-06"


@pytest.mark.parametrize(
    "text",
    [
        "No date has been set for the truce to begin.",
        f"{AGREED} The truce could collapse at any moment.",
        f"{AGREED} If the truce ends, fighting will resume.",
        f"{AGREED} The truce did not end on Friday.",
        f"{AGREED} Officials hope the talks will resume soon.",
        f"{AGREED} Azerbaijan denied violating the truce.",
        f"{AGREED} Armenia called for an extension of the truce.",
        f"{AGREED} Armenia sought an extension of the truce.",
        f"{AGREED} Officials discussed a possible extension of the truce.",
        f"{AGREED} Ending the truce would be a mistake, Armenia said.",
        "A pause in grain exports ended on 5 June.",
        "A lull in trading began on 3 June.",
    ],
)
def test_what_is_not_stated_to_happen_is_no_event_of_a_deals_life(text):
    assert life(extract_text(text)) == []


def test_the_deal_carries_its_interval_in_force(tmp_path):
    from kg.rdf.graph import article_graph
    from kg.rdf.namespace import NKG

    facts = extract_text(
        f"{AGREED} The truce began on March 4. The truce ended on March 9.", published="2024-03-10"
    )
    g = article_graph(facts)
    (deal,) = g.subjects(NKG.inForceFrom, None)
    assert (
        str(g.value(deal, NKG.inForceFrom)) == "2024-03-04"
        and str(g.value(deal, NKG.inForceUntil)) == "2024-03-09"
    )


# ---------------------------------------------------------------- terms with a direction


def test_a_release_says_who_is_released_and_by_whom_and_paired_counts_give_a_ratio():
    facts = extract_text(
        f"{AGREED} Under the truce, Azerbaijan will free 30 soldiers in return for 90 detainees "
        "released by Armenia."
    )
    found = terms(facts)
    releases = {
        t.get("count"): (t.get("releasedGroup"), t.get("releasedBy").label)
        for t in found
        if t.kind == "ReleaseTerm"
    }
    assert releases == {30: ("soldiers", "Azerbaijan"), 90: ("detainees", "Armenia")}
    # the ratio is derived, not stated: it goes on the release of the larger group
    (larger,) = [t for t in found if t.get("count") == 90]
    assert (larger.get("ratio"), larger.get("givenGroup"), larger.get("receivedGroup")) == (
        3,
        "detainees",
        "soldiers",
    )
    assert not [t for t in found if t.kind == "ExchangeRatioTerm"]


def test_a_stated_ratio_is_not_derived_again_from_the_counts():
    facts = extract_text(
        f"{AGREED} Under the truce, Azerbaijan will free 30 soldiers in return for 90 detainees, "
        "three detainees for each soldier."
    )
    found = terms(facts)
    assert [t.get("ratio") for t in found if t.kind == "ExchangeRatioTerm"] == [3]
    assert not [t for t in found if t.kind == "ReleaseTerm" and t.get("ratio")]


def test_times_as_many_is_a_ratio_not_a_release():
    facts = extract_text(
        f"{AGREED} Under the truce, Armenia will free about eight times as many detainees as "
        "soldiers."
    )
    found = terms(facts)
    assert [t.get("ratio") for t in found if t.kind == "ExchangeRatioTerm"] == [8]
    assert not [t for t in found if t.kind == "ReleaseTerm" and t.get("count") == 8]


def test_an_extension_clause_is_a_term_of_days_per_number_released():
    facts = extract_text(
        f"{AGREED} Under the truce, the pause would gain one more day for every five detainees "
        "freed."
    )
    (ext,) = [t for t in terms(facts) if t.kind == "ExtensionTerm"]
    assert (ext.get("durationDays"), ext.get("count"), ext.get("releasedGroup")) == (
        1,
        5,
        "detainees",
    )
    assert not [t for t in terms(facts) if t.kind == "PauseTerm" and t.get("durationDays") == 1]


def test_a_term_the_text_denies_is_no_term():
    facts = extract_text(
        f"{AGREED} The truce did not include a full withdrawal, but it provided for a six-day "
        "pause."
    )
    kinds = {t.kind for t in terms(facts)}
    assert "WithdrawalTerm" not in kinds and "PauseTerm" in kinds


# ---------------------------------------------------------------- the deal card, the tables, the
# ranking

DEAL_ARTICLE = (
    "Truce over\n"
    "Armenia and Azerbaijan agreed to a truce on March 3, in a deal brokered by Norway. "
    "Under the truce, Azerbaijan will free 30 soldiers in return for 90 detainees released by "
    "Armenia.\n"
    "The truce began on March 4. The truce was extended by two days on March 6. "
    "Azerbaijan accepted the deal.\n"
    "The truce ended on March 9.\n"
)


@pytest.fixture(scope="module")
def deal_store(tmp_path_factory):
    from kg.ingestion import ingest
    from kg.store import GraphStore

    path = tmp_path_factory.mktemp("deal") / "truce.txt"
    path.write_text(DEAL_ARTICLE)
    path.with_suffix(".json").write_text('{"published": "2024-03-10"}')
    store = GraphStore()
    assert ingest([path], store).ok
    return store


def test_the_deal_card_shows_parties_broker_terms_with_direction_and_the_deals_life(deal_store):
    from kg.views.deals import deal_cards, render_cards

    (card,) = deal_cards(deal_store)
    lines = card["lines"]
    assert {ln["who"] for ln in lines if ln["line"] == "party"} >= {"Armenia", "Azerbaijan"}
    assert {ln["who"] for ln in lines if ln["line"] == "broker"} == {"Norway"}
    assert {(ln["what"], ln["who"]) for ln in lines if ln["line"] == "term"} >= {
        ("release: 30", "Azerbaijan"),
        ("release: 90", "Armenia"),
    }
    assert "frees detainees, 3 detainees to 1 of the soldiers" in {
        ln["detail"] for ln in lines if ln["line"] == "term"
    }
    events = {(ln["what"], ln["date"]) for ln in lines if ln["line"] == "event"}
    assert events >= {
        ("DealBegins", "2024-03-04"),
        ("DealExtended", "2024-03-06"),
        ("DealEnded", "2024-03-09"),
    }
    assert ("Accepts", "Azerbaijan") in {
        (ln["what"], ln["who"]) for ln in lines if ln["line"] == "stance"
    }
    assert all(ln["evidence"] in DEAL_ARTICLE for ln in lines)
    text = render_cards([card])
    assert "broker    Norway" in text and "ended     2024-03-09" in text
    assert deal_cards(deal_store, "Norway") and not deal_cards(deal_store, "Peru")


def test_the_deals_query_returns_data_and_the_card_words_it(deal_store):
    from kg.query import named_queries, run_select
    from kg.views.deals import deal_cards, render_cards

    rows = run_select(deal_store, named_queries()["deals"].text)
    (traded,) = [r for r in rows if r["line"] == "term" and r["ratio"] is not None]
    assert (traded["releasedGroup"], traded["ratio"], traded["receivedGroup"]) == (
        "detainees",
        3,
        "soldiers",
    )
    (extended,) = [r for r in rows if r["what"] == "DealExtended"]
    assert extended["extensionDays"] == 2
    worded = [v for r in rows for k, v in r.items() if k != "evidence" and "frees" in str(v)]
    assert not worded  # no words made in SPARQL
    text = render_cards(deal_cards(deal_store))
    assert "release: 90 (Armenia frees detainees, 3 detainees to 1 of the soldiers)" in text
    assert "extended  2024-03-06 by 2 days" in text


def test_terms_csv_carries_the_figures_of_each_term(deal_store, tmp_path):
    import csv

    from kg.views.tables import write_tables

    write_tables(deal_store, tmp_path)
    rows = list(csv.DictReader((tmp_path / "terms.csv").open()))
    assert {"count:int", "ratio:float", "durationDays:int", "releasedBy", "givenGroup"} <= set(
        rows[0]
    )
    released = {(r["count:int"], r["releasedBy"]) for r in rows if r[":LABEL"] == "ReleaseTerm"}
    assert {("30", "Azerbaijan"), ("90", "Armenia")} <= released


def test_a_side_the_text_names_as_mediator_ranks_first(deal_store):
    from kg.query import named_queries, run_select
    from kg.views.network import mediators, to_networkx

    ranked = mediators(to_networkx(deal_store))
    assert ranked[0][0] == "Norway" and ranked[0][1] >= 0.5
    assert all(score < 0.5 for _, score in ranked[1:])
    rows = run_select(deal_store, named_queries()["mediators"].text)
    assert rows[0]["mediator"] == "Norway" and int(rows[0]["stated"]) >= 1


def test_the_deal_graph_conforms_to_the_shapes(deal_store):
    from kg.validate import store_union, validate_graph

    report = validate_graph(store_union(deal_store))
    assert report.conforms, report.text()


def test_the_graph_page_says_who_mediated_a_deal_and_which_deal_an_event_concerns(deal_store):
    from kg.views.graph_page import edge_words, hover_text
    from kg.views.network import to_networkx

    G = to_networkx(deal_store)
    deal = next(n for n, a in G.nodes(data=True) if a["kind"] == "Agreement")
    ended = next(n for n, a in G.nodes(data=True) if a["kind"] == "DealEnded")
    assert "mediated by: Norway" in hover_text(G, deal)
    assert f"of: {G.nodes[deal]['label']}" in hover_text(G, ended)
    broker = next(v for _, v, k in G.out_edges(deal, keys=True) if k == "mediatedBy")
    assert edge_words(G, deal, broker, "mediatedBy") == (broker, deal, "mediated")


def test_kg_deals_prints_the_card_and_json(tmp_path):
    import json

    from conftest import kg_main

    article = tmp_path / "truce.txt"
    article.write_text(DEAL_ARTICLE)
    article.with_suffix(".json").write_text('{"published": "2024-03-10"}')
    assert kg_main("ingest", article, "--store", tmp_path / "store", "-q").returncode == 0
    shown = kg_main("deals", "--store", tmp_path / "store", "--actor", "norway")
    assert shown.returncode == 0 and "broker    Norway" in shown.stdout
    cards = json.loads(kg_main("deals", "--store", tmp_path / "store", "--format", "json").stdout)
    assert [c["label"] for c in cards] == ["Agreement: Armenia, Azerbaijan"]
    none = kg_main("deals", "--store", tmp_path / "store", "--actor", "Peru")
    assert none.stdout.strip() == "no deals"


def test_a_deal_card_is_dated_by_its_deal_even_when_no_party_is_named(tmp_path):
    from kg.ingestion import ingest
    from kg.store import GraphStore
    from kg.views.deals import deal_cards

    path = tmp_path / "talks.txt"
    path.write_text(
        "Talks fail\n\nTalks were held in Geneva on 20 May. The talks collapsed on 22 May.\n"
    )
    path.with_suffix(".json").write_text('{"published": "2024-05-21"}')
    store = GraphStore()
    assert ingest([path], store).ok
    (card,) = deal_cards(store)
    assert card["date"] == "2024-05-20"
    assert ("Collapse", "2024-05-22") in {(ln["what"], ln["date"]) for ln in card["lines"]}


# ---------------------------------------------------------------- constructions judged on real news


def statuses(facts, kind: str) -> list[str]:
    return [e.status for e in facts.events if e.kind == kind]


@pytest.mark.parametrize(
    "text, kind",
    [
        # a simple present of a day after publication tells a schedule, not a past event
        ("The dockers' current contract expires on June 30.", "DealEnded"),
        (f"{AGREED} The truce ends on March 20.", "DealEnded"),
        # agreeing to resume talks plans them; they have not resumed yet
        (
            "Sudan and Chad held talks in May. The two sides agreed to resume the talks next week.",
            "TalksResumed",
        ),
    ],
)
def test_what_is_scheduled_or_agreed_to_happen_is_planned(text, kind):
    assert statuses(extract_text(text, published="2024-03-13"), kind) == ["Planned"]


def test_a_present_tense_expiry_already_past_stays_occurred_and_a_contract_is_a_deal():
    facts = extract_text("The miners' contract expired on March 1.", published="2024-03-13")
    assert statuses(facts, "DealEnded") == ["Occurred"]


@pytest.mark.parametrize(
    "text",
    [
        "The employers' offer to resume talks was rejected by the union.",
        "Both sides showed reluctance to resume the talks.",
        "Analysts expect the accord will end up without export quotas.",
        "Four rounds of talks between growers and buyers for a new pact ended without agreement.",
    ],
)
def test_an_offer_a_reluctance_or_another_verb_is_no_event_of_a_deals_life(text):
    kinds = {e.kind for e in life(extract_text(text))}
    assert not kinds & {"TalksResumed", "DealEnded"}


def test_talks_that_end_without_agreement_collapse():
    facts = extract_text(
        "Talks between the growers and the millers ended without agreement on Friday.",
        published="2024-03-13",
    )
    assert "Collapse" in {e.kind for e in facts.events}
    assert "DealEnded" not in {e.kind for e in facts.events}


def test_a_collapse_of_talks_presupposed_by_a_plan_still_occurred():
    facts = extract_text(
        "Sudan and Chad held talks in May. The rebels would respond to the "
        "collapse of the talks with new attacks."
    )
    assert statuses(facts, "Collapse") == ["Occurred"]


def test_a_collapse_dated_long_before_the_talks_is_not_theirs():
    facts = extract_text(
        "Growers and buyers held talks in Geneva on Monday. The collapse of the negotiations in "
        "October had angered them.",
        published="2024-03-13",
    )
    monday = next(
        e for e in facts.events if e.kind == "Meeting" and str(e.when.earliest) == "2024-03-11"
    )
    (collapse,) = [e for e in facts.events if e.kind == "Collapse"]
    assert collapse.concerns != monday.key


def test_an_extension_to_a_date_is_not_dated_by_it_and_two_dates_give_its_length():
    facts = extract_text(
        "The bank said its loan agreement with the firm has been extended until "
        "April 20 from April 2.",
        published="2024-03-28",
    )
    (extended,) = [e for e in facts.events if e.kind == "DealExtended"]
    assert dict(extended.details)["extensionDays"] == 18
    assert str(extended.when.earliest) != "2024-04-20"


def test_an_extension_for_a_number_of_years_says_its_length():
    facts = extract_text("The council extended the accord for three years on Monday.")
    (extended,) = [e for e in facts.events if e.kind == "DealExtended"]
    assert dict(extended.details)["extensionDays"] == 3 * 365


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Sudan and Chad held talks in Nairobi on Monday with the mediation of Kenya.", {"Kenya"}),
        (
            "The talks between Sudan and Chad were conducted with Jan Eliasson, a Swedish diplomat, "
            "acting as mediator.",
            {"Jan Eliasson"},
        ),
        ("Sudan and Chad met on Monday, with Ethiopia acting as mediator.", {"Ethiopia"}),
        (
            "The plan was presented at a meeting held under the auspices of the World Bank. Sudan and "
            "Chad proposed a truce.",
            {"World Bank"},
        ),
    ],
)
def test_mediation_stated_in_a_with_phrase_or_under_auspices(text, expected):
    assert expected <= mediators_of(extract_text(text))


@pytest.mark.parametrize(
    "text",
    [
        "Sudan and Chad held talks on Monday. The minister spoke at a forum sponsored by the Red "
        "Cross.",
        "Sudan and Chad held talks on Monday. A bill sponsored by Senator Jane Roe was debated.",
    ],
)
def test_a_sponsor_is_no_mediator(text):
    assert mediators_of(extract_text(text)) == set()


def test_the_host_of_a_meeting_does_not_broker_a_proposal_presented_at_it():
    facts = extract_text(
        "The United States presented its plan for a truce at a meeting held "
        "under the auspices of the World Bank."
    )
    assert not [p for p in facts.proposals if p.mediators]


def test_a_vote_margin_is_no_exchange_ratio_but_a_stated_ratio_is():
    vote = extract_text(
        f"{AGREED} Under the truce, Azerbaijan will free soldiers, a plan "
        "parliament backed by a 3 to 1 margin."
    )
    ratio = extract_text(
        f"{AGREED} Under the truce, Azerbaijan will free soldiers at a 3 to 1 ratio."
    )
    assert not [t for t in terms(vote) if t.kind == "ExchangeRatioTerm"]
    assert [t.get("ratio") for t in terms(ratio) if t.kind == "ExchangeRatioTerm"] == [3]


def test_an_expiry_in_a_time_clause_is_told_as_fact_whatever_the_main_clause_says():
    facts = extract_text(
        "Dockers have been working without a contract since their old contract "
        "expired on January 31.",
        published="2024-03-13",
    )
    assert statuses(facts, "DealEnded") == ["Occurred"]


def test_an_occurred_collapse_is_not_of_talks_still_to_come():
    facts = extract_text(
        "Growers and buyers will hold talks in Geneva next week. The collapse of "
        "the negotiations had angered them.",
        published="2024-03-13",
    )
    (collapse,) = [e for e in facts.events if e.kind == "Collapse"]
    planned = {e.key for e in facts.events if e.kind == "Meeting" and e.status == "Planned"}
    assert planned and collapse.concerns not in planned


def test_a_collapse_dated_last_year_is_not_of_the_talks_the_news_is_about():
    facts = extract_text(
        "Growers and buyers are holding talks in Geneva. The collapse of the "
        "negotiations last October had angered them.",
        published="2024-03-13",
    )
    (collapse,) = [e for e in facts.events if e.kind == "Collapse"]
    current = {e.key for e in facts.events if e.kind == "Meeting" and not e.when.text}
    assert current and collapse.concerns not in current


def test_an_absolute_clause_tells_its_own_collapse_under_a_failure():
    facts = extract_text(
        "Two attempts to renew the accord had failed, the last round of talks "
        "breaking down in May.",
        published="2024-03-13",
    )
    assert statuses(facts, "Collapse") == ["Occurred"]
