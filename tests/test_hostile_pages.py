"""Text from articles is shown as text in every page, never run: hostile labels in a real headless
Chromium.

A tooltip that set ``innerHTML`` from a node's title (as pyvis's own does when a title holds the word
"href") would run an article's markup; these pages are drawn from graphs whose labels, aliases,
evidence and topics hold markup that runs script if it is ever parsed as HTML, and every node is
hovered.
"""

from __future__ import annotations

import pytest
from conftest import kg_main, open_offline, write

PWNED = "PWNED"
# each one runs script if parsed as HTML (an attribute handler, a tag closing the page's script, an
# SVG)
PAYLOADS = (
    f"<img src=x onerror=\"document.title='{PWNED}'\"> see href",
    f"</script><script>document.title='{PWNED}'</script>",
    f"<svg onload=\"document.title='{PWNED}'\"></svg> "
    f"<a href=\"javascript:document.title='{PWNED}'\">x</a>",
)


def hostile_graph():
    """The example graph with a payload in every text a page shows: labels, aliases, evidence,
    topics."""
    from kg.views.network import example_graph

    G = example_graph()
    for n, (_, attrs) in enumerate(G.nodes(data=True)):
        payload = PAYLOADS[n % len(PAYLOADS)]
        attrs["label"] = f"{attrs['label']} {payload}"
        attrs["aliases"] = payload
        attrs["evidence"] = f"They met, {payload} said the envoy."
        if attrs["kind"] == "Position":
            attrs["topic"] = payload
    return G


def hover_every_node(page) -> list[str]:
    """Move the mouse over each node in turn; the text of each tooltip that appeared."""
    texts = []
    box = page.locator("#mynetwork canvas").bounding_box()
    for node in page.evaluate("kgNetwork.nodes.getIds()"):
        where = page.evaluate(
            f"(() => {{ const p = kgNetwork.network.getPositions([{node!r}])[{node!r}];"
            f" return kgNetwork.network.canvasToDOM(p); }})()"
        )
        page.mouse.move(1, 1)
        page.mouse.move(box["x"] + where["x"], box["y"] + where["y"])
        page.wait_for_timeout(250)
        texts += [
            t
            for t in page.locator("div.vis-tooltip, div.vis-network-tooltip").all_inner_texts()
            if t
        ]
    return texts


def assert_nothing_ran(page) -> None:
    assert page.title() != PWNED
    assert (
        page.evaluate(
            "document.querySelectorAll('#mynetwork img, #mynetwork svg, #mynetwork a, "
            "#kg-controls img, #kg-controls svg').length"
        )
        == 0
    )


@pytest.mark.parametrize("overview", [False, True], ids=["graph", "overview"])
def test_hostile_labels_show_as_text_and_run_nothing_when_hovered(browser, tmp_path, overview):
    from kg.views.graph_page import write_graph_page

    path = write_graph_page(hostile_graph(), tmp_path / "graph.html", overview=overview)
    page, errors, _ = open_offline(browser, path)
    page.wait_for_function("window.kgNetwork && window.kgNetwork.settled === true", timeout=60000)
    page.evaluate("kgNetwork.network.fit()")
    tips = hover_every_node(page)
    # the tooltips appeared, the markup as text
    assert any("<img src=x" in t and "href" in t for t in tips)
    assert_nothing_ran(page)
    names = page.locator("#kg-actors option").evaluate_all("os => os.map(o => o.value)")
    # the search list holds the labels as text too
    assert any("</script>" in name for name in names)
    assert errors == []


def test_an_article_with_markup_in_its_sentences_gives_exports_that_run_nothing(browser, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    write(
        seeds / "hostile.txt",
        f"Talks resume\nQatar said on Monday {PAYLOADS[0]} that envoys of Hamas and Israel "
        f"met in Doha.\nHamas rejected the proposal {PAYLOADS[1]} on Tuesday, its "
        "spokesman said.\n",
        sidecar='{"published": "2024-01-28"}',
    )
    result = kg_main(
        "build",
        "--seeds",
        seeds,
        "--store",
        tmp_path / "store",
        "--exports",
        tmp_path / "exports",
        "--no-validate",
        "-q",
    )
    assert result.returncode == 0, result.stderr
    for name in ("graph.html", "timeline.html"):
        page, errors, _ = open_offline(browser, tmp_path / "exports" / name)
        page.wait_for_load_state("load")
        if name == "graph.html":
            page.wait_for_function(
                "window.kgNetwork && window.kgNetwork.settled === true", timeout=60000
            )
            page.evaluate("kgNetwork.network.fit()")
            assert any("<img src=x" in t for t in hover_every_node(page))
        assert page.title() != PWNED and errors == []


def test_the_overview_click_panel_links_no_script_url_of_a_sidecar():
    """An article's URL comes from its sidecar: the overview's click panel, as the timeline's and the
    deals section's, links only an http(s) one, so a ``javascript:`` URL cannot run when clicked."""
    from kg.views.network import example_graph
    from kg.views.overview import actor_items

    G = example_graph()
    G.nodes["m3"]["article"] = "id/article/a"
    G.nodes["m1"]["article"] = "id/article/b"
    G.graph["articles"] = {
        "id/article/a": {
            "headline": "Talks",
            "published": "2024-01-21",
            "url": "javascript:alert(1)",
        },
        "id/article/b": {
            "headline": "Envoys",
            "published": "2024-01-27",
            "url": "https://example.org/b",
        },
    }
    links = {i["headline"]: i["url"] for i in actor_items(G, "person/al-thani") if i["headline"]}
    assert links == {"Talks": "", "Envoys": "https://example.org/b"}
