"""Nothing lost, nothing of the user's deleted: exports swapped whole, foreign folders kept, a kill at any
point followed by a rerun gives the store of an uninterrupted run (issue 22)."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SEED, run_kg, write

STORY = "Envoys meet\nQatar said on Monday that envoys of both sides met in Doha to discuss a truce.\n"


def tree(folder: Path) -> dict[str, object]:
    """Every entry under ``folder``: a file's bytes, a link's target (as a link), a folder's mark."""
    out: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        out[name] = ("link", os.readlink(path)) if path.is_symlink() else \
            path.read_bytes() if path.is_file() else "folder"
    return out


@pytest.fixture()
def built(tmp_path):
    """seeds/ with the seed article, built into store/ and exports/."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEED, seeds)
    shutil.copy(SEED.with_suffix(".json"), seeds)
    result = run_kg("build", "--seeds", seeds, "--store", tmp_path / "store", "--exports", tmp_path / "exports",
                    "--no-validate", "-q")
    assert result.returncode == 0, result.stderr
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
    ours = {name: value for name, value in tree(exports).items()}
    args = (["build", "--seeds", built / "seeds", "--store", built / "store", "--exports", exports, "--no-validate",
             "-q"] if command == "build" else ["export", "--store", built / "store", "-o", exports])
    result = run_kg(*args)
    assert result.returncode == 0, result.stderr
    after = tree(exports)
    for name in ("tables/my-notes.csv", "tables/mine/deep.txt", "elsewhere.txt", "tables/link.csv"):
        assert after[name] == ours[name], name
    assert (exports / "elsewhere.txt").is_symlink() and (exports / "tables" / "link.csv").is_symlink()
    assert (built / "outside.txt").read_text() == "a file elsewhere"
    assert not [p for p in built.iterdir() if p.name.startswith(".exports.")]


@pytest.mark.parametrize("layout", ["exports-a-file", "exports-is-seeds", "exports-inside-seeds",
                                    "seeds-inside-exports"])
def test_build_refuses_exports_that_would_replace_the_users_things(built, layout):
    seeds = built / "seeds"
    exports = {"exports-a-file": built / "report.txt", "exports-is-seeds": seeds,
               "exports-inside-seeds": seeds / "out", "seeds-inside-exports": built}[layout]
    if layout == "exports-a-file":
        exports.write_text("my report")
    before = tree(built)
    result = run_kg("build", "--seeds", seeds, "--store", built / "store", "--exports", exports, "-q")
    assert result.returncode == 2 and "--exports" in result.stderr and "Traceback" not in result.stderr
    assert tree(built) == before


def test_export_refuses_a_file_and_a_store_as_its_folder(built):
    (built / "report.txt").write_text("my report")
    for target in (built / "report.txt", built / "store"):
        before = tree(built)
        result = run_kg("export", "--store", built / "store", "-o", target)
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert tree(built) == before


@pytest.mark.parametrize("command", ["build", "ingest"])
def test_another_programs_rocksdb_or_leveldb_folder_is_never_taken_for_a_store(built, command):
    other = built / "leveldb"
    other.mkdir()
    for name, text in (("CURRENT", "MANIFEST-000002\n"), ("IDENTITY", "a1b2"), ("MANIFEST-000002", "x"),
                       ("000003.log", "data")):
        (other / name).write_text(text)
    before = tree(other)
    args = (["build", "--seeds", built / "seeds", "--store", other, "--exports", built / "x", "-q"]
            if command == "build" else ["ingest", SEED, "--store", other, "-q"])
    result = run_kg(*args)
    assert result.returncode == 3 and "not a negotiation-kg store" in result.stderr
    assert tree(other) == before


def test_an_export_killed_half_way_leaves_the_old_exports_whole_and_the_next_cleans_up(built):
    exports = built / "exports"
    (exports / "tables" / "my-notes.csv").write_text("mine")
    before = tree(exports)
    write(built / "seeds" / "extra.txt", STORY, sidecar='{"published": "2024-01-29"}')
    assert run_kg("ingest", built / "seeds" / "extra.txt", "--store", built / "store", "-q").returncode == 0
    code = ("import os, kg.views.export as e\n"
            "real = e.write_timeline\n"
            "def dying(*a, **k):\n    os._exit(9)  # killed with three files written, the others not\n"
            "e.write_timeline = dying\n"
            "from kg.cli import main\n"
            f"main(['export', '--store', {str(built / 'store')!r}, '-o', {str(exports)!r}])\n")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 9
    assert tree(exports) == before  # all old
    assert run_kg("export", "--store", built / "store", "-o", exports).returncode == 0
    assert not [p for p in built.iterdir() if p.name.startswith(".exports.")]  # the kill's staging folder is gone
    assert "extra" in (exports / "graph.trig").read_text() and (exports / "tables" / "my-notes.csv").read_text() == "mine"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_build_refuses_to_replace_a_store_a_writable_server_holds(built):
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(built / "store"), "--port",
                               str(port), "--writable"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        from kg.store import held_open_for_writing

        deadline = time.monotonic() + 60
        while not held_open_for_writing(built / "store"):
            assert server.poll() is None and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        before = tree(built / "store")
        result = run_kg("build", "--seeds", built / "seeds", "--store", built / "store", "--exports",
                        built / "exports", "--no-validate", "-q")
        assert result.returncode == 3 and "kg serve --writable" in result.stderr, result.stderr
        assert set(tree(built / "store")) >= {name for name in before if not name.endswith(".log")}
    finally:
        server.terminate()
        server.wait(30)
