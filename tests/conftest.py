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
DEV = EVAL / "dev"
CORPUS = SHARED / "corpora" / "reuters21578.jsonl.gz"


def needs_shared(path: Path):
    """Skip (with the reason) when a file of ../shared is absent, as in a user's clone."""
    return pytest.mark.skipif(
        not path.exists(), reason=f"{path} is not here (a clone has no ../shared)"
    )


@pytest.fixture(scope="session")
def seed_facts():
    """The facts extracted from the seed article."""
    from kg.ingestion import facts_of
    from kg.read.articles import read_article

    return next(iter(facts_of([read_article(SEED)])))


@pytest.fixture(scope="session")
def seed_store_path(tmp_path_factory) -> Path:
    """The path of an on-disk store holding the seed article (closed: any reader may open it)."""
    from kg.ingestion import ingest
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


def write(path: Path, content: str | bytes, sidecar: str | None = None) -> Path:
    """Write an article (and its JSON sidecar) for a test; return the article's path."""
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    if sidecar is not None:
        path.with_suffix(".json").write_text(sidecar)
    return path


def run_kg(
    *args: str, cwd: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess:
    """Run the ``kg`` command as a user would, in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "kg", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        input=stdin,
        timeout=600,
    )


def kg_main(
    *args: str, cwd: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess:
    """Run ``kg ARGS`` in this process (``kg.cli.main``), as :func:`run_kg` does in a subprocess:
    the same exit code, stdout and stderr, without starting an interpreter and loading spaCy again. For
    every test but those of what only a process shows (a kill, a signal, an exit, the entry point).

    ``ingest`` and ``build`` extract here too, with the model this process has loaded: their default
    ``--workers`` (every core) is one, so no worker process loads its own. A test of the workers
    says ``--workers N``."""
    import io
    import os
    import signal
    from contextlib import redirect_stderr, redirect_stdout
    from unittest import mock

    from kg.cli import main

    out, err = (io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="") for _ in range(2))
    here, on_term, stdin_was = os.getcwd(), signal.getsignal(signal.SIGTERM), sys.stdin
    sys.stdin = io.StringIO(stdin or "")
    # as in a fresh process: TERM ends it (and the children it forks, such as a query's under
    # --timeout), whatever handler an earlier in-process main() left in this one
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        if cwd is not None:
            os.chdir(cwd)
        with redirect_stdout(out), redirect_stderr(err):
            try:
                with mock.patch("kg.ingestion.default_workers", return_value=1):
                    code = main(list(map(str, args)))
            except SystemExit as e:  # argparse's usage errors
                code = e.code if isinstance(e.code, int) else 2
    finally:
        os.chdir(here)
        signal.signal(signal.SIGTERM, on_term)
        sys.stdin = stdin_was
    texts = []
    for stream in (out, err):
        stream.flush()
        texts.append(stream.buffer.getvalue().decode("utf-8"))
    return subprocess.CompletedProcess(["kg", *map(str, args)], code, *texts)


def extract_text(text: str, published: str = "2024-01-28"):
    """The facts of a one-paragraph article ``text`` (a headline line is added above it)."""
    from datetime import date

    from kg.ingestion import facts_of
    from kg.read.articles import Article

    body = f"Headline\n{text}\n"
    article = Article(
        path="test.txt",
        slug="test",
        title="Headline",
        body=body,
        published=date.fromisoformat(published),
    )
    return next(iter(facts_of([article])))


def labels(refs) -> set[str]:
    return {r.label for r in refs}


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """Debian's Chromium if it is installed (``make test`` installs it where it can: root and apt-get)."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium driven by Playwright; skipped, saying why, where none can be had."""
    path = chromium_path()
    if path is None:
        pytest.skip(
            "no headless Chromium here: `make test` installs it as root (apt-get install chromium)"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed: pip install -e '.[test]'")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def open_offline(browser, path: Path):
    """Open a local page with every request to anything but the file itself refused; return (page, errors, blocked)."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    blocked: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def route(r):
        if r.request.url.startswith("file:") or r.request.url.startswith("data:"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(path.resolve().as_uri())
    return page, errors, blocked
