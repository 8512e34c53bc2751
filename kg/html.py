"""The graph page: a pyvis network of actors, events, proposals and positions, self-contained.

pyvis inlines vis-network with ``cdn_resources="in_line"``, but its template
still links Bootstrap from a CDN (and a commented ``node_modules`` path); those
references are removed so the page opens from disk with no network at all.

>>> import networkx as nx
>>> G = nx.MultiDiGraph(); G.add_node("a", label="Hamas", kind="Organization", earliest="", latest="")
>>> page = graph_page(G)
>>> "cdn.jsdelivr" in page, "Hamas" in page
(False, True)
"""
from __future__ import annotations

import html as html_escape
import re
from pathlib import Path

import networkx as nx

from .store import write_atomically

STYLE = {  # kind → (colour, shape)
    "Person": ("#4e79a7", "dot"), "Organization": ("#59a14f", "square"), "Country": ("#f28e2b", "diamond"),
    "Group": ("#b07aa1", "triangle"), "Meeting": ("#e15759", "star"), "Statement": ("#76b7b2", "ellipse"),
    "Protest": ("#ff9da7", "triangleDown"), "Agreement": ("#edc948", "star"), "Exchange": ("#9c755f", "hexagon"),
    "Proposal": ("#bab0ac", "box"), "Position": ("#d37295", "box"),
}
TERM_STYLE = ("#cccccc", "text")
EXTERNAL_REFERENCE = re.compile(
    r"<!--\s*<link[^>]*?>\s*-->|<link\b[^>]*?href=\"(?:https?:)?//[^\"]*\"[^>]*?>|"
    r"<script\b[^>]*?src=\"[^\"]*\"[^>]*?>\s*</script>|<link\b[^>]*?href=\"\.\./[^\"]*\"[^>]*?>", re.S)


def hover_text(attrs: dict) -> str:
    parts = [attrs.get("label", ""), attrs.get("kind", "")]
    if attrs.get("earliest") or attrs.get("latest"):
        e, l = attrs.get("earliest", ""), attrs.get("latest", "")
        parts.append(e if e == l else f"{e or '?'} – {l or '?'}")
    return "\n".join(p for p in parts if p)


def graph_page(G: nx.MultiDiGraph, title: str = "negotiation-kg") -> str:
    """Return a self-contained HTML page drawing ``G`` (as made by :func:`kg.network.to_networkx`)."""
    from pyvis.network import Network

    net = Network(height="900px", width="100%", directed=True, cdn_resources="in_line", heading="")
    degree = dict(G.degree())
    for node, attrs in G.nodes(data=True):
        colour, shape = STYLE.get(attrs.get("kind", ""), TERM_STYLE)
        label = attrs.get("label", "")
        net.add_node(node, label=label if len(label) <= 40 else label[:38] + "…", title=hover_text(attrs),
                     color=colour, shape=shape, size=10 + 3 * min(degree.get(node, 0), 10))
    for u, v, key in G.edges(keys=True):
        net.add_edge(u, v, label=key, title=key, arrows="to")
    net.toggle_physics(True)
    page = net.generate_html()
    page = EXTERNAL_REFERENCE.sub("", page)
    return page.replace("<head>", f"<head>\n<title>{html_escape.escape(title)}</title>", 1)


def write_graph_page(G: nx.MultiDiGraph, path: str | Path, title: str = "negotiation-kg") -> Path:
    path = Path(path)
    page = graph_page(G, title)
    write_atomically(path, lambda tmp: tmp.write_text(page, encoding="utf-8"))
    return path
