"""The store on disk: the marker that says a directory is ours, the write lock, atomic file writes.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp()) / "store"
>>> claim_store_directory(d); is_store_directory(d)
True
"""
from __future__ import annotations

import errno
import fcntl
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from ..errors import InputError, StoreError

MARKER = ".negotiation-kg-store"


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp_path)``, then rename the result onto ``path``; nothing half-written is left."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError as e:
        raise InputError(path, f"cannot write here ({e.strerror})", "give a path in a writable directory") from None
    try:
        write(Path(tmp))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; exports are meant to be read by others
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        hint = "free some disk space" if e.errno == errno.ENOSPC else "check the directory is writable"
        raise InputError(path, f"cannot write the file ({e.strerror or e}); nothing was written", hint) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def is_store_directory(path: Path) -> bool:
    """Is ``path`` a store this tool made (its marker file, or an Oxigraph store of an earlier version)?"""
    return (path / MARKER).is_file() or ((path / "CURRENT").is_file() and (path / "IDENTITY").is_file())


def claim_store_directory(path: Path) -> None:
    """Make ``path`` a store directory, refusing a directory that holds anything else."""
    if path.exists() and not path.is_dir():
        raise StoreError(path, "this is a file, not a store directory", "give a directory for the store")
    if path.is_dir() and any(path.iterdir()) and not is_store_directory(path):
        raise StoreError(path, "the directory holds files that are not a negotiation-kg store",
                         "give an empty or new directory for the store; nothing was changed")
    path.mkdir(parents=True, exist_ok=True)
    (path / MARKER).touch()


@contextmanager
def store_lock(path: Path) -> Iterator[None]:
    """Hold the write lock of the store at ``path`` (a lock file beside it), or fail at once naming the holder.

    Every writer takes it, an ingest and a build alike, so a build never replaces a store an ingest is writing.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = path.with_name(f".{path.name}.lock")
    with open(lock_path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise StoreError(path, f"another kg process is writing to the store ({holder})",
                             "wait for it to finish, or give another --store") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"kg pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)
