"""The deals on the timeline and graph pages, in a real headless Chromium: each deal's parties,
broker, terms with their giver, the events of its life and the stances on it, each line with its
sentence and its article; article text shown as text, never run."""

import json

import pytest
from conftest import open_offline, write

# an article of our own; its headline and its last sentence carry markup that must stay text
HEADLINE = "Valley <b>truce</b> ends"
TRUCE = (
    f"{HEADLINE}\n"
    "Chad and Niger agreed to a ceasefire on May 2, in a deal brokered by Ghana. Under the "
    "ceasefire, Chad will free 20 prisoners in return for 60 hostages released by Niger.\n"
    "The ceasefire began on May 3. Niger rejected the deal on May 4.\n"
    "The ceasefire ended on May 8, a spokesman wrote <img src=x onerror=\"document.title='pwned'\">"
    "<script>document.title='pwned'</script>.\n"
)


@pytest.fixture(scope="module")
def truce_store(tmp_path_factory):
    from kg.ingestion import ingest
    from kg.store import GraphStore

    sidecar = '{"published": "2024-05-10", "url": "https://example.org/valley"}'
    store = GraphStore()
    assert ingest([write(tmp_path_factory.mktemp("truce") / "truce.txt", TRUCE, sidecar)], store).ok
    return store


@pytest.fixture(scope="module")
def pages(truce_store, tmp_path_factory):
    from kg.views.deals import deal_cards
    from kg.views.graph_page import graph_page
    from kg.views.network import to_networkx
    from kg.views.timeline import timeline_rows
    from kg.views.timeline_page import timeline_page

    folder = tmp_path_factory.mktemp("pages")
    (folder / "timeline.html").write_text(
        timeline_page(truce_store, timeline_rows(truce_store)), encoding="utf-8"
    )
    (folder / "graph.html").write_text(
        graph_page(to_networkx(truce_store), deals=deal_cards(truce_store)), encoding="utf-8"
    )
    return folder


def rows_of(page) -> dict[str, list[str]]:
    """Each row of the deals panel as the user reads it: heading → the texts of its rows."""
    found: dict[str, list[str]] = {}
    for row in page.locator("#kg-deals tr").all():
        found.setdefault(row.locator("th").inner_text(), []).append(row.locator("td").inner_text())
    return found


def assert_the_deal_is_told_line_by_line(page) -> None:
    rows = rows_of(page)
    assert rows["parties"][0].startswith("Chad, Niger") and rows["broker"][0].startswith("Ghana")
    assert any(r.startswith("release: 60 (Niger frees hostages") for r in rows["term"])
    assert any(
        r.startswith("2024-05-03") and "The ceasefire began on May 3." in r for r in rows["began"]
    )
    assert any(
        r.startswith("Niger 2024-05-04") and "Niger rejected the deal" in r for r in rows["rejects"]
    )
    # every line names its article by its headline and date, as written, and links to it
    assert all(f"{HEADLINE} (2024-05-10)" in r for texts in rows.values() for r in texts)
    link = page.locator("#kg-deals tr.deal-event a").first
    assert link.get_attribute("href") == "https://example.org/valley"


def assert_markup_in_the_text_stayed_text(page) -> None:
    ended = " ".join(rows_of(page)["ended"])
    assert "<script>document.title='pwned'</script>" in ended and "onerror=" in ended
    assert page.locator("#kg-deals img, #kg-deals script, #kg-deals b").count() == 0
    assert page.title() != "pwned"


def test_the_timeline_page_lists_each_deal_with_its_sentences_and_article(browser, pages):
    page, errors, blocked = open_offline(browser, pages / "timeline.html")
    page.wait_for_function("window.timelineSettled === true")
    assert page.inner_text("#kg-deals summary") == "Deals (1)"
    page.click("#kg-deals summary")  # one click away, so the timeline fits the screen
    assert page.locator("#kg-deals table").first.is_visible()
    assert page.locator("#kg-deals h3").inner_text().startswith("Agreement: Chad, Niger")
    assert_the_deal_is_told_line_by_line(page)
    assert_markup_in_the_text_stayed_text(page)
    assert errors == [] and blocked == []


def test_the_graph_page_lists_the_deals_one_click_away(browser, pages):
    page, errors, blocked = open_offline(browser, pages / "graph.html")
    page.wait_for_function("window.kgNetwork && window.kgNetwork.settled === true", timeout=60000)
    assert not page.locator("#kg-deals table").first.is_visible()  # the graph first
    page.click("#kg-deals summary")
    assert page.locator("#kg-deals table").first.is_visible()
    assert_the_deal_is_told_line_by_line(page)
    assert_markup_in_the_text_stayed_text(page)
    assert errors == [] and blocked == []


def test_the_exported_graph_page_carries_the_deals(truce_store, tmp_path):
    from kg.views.export import write_graph_html

    (written,) = write_graph_html(truce_store, tmp_path)
    page = written.read_text(encoding="utf-8")
    assert 'id="kg-deals"' in page and "brokered by Ghana" in page


# a second deal of our own, a month later, between other sides: what the pages' filters tell apart
LATER = (
    "Lake truce agreed\n"
    "Mali and Togo agreed to a truce on June 12. Under its terms, Togo will free 15 "
    "fishermen held since the spring.\n"
    "The truce began on June 13.\n"
)


@pytest.fixture(scope="module")
def two_deal_pages(truce_store, tmp_path_factory):
    from kg.ingestion import ingest
    from kg.store import GraphStore
    from kg.views.deals import deal_cards
    from kg.views.graph_page import graph_page
    from kg.views.network import to_networkx
    from kg.views.timeline import timeline_rows
    from kg.views.timeline_page import timeline_page

    folder = tmp_path_factory.mktemp("two")
    store = GraphStore()
    articles = [
        write(folder / "valley.txt", TRUCE, '{"published": "2024-05-10"}'),
        write(folder / "lake.txt", LATER, '{"published": "2024-06-14"}'),
    ]
    assert ingest(articles, store).ok
    (folder / "timeline.html").write_text(
        timeline_page(store, timeline_rows(store)), encoding="utf-8"
    )
    (folder / "graph.html").write_text(
        graph_page(to_networkx(store), deals=deal_cards(store)), encoding="utf-8"
    )
    return folder


def shown_parties(page) -> list[str]:
    """The parties of each deal the panel shows, as the user reads them."""
    return [
        section.locator("tr.deal-party td").first.inner_text().split("\n")[0]
        for section in page.locator("#kg-deals section.deal").all()
        if section.is_visible()
    ]


def test_the_graph_pages_date_window_narrows_the_deals(browser, two_deal_pages):
    page, errors, _ = open_offline(browser, two_deal_pages / "graph.html")
    page.wait_for_function("window.kgNetwork && window.kgNetwork.settled === true", timeout=60000)
    page.click("#kg-deals summary")
    assert page.inner_text("#kg-deals summary") == "Deals (2)"
    page.fill("#kg-from", "2024-06-01")
    page.fill("#kg-to", "2024-06-30")
    page.dispatch_event("#kg-to", "change")
    assert shown_parties(page) == ["Mali, Togo"]
    assert page.inner_text("#kg-deals summary") == "Deals (1 of 2)"
    page.fill("#kg-from", "2024-07-01")
    page.fill("#kg-to", "2024-07-31")
    page.dispatch_event("#kg-to", "change")
    assert shown_parties(page) == [] and page.locator("#kg-deals-none").is_visible()
    page.click("#kg-reset")
    assert sorted(shown_parties(page)) == ["Chad, Niger", "Mali, Togo"]
    assert not page.locator("#kg-deals-none").is_visible()
    assert errors == []


def test_the_timeline_pages_actor_filter_narrows_the_deals(browser, two_deal_pages):
    page, errors, _ = open_offline(browser, two_deal_pages / "timeline.html")
    page.wait_for_function("window.timelineSettled === true")
    page.click("#kg-deals summary")
    page.fill("#tl-actor", "niger")
    assert shown_parties(page) == ["Chad, Niger"]
    assert page.inner_text("#kg-deals summary") == "Deals (1 of 2)"
    page.fill("#tl-actor", "")
    assert sorted(shown_parties(page)) == ["Chad, Niger", "Mali, Togo"]
    assert page.inner_text("#kg-deals summary") == "Deals (2)"
    assert errors == []


def test_an_actor_name_with_markup_stays_one_value_of_the_deal_it_filters():
    from html.parser import HTMLParser

    from kg.views.deals import deals_panel

    name = "x' onmouseover='alert(1)\"<b>"
    line = {"line": "party", "what": "", "who": name, "detail": "", "date": "", "evidence": ""}
    card = {"deal": "d", "label": "L", "article": "a", "date": "2024-05-02", "lines": [line]}
    sections = []

    class Sections(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "section":
                sections.append(dict(attrs))

    Sections().feed(str(deals_panel([card], {})))
    (section,) = sections
    assert set(section) == {"class", "data-first", "data-last", "data-actors"}
    assert json.loads(section["data-actors"]) == [name]
