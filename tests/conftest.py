"""Shared fixtures: the seed article, a store built from it, the CLI, and ../shared when present."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED = SEEDS / "gaps-remain-2024-01-28.txt"
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"
CORPUS = SHARED / "corpora" / "reuters21578.jsonl.gz"


def needs_shared(path: Path):
    """Skip (with the reason) when a file of ../shared is absent, as in a user's clone."""
    return pytest.mark.skipif(not path.exists(), reason=f"{path} is not here (a clone has no ../shared)")


@pytest.fixture(scope="session")
def seed_facts():
    """The facts extracted from the seed article."""
    from kg.articles import read_article
    from kg.ingest import facts_of

    return next(iter(facts_of([read_article(SEED)])))


@pytest.fixture(scope="session")
def seed_store_path(tmp_path_factory) -> Path:
    """The path of an on-disk store holding the seed article (closed: any reader may open it)."""
    from kg.ingest import ingest
    from kg.store import GraphStore

    path = tmp_path_factory.mktemp("store") / "store"
    with GraphStore(path) as store:
        report = ingest([SEED], store)
    assert report.ok, report.failed
    return path


@pytest.fixture(scope="session")
def seed_store(seed_store_path):
    """The seed store, opened read-only."""
    from kg.store import GraphStore

    store = GraphStore(seed_store_path, read_only=True)
    yield store
    store.close()


@pytest.fixture()
def project(tmp_path):
    """A scratch copy of the project's seeds, to run commands in."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path


def run_kg(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run the ``kg`` command as a user would, in a subprocess."""
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], cwd=cwd, capture_output=True, text=True,
                          input=stdin, timeout=600)


def extract_text(text: str, published: str = "2024-01-28"):
    """The facts of a one-paragraph article ``text`` (a headline line is added above it)."""
    from datetime import date

    from kg.articles import Article
    from kg.ingest import facts_of

    body = f"Headline\n{text}\n"
    article = Article(path="test.txt", slug="test", title="Headline", body=body,
                      published=date.fromisoformat(published))
    return next(iter(facts_of([article])))


def labels(refs) -> set[str]:
    return {r.label for r in refs}
