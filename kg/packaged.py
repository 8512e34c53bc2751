"""Files the package reads at run time: the ontology and shapes, wherever the package is installed.

``ontology/`` stays at the top of the repository, where users look for it; the
wheel ships it as the package ``kg.ontology`` (see pyproject.toml). In a
checkout (an editable install) it is read from the repository itself.

>>> ontology_file("shapes.ttl").read_text(encoding="utf-8").startswith("@prefix")
True
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path


def ontology_file(name: str) -> Traversable:
    """``ontology/NAME`` of the installed package (a wheel) or of the checkout."""
    try:
        return resources.files("kg.ontology").joinpath(name)
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "ontology" / name
