"""The ontology, the namespace module that mirrors it, the SHACL shapes, and the contract's terms."""

import re

import pytest
from conftest import EVAL, needs_shared
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.rdf.namespace import NKG, ONTOLOGY_IRI
from kg.validate import ontology_graph, shapes_graph, validate_graph

NS = ONTOLOGY_IRI + "#"
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)


def ontology_terms() -> set[str]:
    g = ontology_graph()
    return {
        str(s)[len(NS) :]
        for t in TERM_TYPES
        for s in g.subjects(RDF.type, t)
        if str(s).startswith(NS)
    }


def namespace_terms() -> set[str]:
    return set(NKG.__annotations__) | set(NKG._extras)


def test_namespace_module_and_ontology_define_the_same_terms():
    assert namespace_terms() == ontology_terms()


def test_a_misspelt_term_is_an_error():
    with pytest.raises(AttributeError):
        NKG.Meting  # noqa: B018 - looking the term up is what fails


@pytest.mark.parametrize("term", sorted(ontology_terms()))
def test_every_term_has_a_label_and_a_comment(term):
    g = ontology_graph()
    node = URIRef(NS + term)
    assert g.value(node, RDFS.label) is not None, term
    assert g.value(node, RDFS.comment) is not None, term


def test_terms_are_aligned_with_standard_vocabularies():
    g = ontology_graph()
    aligned = {str(o) for p in (RDFS.subClassOf, RDFS.subPropertyOf) for o in g.objects(None, p)}
    for prefix in (
        "http://semanticweb.cs.vu.nl/2009/11/sem/",
        "http://www.w3.org/2006/time#",
        "http://www.w3.org/ns/prov#",
        "https://schema.org/",
        "http://www.w3.org/ns/org#",
    ):
        assert any(a.startswith(prefix) for a in aligned), prefix


@needs_shared(EVAL / "CONTRACT.md")
def test_every_term_of_the_contract_is_defined():
    contract = (EVAL / "CONTRACT.md").read_text()
    used = set(re.findall(r"nkg:([A-Za-z]+)", contract))
    assert used <= ontology_terms(), used - ontology_terms()


def test_the_shapes_parse_and_target_the_contract_classes():
    targets = {
        str(o)
        for o in shapes_graph().objects(None, URIRef("http://www.w3.org/ns/shacl#targetClass"))
    }
    for cls in ("Actor", "Event", "Evidence", "Proposal", "Term", "Position"):
        assert NS + cls in targets


def test_the_seed_graph_conforms(seed_store):
    from kg.validate import store_union

    report = validate_graph(store_union(seed_store))
    assert report.conforms, report.text()


def test_an_actor_with_two_labels_and_no_kind_violates_the_shapes():
    g = Graph()
    actor = URIRef("https://w3id.org/negotiation-kg/id/person/x")
    g.add((actor, RDF.type, NKG.Actor))
    g.add((actor, RDFS.label, Literal("X")))
    g.add((actor, RDFS.label, Literal("Mr X")))
    report = validate_graph(g)
    assert not report.conforms
    messages = {v.message for v in report.violations}
    assert "every actor has exactly one rdfs:label" in messages
    assert "every actor has exactly one of Person, Organization, Country, Group" in messages


def shape_kinds(target: str) -> set[str]:
    """The kinds the shape of ``target`` allows as its rdf:type (the sh:in list of its type
    property)."""
    sh = "http://www.w3.org/ns/shacl#"
    g = shapes_graph()
    shape = g.value(predicate=URIRef(sh + "targetClass"), object=URIRef(NS + target))
    for prop in g.objects(shape, URIRef(sh + "property")):
        if g.value(prop, URIRef(sh + "path")) == RDF.type:
            listed = g.value(g.value(prop, URIRef(sh + "qualifiedValueShape")), URIRef(sh + "in"))
            return {str(k)[len(NS) :] for k in g.items(listed)}
    return set()


def test_the_shapes_allow_every_event_and_term_kind_of_the_ontology():
    from kg.schema import EVENT_KINDS, TERM_KINDS

    assert shape_kinds("Event") == set(EVENT_KINDS)
    assert shape_kinds("Term") == set(TERM_KINDS)


def test_the_shapes_file_itself_lists_every_kind_for_other_shacl_tools():
    """kg refills the kind lists from the ontology; the file's own lists are what another SHACL
    tool reads, so a kind added to the ontology must be listed in ontology/shapes.ttl too."""
    from kg.schema import EVENT_KINDS, TERM_KINDS
    from kg.validate import listed_kinds

    assert listed_kinds("Event") == list(EVENT_KINDS)
    assert listed_kinds("Term") == list(TERM_KINDS)


def test_the_shapes_file_validates_the_exports_with_plain_pyshacl(seed_store):
    """The shipped file, read as it is (no kg in between), accepts the graph kg builds and still
    refuses an event of no kind."""
    from pyshacl import validate

    from kg.packaged import ontology_file
    from kg.validate import store_union

    shapes = Graph().parse(ontology_file("shapes.ttl"), format="turtle")
    data = store_union(seed_store)
    conforms, _, text = validate(data, shacl_graph=shapes)
    assert conforms, text
    event = URIRef("https://w3id.org/negotiation-kg/id/event/nothing")
    data.add((event, RDF.type, NKG.Event))
    assert not validate(data, shacl_graph=shapes)[0]


def test_every_kind_of_a_deals_life_maps_to_an_event_dataset_category():
    from rdflib.namespace import SKOS

    from kg.extract.deal_life import life_kinds

    g = ontology_graph()
    for kind in set(life_kinds("deal") + life_kinds("talks")):
        matches = set(g.objects(URIRef(NS + kind), SKOS.closeMatch)) | set(
            g.objects(URIRef(NS + kind), SKOS.relatedMatch)
        )
        assert any("PLOVER" in str(m) for m in matches) and any(
            "cameo" in str(m) for m in matches
        ), kind
