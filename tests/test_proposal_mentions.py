"""Proposals as things the article talks about: each mention with its own time, on sentences of our own."""

from datetime import date

from conftest import extract_text


def chad_proposals(text):
    return [p for p in extract_text(text).proposals if [r.label for r in p.proposers] == ["Chad"]]


def test_a_deal_recalled_from_years_before_is_a_separate_earlier_proposal():
    found = chad_proposals(
        "Chad proposed a six-week truce on Monday. In 2011, Chad offered a two-month truce."
    )
    assert len(found) == 2
    recalled = next(p for p in found if p.when.earliest == date(2011, 1, 1))
    assert [dict(t.attrs) for t in recalled.terms] == [{"durationDays": 60}]
    news = next(p for p in found if p is not recalled)
    assert [dict(t.attrs) for t in news.terms] == [{"durationDays": 42}]


def test_restatements_of_the_proposal_in_the_news_stay_one_proposal():
    found = chad_proposals(
        "Chad proposed a six-week truce on Monday. Chad also proposed the release of 30 detainees."
    )
    assert len(found) == 1 and len(found[0].terms) == 2
