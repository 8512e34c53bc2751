"""Lookups of a token in the word tables, remembered by the word's form.

The rule families ask every token of every sentence which table rows its word
opens (event triggers, a deal's life, mediation cues), several times each, and
spaCy makes each string attribute anew at every access. A lookup that reads
only a token's part of speech, entity type, lemma and lowercase form (and the
data files, read once) gives the same answer for every token of that form, so
:func:`by_word_form` keeps its answers by those four attributes, as the numbers
spaCy stores them. The answers must be immutable (tuples, strings, None).

>>> from kg.annotate import load_pipeline
>>> calls = []
>>> @by_word_form
... def upper(tok):
...     calls.append(tok.i)
...     return tok.lower_.upper()
>>> [upper(t) for t in load_pipeline()("Talks resumed and talks stalled.")][:4]
['TALKS', 'RESUMED', 'AND', 'TALKS']
>>> calls  # the second "talks" (same lemma, part of speech and lowercase form) was not looked up
[0, 1, 2, 4, 5]
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from spacy.tokens import Token

T = TypeVar("T")

# distinct word forms remembered per lookup before it starts afresh (a long ingest meets new words)
MAX_FORMS = 1 << 16
_UNSEEN = object()


def by_word_form(lookup: Callable[[Token], T]) -> Callable[[Token], T]:
    """``lookup``, remembered by the token's (part of speech, entity type, lemma, lowercase form)."""
    return remembered_by(lookup, lambda tok: (tok.pos, tok.ent_type, tok.lemma, tok.lower))


def by_tagged_word_form(lookup: Callable[[Token], T]) -> Callable[[Token], T]:
    """``lookup``, remembered by the token's (part of speech, fine-grained tag, lemma, lowercase
    form): for a lookup that reads the tag ("should" as a modal) and not the entity type.

    >>> from kg.annotate import load_pipeline
    >>> modal = by_tagged_word_form(lambda tok: tok.tag_ == "MD")
    >>> doc = load_pipeline()("They will go to the will reading.")  # both "will" AUX here
    >>> [modal(t) for t in doc if t.lower_ == "will"]
    [True, False]
    """
    return remembered_by(lookup, lambda tok: (tok.pos, tok.tag, tok.lemma, tok.lower))


def remembered_by(
    lookup: Callable[[Token], T], key_of: Callable[[Token], tuple[int, ...]]
) -> Callable[[Token], T]:
    """``lookup``, its answers remembered by ``key_of(token)`` (which must hold all it reads)."""
    answers: dict[tuple[int, ...], T] = {}

    @wraps(lookup)
    def remembered(tok: Token) -> T:
        key = key_of(tok)
        found = answers.get(key, _UNSEEN)  # one step: another thread may clear the table meanwhile
        if found is _UNSEEN:
            if len(answers) >= MAX_FORMS:
                answers.clear()
            answers[key] = found = lookup(tok)
        return found

    return remembered
