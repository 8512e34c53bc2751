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

from ..facts import ActorRef, ArticleFacts
from ..rdf.iris import local_name
from ..store import GraphStore
from ..vocab import name_words, word_list

NAMED_LABELS = """SELECT ?kind ?label (COUNT(DISTINCT ?g) AS ?n) WHERE {
  VALUES ?kind { nkg:Person nkg:Organization } GRAPH ?g { ?x a ?kind ; rdfs:label ?label } } GROUP BY ?kind ?label"""
SPELLING_SIMILARITY = 92  # rapidfuzz ratio of two full names that differ by a letter or an accent


def plain(name: str) -> str:
    """A name without accents, case, punctuation or a leading honorific: the key name variants share.

    >>> plain("Mr. António Guterres"), plain("President Joe Biden")
    ('antonio guterres', 'joe biden')
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    words = re.sub(r"[^\w\s-]", " ", text).split()
    while len(words) > 1 and (words[0] in word_list("honorifics") or f"{words[0]}." in word_list("honorifics")):
        words = words[1:]
    return " ".join(words)


def stored_names(store: GraphStore) -> dict[ActorRef, int]:
    """Each person and organization of the store and how many articles name it (read once per ingest)."""
    return {ActorRef(local_name(r["kind"]), r["label"]): int(r["n"]) for r in store.select(NAMED_LABELS)}


def full_names(store: GraphStore, batch: list[ArticleFacts],
               known: dict[ActorRef, int] | None = None) -> dict[ActorRef, tuple[ActorRef, str]]:
    """Name variants of ``batch`` → (the one actor of the store or batch they name, why), so that one person or
    organization keeps one IRI across articles:

    - a surname alone ("Netanyahu") → the one person with that surname ("Benjamin Netanyahu");
    - an honorific, case or accents ("Mr Netanyahu", "Antonio Guterres") → the name written fully;
    - a one-letter misspelling ("Anthony Blinken") → the name the store already has (rapidfuzz ratio ≥ 92).

    Groups ("families", "officials") are never merged across articles: their IRIs are the article's own.

    >>> from kg.read.articles import Article
    >>> from kg.facts import Actor
    >>> a = ArticleFacts(Article("a.txt", "a", "T", "T"), actors=(Actor(ActorRef("Person", "Benjamin Netanyahu")),))
    >>> b = ArticleFacts(Article("b.txt", "b", "T", "T"), actors=(Actor(ActorRef("Person", "Netanyahu")),))
    >>> full_names(GraphStore(), [a, b])
    {ActorRef(kind='Person', label='Netanyahu'): (ActorRef(kind='Person', label='Benjamin Netanyahu'), 'surname of the only person so named')}
    """
    from rapidfuzz import fuzz, process

    counts = dict(known) if known is not None else stored_names(store)  # ``known``: kept by the ingest
    stored = set(counts)
    for f in batch:
        for a in f.actors:
            if a.kind in ("Person", "Organization"):
                counts[a.ref] = counts.get(a.ref, 0) + 1
    # the preferred spelling: the most reported, then the one the store has (its IRI stays), the longest, the first
    order = sorted(counts, key=lambda r: (-counts[r], r not in stored, -len(r.label), r.label))
    rank = {ref: n for n, ref in enumerate(order)}
    preferred: dict[tuple[str, str], ActorRef] = {}
    for ref in order:
        preferred.setdefault((ref.kind, plain(ref.label)), ref)
    by_surname: dict[str, set[ActorRef]] = {}
    for (kind, key), ref in preferred.items():
        words = name_words(key)
        if kind == "Person" and len(words) > 1:
            by_surname.setdefault(words[-1], set()).add(ref)
    buckets: dict[tuple[str, str, int], list[tuple[str, ActorRef]]] = {}
    for (kind, key), ref in preferred.items():
        if key:
            buckets.setdefault((kind, key[0], len(key.split())), []).append((key, ref))
    names: dict[ActorRef, tuple[ActorRef, str]] = {}
    for f in batch:
        for a in f.actors:
            if a.kind not in ("Person", "Organization"):
                continue
            key = plain(a.label)
            target = preferred.get((a.kind, key))
            if target is not None and target != a.ref:
                names[a.ref] = (target, "the same name written otherwise (case, accents, an honorific)")
                continue
            words = name_words(key)
            if a.kind == "Person" and len(words) == 1 and len(by_surname.get(words[0], ())) == 1:
                names[a.ref] = (next(iter(by_surname[words[0]])), "surname of the only person so named")
                continue
            if len(key) >= 8 and len(words) > 1 and not re.search(r"\d", key):  # "Revs 29.5 mln" is no name
                # compared only with names of the same kind, initial and length in words (an index, not a scan)
                bucket = [(other, ref) for other, ref in buckets.get((a.kind, key[0], len(words)), ())
                          if rank[ref] < rank[a.ref]]
                hit = process.extractOne(key, [other for other, _ in bucket], scorer=fuzz.ratio,
                                         score_cutoff=SPELLING_SIMILARITY)
                if hit is not None:
                    names[a.ref] = (bucket[hit[2]][1], f"a spelling variant ({hit[1]:.0f}% similar)")
    return names
