"""Where the store is when no ``--store`` is given: ``KG_STORE``, else a ``kg.toml`` here.

An analyst who works on one store names it once::

    export KG_STORE=~/cases/gaza/store   # or, in the working folder, a file kg.toml (or .kg.toml):
    store = "~/cases/gaza/store"         # a path (relative to the file) or a SPARQL endpoint URL

The order is: the ``--store`` flag, ``KG_STORE``, the file, then ``store``.

>>> import os, tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "kg.toml").write_text('store = "cases/store"\\n')
>>> default_store(d, environ={}) == str(d / "cases" / "store")
True
>>> default_store(d, environ={"KG_STORE": "/data/store"})
'/data/store'
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path

from .errors import InputError

CONFIG_FILES = ("kg.toml", ".kg.toml")
DEFAULT_STORE = "store"


def config_file(directory: str | Path | None = None) -> Path | None:
    """The configuration file of ``directory`` (default: the working directory), if it has one."""
    folder = Path(directory or Path.cwd())
    return next((folder / name for name in CONFIG_FILES if (folder / name).is_file()), None)


def read_config(path: Path) -> dict:
    """The settings of a configuration file; a malformed one is an error that names it."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise InputError(
            path, f"not a valid TOML file ({e})", 'write settings as: store = "path/to/store"'
        ) from None


def default_store(
    directory: str | Path | None = None, environ: Mapping[str, str] | None = None
) -> str:
    """The store to use when ``--store`` is not given (see the module's docstring)."""
    environ = os.environ if environ is None else environ
    if environ.get("KG_STORE"):
        return environ["KG_STORE"]
    path = config_file(directory)
    if path is None:
        return DEFAULT_STORE
    store = read_config(path).get("store")
    if store in (None, ""):
        return DEFAULT_STORE
    if not isinstance(store, str):
        raise InputError(
            path, f"store = {store!r} is not a path or URL", 'write it as: store = "path/to/store"'
        )
    if "://" in store:
        return store
    where = Path(store).expanduser()
    return str(where if where.is_absolute() else path.parent / where)


def default_workers() -> int:
    """Every core the process may use: the default number of processes that parse and extract.

    >>> default_workers() >= 1
    True
    """
    return (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    )
