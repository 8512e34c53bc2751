"""Lookups the extraction remembers across articles (word tables by word form, cleaned names, typed
literals) keep nothing of an article: an article gives the same facts and graph alone or after others."""

from conftest import extract_text

from kg.rdf.graph import article_graph

# sentences of our own: the second shares words with the first in other roles
FIRST = (
    "Mediators from Oman said on Tuesday that the two sides agreed to a three-day pause in the "
    "fighting around Northport, and the Eastland Front welcomed the truce."
)
SECOND = (
    "The Eastland Workers Union rejected the pause offered by the port authority, and its leader "
    "Mara Velkov said talks with the Northport Council would resume on Friday."
)


def test_an_article_gives_the_same_facts_alone_or_after_another():
    alone = extract_text(FIRST)
    other = extract_text(SECOND)
    again = extract_text(FIRST)
    assert alone.events and other.events  # both say something, so there is something to compare
    assert again == alone
    assert set(article_graph(again)) == set(article_graph(alone))


def test_a_word_form_is_looked_up_once_and_each_token_still_gets_its_own_reading():
    from kg.annotate import load_pipeline
    from kg.extract.triggers import triggers_for

    doc = load_pipeline()("The leaders met in March. Talks march on, and they met again.")
    read = {t.text: [r.kind for r in triggers_for(t)] for t in doc}
    assert read["met"] == ["Meeting"] and read["march"] == ["Protest"]
    assert read["March"] == []  # a month, not a march: the entity type is part of the word form
