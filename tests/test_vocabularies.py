"""The vocabularies of kg/data: each is read by the rules, says what it is for, ships in the
wheel, and a set of words written for one construction stays that construction's.

Every sentence here is our own.
"""

from __future__ import annotations

import fnmatch
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "kg" / "data"
DATA_FILES = sorted(p for p in DATA.iterdir() if p.is_file() and not p.name.startswith("__"))
WORD_FILES = [p for p in DATA_FILES if p.suffix == ".txt"]


def entries(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@pytest.fixture(scope="module")
def code() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "kg").rglob("*.py"))


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_every_data_file_is_read_by_the_code(code, path):
    """A file no rule reads is a vocabulary a user would edit for nothing."""
    name = re.escape(path.stem) + rf"(\.{re.escape(path.suffix[1:])})?"
    assert re.search(rf"[\"']{name}[\"']", code), f"kg/data/{path.name} is read nowhere in kg/"


@pytest.mark.parametrize("path", WORD_FILES, ids=lambda p: p.name)
def test_a_word_file_says_what_its_words_are_for(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# ") and len(first) > 20, f"kg/data/{path.name} opens with no comment"


@pytest.mark.parametrize("path", WORD_FILES, ids=lambda p: p.name)
def test_a_word_file_lists_each_word_once(path):
    words = [w.lower() for w in entries(path)]
    assert sorted({w for w in words if words.count(w) > 1}) == []


def test_the_wheel_ships_every_data_file():
    """pyproject's package-data must take in each file of kg/data, or an installed kg lacks it."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["kg.data"]
    unshipped = [
        p.name for p in DATA_FILES if not any(fnmatch.fnmatch(p.name, g) for g in patterns)
    ]
    assert unshipped == []


def test_the_event_words_of_a_topic_name_kinds_of_the_ontology():
    """A kind misspelt in event_reference_words.tsv would link no position to any event."""
    from kg.extract.about import event_references
    from kg.schema import EVENT_KINDS

    assert set(event_references()) <= set(EVENT_KINDS)


@pytest.fixture(scope="module")
def nlp():
    from kg.annotate import load_pipeline

    return load_pipeline()


def clause_verb(doc, word: str):
    return next(t for t in doc if t.lower_ == word)


@pytest.mark.parametrize(
    ("text", "verb", "own_mood", "shares_time"),
    [
        # "while" opens a clause with its own mood, but as often contrasts as it dates
        ("The clerks kept working while the board weighed the offer.", "weighed", True, False),
        ("The clerks kept working until the board accepted the offer.", "accepted", True, True),
        ("The clerks kept working after the board accepted the offer.", "accepted", True, True),
        # "since" and "once" too: a clause of theirs keeps its mood but is no date of the other
        ("The clerks have worked since the board accepted the offer.", "accepted", True, False),
    ],
)
def test_the_time_clauses_of_mood_and_of_dating_are_not_the_same(
    nlp, text, verb, own_mood, shares_time
):
    from kg.extract.context import is_undated_time_clause
    from kg.extract.factuality import time_clause

    tok = clause_verb(nlp(text), verb)
    assert tok.dep_ == "advcl"
    assert time_clause(tok) is own_mood
    assert is_undated_time_clause(tok, list(tok.subtree)) is shares_time


@pytest.mark.parametrize(
    ("text", "names_a_time"),
    [
        ("The patrols wait till the accord takes effect.", True),
        ("The pullback begins once the accord takes effect.", True),
        # clauses of their own mood, but not a time the deal's life is told by
        ("The pullback begins since the accord takes effect.", False),
        ("The pullback begins while the accord takes effect.", False),
    ],
)
def test_a_present_time_clause_names_a_time_and_reports_no_start(nlp, text, names_a_time):
    """ "till" and "once" name a time in a deal's life ("begins once the accord takes effect"
    reports no taking effect), though neither dates the clause it hangs on."""
    from kg.extract.context import is_undated_time_clause
    from kg.extract.deal_life import stated_status

    takes = clause_verb(nlp(text), "takes")
    assert (stated_status(takes) is None) is names_a_time
    assert not is_undated_time_clause(takes, list(takes.subtree))
