"""Processes: an ingest's workers end with it however it ends; a full disk or a read-only file
system is one clear line (issue 22)."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SEED, kg_main, write
from test_store_backends import sparql_server  # noqa: F401  (a fixture)


def descendants(pid: int) -> set[int]:
    """The processes under ``pid`` (Linux's /proc)."""
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = {int(c) for c in (task / "children").read_text().split()}
            except OSError:
                continue
            todo.extend(children - found)
            found |= children
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition, what: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.2)


@pytest.mark.skipif(
    not Path("/proc/self/task").exists(), reason="reads processes from Linux's /proc"
)
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["KILL", "TERM"])
def test_killing_an_ingest_leaves_none_of_its_workers_running(tmp_path, sig):
    seeds = tmp_path / "in"
    seeds.mkdir()
    for n in range(8):
        write(seeds / f"s{n}.txt", SEED.read_text(), sidecar=f'{{"published": "2024-01-{10 + n}"}}')
    ingest = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kg",
            "ingest",
            str(seeds),
            "--store",
            str(tmp_path / "store"),
            "-j",
            "2",
            "-q",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(
            lambda: len(descendants(ingest.pid)) >= 2 or ingest.poll() is not None,
            "no workers started",
        )
        assert ingest.poll() is None, "the ingest ended before it could be killed"
        workers = descendants(ingest.pid)
        os.kill(ingest.pid, sig)
        code = ingest.wait(120)
        wait_for(
            lambda: not any(alive(w) for w in workers), f"workers {workers} outlived the ingest"
        )
    finally:
        if ingest.poll() is None:
            ingest.kill()
    if sig == signal.SIGTERM:  # unwound: a clear line, and the store's lock released for the rerun
        assert code == 143 and "stopped (TERM)" in ingest.stderr.read()
    rerun = kg_main("ingest", seeds, "--store", tmp_path / "store", "-q", "-j", "1")
    assert rerun.returncode == 0, rerun.stderr


@pytest.mark.parametrize(
    "code, words",
    [(errno.ENOSPC, "the disk is full"), (errno.EROFS, "the file system is read-only")],
)
@pytest.mark.parametrize(
    "where", ["kg.store.files.tempfile.mkdtemp", "kg.views.graph_page.write_atomically"]
)
def test_a_full_disk_or_a_read_only_file_system_is_one_clear_line(
    tmp_path, monkeypatch, capsys, code, words, where
):
    from kg.cli import main

    module, name = where.rsplit(".", 1)

    def failing(*args, **kwargs):
        raise OSError(code, os.strerror(code), str(tmp_path / "exports"))

    monkeypatch.setattr(f"{module}.{name}", failing)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    write(seeds / "a.txt", SEED.read_text(), sidecar=SEED.with_suffix(".json").read_text())
    status = main(
        [
            "build",
            "--seeds",
            str(seeds),
            "--store",
            str(tmp_path / "store"),
            "--exports",
            str(tmp_path / "exports"),
            "--no-validate",
            "-q",
            "-j",
            "1",
        ]
    )
    err = capsys.readouterr().err
    assert (
        status in (2, 3) and (words in err or os.strerror(code) in err) and "Traceback" not in err
    ), err
    assert not (tmp_path / "store").exists() and not (tmp_path / "exports").exists()


def test_a_store_on_a_read_only_file_system_is_refused_with_one_line(tmp_path, monkeypatch, capsys):
    import builtins

    from kg.cli import main

    real_open = builtins.open

    def read_only(file, mode="r", *args, **kwargs):
        if any(c in mode for c in "wa+x") and str(file).startswith(str(tmp_path)):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", read_only)
    status = main(["ingest", str(SEED), "--store", str(tmp_path / "store"), "-q", "-j", "1"])
    err = capsys.readouterr().err
    assert status == 3 and "read-only" in err and "Traceback" not in err


def test_two_ingests_into_one_sparql_server_take_turns(sparql_server, tmp_path):  # noqa: F811 - the fixture
    from kg.errors import StoreError
    from kg.store import GraphStore

    with GraphStore(sparql_server) as writing:  # an ingest holds the server's store
        second = kg_main("ingest", SEED, "--store", sparql_server, "-q", "-j", "1")
        assert second.returncode == 3 and "another kg process is writing" in second.stderr
        assert sparql_server in second.stderr
        with GraphStore(sparql_server, read_only=True) as reader:  # readers are never kept out
            assert reader.articles() == []
        with pytest.raises(StoreError):
            # the same server by another of its URLs
            GraphStore(sparql_server.replace("/query", "/update"))
        assert writing.articles() == []
    assert kg_main("ingest", SEED, "--store", sparql_server, "-q", "-j", "1").returncode == 0


@pytest.fixture()
def small_disk(tmp_path):
    """A real 384 KB file system (tmpfs), mounted for the test: room for an empty store, not for
    the seed's graph (about 550 KB once written); skipped where mounting is not allowed."""
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=384k", "tmpfs", str(mount)], capture_output=True
    )
    if made.returncode != 0:
        pytest.skip("mounting a small file system needs root (mount -t tmpfs)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_a_real_full_disk_then_a_read_only_one_give_one_line_each_and_keep_the_store(
    small_disk, tmp_path
):
    from kg.store import GraphStore

    full = kg_main("ingest", SEED.parent, "--store", small_disk / "store", "-q", "-j", "1")
    assert (
        full.returncode == 3
        and "the disk is full" in full.stderr
        and "Traceback" not in full.stderr
    )
    subprocess.run(["umount", "-l", str(small_disk)], check=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(small_disk)], check=True)
    assert kg_main("ingest", SEED, "--store", small_disk / "store", "-q", "-j", "1").returncode == 0
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    for args in (
        ("ingest", SEED, "--store", small_disk / "store", "-j", "1"),
        ("export", "--store", small_disk / "store", "-o", small_disk / "exports"),
        (
            "build",
            "--seeds",
            SEED.parent,
            "--store",
            small_disk / "store",
            "--exports",
            tmp_path / "x",
        ),
    ):
        result = kg_main(*args, "-q") if args[0] != "export" else kg_main(*args)
        assert (
            result.returncode in (2, 3)
            and "read-only" in result.stderr.lower()
            and "Traceback" not in result.stderr
        )
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    with GraphStore(small_disk / "store", read_only=True) as store:
        assert len(store.articles()) == 1
