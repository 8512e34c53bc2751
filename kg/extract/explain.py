"""Explaining an extraction: per sentence, what was extracted and by which rule; then each fact kept, with its
factuality and its confidence.

>>> from kg.read.articles import Article
>>> from kg.facts import ArticleFacts, Evidence, Explanation
>>> art = Article(path="a.txt", slug="a", title="T", body="T\\nHamas met Qatar.")
>>> ev = Evidence("Hamas met Qatar.", 2, 18)
>>> told = Explanation(ev, "meeting-verb", "Meeting: Hamas, Qatar")
>>> print("\\n".join(explanation_lines(ArticleFacts(art, explanations=(told,)))))
== a.txt
[2:18] Hamas met Qatar.
    meeting-verb → Meeting: Hamas, Qatar
== facts kept (factuality, confidence)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from ..facts import ArticleFacts


def explanation_lines(facts: ArticleFacts) -> Iterator[str]:
    """Yield readable lines: each sentence that produced something, then one line per fact and rule."""
    yield f"== {facts.article.path}"
    by_sentence = defaultdict(list)
    for ex in facts.explanations:
        by_sentence[ex.sentence].append(ex)
    for sentence in sorted(by_sentence, key=lambda s: (s.start, s.end)):
        yield f"[{sentence.start}:{sentence.end}] {sentence.text}"
        for ex in by_sentence[sentence]:
            yield f"    {ex.rule} → {ex.produced}"

    yield "== facts kept (factuality, confidence)"
    confidence = dict(facts.confidence)
    found_by = dict(facts.contributors)  # only when several components ran
    for fact in (*facts.events, *facts.proposals, *facts.positions):
        what = getattr(fact, "kind", type(fact).__name__)
        score = f"{confidence[fact.key]:.2f}" if fact.key in confidence else "n/a"
        by = f" found by {', '.join(found_by[fact.key])}" if fact.key in found_by else ""
        yield f"    {fact.key}: {what} [{fact.factuality}] confidence {score} ({fact.rule}){by}"
