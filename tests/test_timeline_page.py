"""The timeline: `kg timeline` in its three formats, the exports, and the page in a real headless browser."""

import csv
import io
import json
from datetime import date

import pytest
from conftest import kg_main, open_offline

SEED_EVENTS = 13  # the seed article's events: two protests on Jan 27 (families and settlers; the PM's residence)


@pytest.fixture(scope="module")
def exported(seed_store_path, tmp_path_factory):
    out = tmp_path_factory.mktemp("exports")
    result = kg_main("export", "--store", seed_store_path, "-o", out)
    assert result.returncode == 0, result.stderr
    return out


def test_timeline_command_prints_events_in_order(seed_store_path):
    out = kg_main("timeline", "--store", seed_store_path)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split() == ["date", "type", "status", "participants", "evidence", "article"]
    dates = [line.split()[0] for line in lines[2:-1]]
    assert dates == sorted(dates) and lines[-1] == f"({SEED_EVENTS} events)"
    assert "2024-01-22" in out.stdout and "Protest" in out.stdout


def test_timeline_filters_and_formats(seed_store_path):
    rows = list(
        csv.DictReader(
            io.StringIO(
                kg_main(
                    "timeline", "--store", seed_store_path, "--actor", "Kamel", "--format", "csv"
                ).stdout
            )
        )
    )
    assert len(rows) == 1 and rows[0]["type"] == "Meeting"
    window = json.loads(
        kg_main(
            "timeline",
            "--store",
            seed_store_path,
            "--from",
            "2024-01-22",
            "--to",
            "2024-01-22",
            "--format",
            "json",
        ).stdout
    )
    assert {r["type"] for r in window} >= {"Protest"}
    assert all(r["latest"] >= "2024-01-22" and r["earliest"] <= "2024-01-22" for r in window)
    bad = kg_main("timeline", "--store", seed_store_path, "--from", "yesterday")
    assert bad.returncode == 2 and "is not a date" in bad.stderr


def test_timeline_csv_export_has_one_row_per_event(exported):
    rows = list(csv.DictReader((exported / "timeline.csv").open()))
    assert len(rows) == SEED_EVENTS and rows[0]["earliest"] <= rows[-1]["earliest"]


def test_the_same_event_in_two_articles_is_listed_once(tmp_path):
    from conftest import SEED

    (tmp_path / "a").mkdir()
    meta = json.loads(SEED.with_suffix(".json").read_text())
    lines = SEED.read_text().splitlines(keepends=True)
    # two reports of the same events (another URL, the second with only the first 60% of the paragraphs, so not
    # a republished copy): the events they share are reported twice
    for name, text in (("one", "".join(lines)), ("two", "".join(lines[: len(lines) * 6 // 10]))):
        (tmp_path / "a" / f"{name}.txt").write_text(text)
        (tmp_path / "a" / f"{name}.json").write_text(
            json.dumps(meta | {"url": f"https://example.org/{name}"})
        )
    assert kg_main("ingest", tmp_path / "a", "--store", tmp_path / "s").returncode == 0
    out = kg_main("timeline", "--store", tmp_path / "s", "--format", "json")
    events = json.loads(out.stdout)
    # events dated to a day (or a day and its eve) are linked; one dated "in November" is not: a vague date is no
    # evidence of identity
    dated_with_people = [
        e
        for e in events
        if e["participants"]
        and e["earliest"]
        and e["latest"]
        and (date.fromisoformat(e["latest"]) - date.fromisoformat(e["earliest"])).days <= 1
    ]
    assert dated_with_people
    assert len(
        {(e["type"], e["earliest"], tuple(e["participants"])) for e in dated_with_people}
    ) == len(dated_with_people)
    assert any(len(e["article"]) == 2 for e in events)


def test_timeline_page_loads_offline_with_one_item_per_event(browser, exported):
    page, errors, blocked = open_offline(browser, exported / "timeline.html")
    page.wait_for_selector(".vis-item")
    page.check("#tl-kinds input[value=Statement]")  # statements are one click away
    events = page.evaluate(
        "window.timelineItems.get().filter(i => !['Proposal','Position'].includes(i.group)).length"
    )
    assert events == SEED_EVENTS
    assert errors == [] and blocked == []


def test_timeline_page_hover_shows_the_evidence(browser, exported):
    page, _, _ = open_offline(browser, exported / "timeline.html")
    page.wait_for_function("window.timelineSettled === true")
    page.hover(".vis-item.vis-range.protest >> nth=0")
    tip = page.wait_for_selector(".vis-tooltip", state="visible")
    assert "settler protesters" in tip.inner_text()
    headline = "Israeli officials says 'gaps remain' after meeting on prisoner swap"
    assert f"source: {headline} (2024-01-28)" in tip.inner_text()


def visible_sources(page) -> set[str]:
    return set(page.evaluate("window.timelineItems.get().map(i => i.source)"))


def test_timeline_search_and_filters_narrow_what_is_drawn(browser, exported):
    page, errors, blocked = open_offline(browser, exported / "timeline.html")
    page.wait_for_function("window.timelineSettled === true")
    everything = visible_sources(page)
    page.fill("#tl-search", "settler")
    found = visible_sources(page)
    assert 0 < len(found) < len(everything)
    assert all(
        "settler"
        in page.evaluate(
            f"window.timelineItems.get().find(i => i.source === '{s}').content "
            f"+ ' ' + document.getElementById('tl-data').textContent"
        )
        for s in found
    )
    assert page.locator(".vis-item").count() >= 1 and "of" in page.inner_text("#tl-count")
    page.fill("#tl-search", "")
    page.uncheck("#tl-kinds input[value=Position]")
    kinds = set(page.evaluate("window.timelineItems.get().map(i => i.className.split(' ')[0])"))
    assert "position" not in kinds and "meeting" in kinds
    page.select_option("#tl-status", "Planned")
    planned = page.evaluate("window.timelineItems.get().map(i => i.className)")
    assert planned and all("planned" in c for c in planned)
    page.select_option("#tl-status", "")
    page.fill("#tl-actor", "William Burns")
    mine = page.evaluate("window.timelineItems.get().map(i => i.content)")
    assert mine and all("Burns" in c for c in mine)
    assert errors == [] and blocked == []


def test_timeline_lanes_by_actor_put_each_actor_on_its_own_row(browser, exported):
    page, errors, _ = open_offline(browser, exported / "timeline.html")
    page.wait_for_function("window.timelineSettled === true")
    page.select_option("#tl-lanes", "actor")
    lanes = page.evaluate("window.timelineGroups.get().map(g => g.id)")
    assert "William Burns" in lanes and "Meeting" not in lanes
    burns = page.evaluate(
        "window.timelineItems.get().filter(i => i.group === 'William Burns').map(i => i.content)"
    )
    assert burns and all("Burns" in c for c in burns)
    labels = page.locator(".vis-label").all_inner_texts()
    assert any("William Burns" in t for t in labels)
    assert errors == []


def test_timeline_items_say_who_did_what_and_vague_dates_are_ranges(browser, exported):
    page, errors, _ = open_offline(browser, exported / "timeline.html")
    page.wait_for_function("window.timelineSettled === true")
    contents = page.evaluate("window.timelineItems.get().map(i => i.content)")
    assert any("William Burns" in c and " met" in c for c in contents)
    assert not any(c in ("Meeting", "Statement") for c in contents)
    vague = page.evaluate(
        "window.timelineItems.get().filter(i => i.className.includes('vague')).length"
    )
    assert vague >= 1  # "in November" is a hatched range, not a bar claiming a month-long event
    window = page.evaluate(
        "[window.timeline.getWindow().start.toISOString(), window.timeline.getWindow().end.toISOString()]"
    )
    # opens on the dense part, not 1950-2030
    assert window[0] >= "2023-10" and window[1] <= "2024-03"
    assert errors == []


# ---------------------------------------------------------------- the negotiation first


def crowded_rows(seed_store) -> list[dict]:
    """The seed's events plus 800 remarks around news pegs, 60 meetings, and one remark about 1945."""
    from kg.views.timeline import timeline_rows

    article = next(iter(seed_store.articles()))
    rows = timeline_rows(seed_store)
    for n in range(800):
        day = date(2024, 1, 1 + n % 28)
        rows.append(
            {
                "type": "Statement",
                "participants": f"Speaker {n % 40}",
                "earliest": day,
                "latest": date(2024, 1, min(28, day.day + 1)),
                "status": "Occurred",
                "evidence": f"Speaker {n % 40} said something on day {day.day}.",
                "article": article,
            }
        )
    for n in range(60):
        day = date(2024, 1, 1 + n % 28)
        rows.append(
            {
                "type": "Meeting",
                "participants": f"Envoy {n % 7}, Envoy {(n + 1) % 7}",
                "earliest": day,
                "latest": day,
                "status": "Occurred",
                "evidence": f"Envoys met on day {day.day}.",
                "article": article,
            }
        )
    rows.append(
        {
            "type": "Statement",
            "participants": "Historian",
            "earliest": date(1945, 5, 8),
            "latest": date(1945, 5, 8),
            "status": "Occurred",
            "evidence": "The war ended in 1945.",
            "article": article,
        }
    )
    return rows


@pytest.fixture(scope="module")
def crowded(seed_store, tmp_path_factory):
    from kg.views.timeline_page import timeline_page

    path = tmp_path_factory.mktemp("crowded") / "timeline.html"
    path.write_text(timeline_page(seed_store, crowded_rows(seed_store)), encoding="utf-8")
    return path


def window_of(page) -> list[str]:
    return page.evaluate(
        "[timeline.getWindow().start.toISOString(), timeline.getWindow().end.toISOString()]"
    )


def test_the_page_opens_on_the_negotiation_and_fits_the_screen(browser, crowded):
    page, errors, _ = open_offline(browser, crowded)
    page.wait_for_function("window.timelineSettled === true")
    kinds = set(page.evaluate("timelineItems.get().map(i => i.className.split(' ')[0])"))
    assert "meeting" in kinds and "statement" not in kinds  # the remarks wait one click away
    assert (
        page.evaluate("document.documentElement.scrollHeight")
        <= page.evaluate("window.innerHeight") + 20
    )
    start, end = window_of(page)
    assert start >= "2023-12" and end <= "2024-02-15"  # the 1945 remark does not set the window
    page.check("#tl-kinds input[value=Statement]")
    assert page.evaluate("new Set(timelineItems.get().map(i => i.source)).size") > 800
    assert (
        page.evaluate("document.documentElement.scrollHeight")
        <= page.evaluate("window.innerHeight") + 20
    )
    page.click("#tl-fit")
    assert window_of(page)[0] >= "2023"  # nor the whole span
    assert errors == []


def test_vague_ranges_are_drawn_lightly(browser, crowded):
    page, _, _ = open_offline(browser, crowded)
    page.wait_for_function("window.timelineSettled === true")
    page.check("#tl-kinds input[value=Statement]")
    opacity = page.evaluate("getComputedStyle(document.querySelector('.vis-item.vague')).opacity")
    assert float(opacity) < 0.7


def test_the_actor_filter_refits_the_window_to_its_items(browser, crowded):
    page, errors, _ = open_offline(browser, crowded)
    page.wait_for_function("window.timelineSettled === true")
    page.fill("#tl-actor", "Hamas")
    drawn = page.evaluate("timelineItems.get().map(i => [i.start, i.end || i.start])")
    start, end = window_of(page)
    assert drawn and all(start[:10] <= str(s)[:10] and str(e)[:10] <= end[:10] for s, e in drawn)
    assert errors == []


def test_clicking_an_item_shows_its_sentence_headline_date_and_link(browser, exported):
    page, errors, _ = open_offline(browser, exported / "timeline.html")
    page.wait_for_function("window.timelineSettled === true")
    page.click(".vis-item.meeting >> nth=0")
    page.wait_for_selector("#tl-detail", state="visible")
    assert " met " in page.inner_text("#tl-detail-sentence") or "meet" in page.inner_text(
        "#tl-detail-sentence"
    )
    link = page.locator("#tl-detail-sources a").first
    assert (
        "Israeli officials says 'gaps remain'" in link.inner_text()
        and "2024-01-28" in link.inner_text()
    )
    assert link.get_attribute("href").startswith("https://english.almayadeen.net/")
    assert errors == []
