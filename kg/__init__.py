"""negotiation-kg: news articles about negotiations → an RDF knowledge graph.

>>> import kg
>>> kg.__version__
'0.1.0'
"""

__version__ = "0.1.0"

from .errors import KGError as KGError


def build(seeds="seeds", store="store", exports="exports", **options):
    """Build a fresh store from the articles of ``seeds`` and write ``exports``, all or nothing; see
    :func:`kg.building.build` (``validate``, ``workers``, ``progress``, ``components``).

    >>> import kg, tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); (d / "seeds").mkdir()
    >>> _ = (d / "seeds" / "a.txt").write_text("Talks\\nQatar said on Monday that envoys met in Doha.\\n")
    >>> kg.build(d / "seeds", d / "store", d / "exports", validate=False).counts["articles"]
    1
    """
    from .building import build as build_store

    return build_store(seeds, store, exports, **options)


def ingest(paths, store=None, **options):
    """Add the articles at ``paths`` to the store at ``store`` (a path or an open GraphStore); see
    :func:`kg.ingestion.ingest` (``workers``, ``scheduler``, ``progress``, ``components``,
    metadata overrides).

    >>> import kg, tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("Talks\\nQatar said on Monday that envoys met in Doha.\\n")
    >>> kg.ingest([d / "a.txt"], d / "store", published="2024-01-28").ingested[0][:2]
    'a-'
    """
    from .config import default_store
    from .ingestion import ingest as ingest_articles
    from .store import GraphStore

    # KG_STORE, else ./kg.toml's store, else store/
    store = default_store() if store is None else store
    if isinstance(store, GraphStore):
        return ingest_articles(paths, store, **options)
    with GraphStore(store) as opened:
        return ingest_articles(paths, opened, **options)


def open(path=None):
    """Open a store for SPARQL and traversal (default: ``KG_STORE``, else ./kg.toml's store, else store/);
    see :func:`kg.api.open`."""
    from .api import open as open_store

    return open_store(path)
