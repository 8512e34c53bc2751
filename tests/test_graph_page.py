"""The graph page in a real headless Chromium: offline, complete, self-explaining, searchable."""

import pytest
from conftest import kg_main, open_offline

from kg.views.graph_page import graph_page, most_connected
from kg.views.network import to_networkx


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
    event = page.evaluate(
        "kgNetwork.nodes.get().find(n => n.kind === 'Protest' && n.title.includes('stormed')).id"
    )
    position = page.evaluate(
        f"(() => {{ const p = kgNetwork.network.getPositions([{event!r}])[{event!r}];"
        f" return kgNetwork.network.canvasToDOM(p); }})()"
    )
    box = page.locator("#mynetwork canvas").bounding_box()
    page.mouse.move(box["x"] + position["x"], box["y"] + position["y"])
    tip = page.wait_for_selector("div.vis-tooltip", state="visible")
    text = tip.inner_text()
    assert "stormed the Knesset Finance Committee meeting" in text
    assert "2024-01-22" in text and "https://" not in text
    assert (
        "source: Israeli officials says 'gaps remain' after meeting on prisoner swap (2024-01-28)"
        in text
    )


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
    dimmed = page.evaluate(
        "kgNetwork.nodes.get().filter(n => String(n.color).startsWith('rgba(200')).length"
    )
    assert 0 < dimmed < page.evaluate("kgNetwork.nodes.length")


def test_filters_by_kind_and_date(loaded):
    page, _, _ = loaded
    page.check("input.kind[value=Statement]")  # hidden until asked for
    page.uncheck("input.kind[value=Position]")
    hidden = page.evaluate("kgNetwork.nodes.get().filter(n => n.hidden).map(n => n.kind)")
    assert hidden and set(hidden) == {"Position"}
    page.check("input.kind[value=Position]")
    page.fill("#kg-from", "2024-01-22")
    page.fill("#kg-to", "2024-01-22")
    page.dispatch_event("#kg-to", "change")
    shown_events = page.evaluate(
        "kgNetwork.nodes.get().filter(n => !n.hidden && n.earliest).map(n => n.kind)"
    )
    assert "Protest" in shown_events and "Agreement" not in shown_events


def test_a_large_graph_is_drawn_as_its_actors_with_a_note(G):
    small = most_connected(G, 10)
    assert 10 <= small.number_of_nodes() < G.number_of_nodes()
    page = graph_page(G, max_nodes=30)
    assert f"The actors of {G.number_of_nodes()} nodes" in page and "kg viz --actor" in page
    assert "most connected of" not in page
    assert "most connected of" in graph_page(G, max_nodes=5)


def test_viz_writes_a_page_for_a_part_of_the_graph(seed_store_path, tmp_path):
    out = kg_main(
        "viz",
        "--store",
        seed_store_path,
        "-o",
        tmp_path / "hamas.html",
        "--actor",
        "Hamas",
        "--radius",
        "1",
    )
    assert out.returncode == 0, out.stderr
    assert "hamas.html (" in out.stderr and "Hamas" in (tmp_path / "hamas.html").read_text()
    missing = kg_main(
        "viz", "--store", seed_store_path, "-o", tmp_path / "x.html", "--actor", "Nobody"
    )
    assert missing.returncode == 2 and "no actor called 'Nobody'" in missing.stderr


def test_build_writes_a_screenshot_when_a_browser_is_present(browser, project):
    out = kg_main("build", cwd=project)
    assert out.returncode == 0, out.stderr
    png = project / "exports" / "graph.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000


def test_export_takes_the_picture_again_with_the_page_it_shows(browser, seed_store_path, tmp_path):
    exports = tmp_path / "exports"
    exports.mkdir()
    stale = exports / "graph.png"
    stale.write_bytes(b"a picture of an older page")
    out = kg_main("export", "--store", seed_store_path, "-o", exports, "--format", "graph-page")
    assert out.returncode == 0, out.stderr
    assert stale.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert f"wrote {stale}" in out.stdout + out.stderr


@pytest.fixture(scope="module")
def overview_file(G, tmp_path_factory):
    from kg.views.graph_page import write_graph_page

    return write_graph_page(G, tmp_path_factory.mktemp("overview") / "overview.html", overview=True)


def test_the_overview_draws_actors_joined_by_summed_relations(G):
    from kg.views.overview import actor_overview

    H = actor_overview(G)
    kinds = {a["kind"] for _, a in H.nodes(data=True)}
    assert (
        kinds <= {"Person", "Organization", "Country", "Group"}
        and H.number_of_nodes() < G.number_of_nodes()
    )
    met = [a for u, v, k, a in H.edges(keys=True, data=True) if k == "met" and a["weight"] > 1]
    assert met and all("×" in a["label"] and a["earliest"] <= a["latest"] for a in met)
    rejects = [
        (H.nodes[u]["label"], H.nodes[v]["label"])
        for u, v, k in H.edges(keys=True)
        if k == "rejects"
    ]
    assert ("Benjamin Netanyahu", "Hamas") in rejects  # who rejects whose proposal
    assert any(a["mediator"] for _, a in H.nodes(data=True))


def test_overview_page_counts_its_actors_and_lists_an_actors_items_on_click(
    browser, overview_file, G
):
    from kg.views.overview import actor_overview

    page, errors, blocked = open_offline(browser, overview_file)
    page.wait_for_function("window.kgNetwork && window.kgNetwork.drawn === true")
    assert page.evaluate("kgNetwork.nodes.length") == actor_overview(G).number_of_nodes()
    assert "(mediator)" in " ".join(page.evaluate("kgNetwork.nodes.get().map(n => n.label)"))
    burns = page.evaluate("kgNetwork.nodes.get().find(n => n.fullLabel === 'William Burns').id")
    page.evaluate(
        f"kgNetwork.network.selectNodes([{burns!r}]); "
        f"kgNetwork.network.body.emitter.emit('selectNode', {{nodes: [{burns!r}]}})"
    )
    items = page.locator("#kg-details-list li").all_inner_texts()
    assert page.is_visible("#kg-details") and any("Meeting" in i for i in items)
    assert errors == [] and blocked == []


def test_a_date_window_hides_undated_items_unless_asked(browser, page_file):
    page, errors, _ = open_offline(browser, page_file)
    page.wait_for_function("window.kgNetwork && window.kgNetwork.drawn === true")
    page.fill("#kg-from", "2024-01-22")
    page.fill("#kg-to", "2024-01-22")
    page.dispatch_event("#kg-to", "change")
    undated = (
        "kgNetwork.nodes.get().filter(n => !n.hidden && !n.earliest && !n.latest && "
        "!['Person','Organization','Country','Group'].includes(n.kind)).length"
    )
    assert page.evaluate(undated) == 0
    page.check("#kg-undated")
    assert page.evaluate(undated) > 0
    assert errors == []


def test_the_overview_click_panel_lists_each_item_once_with_its_sentence_and_article(
    browser, overview_file
):
    page, errors, _ = open_offline(browser, overview_file)
    page.wait_for_function("window.kgNetwork && window.kgNetwork.drawn === true")
    for name in ("William Burns", "Hamas", "Benjamin Netanyahu"):
        node = page.evaluate(f"kgNetwork.nodes.get().find(n => n.fullLabel === {name!r}).id")
        page.evaluate(
            f"kgNetwork.network.selectNodes([{node!r}]); "
            f"kgNetwork.network.body.emitter.emit('selectNode', {{nodes: [{node!r}]}})"
        )
        items = page.locator("#kg-details-list li")
        texts = items.all_inner_texts()
        assert texts and len(texts) == len(set(texts)), name  # each item once
        for n in range(items.count()):
            assert items.nth(n).locator("q").inner_text().strip(), texts[n]  # its sentence
            source = items.nth(n).locator(".kg-source").inner_text()
            # its article's headline and date
            assert "Israeli officials" in source and "2024-01-28" in source
        assert not any(" Agreement: Agreement" in t for t in texts)
    assert errors == []


def test_the_graph_page_opens_on_the_negotiation_statements_one_click_away(loaded):
    page, errors, _ = loaded
    hidden = "kgNetwork.nodes.get().filter(n => n.kind === 'Statement' && n.hidden).length"
    statements = "kgNetwork.nodes.get().filter(n => n.kind === 'Statement').length"
    assert page.evaluate(statements) > 0 and page.evaluate(hidden) == page.evaluate(statements)
    assert (
        page.evaluate("kgNetwork.nodes.get().filter(n => n.kind === 'Meeting' && !n.hidden).length")
        > 0
    )
    page.check("input.kind[value=Statement]")
    assert page.evaluate(hidden) == 0
    assert errors == []
