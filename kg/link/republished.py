"""Republished copies: one article under another headline (or URL, or lightly edited) is one story.

Newsrooms republish a story under a new headline, sometimes at a new URL, with
a word changed here and there. Stored twice, every fact of it would be listed
twice. At ingest each article's body is reduced to a MinHash signature of its
word shingles (datasketch); a MinHash LSH index over the signatures finds, in
constant time per article whatever the store holds, the stored article whose
shingles it shares (estimated Jaccard similarity ≥ ``THRESHOLD``). Such a copy
is not extracted again: its headline, URL, date and publisher are added to the
story it copies (``nkg:republishedAs`` → a ``nkg:Republication``), so every
query, list and page shows each fact once, and the copy's content digest is
kept there too, so a rerun (or the copy ingested again later) skips it.

The signatures are kept in the store, one literal per article
(``nkg:shingleSignature``), so the index is rebuilt from the store by the
next ingest, on any backend.

>>> text = ("Envoys met in Doha on Monday to discuss a pause in the fighting and a release "
...         "of hostages. The talks, the third round this month, ended without an agreement, "
...         "officials from both sides said, but the mediators expect the delegations to return "
...         "later in the week with new proposals.")
>>> a, b = shingle_signature(text), shingle_signature(text.replace("a release", "the release"))
>>> c = shingle_signature("The central bank raised its main rate by half a point on Thursday.")
>>> index = RepublicationIndex()
>>> index.add("story", a)
>>> index.original_of(b), index.original_of(c)
('story', None)
>>> decode_signature(encode_signature(a)).jaccard(a)
1.0
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from functools import cache

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from ..rdf.iris import article_iri
from ..rdf.namespace import NKG, SCHEMA
from ..read.articles import Article, content_digest

NUM_PERM = 64  # 32-bit hash values: 344 characters per article stored, ±0.05 on the similarity
# a copy with a changed headline and a few words edited stays above; two reports of one event do not
THRESHOLD = 0.8
SHINGLE = 3  # words per shingle
SHORT = 20  # a body of fewer shingles (a sentence or two, "Blah blah blah.") is nobody's copy
SEED = 1  # the permutations of every signature, stored or new, must be the same
SCHEME = "affine32"  # and their hashing scheme (32-bit values, as stored)

HEADLINE = """SELECT ?article ?headline
                WHERE { GRAPH ?article { ?article schema:headline ?headline } }"""
SIGNATURES = """SELECT ?article ?signature
                  WHERE { GRAPH ?article { ?article nkg:shingleSignature ?signature } }"""
REPUBLICATION = """SELECT ?story ?digest WHERE { GRAPH ?story { ?story nkg:republishedAs ?copy .
                                                     ?copy nkg:contentDigest ?digest } } LIMIT 1"""


def shingles(text: str) -> set[bytes]:
    """The word ``SHINGLE``-grams of ``text``, case and punctuation ignored.

    >>> sorted(shingles("Talks resumed, in Doha."))
    [b'resumed in doha', b'talks resumed in']
    """
    words = re.findall(r"\w+", text.lower())
    if len(words) < SHINGLE:
        return {" ".join(words).encode("utf-8")}
    return {
        " ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)
    }


def shingle_signature(text: str, words: set[bytes] | None = None) -> LeanMinHash:
    """The MinHash signature of ``text``'s shingles (``words``, when they are known already)."""
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=permutations())
    minhash.update_batch(shingles(text) if words is None else words)
    return LeanMinHash(minhash)


@cache
def permutations() -> np.ndarray:
    """The permutations of every signature (``SEED``, ``SCHEME``), drawn once: a MinHash draws
    its ``NUM_PERM`` pairs of random numbers anew unless given them, which cost twice the hashing
    of a short article's shingles.

    >>> bool((permutations() == MinHash(NUM_PERM, seed=SEED, scheme=SCHEME).permutations).all())
    True
    """
    drawn = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations
    drawn.flags.writeable = False  # shared by every signature: none may change it for the others
    return drawn


def body_text(article: Article) -> str:
    """An article's body without its headline line (a copy's headline is what changes)."""
    lines = article.body.strip().split("\n", 1)
    return (
        lines[1] if len(lines) > 1 and lines[0].strip() == article.title.strip() else article.body
    )


def encode_signature(signature: MinHash) -> str:
    """A signature as text for the store: its hash values, 32-bit little-endian, in base64."""
    return base64.b64encode(np.asarray(signature.hashvalues, dtype="<u4").tobytes()).decode("ascii")


def decode_signature(text: str) -> LeanMinHash:
    """The signature :func:`encode_signature` wrote."""
    raw = base64.b64decode(text)
    values = np.frombuffer(raw[: len(raw) // 4 * 4], dtype="<u4").astype(np.uint64)
    return LeanMinHash(seed=SEED, hashvalues=values, scheme=SCHEME)


class RepublicationIndex:
    """The stored articles' signatures in a MinHash LSH index: which story does a new one copy?"""

    def __init__(self) -> None:
        self.lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self.signatures: dict[str, LeanMinHash] = {}

    @classmethod
    def of_store(cls, store) -> RepublicationIndex:
        """The index of every article signature ``store`` holds."""
        index = cls()
        for row in store.select(SIGNATURES):
            signature = decode_signature(str(row["signature"]))
            # one of another size was made with other settings: not comparable
            if len(signature) == NUM_PERM:
                index.add(slug_of(row["article"]), signature)
        return index

    def add(self, slug: str, signature: LeanMinHash) -> None:
        """Index the article ``slug`` (replacing the signature of an earlier version)."""
        if slug in self.signatures:
            self.lsh.remove(slug)
        self.signatures[slug] = signature
        self.lsh.insert(slug, signature)

    def original_of(self, signature: MinHash, threshold: float = THRESHOLD) -> str | None:
        """The indexed article ``signature`` copies, if any (the most similar, else the first)."""
        scored = [(-self.signatures[s].jaccard(signature), s) for s in self.lsh.query(signature)]
        scored = [(score, s) for score, s in scored if -score >= threshold]
        return min(scored)[1] if scored else None


def slug_of(article: object) -> str:
    """The slug of an article IRI."""
    return str(article).rsplit("/article/", 1)[-1]


@dataclass(frozen=True)
class Republication:
    """An article found to be a copy of the stored story ``story`` (a slug)."""

    story: str
    copy: Article

    def node(self) -> URIRef:
        """The copy's IRI: under its story, named by its digest (it may share the story's URL)."""
        return URIRef(f"{article_iri(self.story)}/republished/{content_digest(self.copy)[:12]}")

    def quads(self) -> list[tuple]:
        """What the story's graph gains: the copy's headline, URL, date, publisher and digest."""
        graph, node, a = article_iri(self.story), self.node(), self.copy
        triples = [
            (graph, NKG.republishedAs, node),
            (node, RDF.type, NKG.Republication),
            (node, SCHEMA.headline, Literal(a.title)),
            (node, NKG.contentDigest, Literal(content_digest(a))),
        ]
        if a.url:
            triples.append((node, SCHEMA.url, Literal(a.url, datatype=XSD.anyURI)))
        if a.published:
            triples.append((node, SCHEMA.datePublished, Literal(a.published, datatype=XSD.date)))
        if a.source:
            triples.append((node, SCHEMA.publisher, Literal(a.source)))
        return [(s, p, o, graph) for s, p, o in triples]


def stored_republications(store, digests: list[str]) -> set[str]:
    """Those of the content ``digests`` the store holds as a republished copy of a story, in one
    query (an ingest asks for a few dozen articles at once)."""
    rows = store.select_for(
        "digest",
        [Literal(d) for d in digests],
        "GRAPH ?story { ?story nkg:republishedAs ?copy . ?copy nkg:contentDigest ?digest }",
    )
    return {row["digest"] for row in rows}


def signature_quad(slug: str, signature: MinHash) -> tuple:
    """The quad that keeps an article's signature in its own graph, for the next ingest's index."""
    iri = article_iri(slug)
    return (iri, NKG.shingleSignature, Literal(encode_signature(signature)), iri)


class Republications:
    """One ingest's view of copies: the index of the store's signatures, the copies found, and those
    of them whose story is not committed yet (a copy goes into its story's graph once that is in).

    >>> from kg.store import GraphStore
    >>> from kg.read.articles import article_slug
    >>> text = ("Talks\\nEnvoys met in Doha on Monday to discuss a pause in the fighting and a "
    ...         "hostage release. The round ended without a deal, and the mediators said the "
    ...         "delegations would return next week.")
    >>> first = Article("a.txt", article_slug("a", None, text), "Talks", text)
    >>> copy = Article("b.txt", "b", "Envoys meet", text.replace("Talks", "Envoys meet"))
    >>> copies = Republications(GraphStore())
    >>> copies.story_of(first) is None, copies.story_of(copy) == first.slug
    (True, True)
    >>> quads = copies.ready({first.slug})
    >>> sorted(str(p).rsplit("#")[-1].rsplit("/")[-1] for _, p, _, _ in quads), copies.orphans()
    (['contentDigest', 'headline', 'republishedAs', 'shingleSignature', 'type'], [])
    """

    def __init__(self, store) -> None:
        self.store = store
        self.index = RepublicationIndex.of_store(store)
        self.committed = set(self.index.signatures)  # stories the store holds complete
        self.pending: list[Republication] = []
        self.headlines: dict[str, str | None] = {}  # a story's headline, asked of the store once

    def story_of(self, article: Article) -> str | None:
        """The story ``article`` copies (recorded, to be written), or None (then it is indexed).

        A text at the URL of a stored article is a copy of it when their bodies are this close (a
        new headline, a word changed), whether it comes in the same ingest or a later one; only a
        body that changed more is a new version, which replaces the stored one.
        """
        body = body_text(article)
        words = shingles(body)
        signature = shingle_signature(body, words)
        # a sentence or two is too little to call a text a copy: in newswire, one-line bodies are
        # boilerplate
        story = self.index.original_of(signature) if len(words) >= SHORT else None
        if story is None or self.corrects(story, article):
            self.index.add(article.slug, signature)
            self.headlines[article.slug] = article.title
            return None
        self.pending.append(Republication(story, article))
        return story

    def corrects(self, story: str, article: Article) -> bool:
        """Is ``article`` a new version of ``story`` itself (same URL and headline: a corrected date
        or publisher, a fixed typo), which replaces it, rather than a copy under another
        headline?"""
        if story != article.slug:
            return False
        if story not in self.headlines:
            rows = self.store.select(HEADLINE, {"article": article_iri(story)})
            self.headlines[story] = str(rows[0]["headline"]) if rows else None
        return self.headlines[story] == article.title

    def ready(self, stored: set[str]) -> list[tuple]:
        """The quads to commit with the articles ``stored`` (slugs): their signatures, and the
        copies of every committed story."""
        self.committed |= stored
        quads = [
            signature_quad(slug, self.index.signatures[slug])
            for slug in sorted(stored)
            if slug in self.index.signatures
        ]
        waiting = []
        for copy in self.pending:
            if copy.story in self.committed:
                quads.extend(copy.quads())
            else:
                waiting.append(copy)
        self.pending = waiting
        return quads

    def orphans(self) -> list[Republication]:
        """Copies whose story could not be stored (it failed): they were not written."""
        return list(self.pending)
