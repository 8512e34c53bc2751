"""The timeline: `kg timeline` in its three formats, the exports, and the page in a real headless browser."""
import csv
import io
import json
from datetime import date

import pytest

from conftest import open_offline, run_kg

SEED_EVENTS = 13  # the seed article's events: two protests on Jan 27 (families and settlers; the PM's residence)


@pytest.fixture(scope="module")
def exported(seed_store_path, tmp_path_factory):
    out = tmp_path_factory.mktemp("exports")
    result = run_kg("export", "--store", seed_store_path, "-o", out)
    assert result.returncode == 0, result.stderr
    return out


def test_timeline_command_prints_events_in_order(seed_store_path):
    out = run_kg("timeline", "--store", seed_store_path)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split() == ["date", "type", "participants", "evidence", "article"]
    dates = [line.split()[0] for line in lines[2:-1]]
    assert dates == sorted(dates) and lines[-1] == f"({SEED_EVENTS} events)"
    assert "2024-01-22" in out.stdout and "Protest" in out.stdout


def test_timeline_filters_and_formats(seed_store_path):
    rows = list(csv.DictReader(io.StringIO(run_kg("timeline", "--store", seed_store_path, "--actor", "Kamel",
                                                  "--format", "csv").stdout)))
    assert len(rows) == 1 and rows[0]["type"] == "Meeting"
    window = json.loads(run_kg("timeline", "--store", seed_store_path, "--from", "2024-01-22", "--to", "2024-01-22",
                               "--format", "json").stdout)
    assert {r["type"] for r in window} >= {"Protest"}
    assert all(r["latest"] >= "2024-01-22" and r["earliest"] <= "2024-01-22" for r in window)
    bad = run_kg("timeline", "--store", seed_store_path, "--from", "yesterday")
    assert bad.returncode == 2 and "is not a date" in bad.stderr


def test_timeline_csv_export_has_one_row_per_event(exported):
    rows = list(csv.DictReader((exported / "timeline.csv").open()))
    assert len(rows) == SEED_EVENTS and rows[0]["earliest"] <= rows[-1]["earliest"]


def test_the_same_event_in_two_articles_is_listed_once(tmp_path):
    from conftest import SEED

    (tmp_path / "a").mkdir()
    meta = json.loads(SEED.with_suffix(".json").read_text())
    for name in ("one", "two"):  # two reports of the same events (another URL, one more line): every event twice
        (tmp_path / "a" / f"{name}.txt").write_text(SEED.read_text() + ("" if name == "one" else "\nMore to follow.\n"))
        (tmp_path / "a" / f"{name}.json").write_text(json.dumps(meta | {"url": f"https://example.org/{name}"}))
    assert run_kg("ingest", tmp_path / "a", "--store", tmp_path / "s").returncode == 0
    out = run_kg("timeline", "--store", tmp_path / "s", "--format", "json")
    events = json.loads(out.stdout)
    # events dated to a day (or a day and its eve) are linked; one dated "in November" is not: a vague date is no
    # evidence of identity
    dated_with_people = [e for e in events if e["participants"] and e["earliest"] and e["latest"] and
                         (date.fromisoformat(e["latest"]) - date.fromisoformat(e["earliest"])).days <= 1]
    assert dated_with_people
    assert len({(e["type"], e["earliest"], e["participants"]) for e in dated_with_people}) == len(dated_with_people)
    assert any(len(e["article"].split()) == 2 for e in events)


def test_timeline_page_loads_offline_with_one_item_per_event(browser, exported):
    page, errors, blocked = open_offline(browser, exported / "timeline.html")
    page.wait_for_selector(".vis-item")
    events = page.evaluate("window.timelineItems.get().filter(i => !['Proposal','Position'].includes(i.group)).length")
    assert events == SEED_EVENTS
    assert errors == [] and blocked == []


def test_timeline_page_hover_shows_the_evidence(browser, exported):
    page, _, _ = open_offline(browser, exported / "timeline.html")
    page.wait_for_function("window.timelineSettled === true")
    page.hover(".vis-item.vis-range.protest >> nth=0")
    tip = page.wait_for_selector(".vis-tooltip", state="visible")
    assert "settler protesters" in tip.inner_text() and "israeli-officials-says-gaps-remain" in tip.inner_text()


def visible_sources(page) -> set[str]:
    return set(page.evaluate("window.timelineItems.get().map(i => i.source)"))


def test_timeline_search_and_filters_narrow_what_is_drawn(browser, exported):
    page, errors, blocked = open_offline(browser, exported / "timeline.html")
    page.wait_for_function("window.timelineSettled === true")
    everything = visible_sources(page)
    page.fill("#tl-search", "settler")
    found = visible_sources(page)
    assert 0 < len(found) < len(everything)
    assert all("settler" in page.evaluate(f"window.timelineItems.get().find(i => i.source === '{s}').content "
                                          f"+ ' ' + document.getElementById('tl-data').textContent")
               for s in found)
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
    burns = page.evaluate("window.timelineItems.get().filter(i => i.group === 'William Burns').map(i => i.content)")
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
    vague = page.evaluate("window.timelineItems.get().filter(i => i.className.includes('vague')).length")
    assert vague >= 1  # "in November" is a hatched range, not a bar claiming a month-long event
    window = page.evaluate("[window.timeline.getWindow().start.toISOString(), window.timeline.getWindow().end.toISOString()]")
    assert window[0] >= "2023-10" and window[1] <= "2024-03"  # opens on the dense part, not 1950-2030
    assert errors == []
