"""Topic words: the crude stems by which two topics are compared ("releasing", "release": one).

Stance extraction matches a position to a proposal by them, and the position
histories of the views tell by them whether two positions concern the same
thing; no spaCy here, so reading the store does not load the NLP stack.

>>> sorted(topic_words("the release of the captives; releasing them"))
['captiv', 'releas']
"""

from __future__ import annotations

import re

STOPWORDS = {
    "that",
    "this",
    "with",
    "from",
    "would",
    "will",
    "have",
    "they",
    "their",
    "them",
    "been",
    "were",
    "about",
    "into",
    "than",
    "then",
    "there",
    "which",
    "when",
    "what",
    "also",
    "only",
    "more",
    "most",
}


def topic_words(topic: str) -> set[str]:
    """Crude stems of a topic's content words ("releasing" and "release" share one).

    >>> sorted(topic_words("They would resume the talks"))
    ['resum', 'talk']
    """
    words = (w for w in re.findall(r"[a-z]{4,}", topic.lower()) if w not in STOPWORDS)
    return {re.sub(r"(ing|ed|es|s|e)$", "", w) for w in words}
