"""The store on disk: the marker that says a directory is ours, the write lock, atomic file and
folder writes.

A directory is replaced whole (:func:`replace_directory`): the new one is made
in a staging folder beside it, the user's own files of the old one are carried
over (symbolic links as links), then two renames swap it in; a kill leaves the
old one, or the new one, never a mix, and the next run puts back or removes
what a kill left (:func:`recover_directory`).

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp()) / "store"
>>> claim_store_directory(d); is_store_directory(d)
True
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from ..errors import InputError, StoreError

MARKER = ".negotiation-kg-store"


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp_path)``, then rename the result onto ``path``; nothing half-written is left."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError as e:
        raise InputError(
            path, f"cannot write here ({e.strerror})", "give a path in a writable directory"
        ) from None
    try:
        write(Path(tmp))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; exports are meant to be read by others
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        hint = (
            "free some disk space" if e.errno == errno.ENOSPC else "check the directory is writable"
        )
        raise InputError(
            path, f"cannot write the file ({e.strerror or e}); nothing was written", hint
        ) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def is_oxigraph_directory(path: Path) -> bool:
    """Does ``path`` hold an Oxigraph database (a RocksDB database with Oxigraph's quad indexes)?

    Files named ``CURRENT`` and ``IDENTITY`` alone are any RocksDB or LevelDB database, another
    program's.
    """
    if not ((path / "CURRENT").is_file() and (path / "IDENTITY").is_file()):
        return False
    for options in path.glob("OPTIONS-*"):
        try:
            text = options.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if all(f'[CFOptions "{family}"]' in text for family in ("id2str", "spog", "gspo", "dspo")):
            return True
    return False


def is_store_directory(path: Path) -> bool:
    """Is ``path`` a store this tool made (its marker file, or an Oxigraph store of an earlier version)?"""
    return (path / MARKER).is_file() or is_oxigraph_directory(path)


def held_open_for_writing(path: Path) -> bool:
    """Does another process hold the Oxigraph store at ``path`` open for writing (a ``kg serve
    --writable``, an ``oxigraph serve``, a program of the user's)? RocksDB locks its ``LOCK`` file
    for as long as it is open.

    Only asked of a store this process has not opened: closing the probe would release a lock of its
    own.
    """
    lock = Path(path) / "LOCK"
    if not lock.is_file():
        return False
    try:
        with open(lock, "r+b") as handle:
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            fcntl.lockf(handle, fcntl.LOCK_UN)
    except OSError as e:
        return e.errno in (errno.EACCES, errno.EAGAIN)
    return False


# ---------------------------------------------------------------------- folders replaced whole


def inside(path: Path, other: Path) -> bool:
    """Is ``path`` ``other`` or inside it?

    >>> inside(Path("exports/store"), Path("exports")), inside(Path("store"), Path("exports"))
    (True, False)
    """
    path, other = path.resolve(), other.resolve()
    return path == other or other in path.parents


def staging_directory(target: Path, kind: str = "staging") -> Path:
    """A new empty folder beside ``target`` (``.NAME.KIND-XXXX``), which :func:`recover_directory`
    removes if a kill leaves it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=f".{target.name}.{kind}-", dir=target.parent))
    umask = os.umask(0)
    os.umask(umask)
    path.chmod(0o777 & ~umask)  # mkdtemp makes 0700; the folder it becomes is for others to read
    return path


def recover_directory(target: Path) -> None:
    """Undo what a run killed while replacing ``target`` left: a target moved aside but not yet
    replaced is put back, and staging folders (``.NAME.building-*``, ``.NAME.staging-*``,
    ``.NAME.old-*``) are removed."""
    if not os.path.lexists(target):
        olds = sorted(target.parent.glob(f".{target.name}.old-*"))
        if olds:
            os.replace(olds[-1], target)
    name = re.escape(target.name)
    ours = re.compile(rf"\.{name}\.(?:(?:building|staging)-[a-z0-9_]{{8}}|old-\d+)")
    for leftover in target.parent.glob(f".{target.name}.*-*"):
        if ours.fullmatch(leftover.name) and leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)


def link_or_copy(source: str | Path, destination: str | Path) -> None:
    """A hard link to ``source`` (no bytes copied, the same file), or a copy where links cannot be
    made."""
    try:
        os.link(source, destination, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, destination, follow_symlinks=False)


def carry_over(old: Path, new: Path) -> None:
    """Put into ``new`` every file and folder of ``old`` that ``new`` does not have (the user's
    own), at any depth: folders both have are merged; symbolic links stay links; what ``new`` has
    wins."""
    if not old.is_dir() or old.is_symlink():
        return
    for item in old.iterdir():
        there = new / item.name
        if item.is_dir() and not item.is_symlink():
            if there.is_dir() and not there.is_symlink():
                carry_over(item, there)
            elif not os.path.lexists(there):
                shutil.copytree(item, there, symlinks=True, copy_function=link_or_copy)
        elif not os.path.lexists(there):
            if item.is_symlink():
                os.symlink(os.readlink(item), there)
            else:
                link_or_copy(item, there)


def replace_directory(new: Path, target: Path, keep_others: bool = False) -> None:
    """Put the folder ``new`` where ``target`` is, in two renames; with ``keep_others``, the files
    of ``target`` that ``new`` does not have are carried over first. The old one is removed once the
    new one is in.

    >>> d = Path(tempfile.mkdtemp())
    >>> (d / "out").mkdir(); _ = (d / "out" / "mine.md").write_text("notes")
    >>> new = staging_directory(d / "out"); _ = (new / "graph.ttl").write_text("")
    >>> replace_directory(new, d / "out", keep_others=True)
    >>> sorted(p.name for p in (d / "out").iterdir())
    ['graph.ttl', 'mine.md']
    """
    if keep_others:
        carry_over(target, new)
    old = None
    if os.path.lexists(target):
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def claim_store_directory(path: Path) -> None:
    """Make ``path`` a store directory, refusing a directory that holds anything else."""
    if path.exists() and not path.is_dir():
        raise StoreError(
            path, "this is a file, not a store directory", "give a directory for the store"
        )
    if path.is_dir() and any(path.iterdir()) and not is_store_directory(path):
        raise StoreError(
            path,
            "the directory holds files that are not a negotiation-kg store",
            "give an empty or new directory for the store; nothing was changed",
        )
    path.mkdir(parents=True, exist_ok=True)
    (path / MARKER).touch()


def server_lock_path(url: str) -> Path:
    """Where the write lock of the store a SPARQL server at ``url`` holds is kept: a file of the
    temporary folder named for the server, so that two ingests on this machine into one server take
    turns.

    >>> server_lock_path("http://h:7878/update") == server_lock_path("http://h:7878/query")
    True
    """
    server = url.rstrip("/")
    if server.endswith(("/query", "/sparql", "/update")):
        server = server.rsplit("/", 1)[0]
    folder = Path(tempfile.gettempdir()) / "negotiation-kg-locks"
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        with suppress(OSError):
            folder.chmod(0o1777)  # every user's ingests take their turns here, as in /tmp itself
    return folder / hashlib.sha1(server.encode("utf-8")).hexdigest()[:16]


@contextmanager
def store_lock(path: Path, subject: str | None = None) -> Iterator[None]:
    """Hold the write lock of the store at ``path`` (a lock file beside it), or fail at once naming the holder.

    Every writer takes it, an ingest and a build alike, so a build never replaces a store an ingest is writing.
    ``subject``: the store as the user named it, when ``path`` is not (a server's lock file).
    """
    path = Path(path)
    subject = subject or path
    lock_path = path.with_name(f".{path.name}.lock")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock_path, "a+")  # noqa: SIM115 - held by the with below, once it is open
    except OSError as e:
        from .values import store_problem

        hint = (
            "free some disk space"
            if e.errno == errno.ENOSPC
            else "give a store on a writable file system"
        )
        raise StoreError(
            subject,
            f"cannot take the store's write lock ({store_problem(e)}: "
            f"{lock_path}); nothing was changed",
            hint,
        ) from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise StoreError(
                subject,
                f"another kg process is writing to the store ({holder})",
                "wait for it to finish, or give another --store",
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"kg pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)
