"""Facts → RDF: one rdflib graph per article, in the contract's terms.

Every triple is built from rdflib terms (the :mod:`kg.rdf.namespace` module
and :mod:`kg.rdf.iris`), never by string concatenation. The graph's identifier
is the article's IRI, so it becomes the article's named graph in the store.

>>> from kg.read.articles import Article
>>> from kg.facts import ArticleFacts, Actor, ActorRef
>>> art = Article(path="a.txt", slug="a", title="Talks", body="Talks\\nHamas met.")
>>> g = article_graph(ArticleFacts(art, actors=(Actor(ActorRef("Organization", "Hamas")),)))
>>> (actor_iri(ActorRef("Organization", "Hamas")), RDFS.label, Literal("Hamas")) in g
True
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from .. import schema
from ..facts import ActorRef, ArticleFacts, Evidence, Term, When
from ..read.articles import content_digest
from ..vocab import wikidata_items
from ..wording import term_label
from .iris import actor_iri, article_iri, evidence_iri, item_iri, place_iri
from .namespace import NKG, PROV, SCHEMA, TIME, WD

PREFIXES = {
    "nkg": NKG._NS,
    "schema": SCHEMA,
    "prov": PROV,
    "skos": SKOS,
    "xsd": XSD,
    "rdfs": RDFS,
    "time": TIME,
}


def new_graph(identifier: URIRef | None = None) -> Graph:
    """An empty graph for one article's triples.

    It only ever goes to the store as N-Triples (the store writes the prefixes of every export), so it binds
    none, and it keeps rdflib's plain triple store rather than the context-aware one: together a third of
    the time of building it.
    """
    return Graph(store="SimpleMemory", identifier=identifier)


# the range the ontology gives each term attribute
TERM_DATATYPES = {name: URIRef(iri) for name, iri in schema.TERM_DATATYPES.items()}


def typed_literal(name: str, value: object) -> Literal:
    """A term attribute as a literal of the datatype the ontology gives it.

    >>> typed_literal("ratio", 100)
    rdflib.term.Literal('100', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal'))
    """
    datatype = TERM_DATATYPES.get(name)
    if datatype == XSD.boolean:
        return Literal(bool(value), datatype=datatype)
    if datatype == XSD.integer:
        return Literal(int(value), datatype=datatype)
    if datatype == XSD.decimal:
        return Literal(Decimal(str(value)), datatype=datatype)
    return Literal(str(value))


# rdflib parses every typed literal it makes back into a Python value, which made a third of the time of
# building a graph; the same days and character offsets recur, and a literal is immutable: made once each
@lru_cache(maxsize=1 << 14)
def _date_literal(day) -> Literal:
    return Literal(day, datatype=XSD.date)


@lru_cache(maxsize=1 << 14)
def _integer_literal(n: int) -> Literal:
    return Literal(n, datatype=XSD.integer)


class ArticleGraphBuilder:
    """Adds the triples of one article's facts to a fresh graph."""

    def __init__(self, facts: ArticleFacts) -> None:
        self.facts = facts
        self.article = facts.article
        self.node = article_iri(self.article.slug)
        self.g = new_graph(self.node)
        self.confidence = dict(facts.confidence)
        self.described: set[URIRef] = set()  # the evidence nodes whose triples are in the graph

    def build(self) -> Graph:
        self.add_article()
        for actor in self.facts.actors:
            self.add_actor(actor)
        for event in self.facts.events:
            self.add_event(event)
        for proposal in self.facts.proposals:
            self.add_proposal(proposal)
        for position in self.facts.positions:
            self.add_position(position)
        for (
            ref,
            note,
        ) in self.facts.resolutions:  # why a name of this article is this actor: a user can undo it
            self.g.add((self.actor_node(ref), NKG.resolvedFrom, Literal(note)))
        for earlier, later in self.facts.orderings:
            self.g.add(
                (
                    item_iri(self.article.slug, earlier),
                    NKG.before,
                    item_iri(self.article.slug, later),
                )
            )
        return self.g

    def add_article(self) -> None:
        a, g = self.article, self.g
        g.add((self.node, RDF.type, SCHEMA.NewsArticle))
        g.add((self.node, SCHEMA.headline, Literal(a.title)))
        g.add((self.node, SCHEMA.articleBody, Literal(a.body)))
        if a.published:
            g.add((self.node, SCHEMA.datePublished, _date_literal(a.published)))
        if a.source:
            g.add((self.node, SCHEMA.publisher, Literal(a.source)))
        if a.url:
            g.add((self.node, SCHEMA.url, Literal(a.url, datatype=XSD.anyURI)))
        g.add((self.node, NKG.contentDigest, Literal(content_digest(a))))

    def add_evidence(self, subject: URIRef, evidence: tuple[Evidence, ...]) -> None:
        for ev in evidence:
            node = evidence_iri(self.article.slug, ev)
            self.g.add((subject, PROV.wasDerivedFrom, node))
            if node in self.described:
                continue  # a sentence that backs several facts is described once
            self.described.add(node)
            self.g.add((node, RDF.type, NKG.Evidence))
            self.g.add((node, NKG.text, Literal(ev.text)))
            self.g.add((node, NKG.inArticle, self.node))
            self.g.add((node, NKG.charStart, _integer_literal(ev.start)))
            self.g.add((node, NKG.charEnd, _integer_literal(ev.end)))

    def add_when(self, subject: URIRef, when: When) -> None:
        if when.text:
            self.g.add((subject, NKG.dateText, Literal(when.text)))
        if when.earliest:
            self.g.add((subject, NKG.earliestDate, _date_literal(when.earliest)))
        if when.latest:
            self.g.add((subject, NKG.latestDate, _date_literal(when.latest)))

    def actor_node(self, ref) -> URIRef:
        """An actor's IRI; a generic group ("families", "the officials": one word) is the article's own, never
        merged with another article's group of that name; a qualified one ("Qatari officials") is shared."""
        if ref.kind == "Group" and len(ref.label.split()) == 1:
            return item_iri(self.article.slug, f"group-{ref.label}")
        return actor_iri(ref)

    def add_provenance(self, node: URIRef, fact) -> None:
        """The rule that made a fact, how the text presents it, and how confident its extractor is of it."""
        if fact.rule:
            self.g.add((node, NKG.rule, Literal(fact.rule)))
        self.g.add((node, NKG.factuality, NKG[fact.factuality]))
        if fact.key in self.confidence:
            value = Decimal(str(round(self.confidence[fact.key], 3)))
            self.g.add((node, NKG.confidence, Literal(value, datatype=XSD.decimal)))

    def add_sources(self, subject: URIRef, refs) -> None:
        for ref in refs:
            self.g.add((subject, NKG.reportedBy, self.actor_node(ref)))

    def add_actor(self, actor) -> None:
        node, g = self.actor_node(actor.ref), self.g
        g.add((node, RDF.type, NKG.Actor))
        g.add((node, RDF.type, NKG[actor.kind]))
        g.add((node, RDFS.label, Literal(actor.label)))
        if actor.kind in ("Country", "Organization") and actor.label in wikidata_items():
            # so a query can federate with Wikidata
            g.add((node, OWL.sameAs, WD[wikidata_items()[actor.label]]))
        for alias in actor.aliases:
            g.add((node, SKOS.altLabel, Literal(alias)))
        for role in actor.roles:
            g.add((node, NKG.role, Literal(role)))
        for target in actor.affiliations:
            g.add((node, NKG.affiliatedWith, self.actor_node(target)))
        self.add_evidence(node, actor.evidence)

    def add_event(self, event) -> None:
        node, g = item_iri(self.article.slug, event.key), self.g
        g.add((node, RDF.type, NKG.Event))
        g.add((node, RDF.type, NKG[event.kind]))
        g.add((node, RDFS.label, Literal(event_label(event))))
        g.add((node, NKG.status, NKG[event.status]))
        for ref in event.participants:
            g.add((node, NKG.participant, self.actor_node(ref)))
        if event.location:
            place = place_iri(event.location)
            g.add((node, NKG.location, place))
            g.add((place, RDF.type, NKG.Place))
            g.add((place, RDFS.label, Literal(event.location)))
        for ref in event.mediators:
            g.add((node, NKG.mediatedBy, self.actor_node(ref)))
        if event.concerns:
            g.add((node, NKG.concernsDeal, item_iri(self.article.slug, event.concerns)))
        for name, value in event.details:
            is_int = isinstance(value, int)
            literal = Literal(value, datatype=XSD.integer) if is_int else Literal(value)
            g.add((node, NKG[name], literal))
        self.add_deal_interval(node, event.key)
        self.add_provenance(node, event)
        self.add_when(node, event.when)
        self.add_sources(node, event.reported_by)
        self.add_evidence(node, event.evidence)

    def add_deal_interval(self, node: URIRef, key: str) -> None:
        """A deal's interval in force: from the earliest day a dated begin event of it states to the
        latest day a dated end or collapse states (an undated event, one at the news peg only,
        bounds nothing).
        """
        life = [
            e
            for e in self.facts.events
            if e.concerns == key and e.when.text and e.status == "Occurred"
        ]
        starts = [e.when.earliest for e in life if e.kind == "DealBegins" and e.when.earliest]
        ends = [
            e.when.latest for e in life if e.kind in ("DealEnded", "Collapse") and e.when.latest
        ]
        start, end = min(starts, default=None), max(ends, default=None)
        if start:
            self.g.add((node, NKG.inForceFrom, _date_literal(start)))
        if end and (start is None or end >= start):
            self.g.add((node, NKG.inForceUntil, _date_literal(end)))

    def add_term(self, proposal_node: URIRef, key: str, term: Term) -> None:
        node, g = item_iri(self.article.slug, key), self.g
        g.add((proposal_node, NKG.hasTerm, node))
        g.add((node, RDF.type, NKG.Term))
        g.add((node, RDF.type, NKG[term.kind]))
        g.add((node, RDFS.label, Literal(term_label(term.kind, dict(term.attrs)))))
        for name, value in term.attrs:
            # a side (releasedBy) is an actor of the graph; every other attribute a literal
            g.add(
                (
                    node,
                    NKG[name],
                    self.actor_node(value)
                    if isinstance(value, ActorRef)
                    else typed_literal(name, value),
                )
            )

    def add_proposal(self, proposal) -> None:
        node, g = item_iri(self.article.slug, proposal.key), self.g
        g.add((node, RDF.type, NKG.Proposal))
        names = ", ".join(r.label for r in proposal.proposers)
        g.add((node, RDFS.label, Literal(f"proposal by {names}")))
        for ref in proposal.proposers:
            g.add((node, NKG.proposedBy, self.actor_node(ref)))
        for ref in proposal.mediators:
            g.add((node, NKG.mediatedBy, self.actor_node(ref)))
        self.add_deal_interval(node, proposal.key)
        for n, term in enumerate(proposal.terms):
            self.add_term(node, f"{proposal.key}-term-{n}", term)
        self.add_provenance(node, proposal)
        self.add_when(node, proposal.when)
        self.add_sources(node, proposal.reported_by)
        self.add_evidence(node, proposal.evidence)

    def add_position(self, position) -> None:
        node, g = item_iri(self.article.slug, position.key), self.g
        g.add((node, RDF.type, NKG.Position))
        g.add(
            (
                node,
                RDFS.label,
                Literal(f"{position.holder.label} {'/'.join(position.stances)}: {position.topic}"),
            )
        )
        g.add((node, NKG.heldBy, self.actor_node(position.holder)))
        for stance in position.stances:
            g.add((node, NKG.stance, NKG[stance]))
        g.add((node, NKG.topic, Literal(position.topic)))
        for key in position.about:
            g.add((node, NKG.about, item_iri(self.article.slug, key)))
        self.add_provenance(node, position)
        self.add_when(node, position.when)
        self.add_sources(node, position.reported_by)
        self.add_evidence(node, position.evidence)


def event_label(event) -> str:
    """A short readable label: "Meeting: William Burns, David Barnea"."""
    names = ", ".join(r.label for r in event.participants[:4])
    return f"{event.kind}: {names}" if names else event.kind


def article_graph(facts: ArticleFacts) -> Graph:
    """Return the named graph (identifier: the article IRI) holding all of one article's facts."""
    return ArticleGraphBuilder(facts).build()
