"""negotiation-kg: news articles about negotiations → an RDF knowledge graph.

>>> import kg
>>> kg.__version__
'0.1.0'
"""
__version__ = "0.1.0"


def open(path="store"):  # noqa: A001 - ``kg.open("store/")`` is the documented entry point
    """Open a store for SPARQL and traversal; see :func:`kg.api.open`."""
    from .api import open as open_store

    return open_store(path)
