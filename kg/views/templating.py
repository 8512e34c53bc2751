"""The pages' templates (``kg/views/templates/``, jinja2, escaping on) and static files (``kg/views/static/``).

>>> "kg-controls" in template("graph-controls.html").render(actors=[], kinds=[], legend=[], note="")
True
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources

from jinja2 import Environment, PackageLoader, select_autoescape


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("kg.views", "templates"), autoescape=select_autoescape(["html"])
    )


def template(name: str):
    """The jinja2 template ``kg/views/templates/NAME``."""
    return environment().get_template(name)


# vis-network as pyvis ships it (pyvis is pinned in pyproject.toml, so this path holds)
VIS_NETWORK = "templates/lib/vis-9.1.2"


@cache
def static_text(name: str) -> str:
    """The text of ``kg/views/static/NAME`` (scripts and styles inlined into the pages, so they open offline)."""
    return resources.files("kg.views").joinpath("static", name).read_text(encoding="utf-8")


@cache
def vis_network_text(name: str) -> str:
    """The text of vis-network's ``NAME`` (``vis-network.min.js``, ``vis-network.css``), inlined into the
    graph page.

    >>> "vis-network" in vis_network_text("vis-network.min.js")[:2000]
    True
    """
    return resources.files("pyvis").joinpath(VIS_NETWORK, name).read_text(encoding="utf-8")
