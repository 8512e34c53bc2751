"""The project's vocabulary, mirroring ``ontology/negotiation.ttl``.

A misspelt term is an ``AttributeError`` (``_fail = True``), so a typo cannot
silently mint a new predicate. ``tests/test_ontology.py`` checks that every term
here is defined in the ontology and the other way round.

>>> NKG.Meeting
rdflib.term.URIRef('https://w3id.org/negotiation-kg/ontology#Meeting')
>>> NKG.DealEnded == NKG["DealEnded"]  # an event kind: read from the ontology, not listed here
True
>>> NKG.Meting
Traceback (most recent call last):
...
AttributeError: term 'Meting' not in namespace 'https://w3id.org/negotiation-kg/ontology#'
"""

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from ..schema import EVENT_KINDS

ONTOLOGY_IRI = "https://w3id.org/negotiation-kg/ontology"
ID = Namespace("https://w3id.org/negotiation-kg/id/")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
TIME = Namespace("http://www.w3.org/2006/time#")
WD = Namespace("http://www.wikidata.org/entity/")


class NKG(DefinedNamespace):
    """Terms of the negotiation-kg ontology."""

    _fail = True
    _NS = Namespace(ONTOLOGY_IRI + "#")

    # actors
    Actor: URIRef
    Person: URIRef
    Organization: URIRef
    Country: URIRef
    Group: URIRef
    affiliatedWith: URIRef
    role: URIRef
    # articles and evidence
    Evidence: URIRef
    text: URIRef
    inArticle: URIRef
    charStart: URIRef
    charEnd: URIRef
    reportedBy: URIRef
    rule: URIRef
    confidence: URIRef
    factuality: URIRef
    Factuality: URIRef
    Asserted: URIRef
    Negated: URIRef
    Possible: URIRef
    Conditional: URIRef
    Sought: URIRef
    contentDigest: URIRef
    shingleSignature: URIRef
    lineagePending: URIRef
    republishedAs: URIRef
    Republication: URIRef
    resolvedFrom: URIRef
    revises: URIRef
    respondsTo: URIRef
    change: URIRef
    # events
    Event: URIRef
    participant: URIRef
    location: URIRef
    Place: URIRef
    status: URIRef
    EventStatus: URIRef
    Occurred: URIRef
    Planned: URIRef
    dateText: URIRef
    earliestDate: URIRef
    latestDate: URIRef
    before: URIRef
    # a deal's life and its mediators
    concernsDeal: URIRef
    extensionDays: URIRef
    condition: URIRef
    inForceFrom: URIRef
    inForceUntil: URIRef
    mediatedBy: URIRef
    # proposals and their terms
    Proposal: URIRef
    proposedBy: URIRef
    hasTerm: URIRef
    Term: URIRef
    PauseTerm: URIRef
    CeasefireTerm: URIRef
    ExchangeRatioTerm: URIRef
    ReleaseTerm: URIRef
    WithdrawalTerm: URIRef
    durationDays: URIRef
    permanent: URIRef
    ratio: URIRef
    givenGroup: URIRef
    receivedGroup: URIRef
    count: URIRef
    countQualifier: URIRef
    phased: URIRef
    priorityGroup: URIRef
    complete: URIRef
    ExtensionTerm: URIRef
    releasedGroup: URIRef
    releasedBy: URIRef
    # positions
    Position: URIRef
    heldBy: URIRef
    stance: URIRef
    Stance: URIRef
    Accepts: URIRef
    Rejects: URIRef
    Demands: URIRef
    RedLine: URIRef
    Assessment: URIRef
    about: URIRef
    topic: URIRef

    # "from" is a Python keyword, so it cannot be a class attribute: NKG["from"]; the kinds of
    # event are the ontology's subclasses of nkg:Event (kg.schema): a new kind needs no line here
    _extras = ["from", *EVENT_KINDS]
