"""The Python entry point: ``kg.open(path)`` → a :class:`KnowledgeGraph` to query and traverse.

>>> import kg, tempfile
>>> path = tempfile.mkdtemp() + "/store"
>>> GraphStore(path).close()                   # an empty store on disk
>>> g = kg.open(path)
>>> g.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
[{'n': 0}]
>>> g.to_networkx().number_of_nodes()
0
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from .config import default_store
from .query import check_actor, query_text, run_select, unread_parameter
from .store import GraphStore
from .views.network import to_networkx


class KnowledgeGraph:
    """A store opened for reading: SPARQL (plain or named queries) and a networkx view."""

    def __init__(self, path: str | Path | None) -> None:
        self.store = GraphStore(path, read_only=True) if path is not None else GraphStore()
        self._nx: nx.MultiDiGraph | None = None

    def sparql(self, query: str, **params: str) -> list[dict]:
        """Rows of a SELECT query (or of a named query of ``queries/``) as dicts of Python values.

        Parameters (``actor``, ``from_``/``to``) are bound as values, not spliced into the query.
        """
        # a misspelt name is answered as the CLI answers it: "did you mean ...?"
        text = query_text(query)
        params = {k.rstrip("_"): v for k, v in params.items()}
        unread_parameter(text, params, query)
        check_actor(self.store, params.get("actor"))  # a name no actor has: "did you mean ...?"
        return run_select(self.store, text, params)

    def to_networkx(self, min_confidence: float | None = None) -> nx.MultiDiGraph:
        """The graph as a MultiDiGraph (see :mod:`kg.views.network`), built once and cached; with
        ``min_confidence``, without the facts of lower ``nkg:confidence`` (built anew)."""
        if min_confidence:
            return to_networkx(self.store, min_confidence)
        if self._nx is None:
            self._nx = to_networkx(self.store)
        return self._nx

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open(path: str | Path | None = None) -> KnowledgeGraph:
    """Open the store at ``path`` (default: ``KG_STORE``, else the store of ``./kg.toml``, else ``store/`` as
    ``kg build`` writes it)."""
    return KnowledgeGraph(default_store() if path is None else path)
