"""The graph page in a real headless Chromium: offline, complete, self-explaining, searchable."""
import pytest

from kg.views.graph_page import graph_page, most_connected
from kg.views.network import to_networkx
from conftest import open_offline, run_kg


@pytest.fixture(scope="module")
def G(seed_store):
    return to_networkx(seed_store)


@pytest.fixture(scope="module")
def page_file(G, tmp_path_factory):
    path = tmp_path_factory.mktemp("page") / "graph.html"
    path.write_text(graph_page(G), encoding="utf-8")
    return path


@pytest.fixture()
def loaded(browser, page_file):
    page, errors, blocked = open_offline(browser, page_file)
    page.wait_for_function("window.kgNetwork && window.kgNetwork.settled === true", timeout=60000)
    return page, errors, blocked


def test_page_draws_offline_without_errors(loaded):
    page, errors, blocked = loaded
    assert errors == [] and blocked == []
    assert page.locator("canvas").count() >= 1


def test_page_network_has_every_node_and_edge_of_the_graph(loaded, G):
    page, _, _ = loaded
    assert page.evaluate("kgNetwork.nodes.length") == G.number_of_nodes()
    assert page.evaluate("kgNetwork.edges.length") == G.number_of_edges()


def test_hovering_an_event_shows_its_evidence(loaded):
    page, _, _ = loaded
    event = page.evaluate("kgNetwork.nodes.get().find(n => n.kind === 'Protest' && n.title.includes('stormed')).id")
    position = page.evaluate(f"(() => {{ const p = kgNetwork.network.getPositions([{event!r}])[{event!r}];"
                             f" return kgNetwork.network.canvasToDOM(p); }})()")
    box = page.locator("#mynetwork canvas").bounding_box()
    page.mouse.move(box["x"] + position["x"], box["y"] + position["y"])
    tip = page.wait_for_selector("div.vis-tooltip", state="visible")
    text = tip.inner_text()
    assert "stormed the Knesset Finance Committee meeting" in text
    assert "2024-01-22" in text and "source: israeli-officials-says-gaps-remain" in text and "https://" not in text


def test_proposal_and_position_explain_themselves_in_plain_words(loaded):
    page, _, _ = loaded
    titles = page.evaluate("kgNetwork.nodes.get().map(n => n.title)")
    assert any("term: pause: 60 days" in t and "proposed by: Israel" in t for t in titles)
    assert any("ratio 100 : 1 Palestinian prisoners per Israeli captive" in t for t in titles)
    assert any("held by: Benjamin Netanyahu" in t and "stance: Rejects" in t for t in titles)
    labels = page.evaluate("kgNetwork.edges.get().map(e => e.label)")
    assert {"met", "proposed", "rejects", "reported by"} <= set(labels)


def test_search_focuses_an_actor_and_highlights_its_neighbourhood(loaded):
    page, _, _ = loaded
    page.fill("#kg-search", "Abbas Kamel")
    page.click("#kg-find")
    assert page.inner_text("#kg-status") == "Abbas Kamel"
    selected = page.evaluate("kgNetwork.network.getSelectedNodes()")
    assert len(selected) == 1
    dimmed = page.evaluate("kgNetwork.nodes.get().filter(n => String(n.color).startsWith('rgba(200')).length")
    assert 0 < dimmed < page.evaluate("kgNetwork.nodes.length")


def test_filters_by_kind_and_date(loaded):
    page, _, _ = loaded
    page.uncheck("input.kind[value=Position]")
    hidden = page.evaluate("kgNetwork.nodes.get().filter(n => n.hidden).map(n => n.kind)")
    assert hidden and set(hidden) == {"Position"}
    page.check("input.kind[value=Position]")
    page.fill("#kg-from", "2024-01-22")
    page.fill("#kg-to", "2024-01-22")
    page.dispatch_event("#kg-to", "change")
    shown_events = page.evaluate("kgNetwork.nodes.get().filter(n => !n.hidden && n.earliest).map(n => n.kind)")
    assert "Protest" in shown_events and "Agreement" not in shown_events


def test_a_large_graph_shows_its_most_connected_nodes_with_a_note(G):
    small = most_connected(G, 10)
    assert 10 <= small.number_of_nodes() < G.number_of_nodes()
    page = graph_page(G, max_nodes=10)
    assert "most connected of" in page and "kg viz --actor" in page


def test_viz_writes_a_page_for_a_part_of_the_graph(seed_store_path, tmp_path):
    out = run_kg("viz", "--store", seed_store_path, "-o", tmp_path / "hamas.html", "--actor", "Hamas", "--radius", "1")
    assert out.returncode == 0, out.stderr
    assert "hamas.html (" in out.stderr and "Hamas" in (tmp_path / "hamas.html").read_text()
    missing = run_kg("viz", "--store", seed_store_path, "-o", tmp_path / "x.html", "--actor", "Nobody")
    assert missing.returncode == 2 and "no actor called 'Nobody'" in missing.stderr


def test_build_writes_a_screenshot_when_a_browser_is_present(browser, project):
    out = run_kg("build", cwd=project)
    assert out.returncode == 0, out.stderr
    png = project / "exports" / "graph.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
