"""Nothing lost, nothing of the user's deleted: exports swapped whole, foreign folders kept, a kill
at any point followed by a rerun gives the store of an uninterrupted run (issue 22)."""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SEED, kg_main, write

STORY = (
    "Envoys meet\nQatar said on Monday that envoys of both sides met in Doha to discuss a truce.\n"
)


def tree(folder: Path) -> dict[str, object]:
    """Every entry under ``folder``: a file's bytes, a link's target (as a link), a folder's
    mark."""
    out: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        out[name] = (
            ("link", os.readlink(path))
            if path.is_symlink()
            else path.read_bytes()
            if path.is_file()
            else "folder"
        )
    return out


def build_command(folder: Path) -> list:
    """``kg build`` of ``folder``'s seeds into its store and exports."""
    return [
        "build",
        "--seeds",
        folder / "seeds",
        "--store",
        folder / "store",
        "--exports",
        folder / "exports",
        "--no-validate",
        "-q",
    ]


@pytest.fixture(scope="module")
def built_once(tmp_path_factory):
    """seeds/ with the seed article, built into store/ and exports/ (once: each test gets a
    copy)."""
    folder = tmp_path_factory.mktemp("built")
    seeds = folder / "seeds"
    seeds.mkdir()
    shutil.copy(SEED, seeds)
    shutil.copy(SEED.with_suffix(".json"), seeds)
    result = kg_main(*build_command(folder))
    assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture()
def built(built_once, tmp_path):
    """A copy of :func:`built_once` of the test's own."""
    for name in ("seeds", "store", "exports"):
        shutil.copytree(built_once / name, tmp_path / name, symlinks=True)
    return tmp_path


def add_users_files(exports: Path, outside: Path) -> None:
    (exports / "tables" / "my-notes.csv").write_text("mine")
    (exports / "tables" / "mine").mkdir()
    (exports / "tables" / "mine" / "deep.txt").write_text("deep")
    outside.write_text("a file elsewhere")
    (exports / "elsewhere.txt").symlink_to(outside)
    (exports / "tables" / "link.csv").symlink_to("my-notes.csv")


@pytest.mark.parametrize("command", ["build", "export"])
def test_the_users_files_in_the_exports_and_their_links_survive(built, command):
    exports = built / "exports"
    add_users_files(exports, built / "outside.txt")
    ours = dict(tree(exports))
    args = (
        build_command(built)
        if command == "build"
        else ["export", "--store", built / "store", "-o", exports]
    )
    result = kg_main(*args)
    assert result.returncode == 0, result.stderr
    after = tree(exports)
    for name in ("tables/my-notes.csv", "tables/mine/deep.txt", "elsewhere.txt", "tables/link.csv"):
        assert after[name] == ours[name], name
    assert (exports / "elsewhere.txt").is_symlink() and (
        exports / "tables" / "link.csv"
    ).is_symlink()
    assert (built / "outside.txt").read_text() == "a file elsewhere"
    assert not [p for p in built.iterdir() if p.name.startswith(".exports.")]


@pytest.mark.parametrize(
    "layout", ["exports-a-file", "exports-is-seeds", "exports-inside-seeds", "seeds-inside-exports"]
)
def test_build_refuses_exports_that_would_replace_the_users_things(built, layout):
    seeds = built / "seeds"
    exports = {
        "exports-a-file": built / "report.txt",
        "exports-is-seeds": seeds,
        "exports-inside-seeds": seeds / "out",
        "seeds-inside-exports": built,
    }[layout]
    if layout == "exports-a-file":
        exports.write_text("my report")
    before = tree(built)
    result = kg_main(
        "build", "--seeds", seeds, "--store", built / "store", "--exports", exports, "-q"
    )
    assert (
        result.returncode == 2 and "--exports" in result.stderr and "Traceback" not in result.stderr
    )
    assert tree(built) == before


def test_export_refuses_a_file_and_a_store_as_its_folder(built):
    (built / "report.txt").write_text("my report")
    for target in (built / "report.txt", built / "store"):
        before = tree(built)
        result = kg_main("export", "--store", built / "store", "-o", target)
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert tree(built) == before


@pytest.mark.parametrize("command", ["build", "ingest"])
def test_another_programs_rocksdb_or_leveldb_folder_is_never_taken_for_a_store(built, command):
    other = built / "leveldb"
    other.mkdir()
    for name, text in (
        ("CURRENT", "MANIFEST-000002\n"),
        ("IDENTITY", "a1b2"),
        ("MANIFEST-000002", "x"),
        ("000003.log", "data"),
    ):
        (other / name).write_text(text)
    before = tree(other)
    args = (
        ["build", "--seeds", built / "seeds", "--store", other, "--exports", built / "x", "-q"]
        if command == "build"
        else ["ingest", SEED, "--store", other, "-q"]
    )
    result = kg_main(*args)
    assert result.returncode == 3 and "not a negotiation-kg store" in result.stderr
    assert tree(other) == before


def test_an_export_killed_half_way_leaves_the_old_exports_whole_and_the_next_cleans_up(built):
    exports = built / "exports"
    (exports / "tables" / "my-notes.csv").write_text("mine")
    before = tree(exports)
    write(built / "seeds" / "extra.txt", STORY, sidecar='{"published": "2024-01-29"}')
    assert (
        kg_main(
            "ingest", built / "seeds" / "extra.txt", "--store", built / "store", "-q"
        ).returncode
        == 0
    )
    code = (
        "import os, kg.views.export as e\n"
        "real = e.write_timeline\n"
        "def dying(*a, **k):\n    os._exit(9)  # killed with three files written, the others not\n"
        "e.write_timeline = dying\n"
        "from kg.cli import main\n"
        f"main(['export', '--store', {str(built / 'store')!r}, '-o', {str(exports)!r}])\n"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 9
    assert tree(exports) == before  # all old
    assert kg_main("export", "--store", built / "store", "-o", exports).returncode == 0
    assert not [
        p for p in built.iterdir() if p.name.startswith(".exports.")
    ]  # the kill's staging folder is gone
    assert (
        "extra" in (exports / "graph.trig").read_text()
        and (exports / "tables" / "my-notes.csv").read_text() == "mine"
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_build_refuses_to_replace_a_store_a_writable_server_holds(built):
    from kg.store import GraphStore, held_open_for_writing

    command = [
        sys.executable,
        "-m",
        "kg",
        "serve",
        "--store",
        str(built / "store"),
        "--port",
        str(free_port()),
        "--writable",
    ]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not held_open_for_writing(built / "store"):
            assert server.poll() is None and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        result = kg_main(*build_command(built))
        assert result.returncode == 3 and "kg serve --writable" in result.stderr, result.stderr
    finally:
        server.terminate()
        server.wait(30)
    with GraphStore(built / "store", read_only=True) as store:  # the store the server held, whole
        assert len(store.articles()) == 1
    assert not [p for p in built.iterdir() if p.name.startswith(".store.") and p.is_dir()]


# ---------------------------------------------------------------- a kill at every write, then a
# rerun

# proposals that revise and answer each other (lineage), one meeting reported thrice (event links)
ROUNDS = (
    ("a", "2024-01-10", "Hamas proposed a 60-day pause in which 100 hostages would be freed."),
    ("b", "2024-01-10", "Qatari envoys met Hamas leaders in Doha on Wednesday, Qatar said."),
    (
        "c",
        "2024-02-05",
        "Hamas proposed a 42-day pause and a full withdrawal from Gaza, which Israel must accept.",
    ),
    (
        "d",
        "2024-01-11",
        "Qatari envoys met Hamas leaders in Doha on Wednesday to discuss the pause.",
    ),
    (
        "e",
        "2024-02-20",
        "Israel offered a 30-day pause in which 40 hostages would be freed, in answer to Hamas.",
    ),
    ("f", "2024-01-12", "On Wednesday Qatari envoys met Hamas leaders in Doha, officials said."),
)


class Killed(BaseException):
    """The process dying at a chosen write: nothing after it runs, no handler catches it."""


@pytest.fixture(scope="module")
def rounds(tmp_path_factory):
    """Two folders of articles (an earlier ingest and a later one), and the facts of each, extracted
    once."""
    import json

    from kg import ingestion

    base = tmp_path_factory.mktemp("rounds")
    folders = [base / "first", base / "later"]
    for folder in folders:
        folder.mkdir()
    for n, (name, day, text) in enumerate(ROUNDS):
        write(
            folders[n // 4] / f"{name}.txt",
            f"Round {name}\n{text}\n",
            sidecar=json.dumps({"published": day}),
        )
    cache = {}
    real = ingestion.facts_of

    def facts_once(articles, min_confidence=None, components=None, merge=None):
        key = (tuple(a.path for a in articles), min_confidence, components, merge)
        if key not in cache:
            cache[key] = real(articles, min_confidence, components, merge)
        return cache[key]

    return folders, facts_once


def quads(store) -> list[str]:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        return sorted(store.dump(Path(d) / "all.nq").read_text(encoding="utf-8").splitlines())


def counting_store():
    """A memory store that counts its writes and raises :class:`Killed` at write number
    ``store.kill_at``."""
    from kg.store import GraphStore

    store = GraphStore()
    store.writes, store.kill_at = 0, None
    for name in ("replace_graph", "replace_graphs", "update", "drop_graph"):
        real = getattr(store.backend, name)

        def write_or_die(*args, _real=real, **kwargs):
            store.writes += 1
            if store.writes == store.kill_at:
                raise Killed(store.writes)
            return _real(*args, **kwargs)

        setattr(store.backend, name, write_or_die)
    return store


@pytest.mark.parametrize(
    "earlier", [False, True], ids=["into-an-empty-store", "after-an-earlier-ingest"]
)
def test_a_kill_at_any_write_then_a_rerun_gives_the_store_of_an_uninterrupted_run(
    rounds, monkeypatch, earlier
):
    from kg import ingestion

    (first, later), facts_once = rounds
    monkeypatch.setattr(ingestion, "facts_of", facts_once)
    paths = [later] if earlier else [first, later]

    def prepared():
        store = counting_store()
        if earlier:
            ingestion.ingest([first], store, batch_size=2)
        store.writes = 0
        return store

    whole = prepared()
    ingestion.ingest(paths, whole, batch_size=2)
    expected, writes = quads(whole), whole.writes
    assert any("owl#sameAs" in q for q in expected) and any("#revises" in q for q in expected)
    for kill_at in range(
        1, writes + 1
    ):  # every write of the run: every boundary between its phases
        store = prepared()
        store.kill_at = kill_at
        with pytest.raises(Killed):
            ingestion.ingest(paths, store, batch_size=2)
        store.kill_at = None
        ingestion.ingest(paths, store, batch_size=2)  # the rerun
        assert quads(store) == expected, f"killed at write {kill_at} of {writes}"


def test_a_build_killed_at_any_rename_then_rerun_gives_the_build_of_an_uninterrupted_run(
    rounds, monkeypatch, tmp_path
):
    """A build puts its store and its exports in place by renames: killed before each (and while it
    writes into its staging folders), then rerun."""
    from kg import building, ingestion

    (first, _), facts_once = rounds
    monkeypatch.setattr(ingestion, "facts_of", facts_once)
    real_replace, real_rmtree = os.replace, shutil.rmtree
    state = {"renames": 0, "kill_at": None, "dead": False}

    def replace(source, destination, *args, **kwargs):
        if state["dead"]:
            return None  # the process is gone: nothing after the kill happens
        if any(part.startswith(".") and "-" in part for part in Path(destination).parts[-2:-1]):
            # inside a staging folder: as any other
            return real_replace(source, destination, *args, **kwargs)
        state["renames"] += 1
        if state["renames"] == state["kill_at"]:
            state["dead"] = True
            raise Killed(state["renames"])
        return real_replace(source, destination, *args, **kwargs)

    def rmtree(*args, **kwargs):
        return None if state["dead"] else real_rmtree(*args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(shutil, "rmtree", rmtree)

    def run(folder: Path) -> None:
        building.build(first, folder / "store", folder / "exports", validate=False)

    def result(folder: Path) -> tuple:
        from kg.store import GraphStore

        with GraphStore(folder / "store", read_only=True) as store:
            stored = quads(store)
        exports = folder / "exports"
        names = sorted(str(p.relative_to(exports)) for p in exports.rglob("*"))
        lines = sorted((exports / "graph.trig").read_text().splitlines())
        leftovers = sorted(p.name for p in folder.iterdir() if p.name.startswith("."))
        return stored, names, lines, leftovers

    earlier = tmp_path / "earlier"  # an earlier build, and a file of the user's in its exports
    run(earlier)
    (earlier / "exports" / "tables" / "mine.csv").write_text("mine")

    def prepared(folder: Path) -> Path:
        for name in ("store", "exports"):
            shutil.copytree(earlier / name, folder / name, symlinks=True)
        return folder

    whole = prepared(tmp_path / "whole")
    run(whole)
    expected = result(whole)
    assert "tables/mine.csv" in expected[1]
    for kill_at in itertools.count(1):  # before each rename of the run, until a run reaches its end
        folder = prepared(tmp_path / f"killed-{kill_at}")
        state.update(renames=0, kill_at=kill_at, dead=False)
        try:
            run(folder)
        except Killed:
            state.update(kill_at=None, dead=False)
            run(folder)  # the rerun
        else:
            break
        finally:
            state.update(kill_at=None, dead=False)
        assert result(folder) == expected, f"killed at rename {kill_at}"
    assert kill_at > 4
