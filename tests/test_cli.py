"""The commands a user runs: build, ingest, extract, validate, export; exit codes and what is left on disk."""

import os
from pathlib import Path

import networkx as nx
import pytest
from conftest import SEED, kg_main, run_kg, write
from rdflib import Dataset, Graph, URIRef

EXPORTS = ("graph.trig", "graph.ttl", "graph.jsonld", "graph.graphml", "graph.html")
ARTICLE = URIRef(
    "https://w3id.org/negotiation-kg/id/article/israeli-officials-says-gaps-remain-after-meeting-on-prison-dcaf4dc763"
)


def snapshot(directory: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """``kg build`` run in a scratch project holding the seeds."""
    import shutil

    from conftest import SEEDS

    root = tmp_path_factory.mktemp("project")
    shutil.copytree(SEEDS, root / "seeds")
    result = kg_main("build", cwd=root)
    assert result.returncode == 0, result.stderr
    return root, result


def test_build_writes_the_five_exports_and_a_summary(built):
    root, result = built
    for name in EXPORTS:
        assert (root / "exports" / name).stat().st_size > 0, name
    summary = result.stdout.strip().splitlines()[-1]
    counts = dict(item.split("=") for item in summary.split())
    assert counts["articles"] == "1" and int(counts["actors"]) >= 15 and int(counts["events"]) >= 5
    assert (
        int(counts["proposals"]) >= 2
        and int(counts["positions"]) >= 5
        and int(counts["triples"]) > 300
    )


def test_exports_parse_and_the_trig_has_one_named_graph_per_article(built):
    root, _ = built
    ds = Dataset()
    ds.parse(root / "exports" / "graph.trig", format="trig")
    names = {g.identifier for g in ds.graphs() if len(g)}
    assert ARTICLE in names and len([n for n in names if "/article/" in str(n)]) == 1
    turtle = Graph().parse(root / "exports" / "graph.ttl", format="turtle")
    jsonld = Dataset().parse(root / "exports" / "graph.jsonld", format="json-ld")
    assert len(turtle) == len(ds.graph(ARTICLE)) and len(list(jsonld.quads())) == len(
        ds.graph(ARTICLE)
    )
    G = nx.read_graphml(root / "exports" / "graph.graphml")
    assert any(d.get("label") == "Benjamin Netanyahu" for _, d in G.nodes(data=True))
    page = (root / "exports" / "graph.html").read_text()
    assert "vis-network" in page or "vis.Network" in page


def test_validate_passes_on_the_exports_and_the_store(built):
    root, _ = built
    for target in (["exports/graph.trig"], ["exports/graph.ttl"], []):
        result = kg_main("validate", *target, cwd=root)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "conforms" in result.stdout


def test_validate_reports_violations_readably(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix nkg: <https://w3id.org/negotiation-kg/ontology#> .\n"
        "<https://w3id.org/negotiation-kg/id/e/1> a nkg:Event, nkg:Meeting ;"
        ' nkg:earliestDate "2024-02-01"^^<http://www.w3.org/2001/XMLSchema#date> ;'
        ' nkg:latestDate "2024-01-01"^^<http://www.w3.org/2001/XMLSchema#date> .\n'
    )
    result = kg_main("validate", bad)
    assert result.returncode == 5
    assert "every event has at least one evidence" in result.stdout
    assert "earliestDate is one xsd:date, not after latestDate" in result.stdout


def test_ingesting_the_same_article_twice_changes_nothing(project):
    first = kg_main("ingest", "seeds", cwd=project)
    second = kg_main("ingest", "seeds/gaps-remain-2024-01-28.txt", cwd=project)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert first.stdout.splitlines()[-1] == second.stdout.splitlines()[-1]


@pytest.mark.parametrize("fmt", [".trig", ".nq", ".ttl", ".nt", ".jsonld"])
def test_extract_writes_the_format_of_the_extension(tmp_path, fmt):
    out = tmp_path / f"out{fmt}"
    result = kg_main("extract", SEED, "--published", "2024-01-28", "-o", out)
    assert result.returncode == 0, result.stderr
    ds = Dataset()
    ds.parse(
        out,
        format={
            ".trig": "trig",
            ".nq": "nquads",
            ".ttl": "turtle",
            ".nt": "nt",
            ".jsonld": "json-ld",
        }[fmt],
    )
    assert len(list(ds.quads())) > 300


def test_extract_explain_says_which_rule_made_each_fact(tmp_path):
    result = kg_main("extract", SEED, "--explain", "-o", tmp_path / "x.trig")
    assert result.returncode == 0, result.stderr
    assert (
        "meeting-noun:meeting → Meeting [status Occurred, factuality Asserted] William Burns, David Barnea"
        in result.stdout
    )
    # each fact kept, its factuality and confidence
    assert "Meeting [Asserted] confidence 0." in result.stdout
    assert "proposal-verb:suggest → Proposal by Israel: PauseTerm, ReleaseTerm" in result.stdout


def test_one_bad_article_does_not_stop_the_others(project):
    (project / "seeds" / "broken.txt").write_bytes(b"\xff\xfe\x00\x01binary")
    result = kg_main("ingest", "seeds", cwd=project)
    assert result.returncode == 1
    assert "broken.txt: the file is binary" in result.stderr
    assert "1 ingested, 0 unchanged, 1 failed" in result.stderr
    assert result.stdout.splitlines()[-1].startswith("articles=1 ")


@pytest.mark.parametrize(
    "make_input, message",
    [
        (lambda d: d / "nope.txt", "nope.txt: no such file or directory"),
        (lambda d: (d / "empty").mkdir() or d / "empty", "the directory holds no article"),
        (lambda d: write(d / "e.txt", ""), "e.txt: the file is empty"),
        (lambda d: write(d / "b.txt", b"\x00\x01\x02binary"), "b.txt: the file is binary"),
        (lambda d: write(d / "l.txt", "Caf\xe9\nLe caf\xe9.".encode("latin-1")), "cannot decode"),
        (lambda d: write(d / "j.txt", "T\nHamas met.", "{"), "j.json: malformed JSON"),
        (
            lambda d: write(d / "d.txt", "T\nHamas met.", '{"published": "2024-13-01"}'),
            "is not a real date",
        ),
    ],
)
def test_bad_input_leaves_store_and_exports_as_they_were(built, tmp_path, make_input, message):
    root, _ = built
    before_exports = snapshot(root / "exports")
    bad = make_input(tmp_path)
    result = kg_main("ingest", bad, cwd=root)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(root / "exports") == before_exports
    after = kg_main("validate", cwd=root)  # the store is still whole
    assert after.returncode == 0


def test_bad_date_flag_is_refused_before_anything_is_written(tmp_path):
    out = tmp_path / "x.trig"
    result = kg_main("extract", SEED, "--published", "2024-02-30", "-o", out)
    assert (
        result.returncode == 2 and "--published: '2024-02-30' is not a real date" in result.stderr
    )
    assert not out.exists()


def test_unknown_output_format_is_refused_as_bad_usage(tmp_path):
    result = kg_main("extract", SEED, "-o", tmp_path / "x.xml")
    assert result.returncode == 2 and "unknown RDF format '.xml'" in result.stderr


@pytest.mark.skipif(
    os.geteuid() == 0, reason="root can write anywhere, so a read-only directory cannot be tested"
)
def test_unwritable_store_gets_a_clear_message(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    result = kg_main("ingest", SEED, "--store", locked / "store")
    assert result.returncode == 3 and "cannot open the store" in result.stderr


def test_store_path_that_is_a_file_gets_a_clear_message(tmp_path):
    not_a_dir = tmp_path / "store"
    not_a_dir.write_text("I am a file")
    result = kg_main("ingest", SEED, "--store", not_a_dir)
    assert result.returncode == 3 and "this is a file, not a store directory" in result.stderr
    assert not_a_dir.read_text() == "I am a file"


def test_failed_build_keeps_the_previous_exports(built, tmp_path):
    root, _ = built
    before = snapshot(root / "exports")
    result = kg_main("build", "--seeds", tmp_path, cwd=root)  # a directory with no article
    assert result.returncode == 2 and "holds no article" in result.stderr
    assert snapshot(root / "exports") == before


def test_help_lists_the_commands():
    result = run_kg("--help")  # the entry point itself, `python -m kg`, in a process of its own
    assert result.returncode == 0
    for command in ("build", "ingest", "extract", "validate", "export"):
        assert command in result.stdout


def test_build_writes_csv_tables_for_spreadsheets_and_neo4j(project):
    assert kg_main("build", cwd=project).returncode == 0
    tables = project / "exports" / "tables"
    actors = (tables / "actors.csv").read_text().splitlines()
    relations = (tables / "relations.csv").read_text().splitlines()
    assert actors[0] == "id:ID,:LABEL,label,aliases" and any(
        ",Person,Benjamin Netanyahu," in a for a in actors
    )
    assert relations[0] == ":START_ID,:END_ID,:TYPE" and any(
        line.endswith(",participant") for line in relations
    )
    ids = {
        line.split(",")[0]
        for name in ("actors", "events", "proposals", "terms", "positions")
        for line in (tables / f"{name}.csv").read_text().splitlines()[1:]
    }
    assert all(line.split(",")[0] in ids and line.split(",")[1] in ids for line in relations[1:])
