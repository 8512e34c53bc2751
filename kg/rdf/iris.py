"""Minting IRIs: every instance IRI of the graph comes from here.

IRIs are deterministic (the same article and facts give the same IRIs) and an
actor's IRI depends only on its kind and canonical label, so one actor has one
IRI across all articles.

>>> actor_iri(ActorRef("Person", "Benjamin Netanyahu"))
rdflib.term.URIRef('https://w3id.org/negotiation-kg/id/person/benjamin-netanyahu')
>>> article_iri("gaps-remain-2024-01-28")
rdflib.term.URIRef('https://w3id.org/negotiation-kg/id/article/gaps-remain-2024-01-28')
>>> mint("article", "")
Traceback (most recent call last):
...
ValueError: cannot mint an IRI from an empty part in ('article', '')
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from rdflib import URIRef

from ..facts import ActorRef, Evidence
from ..read.articles import slugify
from .namespace import ID

# the same article slugs, keys and labels are minted into IRIs over and over: each is slugged once
_slug = lru_cache(maxsize=1 << 14)(slugify)


def mint(*parts: str) -> URIRef:
    """Return the instance IRI for ``parts``, each reduced to a slug; raise ``ValueError`` on an empty one."""
    slugs = [_slug(p) for p in parts]
    if not all(slugs):
        raise ValueError(f"cannot mint an IRI from an empty part in {parts!r}")
    return ID["/".join(slugs)]


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def actor_iri(ref: ActorRef) -> URIRef:
    slug = slugify(ref.label) or short_hash(ref.label)
    return mint(ref.kind, slug)


def article_iri(slug: str) -> URIRef:
    return mint("article", slug)


def item_iri(article_slug: str, key: str) -> URIRef:
    """The IRI of an event, proposal, term or position of one article, from its extraction key."""
    return mint("article", article_slug, key)


def evidence_iri(article_slug: str, evidence: Evidence) -> URIRef:
    return mint("article", article_slug, "evidence", f"{evidence.start}-{evidence.end}")


def place_iri(label: str) -> URIRef:
    return mint("place", slugify(label) or short_hash(label))


def local_name(iri: object) -> str:
    """The last segment of an IRI, after its ``#`` or last ``/``.

    >>> local_name("https://w3id.org/negotiation-kg/ontology#Meeting"), local_name(ID["article/gaps"])
    ('Meeting', 'gaps')
    """
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
