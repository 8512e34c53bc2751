"""Statements and the speaker's stance from reporting verbs and speech nouns beyond "said", on
sentences of our own: the verb's stance class is data (kg/data/speech_words.tsv)."""

import pytest
from conftest import extract_text

from kg.event_words import speech_stances, triggers
from kg.extract.stance import cues
from kg.vocab import data_lines


def statements(text):
    """(speaker labels, rule) of each Statement of ``text``."""
    return [
        ({p.label for p in e.participants}, e.rule)
        for e in extract_text(text).events
        if e.kind == "Statement"
    ]


def speakers(text):
    return {label for found, _ in statements(text) for label in found}


def stances(text):
    return {(p.holder.label, s) for p in extract_text(text).positions for s in p.stances}


# ------------------------------------------------------------------ the lexicon


def test_a_speech_verb_declares_its_stance_once_in_the_speech_table():
    stance_verbs = {
        row.split("\t")[0] for row in data_lines("stance_cues.tsv") if row.split("\t")[1] == "VERB"
    }
    assert not stance_verbs & set(speech_stances()), "a verb's stance belongs in one table"
    assert cues()[("deny", "VERB")].stances == ("Rejects",)
    assert triggers()[("accuse", "VERB")][0].kind == "Statement"


# ------------------------------------------------------------------ verbs beyond "said"


@pytest.mark.parametrize(
    "text, speaker, stance",
    [
        (
            "Foreign Minister Karl Ostrander accused the militia of breaking the truce.",
            "Karl Ostrander",
            "Assessment",
        ),
        (
            "Interior Minister Lena Varga predicted that the talks would collapse within days.",
            "Lena Varga",
            "Assessment",
        ),
        (
            "Trade Minister Omar Haddad dismissed the offer as a stunt on Friday.",
            "Omar Haddad",
            "Rejects",
        ),
        (
            "Union leader Piet Vos denied that the strikers had accepted the pay offer.",
            "Piet Vos",
            "Rejects",
        ),
        (
            "Senator Anna Berg called for international observers along the border.",
            "Anna Berg",
            "Demands",
        ),
        (
            "Defence Minister Karl Ostrander confirmed the ceasefire on Tuesday.",
            "Karl Ostrander",
            "Accepts",
        ),
    ],
)
def test_a_reporting_verb_makes_a_statement_and_its_speaker_holds_the_verbs_stance(
    text, speaker, stance
):
    assert speaker in speakers(text)
    assert (speaker, stance) in stances(text)


def test_a_neutral_reporting_verb_makes_a_statement_without_a_stance_of_its_own():
    text = "Interior Minister Lena Varga put the flood's death toll at 112 on Sunday."
    assert "Lena Varga" in speakers(text)
    assert not stances(text)


def test_calling_something_a_name_is_a_statement_even_with_a_for_after_it():
    assert "Maria Lopez" in speakers(
        "President Maria Lopez called the vote a turning point for the harbour district."
    )
    assert not statements("President Maria Lopez called the talks for Friday.")


def test_protesters_described_as_calling_for_something_demand_it_but_make_no_statement():
    text = "A crowd of protesters calling on the council to resign surrounded the town hall."
    assert not statements(text)
    assert ("protesters", "Demands") in stances(text)


def test_dismissing_a_move_as_meaningless_rejects_it():
    text = "Rebel leader Karl Ostrander dismissed the ministry's offer as a publicity stunt."
    assert "Karl Ostrander" in speakers(text)
    assert ("Karl Ostrander", "Rejects") in stances(text)


def test_confirming_something_other_than_a_deal_accepts_nothing():
    text = "Defence Minister Karl Ostrander confirmed the death toll on Tuesday."
    assert "Karl Ostrander" in speakers(text)
    assert ("Karl Ostrander", "Accepts") not in stances(text)


# ------------------------------------------------------------------ speech nouns


def test_a_speech_noun_framing_a_clause_gives_the_statement_to_its_subject():
    text = "During a press briefing on Thursday evening, Governor Maria Lopez spoke bluntly."
    assert "Maria Lopez" in speakers(text)


def test_whom_an_interview_is_with_is_not_the_speaker():
    text = (
        "President Maria Lopez, speaking on Sunday in an interview with the broadcaster Channel "
        "Nine, predicted a settlement within weeks."
    )
    assert speakers(text) == {"Maria Lopez"}


def test_a_speech_noun_whose_possessor_is_no_actor_goes_to_the_clause_subject():
    text = "President Maria Lopez answered in her Harvest Day address, promising fresh talks."
    assert "Maria Lopez" in speakers(text)


def test_an_as_participle_attributes_words_and_is_no_new_statement():
    text = (
        "Union leader Piet Vos said his members backed the agreement as published by the council."
    )
    assert speakers(text) == {"Piet Vos"}
    assert ("Piet Vos", "Accepts") in stances(text)


def test_a_reply_in_a_speech_is_one_statement_dated_by_its_clause():
    facts = extract_text(
        "President Maria Lopez answered in an address on Monday, promising fresh talks.",
        published="2024-01-31",
    )
    found = [e for e in facts.events if e.kind == "Statement"]
    assert len(found) == 1
    assert str(found[0].when.earliest) == "2024-01-29"


# ------------------------------------------------------------------ what must yield nothing


@pytest.mark.parametrize(
    "text",
    [
        # a verb of speech used for something else than speech
        "Border guard Piet Vos denied entry to the reporters on Monday.",
        "The Supreme Court dismissed the case on Monday.",
        # the speaker is not the one who asks: a passive, a bare participle
        "Piet Vos was asked about the truce on Monday.",
        # a speech noun without a speaker
        "Calls for a ceasefire grew on Monday.",
        "The news conference was postponed.",
    ],
)
def test_no_statement_where_no_one_speaks(text):
    assert not statements(text)
    assert not stances(text)


def test_the_accused_holds_the_stance_the_speaker_accuses_them_of():
    found = stances("Foreign Minister Karl Ostrander accused Hamas of rejecting the truce.")
    assert ("Hamas", "Rejects") in found
    assert ("Karl Ostrander", "Rejects") not in found
    assert ("Karl Ostrander", "Assessment") in found


def test_a_negated_speech_verb_holds_no_stance():
    text = "Foreign Minister Karl Ostrander did not deny that the talks had stalled."
    assert "Karl Ostrander" in speakers(text)  # "did not say" is still a statement
    assert not stances(text)


def test_a_stance_under_a_condition_a_hope_or_a_question_is_not_held():
    assert ("Anna Berg", "Rejects") not in stances(
        "If Senator Anna Berg dismisses the offer, the strike will go on."
    )
    assert ("Anna Berg", "Accepts") not in stances(
        "The union hopes Senator Anna Berg will confirm the truce."
    )
    assert ("Anna Berg", "Demands") not in stances(
        "Senator Anna Berg asked whether the truce would hold."
    )
