"""Kinds of event as data: the traits table, the shapes' kinds read from the ontology, and the
recipe of docs/event-kinds.md followed on a copy of the package, with no Python change."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from conftest import ROOT
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.rdf.namespace import NKG, PROV
from kg.schema import EVENT_KINDS, event_traits, has_trait, kinds_with, presentation
from kg.validate import validate_graph

# --------------------------------------------------------------------------- the table


def test_every_kind_of_event_of_the_ontology_has_its_traits_and_its_drawing():
    assert set(event_traits()) == set(EVENT_KINDS)
    assert set(EVENT_KINDS) <= set(presentation())


def test_the_traits_say_how_the_kinds_behave():
    assert kinds_with("speech") == ("Statement",)
    assert kinds_with("talks") == ("Meeting",)
    assert not has_trait("Statement", "asserted-only") and has_trait("Exchange", "asserted-only")
    assert not has_trait("Position", "speech")  # not an event kind: no trait


def test_a_misspelt_trait_is_an_error_naming_the_file(monkeypatch):
    import kg.schema

    monkeypatch.setattr(kg.schema, "data_lines", lambda name: ["Meeting\ttalkz"])
    kg.schema.event_traits.cache_clear()
    try:
        with pytest.raises(ValueError, match="event_kinds.tsv: unknown trait.*talkz"):
            event_traits()
    finally:
        kg.schema.event_traits.cache_clear()


# --------------------------------------------------------------------------- the shapes

EVENT = URIRef("https://w3id.org/negotiation-kg/id/event/e1")


def event_graph(*kinds: URIRef) -> Graph:
    """One event with ``kinds`` (beside nkg:Event) and its evidence."""
    g = Graph()
    g.add((EVENT, RDF.type, NKG.Event))
    for kind in kinds:
        g.add((EVENT, RDF.type, kind))
    evidence = URIRef("https://w3id.org/negotiation-kg/id/evidence/x")
    article = URIRef("https://w3id.org/negotiation-kg/id/article/a")
    g.add((EVENT, PROV.wasDerivedFrom, evidence))
    g.add((evidence, RDF.type, NKG.Evidence))
    g.add((evidence, NKG.text, Literal("x")))
    g.add((evidence, NKG.inArticle, article))
    g.add((evidence, NKG.charStart, Literal(0)))
    g.add((evidence, NKG.charEnd, Literal(1)))
    g.add((article, RDF.type, URIRef("https://schema.org/NewsArticle")))
    g.add((article, URIRef("https://schema.org/headline"), Literal("a")))
    g.add((article, URIRef("https://schema.org/articleBody"), Literal("x")))
    return g


def kind_violations(g: Graph) -> list[str]:
    return [v.message for v in validate_graph(g).violations if v.path == "type"]


@pytest.mark.parametrize("kind", EVENT_KINDS)
def test_the_shapes_accept_each_kind_of_the_ontology(kind):
    assert validate_graph(event_graph(NKG[kind])).conforms


@pytest.mark.parametrize(
    "kinds",
    [(), (NKG.Meeting, NKG.Statement), (NKG.Proposal,)],
    ids=["no kind", "two kinds", "not a kind of event"],
)
def test_the_shapes_refuse_an_event_without_exactly_one_kind(kinds):
    assert kind_violations(event_graph(*kinds)) == [
        "every event has exactly one kind: one subclass of nkg:Event of the ontology"
    ]


# --------------------------------------------------------------------------- the recipe, followed

WALKOUT_CLASS = """
nkg:Walkout a owl:Class ; rdfs:subClassOf nkg:Event ;
    rdfs:label "walkout"@en ;
    rdfs:comment "One side leaves the negotiating table in protest."@en .
"""
WALKOUT_ROWS = {
    "event_kinds.tsv": "Walkout\tasserted-only\n",
    "presentation.tsv": "Walkout\t#3b3b98\ttriangleDown\twalked out\n",
    "event_triggers.tsv": "walkout\tNOUN\tWalkout\t\n",
}
# an article of my own: a union leaves wage talks
ARTICLE = (
    "Wage talks stall\nLISBON, March 3 - The Dockworkers Union of Portugal staged a "
    "walkout at wage talks in Lisbon on Monday.\n"
)
# run in the copy, as a user would after editing the files: build (validating against the shapes),
# then query the new kind through the CLI
SCRIPT = """
import json, sys
import kg
from kg.cli import main
result = kg.build("seeds", "store", "exports")
print(json.dumps({"counts": result.counts}))
sys.exit(main(["query", "--store", "store", "--format", "json",
               "SELECT ?label WHERE { ?e a nkg:Walkout ; rdfs:label ?label }"]))
"""


def copy_with_walkout(where: Path) -> Path:
    """A copy of the package with the recipe's Turtle class and data rows added, nothing else."""
    package = where / "kg"
    shutil.copytree(ROOT / "kg", package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "ontology", package / "ontology")  # where a wheel has it
    with (package / "ontology" / "negotiation.ttl").open("a", encoding="utf-8") as f:
        f.write(WALKOUT_CLASS)
    for name, rows in WALKOUT_ROWS.items():
        with (package / "data" / name).open("a", encoding="utf-8") as f:
            f.write(rows)
    return where


def run_in_copy(copy: Path, project: Path) -> subprocess.CompletedProcess:
    """Run SCRIPT in a fresh interpreter that imports ``kg`` from ``copy`` only: no site hooks, so
    the checkout's own (editable) install cannot answer in its place."""
    boot = (
        f"import sys; sys.path[:0] = [{str(copy)!r}]; "
        f"sys.path.append({sysconfig.get_paths()['purelib']!r}); exec({SCRIPT!r})"
    )
    return subprocess.run(
        [sys.executable, "-S", "-c", boot], cwd=project, capture_output=True, text=True, timeout=600
    )


def test_a_new_kind_is_one_class_and_data_rows(tmp_path):
    copy = copy_with_walkout(tmp_path / "copy")
    project = tmp_path / "project"
    (project / "seeds").mkdir(parents=True)
    (project / "seeds" / "walkout.txt").write_text(ARTICLE, encoding="utf-8")

    done = run_in_copy(copy, project)

    assert done.returncode == 0, done.stderr[-3000:]
    counts_line, *query_lines = done.stdout.splitlines()
    assert json.loads(counts_line)["counts"]["articles"] == 1
    rows = json.loads("\n".join(query_lines))["results"]["bindings"]
    labels = [row["label"]["value"] for row in rows]
    assert len(labels) == 1 and labels[0].startswith("Walkout: "), done.stdout
    assert "Dockworkers Union" in labels[0]
