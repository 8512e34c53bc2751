"""Querying three ways: named SPARQL queries from the CLI, the SPARQL endpoint, and the Python graph API."""

import json
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from urllib.error import HTTPError

import networkx as nx
import pytest
from conftest import kg_main

import kg
from kg.query import named_queries, run_select
from kg.serve import free_port
from kg.views.network import (
    ego,
    mediators,
    meetings_between,
    path,
    positions_of,
    window,
    write_graphml,
)


def rows(store, name, **params):
    return run_select(
        store, named_queries()[name].text, {k.rstrip("_"): v for k, v in params.items()}
    )


# ---------------------------------------------------------------- the named queries on the seed


def test_meetings_lists_the_meeting_of_the_four_chiefs(seed_store):
    found = [r for r in rows(seed_store, "meetings") if "Abbas Kamel" in r["participants"]]
    assert len(found) == 1
    for name in ("William Burns", "David Barnea", "Mohammed bin Abdulrahman Al Thani"):
        assert name in found[0]["participants"]


def test_meetings_filtered_by_actor_and_dates(seed_store):
    assert [r["status"] for r in rows(seed_store, "meetings", actor="Kamel")] == ["Occurred"]
    assert rows(seed_store, "meetings", actor="Hamas") == []
    november = rows(seed_store, "meetings", from_="2023-11-01", to="2023-11-30")
    assert len(november) == 1 and "Qatari officials" in november[0]["participants"]


def test_proposals_with_terms_under_the_right_proposers(seed_store):
    terms = {(r["proposer"], r["term"]) for r in rows(seed_store, "proposals")}
    assert ("Israel", "pause: 60 days") in terms
    assert ("Hamas", "ratio 100 : 1 Palestinian prisoners per Israeli captive") in terms
    assert {r["reportedBy"] for r in rows(seed_store, "proposals", actor="Israel")} == {
        "third source familiar with the negotiations"
    }


def test_positions_and_positions_on_a_proposal(seed_store):
    netanyahu = rows(seed_store, "positions", actor="Netanyahu")
    assert any(r["stance"] == "Rejects" and "Hamas' conditions" in r["topic"] for r in netanyahu)
    on_hamas = rows(seed_store, "positions-on", actor="Hamas")
    assert any(r["holder"] == "Benjamin Netanyahu" and r["stance"] == "Rejects" for r in on_hamas)


def test_who_met_whom_counts_pairs(seed_store):
    pairs = {(r["a"], r["b"]): r["meetings"] for r in rows(seed_store, "met-whom")}
    assert pairs[("David Barnea", "William Burns")] == 3
    assert ("Abbas Kamel", "William Burns") in pairs
    assert all(
        "Abbas Kamel" in (a, b)
        for a, b in ((r["a"], r["b"]) for r in rows(seed_store, "met-whom", actor="Kamel"))
    )


def test_timeline_is_in_date_order(seed_store):
    timeline = rows(seed_store, "timeline")
    dates = [r["earliest"] for r in timeline if r["earliest"]]
    assert dates == sorted(dates) and len(timeline) >= 10
    assert {
        r["type"] for r in rows(seed_store, "timeline", from_="2024-01-22", to="2024-01-22")
    } >= {"Protest"}


def test_actors_roles_affiliations_and_sources(seed_store):
    burns = rows(seed_store, "actors", actor="Burns")[0]
    assert (
        burns["roles"] == "head of the CIA"
        and "Central Intelligence Agency" in burns["affiliations"]
    )
    single = rows(seed_store, "single-source")
    assert any(
        r["kind"] == "Proposal" and r["sources"] == "third source familiar with the negotiations"
        for r in single
    )
    assert rows(seed_store, "about-actor", actor="hamas")
    # sides, a person counting for the side it is affiliated with (Kamel: Egypt, Al Thani: Qatar)
    assert {r["mediator"] for r in rows(seed_store, "mediators")} >= {"Egypt", "Qatar"}


# ---------------------------------------------------------------- the CLI


def test_query_command_prints_a_table_csv_and_json(seed_store_path):
    table = kg_main("query", "meetings", "--actor", "Kamel", "--store", seed_store_path)
    assert table.returncode == 0, table.stderr
    assert table.stdout.splitlines()[0].split()[:3] == ["earliest", "latest", "participants"]
    assert table.stdout.rstrip().endswith("(1 row)")
    csv_out = kg_main(
        "query",
        "SELECT ?n WHERE { ?c a nkg:Country ; rdfs:label ?n } ORDER BY ?n",
        "--format",
        "csv",
        "--store",
        seed_store_path,
    )
    assert csv_out.stdout.splitlines() == ["n", "Egypt", "Israel", "Qatar", "United States"]
    out = kg_main(
        "query", "ASK { ?m a nkg:Meeting }", "--format", "json", "--store", seed_store_path
    )
    assert json.loads(out.stdout)["boolean"] is True


def test_query_command_prints_turtle_for_construct_and_reads_files(seed_store_path, tmp_path):
    q = tmp_path / "labels.rq"
    q.write_text("CONSTRUCT { ?c rdfs:label ?n } WHERE { ?c a nkg:Country ; rdfs:label ?n }")
    out = kg_main("query", q, "--store", seed_store_path)
    assert out.returncode == 0 and "@prefix rdfs:" in out.stdout and '"Qatar"' in out.stdout


def owl_time_of(bounds: list[tuple[str, str, str]]) -> set[tuple]:
    """The OWL-Time triples of dated items, (item IRI, "earliest" or "latest", xsd:date text)
    each: an interval per item, and an instant per bound it has (an open bound has none)."""
    from rdflib import RDF, XSD, Literal, Namespace, URIRef

    TIME = Namespace("http://www.w3.org/2006/time#")
    out = set()
    for item, which, day in bounds:
        interval = URIRef(f"{item}/interval")
        instant, link = (
            (URIRef(f"{item}/beginning"), TIME.hasBeginning)
            if which == "earliest"
            else (URIRef(f"{item}/end"), TIME.hasEnd)
        )
        out |= {
            (URIRef(item), TIME.hasTime, interval),
            (interval, RDF.type, TIME.Interval),
            (interval, link, instant),
            (instant, RDF.type, TIME.Instant),
            (instant, TIME.inXSDDate, Literal(day, datatype=XSD.date)),
        }
    return out


def test_owl_time_gives_each_dated_item_the_interval_of_its_bounds(seed_store, seed_store_path):
    from rdflib import Graph

    # the store states each bound once, as nkg:earliestDate / nkg:latestDate
    assert not seed_store.query("ASK { GRAPH ?g { ?s time:hasTime ?i } }").askAnswer
    rows = run_select(
        seed_store,
        "SELECT ?item ?which ?day WHERE { GRAPH ?g { { ?item nkg:earliestDate ?day BIND('earliest'"
        " AS ?which) } UNION { ?item nkg:latestDate ?day BIND('latest' AS ?which) } } }",
    )
    out = kg_main("query", "owl-time", "--store", seed_store_path)
    assert out.returncode == 0, out.stderr
    owl = set(Graph().parse(data=out.stdout, format="turtle"))
    expected = owl_time_of([(r["item"], r["which"], r["day"].isoformat()) for r in rows])
    assert len(expected) > 150 and owl == expected


def test_owl_time_leaves_an_open_bound_without_an_instant(tmp_path):
    from rdflib import Graph

    from kg.store import GraphStore

    nkg, item = "https://w3id.org/negotiation-kg/ontology#", "https://w3id.org/negotiation-kg/id/x/"
    day = "^^<http://www.w3.org/2001/XMLSchema#date>"
    with GraphStore(tmp_path / "s") as store:
        store.backend.replace_graph(
            item + "article",
            f'<{item}from-friday> <{nkg}earliestDate> "2024-03-01"{day} .\n'
            f'<{item}by-june> <{nkg}latestDate> "2024-06-30"{day} .\n',
        )
    out = kg_main("query", "owl-time", "--store", tmp_path / "s")
    assert out.returncode == 0, out.stderr
    owl = set(Graph().parse(data=out.stdout, format="turtle"))
    assert owl == owl_time_of(
        [
            (item + "from-friday", "earliest", "2024-03-01"),
            (item + "by-june", "latest", "2024-06-30"),
        ]
    )


def test_query_command_reads_any_rdf_file(seed_store_path, tmp_path):
    from kg.store import GraphStore

    with GraphStore(seed_store_path, read_only=True) as store:
        store.dump(tmp_path / "g.trig")
    out = kg_main(
        "query",
        "SELECT (COUNT(?m) AS ?n) WHERE { ?m a nkg:Meeting }",
        "--format",
        "csv",
        "--data",
        tmp_path / "g.trig",
    )
    assert out.stdout.split() == ["n", "3"]


def test_named_queries_answer_on_an_exported_file_of_triples_as_on_the_store(
    seed_store_path, tmp_path
):
    from kg.store import GraphStore

    with GraphStore(seed_store_path, read_only=True) as store:
        store.dump(tmp_path / "g.trig")
        store.dump(tmp_path / "g.ttl")  # triples only: the articles' graphs are merged
    for name in ("meetings", "proposals", "positions"):
        answers = [
            kg_main("query", name, "--format", "csv", "--data", tmp_path / f"g.{suffix}")
            for suffix in ("trig", "ttl")
        ]
        assert all(out.returncode == 0 for out in answers)
        rows = [sorted(out.stdout.splitlines()[1:]) for out in answers]
        assert rows[0] and rows[1] == rows[0]


def test_malformed_query_gets_the_parser_message_with_line_and_column(seed_store_path):
    out = kg_main(
        "query", "SELECT ?n WHERE {\n  ?c a nkg:Country ; rdfs:label ?n", "--store", seed_store_path
    )
    assert out.returncode == 4
    assert out.stderr.startswith("kg: error: query: malformed SPARQL at line 2, column 35")
    assert "the query stops before it is complete" in out.stderr
    assert "Traceback" not in out.stderr
    # a term left out before the closing bracket is not called a bracket's absence alone
    out = kg_main("query", "SELECT ?x WHERE { ?x ?p }", "--store", seed_store_path)
    assert out.returncode == 4
    assert "column 26" in out.stderr and "a term or a closing bracket is missing" in out.stderr


def test_a_query_file_that_does_not_parse_is_named_with_the_place(seed_store_path, tmp_path):
    query = tmp_path / "pacts.rq"
    query.write_text(
        "SELECT ?pact ?label WHERE {\n"
        "  ?pact a nkg:Agreement ; rdfs:label ?label\n"
        '  FILTER(CONTAINS(?label, "truce") ?label)\n'
        "}\n"
    )
    for timeout in ([], ["--timeout", "30"]):  # a timed query's error crosses from its process
        out = kg_main("query", query, "--store", seed_store_path, *timeout)
        assert out.returncode == 4 and out.stdout == ""
        (line,) = out.stderr.splitlines()  # one line, no traceback, no list of parser tokens
        assert line.startswith(f"kg: error: {query}: malformed SPARQL at line 3, column ")
        assert '"truce") ?label' in line and "[_]" not in line


def test_a_flag_the_query_does_not_read_is_refused_by_name(seed_store_path):
    out = kg_main("query", "owl-time", "--actor", "Hamas", "--store", seed_store_path)
    assert out.returncode == 2 and out.stdout == ""
    assert "--actor: the named query owl-time does not read ?actor" in out.stderr
    assert "Traceback" not in out.stderr
    written = "SELECT ?m WHERE { ?m a nkg:Meeting }"
    out = kg_main("query", written, "--to", "2024-01-01", "--store", seed_store_path)
    assert out.returncode == 2 and "--to: the query does not read ?to" in out.stderr


def test_an_unknown_prefix_is_named_with_those_that_are_declared(seed_store_path):
    out = kg_main("query", "SELECT ?d WHERE { ?d a pact:Truce }", "--store", seed_store_path)
    assert out.returncode == 4
    assert "unknown prefix pact: (predeclared: nkg:" in out.stderr
    assert "declare others with PREFIX" in out.stderr and "\\u{" not in out.stderr
    piped = kg_main("query", "-", "--store", seed_store_path, stdin="SELECT ?d {\n  ?d a pact:T }")
    assert piped.stderr.startswith("kg: error: query on stdin: malformed SPARQL at line 2")
    # as a predicate the parser says only what it expected ("OPTIONAL"): named all the same,
    # those the query declares and the predeclared ones left out
    query = "PREFIX ex: <http://example.org/> SELECT * { ?s ex:p ?o ; pact:signedBy ?x ; nkg:y ?z }"
    out = kg_main("query", query, "--store", seed_store_path)
    assert out.returncode == 4
    assert "unknown prefix pact: (predeclared: nkg:" in out.stderr and "OPTIONAL" not in out.stderr


def test_a_runaway_query_is_stopped_by_the_timeout(seed_store_path):
    start = time.monotonic()
    out = kg_main(
        "query",
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
        "--timeout",
        "1",
        "--store",
        seed_store_path,
    )
    assert out.returncode == 4 and "stopped after 1 s" in out.stderr
    assert time.monotonic() - start < 30


def test_list_names_every_query():
    out = kg_main("query", "--list")
    for name in (
        "timeline",
        "meetings",
        "met-whom",
        "proposals",
        "positions",
        "owl-time",
        "positions-on",
        "single-source",
        "actors",
        "mediators",
        "about-actor",
    ):
        assert any(line.startswith(name + " ") for line in out.stdout.splitlines()), name


# ---------------------------------------------------------------- the endpoint


@pytest.fixture(scope="module")
def endpoint(seed_store_path):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--store", str(seed_store_path), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield url
    proc.terminate()
    assert proc.wait(10) == 0


MEETINGS = "PREFIX nkg: <https://w3id.org/negotiation-kg/ontology#> SELECT (COUNT(?m) AS ?n) WHERE { ?m a nkg:Meeting }"


def test_endpoint_answers_sparqlwrapper_in_json_and_csv(endpoint):
    from SPARQLWrapper import CSV, JSON, SPARQLWrapper

    client = SPARQLWrapper(endpoint + "/query")
    client.setQuery(MEETINGS)
    client.setReturnFormat(JSON)
    assert client.query().convert()["results"]["bindings"][0]["n"]["value"] == "3"
    client.setReturnFormat(CSV)
    assert client.query().convert().decode().split() == ["n", "3"]


def test_endpoint_answers_plain_get_and_post(endpoint):
    get = urllib.request.Request(
        endpoint + "/query?" + urllib.parse.urlencode({"query": MEETINGS}),
        headers={"Accept": "text/tab-separated-values"},
    )
    assert urllib.request.urlopen(get).read().decode().split() == ["?n", "3"]
    post = urllib.request.Request(
        endpoint + "/query",
        data=MEETINGS.encode(),
        headers={
            "Content-Type": "application/sparql-query",
            "Accept": "application/sparql-results+json",
        },
    )
    assert (
        json.loads(urllib.request.urlopen(post).read())["results"]["bindings"][0]["n"]["value"]
        == "3"
    )


def test_endpoint_refuses_updates(endpoint):
    from SPARQLWrapper import POST, SPARQLWrapper

    client = SPARQLWrapper(endpoint + "/update")
    client.setMethod(POST)
    client.setQuery(
        "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"
    )
    with pytest.raises(HTTPError) as err:
        client.query()
    assert err.value.code == 403


def test_endpoint_serves_its_query_page_without_cdn(endpoint):
    page = urllib.request.urlopen(endpoint + "/").read().decode()
    assert "<html" in page.lower() and "cdn." not in page


# ---------------------------------------------------------------- the Python API and traversals


@pytest.fixture(scope="module")
def G(seed_store_path):
    with kg.open(seed_store_path) as g:
        assert g.sparql("meetings", actor="Kamel")[0]["status"] == "Occurred"
        return g.to_networkx()


def test_networkx_view_has_typed_nodes(G):
    kinds = {a["kind"] for _, a in G.nodes(data=True)}
    assert {"Person", "Meeting", "Proposal", "Position", "PauseTerm"} <= kinds
    assert all(isinstance(v, str) for _, a in G.nodes(data=True) for v in a.values())


def test_meetings_between_and_path(G):
    assert len(meetings_between(G, "Burns", "Barnea")) == 3
    chain = [G.nodes[n]["label"] for n in path(G, "Netanyahu", "Kamel")]
    assert chain[0] == "Benjamin Netanyahu" and chain[-1] == "Abbas Kamel"


def test_mediators_rank_qatar_or_egypt_above_the_parties(G):
    ranking = [name for name, _ in mediators(G)]
    best_mediator = min(ranking.index(x) for x in ("Qatar", "Egypt"))
    for party in ("Israel", "Hamas"):
        assert party not in ranking or ranking.index(party) > best_mediator


def test_ego_positions_and_window(G):
    around = ego(G, "Hamas", 1)
    assert any(a["kind"] == "Position" for _, a in around.nodes(data=True))
    stances = {p["stance"] for p in positions_of(G, "Benjamin Netanyahu")}
    assert "Rejects" in stances
    week = window(G, "2024-01-22", "2024-01-22")
    assert any(a["kind"] == "Protest" for _, a in week.nodes(data=True))
    assert not any(a["kind"] == "Agreement" for _, a in week.nodes(data=True))


def test_graphml_round_trip(G, tmp_path):
    write_graphml(G, tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    assert (
        back.number_of_nodes() == G.number_of_nodes()
        and back.number_of_edges() == G.number_of_edges()
    )
    node = next(n for n, a in G.nodes(data=True) if a["label"] == "William Burns")
    assert back.nodes[node]["kind"] == "Person"


def test_countries_carry_their_wikidata_item_for_federated_queries(seed_store):
    rows = run_select(
        seed_store,
        "SELECT ?name ?item WHERE { ?x a nkg:Country ; rdfs:label ?name ; owl:sameAs ?item "
        "FILTER(STRSTARTS(STR(?item), STR(wd:))) }",
    )
    items = {r["name"]: r["item"] for r in rows}
    assert items["Qatar"] == "http://www.wikidata.org/entity/Q846"
    assert items["Israel"] == "http://www.wikidata.org/entity/Q801"
    assert not run_select(
        seed_store,
        "SELECT ?x WHERE { ?x a nkg:Person ; owl:sameAs ?i FILTER(STRSTARTS(STR(?i), STR(wd:))) }",
    )


def test_endpoint_offers_the_named_queries_as_examples_that_run_there(endpoint):
    import html as html_module
    import re

    page = urllib.request.urlopen(endpoint + "/examples").read().decode("utf-8")
    assert all(f'id="{name}"' in page for name in named_queries())
    links = [html_module.unescape(h) for h in re.findall(r'href="(/query\?query=[^"]+)"', page)]
    assert len(links) == len(named_queries())
    meetings = next(link for link in links if "nkg%3AMeeting" in link and "met-whom" not in link)
    request = urllib.request.Request(
        endpoint + meetings, headers={"Accept": "application/sparql-results+json"}
    )
    rows = json.loads(urllib.request.urlopen(request).read())["results"]["bindings"]
    assert len(rows) >= 1  # the query runs as written: the endpoint declares kg query's prefixes
