"""One registry of plug-ins: extraction components, merge policies, store backends, export formats.

As in rdflib's ``plugin.py``, :func:`register` puts a name in one table, with the object or with
the module and attribute to import on first use; as with datasette's hooks, a package installed
beside this one adds its own through an entry point of the kind's group (see :data:`KINDS`,
e.g. ``negotiation_kg.components``). Code of this package registers with the decorators
(``@component``, ``@merger``, ``@register_backend``, ``@export_format``) of the modules of
:data:`BUILT_IN_MODULES`. Nothing is imported before a kind is first looked up: then its built-in
modules, then its entry points, are read, once.

A plug-in registered at run time (a decorator in a script) lives in that process only: worker
processes (``-j``, a Dask cluster) are fresh interpreters and find only the built-in ones and the
entry points. This module imports nothing heavy, so that looking a name up costs nothing.

>>> register("nothing", "export", obj=lambda store, folder: [])
>>> "nothing" in names("export"), origin("export", "nothing")
(True, 'run time')
>>> get("export", "no-such-format")
Traceback (most recent call last):
...
kg.plugins.UnknownPlugin: export format 'no-such-format': not one of those registered (...
>>> unregister("export", "nothing")
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from importlib import import_module
from importlib.metadata import EntryPoint, entry_points

from .errors import InputError

BUILT_IN_ORIGIN = "built in"
RUN_TIME_ORIGIN = "run time"


@dataclass(frozen=True)
class Kind:
    """A kind of plug-in: what the user calls it and its entry-point group."""

    title: str
    group: str


KINDS: dict[str, Kind] = {
    "component": Kind("extraction component", "negotiation_kg.components"),
    "merger": Kind("merge policy", "negotiation_kg.mergers"),
    "backend": Kind("store backend", "negotiation_kg.backends"),
    "export": Kind("export format", "negotiation_kg.exports"),
}

# the modules whose decorators register the built-in plug-ins, imported on a kind's first lookup
BUILT_IN_MODULES: dict[str, tuple[str, ...]] = {
    "component": ("kg.extract.rules",),
    "merger": ("kg.extract.rules", "kg.extract.merging"),
    "backend": ("kg.store.oxigraph", "kg.store.sparql_http"),
    "export": ("kg.views.export",),
}


@dataclass
class Plugin:
    """One registered plug-in: where it comes from, and the object once loaded."""

    name: str
    kind: str
    module: str | None = None
    attr: str | None = None
    obj: object = None
    origin: str = BUILT_IN_ORIGIN
    entry: EntryPoint | None = None

    def load(self) -> object:
        """The plug-in's object, importing its module the first time."""
        if self.obj is None:
            self.obj = (
                self.entry.load() if self.entry else getattr(import_module(self.module), self.attr)
            )
        return self.obj


class UnknownPlugin(InputError):
    """A name no plug-in of its kind is registered under (exit 2)."""


_TABLE: dict[str, dict[str, Plugin]] = {kind: {} for kind in KINDS}
_READY: set[str] = set()  # the kinds whose built-in modules and entry points were read


def _table(kind: str) -> dict[str, Plugin]:
    if kind not in _TABLE:
        raise ValueError(f"plug-in kind {kind!r} is not one of {', '.join(KINDS)}")
    return _TABLE[kind]


def register(
    name: str, kind: str, module: str | None = None, attr: str | None = None, *, obj: object = None
) -> None:
    """Register ``module``'s ``attr`` (imported on first use), or ``obj`` itself, as the ``kind``
    plug-in called ``name``; a name registered again is replaced.

    A decorator of a built-in module registers a built-in plug-in; an entry point's module,
    being loaded, its own; any other object is registered at run time, in this process only.

    >>> register("atomic", "export", "kg.store.files", "write_atomically")
    >>> get("export", "atomic").__name__, origin("export", "atomic")
    ('write_atomically', 'run time')
    >>> unregister("export", "atomic")
    """
    table = _table(kind)
    old = table.get(name)
    where = getattr(obj, "__module__", module)
    if obj is not None and old is not None and old.obj is None and old.module == where:
        old.obj = obj  # an entry point's module, being loaded: the same row
        return
    built_in = where in BUILT_IN_MODULES[kind]
    table[name] = Plugin(
        name, kind, module, attr, obj, BUILT_IN_ORIGIN if built_in else RUN_TIME_ORIGIN
    )


def unregister(kind: str, name: str) -> None:
    """Forget the ``kind`` plug-in called ``name`` (nothing happens if there is none)."""
    _table(kind).pop(name, None)


def _ready(kind: str) -> None:
    """Register the built-in ``kind`` plug-ins, then the entry points of its group, once; an entry
    point does not replace a built-in plug-in of the same name."""
    table = _table(kind)
    if kind in _READY:
        return
    _READY.add(kind)
    for module in BUILT_IN_MODULES[kind]:
        import_module(module)
    for entry in entry_points(group=KINDS[kind].group):
        if entry.name in table and table[entry.name].origin == BUILT_IN_ORIGIN:
            continue
        dist = getattr(entry, "dist", None)
        where = f"entry point of {dist.name}" if dist is not None else "entry point"
        table[entry.name] = Plugin(entry.name, kind, entry.module, entry.attr, None, where, entry)


def refresh() -> None:
    """Read the entry points again on the next lookup (a package was installed, or put on
    ``sys.path``, since): the plug-ins of entry points are forgotten until then."""
    _READY.clear()
    for table in _TABLE.values():
        for name in [n for n, p in table.items() if p.entry is not None]:
            del table[name]


def names(kind: str) -> list[str]:
    """The names of the ``kind`` plug-ins, in the order they were registered.

    >>> names("backend")[:2]
    ['oxigraph', 'sparql-http']
    """
    _ready(kind)
    return list(_table(kind))


def origin(kind: str, name: str) -> str:
    """Where the ``kind`` plug-in ``name`` comes from: "built in", "run time" or its entry point."""
    return _plugin(kind, name).origin


def _plugin(kind: str, name: str) -> Plugin:
    table = _table(kind)
    if name not in table:
        _ready(kind)
    if name not in table:
        raise unknown(kind, name)
    return table[name]


def unknown(kind: str, name: str, extra: Iterable[str] = ()) -> UnknownPlugin:
    """The error for a ``kind`` plug-in nobody registered as ``name``, naming those that are and
    the one most like it: worded for a flag's value and a Python argument alike.

    >>> print(unknown("merger", "Spans"))
    merge policy 'Spans': not one of those registered (rules, spans); did you mean "spans"? ...
    """
    from .query import closest_names  # the query module needs the store, which needs this one

    what = KINDS[kind]
    registered = sorted({*names(kind), *extra})
    known = ", ".join(registered) or "none"
    closest = closest_names(name, registered)
    hint = f'did you mean "{closest[0]}"? Otherwise ' if closest else ""
    hint += f"choose one of the registered names, or install the package that provides {name!r}"
    if kind == "component":
        hint += (
            " (a component registered by @component in a script exists only in that script's"
            f" process: give it an entry point in the group {what.group})"
        )
    return UnknownPlugin(f"{what.title} {name!r}", f"not one of those registered ({known})", hint)


def get(kind: str, name: str) -> object:
    """The ``kind`` plug-in called ``name``, loaded; :class:`UnknownPlugin` names the others.

    >>> get("merger", "rules").__name__
    'merge_rules'
    """
    return _plugin(kind, name).load()


def loaded(kind: str) -> list[object]:
    """Every ``kind`` plug-in, loaded, in the order they were registered."""
    return [get(kind, name) for name in names(kind)]
