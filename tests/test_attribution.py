"""Holders through attribution: the side whose stance it is, on sentences of our own."""

from conftest import extract_text


def stances(text):
    return {
        (p.holder.label, s)
        for p in extract_text(
            text,
        ).positions
        for s in p.stances
    }


def positions_of(text, holder):
    return [p for p in extract_text(text).positions if p.holder.label == holder]


def test_the_agent_of_a_passive_holds_the_stance_not_the_offerer():
    found = stances("The Miners Guild said its offers had been rejected by the Port Authority.")
    assert ("Port Authority", "Rejects") in found
    assert ("Miners Guild", "Rejects") not in found


def test_the_antecedent_of_a_relative_clause_holds_the_stance():
    found = stances(
        "Governor Anna Berg, who rejected the union's demands, met reporters on Monday."
    )
    assert ("Anna Berg", "Rejects") in found


def test_a_third_party_a_speaker_reports_on_holds_it_and_the_speaker_reports_it():
    held = positions_of(
        "Guild spokesman Piet Vos said the Port Authority appeared opposed to the proposal.",
        "Port Authority",
    )
    assert held and any("Rejects" in p.stances for p in held)
    assert {r.label for p in held for r in p.reported_by} == {"Piet Vos"}


def test_a_speaker_on_his_own_stance_is_no_reporter():
    held = positions_of("Governor Anna Berg said she rejected the proposal.", "Anna Berg")
    assert held and not any(p.reported_by for p in held)


def test_a_generic_noun_is_resolved_in_the_article_but_is_no_other_name_of_the_actor():
    facts = extract_text(
        "The Miners Guild met the mayor on Monday. The group said it rejected the offer."
    )
    assert all("the group" not in a.aliases for a in facts.actors)
    assert any(note.startswith("the group:") for _, note in facts.resolutions)


def test_nothing_is_held_where_no_one_takes_a_stance():
    assert not stances("The offer was published by the Port Authority on Monday.")


def test_a_backer_supports_a_plan_and_does_not_propose_it():
    facts = extract_text("Chad rejected a Niger-backed plan that would free 40 detainees.")
    assert "Niger" not in {r.label for p in facts.proposals for r in p.proposers}
    held = {(p.holder.label, s) for p in facts.positions for s in p.stances}
    assert ("Niger", "Accepts") in held and ("Chad", "Accepts") not in held


def test_the_author_of_a_drafted_plan_still_proposes_it():
    facts = extract_text("Chad rejected a Niger-drafted plan that would free 40 detainees.")
    assert "Niger" in {r.label for p in facts.proposals for r in p.proposers}
