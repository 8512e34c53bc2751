"""The pages' templates (``kg/templates/``, jinja2, escaping on) and static files (``kg/static/``).

>>> "kg-controls" in template("graph-controls.html").render(actors=[], kinds=[], legend=[], note="")
True
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from jinja2 import Environment, PackageLoader, select_autoescape


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(loader=PackageLoader("kg", "templates"), autoescape=select_autoescape(["html"]))


def template(name: str):
    """The jinja2 template ``kg/templates/NAME``."""
    return environment().get_template(name)


@lru_cache(maxsize=None)
def static_text(name: str) -> str:
    """The text of ``kg/static/NAME`` (scripts and styles inlined into the pages, so they open offline)."""
    return resources.files("kg").joinpath("static", name).read_text(encoding="utf-8")
