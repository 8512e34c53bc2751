"""The store stage: article graphs in a store, behind one protocol whatever the backend.

- :mod:`kg.store.graphstore`: :class:`GraphStore`, what the rest of the project calls;
- :mod:`kg.store.backend`: the storage protocol and the registry of backends;
- :mod:`kg.store.oxigraph`: Oxigraph on disk or in memory (the default);
- :mod:`kg.store.sparql_http`: any SPARQL 1.1 server over HTTP;
- :mod:`kg.store.files`: the store's directory marker, its write lock, atomic file writes;
- :mod:`kg.store.values`: terms as Python values, prefixes, JSON-LD context.
"""

from .files import (
    claim_store_directory,
    held_open_for_writing,
    is_store_directory,
    recover_directory,
    replace_directory,
    staging_directory,
    store_lock,
    write_atomically,
)
from .graphstore import GraphStore, rdf_suffix
from .values import QUERY_PREFIXES

__all__ = [
    "GraphStore",
    "QUERY_PREFIXES",
    "claim_store_directory",
    "held_open_for_writing",
    "is_store_directory",
    "rdf_suffix",
    "recover_directory",
    "replace_directory",
    "staging_directory",
    "store_lock",
    "write_atomically",
]
