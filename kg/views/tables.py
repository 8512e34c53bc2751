"""The graph as CSV tables, for spreadsheets and for ``neo4j-admin database import``.

One file per kind of node, with neo4j's header conventions (``id:ID``,
``:LABEL``), and one file of relations (``:START_ID``, ``:END_ID``, ``:TYPE``):

    neo4j-admin database import full --nodes=actors.csv --nodes=events.csv --nodes=proposals.csv \\
        --nodes=terms.csv --nodes=positions.csv --relationships=relations.csv

Cells a spreadsheet would run as formulas are quoted, as in ``timeline.csv``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx

from ..rdf.iris import local_name
from ..schema import ACTOR_KINDS, EVENT_KINDS, TERM_ATTRIBUTES, TERM_DATATYPES, TERM_KINDS
from ..store import GraphStore, write_atomically
from .network import to_networkx
from .timeline import spreadsheet_safe

TABLES = {
    "actors.csv": (ACTOR_KINDS, ("label", "aliases")),
    "events.csv": (EVENT_KINDS, ("label", "earliest", "latest", "evidence", "article")),
    "proposals.csv": (("Proposal",), ("label", "earliest", "latest", "evidence", "article")),
    "terms.csv": (TERM_KINDS, ("label",)),
    "positions.csv": (
        ("Position",),
        ("label", "stance", "topic", "earliest", "latest", "evidence", "article"),
    ),
}
TABLE_FILES = (*TABLES, "relations.csv")
# a term's figures as typed columns for neo4j (a spreadsheet sums them too); releasedBy: a label
NEO4J_TYPES = {"integer": "int", "decimal": "float", "boolean": "boolean"}
TERM_COLUMNS = (*TERM_ATTRIBUTES, "releasedBy")
TERM_VALUES_QUERY = """
SELECT ?term ?p (SAMPLE(?v) AS ?value) WHERE {
  GRAPH ?g { ?term a nkg:Term ; ?p ?o }
  OPTIONAL { GRAPH ?h { ?o rdfs:label ?label } }
  BIND(COALESCE(?label, ?o) AS ?v)
  FILTER(STRSTARTS(STR(?p), STR(nkg:)))
} GROUP BY ?term ?p
"""


def term_header(name: str) -> str:
    """A term column's header with its neo4j type: ``count:int``, ``ratio:float``, ``from``."""
    kind = TERM_DATATYPES.get(name, "").rpartition("#")[2]
    return f"{name}:{NEO4J_TYPES[kind]}" if kind in NEO4J_TYPES else name


def term_values(store: GraphStore) -> dict[str, dict[str, str]]:
    """Each term's figures by attribute name (``releasedBy``: the label of the side)."""
    values: dict[str, dict[str, str]] = {}
    for row in store.select(TERM_VALUES_QUERY):
        name = local_name(row["p"]).rpartition("#")[2]
        if name in TERM_COLUMNS:
            value = row["value"]
            values.setdefault(row["term"], {})[name] = (
                str(value).lower() if isinstance(value, bool) else str(value)
            )
    return values


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[spreadsheet_safe(str(c)) for c in row] for row in rows])
    return buf.getvalue()


def write_tables(
    store: GraphStore, out_dir: str | Path, G: nx.MultiDiGraph | None = None
) -> list[Path]:
    """Write the CSV tables of ``store`` into ``out_dir``; return their paths. ``G``: the store's
    graph as :func:`~kg.views.network.to_networkx` gives it, when the caller has it already.

    >>> import tempfile
    >>> [p.name for p in write_tables(GraphStore(), tempfile.mkdtemp())]
    ['actors.csv', 'events.csv', 'proposals.csv', 'terms.csv', 'positions.csv', 'relations.csv']
    """
    G = to_networkx(store) if G is None else G
    out_dir = Path(out_dir)
    written = []
    figures = term_values(store)
    for name, (kinds, columns) in TABLES.items():
        extra = TERM_COLUMNS if name == "terms.csv" else ()
        rows = [
            [
                node,
                a.get("kind", ""),
                *(a.get(c, "") for c in columns),
                *(figures.get(node, {}).get(c, "") for c in extra),
            ]
            for node, a in sorted(G.nodes(data=True))
            if a.get("kind") in kinds
        ]
        text = csv_text(["id:ID", ":LABEL", *columns, *map(term_header, extra)], rows)
        write_atomically(out_dir / name, lambda tmp, t=text: tmp.write_text(t, encoding="utf-8"))
        written.append(out_dir / name)
    relations = sorted([u, v, key] for u, v, key in G.edges(keys=True))
    text = csv_text([":START_ID", ":END_ID", ":TYPE"], relations)
    write_atomically(out_dir / "relations.csv", lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return written + [out_dir / "relations.csv"]


__all__ = ["TABLE_FILES", "local_name", "write_tables"]
