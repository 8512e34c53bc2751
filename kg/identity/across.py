"""One name per person and organization across articles: name variants → the actor the store already has.

A person an article names only by surname ("Netanyahu") takes the full name
another article gives ("Benjamin Netanyahu") when exactly one person of the
store or of the batch has that surname; a name written with an honorific, in
another case or without its accents, or misspelt by a letter, takes the
spelling the store already has. The actor so keeps one IRI, and the graph
records why (``nkg:resolvedFrom``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..facts import ActorRef, ArticleFacts
from ..rdf.iris import local_name
from ..store import GraphStore
from ..vocab import name_words, word_list

NAMED_LABELS = """SELECT ?kind ?label (COUNT(DISTINCT ?g) AS ?n) WHERE {
  VALUES ?kind { nkg:Person nkg:Organization } GRAPH ?g { ?x a ?kind ; rdfs:label ?label } } GROUP BY ?kind ?label"""
SPELLING_SIMILARITY = 92  # rapidfuzz ratio of two full names that differ by a letter or an accent


@lru_cache(maxsize=1 << 16)
def plain(name: str) -> str:
    """A name without accents, case, punctuation or a leading honorific: the key name variants share.

    >>> plain("Mr. António Guterres"), plain("President Joe Biden")
    ('antonio guterres', 'joe biden')
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    words = re.sub(r"[^\w\s-]", " ", text).split()
    while len(words) > 1 and (
        words[0] in word_list("honorifics") or f"{words[0]}." in word_list("honorifics")
    ):
        words = words[1:]
    return " ".join(words)


def stored_names(store: GraphStore) -> dict[ActorRef, int]:
    """Each person and organization of the store and how many articles name it (read once per ingest)."""
    return {
        ActorRef(local_name(r["kind"]), r["label"]): int(r["n"]) for r in store.select(NAMED_LABELS)
    }


class NameIndex:
    """The persons and organizations an ingest knows (the store's, then each batch's as it goes in), with how
    many articles name each, indexed so that resolving a batch's names costs the same however large the store:
    by plain key, by surname, and by kind, initial and length in words for the spelling comparison.

    >>> from kg.read.articles import Article
    >>> from kg.facts import Actor
    >>> index = NameIndex({ActorRef("Person", "Antony Blinken"): 3})
    >>> b = ArticleFacts(Article("b.txt", "b", "T", "T"), actors=(Actor(ActorRef("Person", "Anthony Blinken")),))
    >>> [(old.label, new.label, why) for old, (new, why) in index.variants([b]).items()]
    [('Anthony Blinken', 'Antony Blinken', 'a spelling variant (97% similar)')]
    """

    def __init__(self, counts: dict[ActorRef, int] | None = None) -> None:
        self.counts: dict[ActorRef, int] = {}
        self.by_key: dict[tuple[str, str], set[ActorRef]] = {}
        self.by_surname: dict[str, set[str]] = {}  # keys of persons named by more than one word
        self.buckets: dict[tuple[str, str, int], list[str]] = {}
        for ref, n in (counts or {}).items():
            self.add(ref, n)

    @classmethod
    def of_store(cls, store: GraphStore) -> NameIndex:
        """The index of the store's names (one query)."""
        return cls(stored_names(store))

    def add(self, ref: ActorRef, n: int = 1) -> None:
        """Count ``n`` more articles naming ``ref``."""
        if ref not in self.counts:
            index_name(ref, self.by_key, self.by_surname, self.buckets)
        self.counts[ref] = self.counts.get(ref, 0) + n

    def variants(self, batch: list[ArticleFacts]) -> dict[ActorRef, tuple[ActorRef, str]]:
        """Name variants of ``batch`` → (the one actor of the index or batch they name, why); see
        :func:`full_names`. The index is not changed: :meth:`add` what went into the store."""
        from rapidfuzz import fuzz, process

        extra: dict[ActorRef, int] = {}
        for f in batch:
            for a in f.actors:
                if a.kind in ("Person", "Organization"):
                    extra[a.ref] = extra.get(a.ref, 0) + 1
        # the batch's new names, indexed beside the index's (which stays as it is)
        by_key: dict[tuple[str, str], set[ActorRef]] = {}
        by_surname: dict[str, set[str]] = {}
        buckets: dict[tuple[str, str, int], list[str]] = {}
        for ref in extra:
            if ref not in self.counts:
                index_name(ref, by_key, by_surname, buckets)

        def rank(ref: ActorRef) -> tuple:
            # the preferred spelling: the one already stored (its IRI stays, so a later variant cannot split the
            # actor in two), then the most reported, the longest
            return (
                ref not in self.counts,
                -(self.counts.get(ref, 0) + extra.get(ref, 0)),
                -len(ref.label),
                ref.label,
            )

        def preferred(kind: str, key: str) -> ActorRef | None:
            refs = self.by_key.get((kind, key), set()) | by_key.get((kind, key), set())
            return min(refs, key=rank) if refs else None

        names: dict[ActorRef, tuple[ActorRef, str]] = {}
        for ref in extra:
            key = plain(ref.label)
            target = preferred(ref.kind, key)
            if target is not None and target != ref:
                names[ref] = (
                    target,
                    "the same name written otherwise (case, accents, an honorific)",
                )
                continue
            words = name_words(key)
            if ref.kind == "Person" and len(words) == 1:
                full = self.by_surname.get(words[0], set()) | by_surname.get(words[0], set())
                if len(full) == 1:
                    names[ref] = (
                        preferred("Person", next(iter(full))),
                        "surname of the only person so named",
                    )
                    continue
            if (
                len(key) >= 8 and len(words) > 1 and not re.search(r"\d", key)
            ):  # "Revs 29.5 mln" is no name
                place = (ref.kind, key[0], len(words))
                hits = process.extract(
                    key,
                    self.buckets.get(place, []) + buckets.get(place, []),
                    scorer=fuzz.ratio,
                    score_cutoff=SPELLING_SIMILARITY,
                    limit=None,
                )
                # only a better-placed spelling takes a name over
                better = [(score, preferred(ref.kind, other)) for other, score, _ in hits]
                better = [(score, other) for score, other in better if rank(other) < rank(ref)]
                if better:
                    score, other = min(better, key=lambda h: (-h[0], rank(h[1])))
                    names[ref] = (other, f"a spelling variant ({score:.0f}% similar)")
        return names


def index_name(ref: ActorRef, by_key: dict, by_surname: dict, buckets: dict) -> None:
    """File ``ref`` under its plain key, its surname (a person of several words) and its spelling bucket."""
    key = plain(ref.label)
    refs = by_key.setdefault((ref.kind, key), set())
    if not refs and key:  # a key seen for the first time
        words = name_words(key)
        if ref.kind == "Person" and len(words) > 1:
            by_surname.setdefault(words[-1], set()).add(key)
        buckets.setdefault((ref.kind, key[0], len(key.split())), []).append(key)
    refs.add(ref)


def full_names(
    store: GraphStore, batch: list[ArticleFacts]
) -> dict[ActorRef, tuple[ActorRef, str]]:
    """Name variants of ``batch`` → (the one actor of the store or batch they name, why), so that one person or
    organization keeps one IRI across articles:

    - a surname alone ("Netanyahu") → the one person with that surname ("Benjamin Netanyahu");
    - an honorific, case or accents ("Mr Netanyahu", "Antonio Guterres") → the name written fully;
    - a one-letter misspelling ("Anthony Blinken") → the name the store already has (rapidfuzz ratio ≥ 92).

    Groups ("families", "officials") are never merged across articles: their IRIs are the article's own.
    An ingest keeps a :class:`NameIndex` across its batches instead of asking the store each time.

    >>> from kg.read.articles import Article
    >>> from kg.facts import Actor
    >>> a = ArticleFacts(Article("a.txt", "a", "T", "T"), actors=(Actor(ActorRef("Person", "Benjamin Netanyahu")),))
    >>> b = ArticleFacts(Article("b.txt", "b", "T", "T"), actors=(Actor(ActorRef("Person", "Netanyahu")),))
    >>> [(old.label, new.label, why) for old, (new, why) in full_names(GraphStore(), [a, b]).items()]
    [('Netanyahu', 'Benjamin Netanyahu', 'surname of the only person so named')]
    """
    return NameIndex.of_store(store).variants(batch)
