"""Names in text: the :class:`Mention` record, a span cleaned into a name, surnames and initials,
the country or organization a name denotes.

>>> clean("the Israeli Channel 12's"), surname("Ahmed Kamal al-Rashidi")
('Israeli Channel 12', 'al-Rashidi')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from ..vocab import countries, organizations, word_list

if TYPE_CHECKING:  # spaCy is only needed to parse; names are compared without it
    from spacy.tokens import Doc, Token

POSSESSIVE = ("'s", "’s", "'", "’")
CONNECTORS = {"and", "of", "the", "for", "-", "&"}
DETERMINERS = {
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "its",
    "their",
    "his",
    "her",
    "our",
}
PERSON_PRONOUNS = {"he", "she", "him", "his", "her"}


@dataclass
class Mention:
    """A stretch of tokens naming an actor, before clustering."""

    par: int
    i: int
    j: int
    kind: str
    name: str
    surface: str
    roles: list[str] = field(default_factory=list)
    affiliations: list[tuple[str, str]] = field(default_factory=list)  # (kind, name) candidates
    aliases: list[str] = field(default_factory=list)
    owner: tuple[int, int] | None = None  # (par, token) of the person owning "X's office"
    # more tokens that mention it (a title before a name)
    extra: list[int] = field(default_factory=list)
    cluster: int = -1


@dataclass
class Mentions:
    """An article's mentions in the order they were found, and the mention each token belongs to.

    >>> found = Mentions()
    >>> found.add(Mention(0, 2, 4, "Person", "Jane Smith", "Jane Smith")).name
    'Jane Smith'
    >>> found.add(Mention(0, 3, 4, "Person", "Smith", "Smith")) is None, found.covers(0, 3)
    (True, True)
    """

    found: list[Mention] = field(default_factory=list)
    by_token: dict[tuple[int, int], int] = field(default_factory=dict)

    def add(self, m: Mention) -> Mention | None:
        """Keep ``m`` unless it has no name or a token of it belongs to a mention kept before
        (the rule that runs first wins); return it if kept."""
        if not m.name or any((m.par, k) in self.by_token for k in range(m.i, m.j)):
            return None
        self.found.append(m)
        for k in [*range(m.i, m.j), *m.extra]:
            self.by_token.setdefault((m.par, k), len(self.found) - 1)
        return m

    def append(self, m: Mention, token: int | None = None) -> None:
        """Keep ``m`` whatever it overlaps; ``token`` (of its paragraph), if given, now means it.
        For mentions that name what another mention's words imply (the country of a demonym)."""
        self.found.append(m)
        if token is not None:
            self.by_token[(m.par, token)] = len(self.found) - 1

    def covers(self, par: int, i: int) -> bool:
        """Does token ``i`` of paragraph ``par`` belong to a mention?"""
        return (par, i) in self.by_token


# the rules clean the same few names over and over (every lookup of an entity cleans its text): the
# functions of a name's string alone keep their answers, bounded so that a long ingest does not grow them
NAME_CACHE = 1 << 16


def clean(text: str) -> str:
    """Return ``text`` without surrounding quotes, punctuation, possessive or determiner.

    >>> clean("the Israeli Channel 12's")
    'Israeli Channel 12'
    """
    return _clean(text)


@lru_cache(maxsize=NAME_CACHE)
def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,;:\"'“”‘’()")
    if text.endswith(".") and not re.search(r"(?:\b[A-Za-z]\.){2,}$", text):  # keep "U.S."
        text = text[:-1]
    for p in POSSESSIVE:
        if text.endswith(p):
            text = text[: -len(p)]
    words = text.split()
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    return " ".join(words).strip(" ,;:\"'“”‘’")


def drop_determiner(text: str) -> str:
    words = text.split()
    return " ".join(words[1:]) if words and words[0].lower() in DETERMINERS else text


def is_title_word(token: Token) -> bool:
    """Is ``token`` a title ("minister", "ministers", "vice-president"; ``kg/data/titles.txt``)?"""
    return _is_title(token.lower_)


@lru_cache(maxsize=NAME_CACHE)
def _is_title(low: str) -> bool:
    titles = word_list("titles")
    return low in titles or low.rstrip("s") in titles or low.split("-")[-1] in titles


def span_text(doc: Doc, i: int, j: int) -> str:
    return doc[i:j].text if j > i else ""


def strip_possessive(doc: Doc, i: int, j: int) -> int:
    while j > i and doc[j - 1].text in POSSESSIVE:
        j -= 1
    return j


def strip_honorifics(doc: Doc, i: int, j: int) -> int:
    honorifics, titles = word_list("honorifics"), word_list("titles")
    while j - i > 1 and (doc[i].lower_ in honorifics or doc[i].lower_ in titles):
        i += 1
    return i


STATE_OF = re.compile(
    r"^(?:the\s+)?(?:state|republic|kingdom|government|sultanate|emirate|federation)\s+of\s+", re.I
)


@lru_cache(maxsize=1)
def institution_or_government_nouns() -> frozenset[str]:
    return word_list("institution_nouns") | word_list("government_nouns")


def country_of(text: str) -> str | None:
    """Return the country ``text`` names (by name, alias, demonym or capital, or "the State of X"), if any.

    >>> country_of("the State of Qatar"), country_of("Qatari")
    ('Qatar', 'Qatar')
    """
    return _country_of(text)


@lru_cache(maxsize=NAME_CACHE)
def _country_of(text: str) -> str | None:
    key = STATE_OF.sub("", clean(text)).lower()
    return countries().by_name.get(key)


def org_of(text: str):
    """The organization of ``kg/data/`` that ``text`` names, if any."""
    return _org_of(text)


@lru_cache(maxsize=NAME_CACHE)
def _org_of(text: str):
    return organizations().get(clean(text).lower())


def surname(name: str) -> str:
    """The family name news prose uses alone: "Morrow" for "Daniel Morrow", "Al Sabri" for "... Al Sabri".

    >>> surname("Faisal bin Rashid Al Sabri"), surname("Ahmed Kamal al-Rashidi")
    ('Al Sabri', 'al-Rashidi')
    """
    words = name.split()
    if len(words) > 2 and words[-2].lower() in word_list("name_particles"):
        return " ".join(words[-2:])
    return words[-1]


def initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def counted_anaphor(tok: Token) -> int:
    """2 for "the two leaders" or "both sides" (an anaphor that counts whom it means), else 0."""
    if tok.tag_ not in ("NNS", "NNPS"):
        return 0
    dets, numbers = set(), []
    for c in tok.children:  # one walk: a head's children are found by scanning its whole subtree
        dep = c.dep_
        if dep in ("det", "predet"):
            dets.add(c.lower_)
        elif dep == "nummod":
            numbers.append(c)
    if "both" in dets:
        return 2
    if "the" in dets and numbers:
        return {"two": 2, "three": 3, "four": 4}.get(numbers[0].lower_, 0)
    return 0
