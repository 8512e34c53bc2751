"""End to end on real articles: the key facts an analyst expects, and facts that must not be there."""

import importlib.util
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import EVAL, kg_main, labels, needs_shared

from kg.ingestion import facts_of
from kg.read.articles import read_article

DEV = EVAL / "dev"


def facts_for(path, published=None):
    return next(iter(facts_of([read_article(path, published=published)])))


@pytest.fixture(scope="module")
def seed(seed_facts):
    return seed_facts


def events(facts, kind):
    return [e for e in facts.events if e.kind == kind]


def terms(facts, proposer):
    return {t for p in facts.proposals if proposer in labels(p.proposers) for t in p.terms}


def test_seed_meeting_of_the_four_spy_chiefs(seed):
    meeting = next(e for e in events(seed, "Meeting") if "Abbas Kamel" in labels(e.participants))
    assert {
        "William Burns",
        "David Barnea",
        "Mohammed bin Abdulrahman Al Thani",
        "Abbas Kamel",
    } <= labels(meeting.participants)
    assert meeting.status == "Occurred" and meeting.when.latest == date(2024, 1, 28)


def test_seed_proposals_with_their_terms(seed):
    israel = {(t.kind, t.attrs) for t in terms(seed, "Israel")}
    assert ("PauseTerm", (("durationDays", 60),)) in israel
    release = next(t for t in terms(seed, "Israel") if t.kind == "ReleaseTerm")
    assert (
        release.get("count") == 100
        and release.get("countQualifier") == "more than"
        and release.get("phased")
    )
    hamas = {t.kind: t for t in terms(seed, "Hamas")}
    assert hamas["ExchangeRatioTerm"].get("ratio") == 100
    assert hamas["WithdrawalTerm"].get("from") == "Gaza Strip" and hamas["WithdrawalTerm"].get(
        "complete"
    )
    proposal = next(p for p in seed.proposals if "Israel" in labels(p.proposers))
    assert "third source familiar with the negotiations" in labels(proposal.reported_by)


def test_seed_positions(seed):
    held = {(p.holder.label, s) for p in seed.positions for s in p.stances}
    assert ("Benjamin Netanyahu", "Rejects") in held
    assert ("Israel", "RedLine") in held
    assert ("Hamas", "Rejects") in held
    rejects = next(
        p
        for p in seed.positions
        if p.holder.label == "Benjamin Netanyahu" and "Rejects" in p.stances
    )
    assert "Hamas' conditions" in rejects.topic


def test_seed_actors_are_resolved_once(seed):
    names = [a.label for a in seed.actors]
    assert len(names) == len(set(names))
    assert "Netanyahu" not in names and "CIA" not in names
    burns = next(a for a in seed.actors if a.label == "William Burns")
    assert {"Burns", "head of the CIA"} <= set(burns.aliases)
    assert "Central Intelligence Agency" in labels(burns.affiliations)


def test_seed_protests_are_dated_from_the_weekday(seed):
    stormed = next(e for e in events(seed, "Protest") if "stormed" in e.evidence[0].text)
    assert stormed.when.earliest == stormed.when.latest == date(2024, 1, 22)


def test_seed_has_no_event_from_the_headline(seed):
    assert all(e.evidence[0].start > len(seed.article.title) for e in seed.events)


@needs_shared(DEV / "black-sea-grain-deal-2022-07-22.txt")
def test_black_sea_putin_met_erdogan_on_tuesday():
    facts = facts_for(DEV / "black-sea-grain-deal-2022-07-22.txt", "2022-07-22")
    meeting = next(
        e for e in events(facts, "Meeting") if "Vladimir Putin" in labels(e.participants)
    )
    assert "Tayyip Erdogan" in labels(meeting.participants) and meeting.when.earliest == date(
        2022, 7, 19
    )
    assert "Bosphorus Desk" not in {
        a.label for a in facts.actors
    }  # the dateline's desk is no party


@needs_shared(DEV / "hamas-135-day-counterproposal-2024-02-08.txt")
def test_hamas_counterproposal_terms():
    facts = facts_for(DEV / "hamas-135-day-counterproposal-2024-02-08.txt", "2024-02-08")
    hamas = {(t.kind, t.get("durationDays")) for t in terms(facts, "Hamas")}
    assert ("PauseTerm", 135) in hamas
    assert any(t.kind == "WithdrawalTerm" and t.get("complete") for t in terms(facts, "Hamas"))


@needs_shared(DEV / "us-china-phase-one-deal-2020-01-15.txt")
def test_phase_one_signing():
    facts = facts_for(DEV / "us-china-phase-one-deal-2020-01-15.txt", "2020-01-15")
    # the sentence now holds together (no sentence starts at "He" after a title and a name), but the
    # name recogniser still keeps only "Liu" of the two-word name (a known limitation)
    signing = next(
        e
        for e in events(facts, "Agreement")
        if any(n.startswith("Liu") for n in labels(e.participants))
    )
    assert signing.when.earliest == signing.when.latest == date(2020, 1, 15)
    assert any(
        e.kind == "Agreement" and "Donald Trump" in labels(e.participants) for e in facts.events
    )


@needs_shared(DEV / "us-iran-oman-talks-2025-04-27.txt")
def test_iran_red_lines():
    facts = facts_for(DEV / "us-iran-oman-talks-2025-04-27.txt", "2025-04-27")
    assert any(p.holder.label == "Ali Khamenei" and "RedLine" in p.stances for p in facts.positions)


def gold_articles(golds) -> list[tuple[str, str]]:
    """(article, publication date) of each gold file, found as the scorer finds them."""
    out = []
    for path in golds:
        gold = json.loads(path.read_text(encoding="utf-8"))
        article = (path.parent / gold["article"]).resolve()
        sidecar = article.with_suffix(".json")
        meta = json.loads(sidecar.read_text()) if sidecar.exists() else {}
        out.append((str(article), gold.get("published") or meta.get("published") or ""))
    return out


def extracted_elsewhere(articles, where) -> dict[str, str]:
    """``kg extract`` of every article in ONE other process, with another hash seed: the graph of
    each, so that the scorer's rerun check still compares two processes (set orders, hashing)."""
    outs = {article: str(where / f"{n}.trig") for n, (article, _) in enumerate(articles)}
    calls = [["extract", a, "--published", p, "-o", outs[a]] for a, p in articles]
    code = f"import sys\nfrom kg.cli import main\nsys.exit(max(main(c) for c in {calls!r}))\n"
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "PYTHONHASHSEED": "2718"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return outs


@needs_shared(EVAL / "score.py")
def test_scorer_bars_on_seed_and_dev(tmp_path, monkeypatch, capsys):
    """F1 ≥ 0.90 on the seed gold and no actor twice in it; micro-averaged over the dev articles, no lower
    than a floor just under what is measured (0.853 over all twenty): a guard against regressions.

    The scorer runs the extractor twice on each article, in processes of their own (42 loads of the
    model): here the first run is ``kg extract`` in this process, the second the same command in one
    other process for all the articles."""
    spec = importlib.util.spec_from_file_location("score", EVAL / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    seed_golds, dev_golds = sorted((EVAL / "gold").glob("*.json")), sorted(DEV.glob("*.gold.json"))
    elsewhere = extracted_elsewhere(gold_articles(seed_golds + dev_golds), tmp_path)
    runs: dict[str, int] = {}

    def extract(template, article, meta, published):
        runs[str(article)] = runs.get(str(article), 0) + 1
        if runs[str(article)] == 2:
            return score.Graph(Path(elsewhere[str(article)]))
        out = tmp_path / f"here-{len(runs)}.trig"
        done = kg_main("extract", article, "--published", published, "-o", out)
        assert done.returncode == 0, done.stderr
        return score.Graph(out)

    monkeypatch.setattr(score, "extract", extract)

    def f1(*golds):
        capsys.readouterr()
        assert score.main([*map(str, golds), "--json"]) == 0, capsys.readouterr().err
        result = json.loads(capsys.readouterr().out)
        health = result["total"]["metrics"]["health"]
        assert health["grounded"] == 1.0 and health["rerun_same_iris"]
        return result["extraction_f1"], result["total"]["metrics"]["actors"]["duplicates"]

    seed_f1, seed_duplicates = f1(*seed_golds)
    assert seed_f1 >= 0.90 and seed_duplicates == 0
    assert f1(*dev_golds)[0] >= DEV_FLOOR
    assert set(runs.values()) == {2}  # each article scored against its run in the other process


# measured on the 20 dev articles when the eight harder ones were added (extraction F1 0.720), then
# with terms on their governing mention and holders through attribution (0.735), then with reported
# claims as assessments and affiliations from a title's country (0.739), then with speech words,
# stances without a reporting verb, the article's sides, recalled events and proposals as entities
# (0.783), then with proposers from their own syntax, holders of reported stances, terms kept off
# the agreed deal and dates from their own predicate (0.802), then with terms a reader would not put
# on a proposal left out, quoted judgements, meetings of two sides and arranged releases, and
# without the rules that each lifted a single article (0.827)
DEV_FLOOR = 0.82
