"""The graph page: a vis-network drawing an analyst can read, filter and search, that opens offline.

Nodes are actors, events, proposals with their terms, and positions, coloured
and shaped by kind (positions by stance) and sized by how much happens around
them; edges say the relation in words ("met", "proposed", "rejects", "reported
by"). Hovering a node shows what it is in plain words: an event's dates,
participants, evidence and source article; a proposal's terms; a position's
holder, stance, topic and evidence. A search box focuses an actor, checkboxes
and a date range filter the view, selecting a node highlights its
neighbourhood, and physics stops once the layout has settled.

The page is the template ``kg/views/templates/graph.html``; vis-network (the
copy pyvis ships), the page's script and its style are inlined into it, so it
makes no request to any other host.

>>> import networkx as nx
>>> G = nx.MultiDiGraph(); G.add_node("a", label="Hamas", kind="Organization")
>>> page = graph_page(G)
>>> "cdn.jsdelivr" in page, '"label": "Hamas"' in page
(False, True)
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from ..rdf.iris import local_name
from ..schema import ACTOR_KINDS, EVENT_KINDS, STANCES, presentation
from ..store import write_atomically
from .deals import deals_panel
from .overview import actor_overview
from .templating import static_text, template, vis_network_text
from .timeline import when_text
from .timeline_page import is_negotiation

MAX_NODES = 300  # above this, the page shows the most connected nodes and says what it left out
STYLE = {kind: (p["colour"], p["shape"]) for kind, p in presentation().items()}
ACTOR_STYLE = {kind: STYLE[kind] for kind in ACTOR_KINDS}
EVENT_STYLE = {kind: STYLE[kind] for kind in EVENT_KINDS}
STANCE_STYLE = {stance: STYLE[stance][0] for stance in STANCES}
PROPOSAL_STYLE = STYLE["Proposal"]
TERM_STYLE = STYLE["Term"]
RELATION_WORDS = {
    "proposedBy": "proposed",
    "reportedBy": "reported by",
    "hasTerm": "term",
    "about": "about",
    "affiliatedWith": "affiliated with",
    "before": "before",
    "concernsDeal": "of",
}
# a deal's broker, and the deal an event of its life concerns
DEAL_LINES = (("mediated by", "mediatedBy"), ("of", "concernsDeal"))
PARTICIPATION_WORDS = {kind: presentation()[kind]["verb"] for kind in EVENT_KINDS}
HEIGHT = "820px"
LOADING_BAR_NODES = 100  # a graph of more nodes shows a bar while its layout settles


def style_of(attrs: dict) -> tuple[str, str]:
    kind = attrs.get("kind", "")
    if kind in ACTOR_STYLE:
        return ACTOR_STYLE[kind]
    if kind in EVENT_STYLE:
        return EVENT_STYLE[kind]
    if kind == "Position":
        return STANCE_STYLE.get(attrs.get("stance", "").split("|")[0], "#d37295"), "box"
    if kind == "Proposal":
        return PROPOSAL_STYLE
    return TERM_STYLE


def family(kind: str) -> str:
    if kind in ACTOR_STYLE:
        return kind
    if kind in EVENT_STYLE or kind in ("Proposal", "Position"):
        return kind
    return "Term"


def cut(text: str, n: int = 32) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def neighbours(G: nx.MultiDiGraph, node, relation: str, outgoing: bool = True) -> list[str]:
    edges = G.out_edges(node, keys=True) if outgoing else G.in_edges(node, keys=True)
    return [G.nodes[v if outgoing else u].get("label", "") for u, v, k in edges if k == relation]


def hover_text(G: nx.MultiDiGraph, node) -> str:
    """What a node is, in plain words, for its tooltip (no IRIs where a label exists)."""
    a = G.nodes[node]
    kind = a.get("kind", "")
    lines = [a.get("label", ""), kind]
    if kind in EVENT_STYLE:
        lines += [
            when_text(a),
            "participants: " + (", ".join(neighbours(G, node, "participant")) or "not named"),
        ]
        lines += [
            f"{word}: {', '.join(found)}"
            for word, relation in DEAL_LINES
            if (found := neighbours(G, node, relation))
        ]
    elif kind == "Proposal":
        lines += [
            "proposed by: " + ", ".join(neighbours(G, node, "proposedBy")),
            *("term: " + t for t in neighbours(G, node, "hasTerm")),
        ]
        brokers = neighbours(G, node, "mediatedBy")
        lines += [f"mediated by: {', '.join(brokers)}"] if brokers else []
    elif kind == "Position":
        lines += [
            "held by: " + ", ".join(neighbours(G, node, "heldBy")),
            "stance: " + a.get("stance", "").replace("|", ", "),
            "topic: " + a.get("topic", ""),
        ]
    elif kind in ACTOR_STYLE:
        if a.get("aliases"):
            lines.append("also: " + ", ".join(a["aliases"].split("|")[:8]))
        affiliations = neighbours(G, node, "affiliatedWith")
        if affiliations:
            lines.append("affiliated with: " + ", ".join(affiliations))
        if a.get("mediator"):
            lines.append("mediator: connects the others with little stake of its own")
        if a.get("details"):
            lines.append("click for its events, proposals and positions")
    reporters = neighbours(G, node, "reportedBy")
    if reporters:
        lines.append("reported by: " + ", ".join(reporters))
    if a.get("evidence"):
        lines.append("“" + " ".join(a["evidence"].split()) + "”")
    if a.get("article") and kind not in ACTOR_STYLE:
        # its headline and date, not its IRI
        article = G.graph.get("articles", {}).get(a["article"])
        lines.append(
            "source: "
            + (
                f"{article['headline']} ({article['published'] or 'undated'})"
                if article
                else local_name(a["article"])
            )
        )
    return "\n".join(line for line in lines if line)


def edge_words(G: nx.MultiDiGraph, u, v, key: str) -> tuple[str, str, str]:
    """(from, to, words): participation, proposing and holding read from the actor ("X met", "X rejects")."""
    if key == "participant":
        return v, u, PARTICIPATION_WORDS.get(G.nodes[u].get("kind", ""), "took part")
    if key == "proposedBy":
        return v, u, "proposed"
    if key == "mediatedBy":  # read from the broker, as the other relations of an actor
        return v, u, "mediated"
    if key == "heldBy":
        stance = G.nodes[u].get("stance", "").split("|")[0]
        return (
            v,
            u,
            {"RedLine": "red line", "Assessment": "assesses"}.get(
                stance, stance.lower() or "holds"
            ),
        )
    return u, v, RELATION_WORDS.get(key, key)


def most_connected(G: nx.MultiDiGraph, limit: int) -> nx.MultiDiGraph:
    """The ``limit`` most connected nodes of a large graph (terms follow their proposals)."""
    degree = dict(G.degree())
    ranked = sorted(
        (n for n in G if family(G.nodes[n].get("kind", "")) != "Term"),
        key=lambda n: (-degree[n], str(n)),
    )
    keep = set(ranked[:limit])
    keep.update(v for u in list(keep) for _, v, k in G.out_edges(u, keys=True) if k == "hasTerm")
    return G.subgraph(keep).copy()


def network_data(G: nx.MultiDiGraph) -> tuple[list[dict], list[dict]]:
    """vis-network nodes and edges for ``G``: one node per node, one edge per edge (summed edges of the
    actor overview carry their own label and weight)."""
    degree = dict(G.degree())
    nodes, edges = [], []
    for node, attrs in G.nodes(data=True):
        colour, shape = style_of(attrs)
        kind = attrs.get("kind", "")
        label = cut(attrs.get("label", "")) + (" (mediator)" if attrs.get("mediator") else "")
        nodes.append(
            {
                "id": node,
                "label": label,
                "title": hover_text(G, node),
                "color": colour,
                "shape": shape,
                "size": 10 + 2 * min(degree.get(node, 0), 12),
                "kind": family(kind),
                "fullLabel": attrs.get("label", ""),
                "earliest": attrs.get("earliest", ""),
                "latest": attrs.get("latest", ""),
                "details": attrs.get("details", ""),
                "borderWidth": 4 if attrs.get("mediator") else 1,
                "font": {
                    "size": 14 if kind in ACTOR_STYLE else 11,
                    "color": "#ffffff" if kind == "Position" else "#222222",
                },
            }
        )
    for n, (u, v, key, attrs) in enumerate(G.edges(keys=True, data=True)):
        source, target, words = edge_words(G, u, v, key)
        words = attrs.get("label", words)
        edges.append(
            {
                "id": f"e{n}",
                "from": source,
                "to": target,
                "label": words,
                "title": words,
                "value": attrs.get("weight", 1.0),
                "arrows": "to",
                "font": {"size": 9, "align": "middle"},
                "color": {"opacity": 0.6},
            }
        )
    return nodes, edges


def legend() -> list[tuple[str, str]]:
    """(colour, text) of every kind the page draws."""
    pairs = [(c, k) for k, (c, _) in ACTOR_STYLE.items()] + [
        (c, k) for k, (c, _) in EVENT_STYLE.items()
    ]
    pairs += [(PROPOSAL_STYLE[0], "Proposal"), (TERM_STYLE[0], "Term")]
    return pairs + [(c, f"Position: {s}") for s, c in STANCE_STYLE.items()]


def controls(G: nx.MultiDiGraph, note: str, deals: str = "") -> dict:
    """What ``kg/views/templates/graph-controls.html`` shows above the graph: the actors for the search
    box, the kinds to filter (plain statements unticked), the legend, the ``note`` and the ``deals`` panel.

    >>> G = nx.MultiDiGraph(); G.add_node("a", label="Hamas", kind="Organization")
    >>> controls(G, "")["actors"], controls(G, "")["kinds"]
    (['Hamas'], ['Organization'])
    """
    actors = sorted(
        {a.get("label", "") for _, a in G.nodes(data=True) if a.get("kind") in ACTOR_STYLE}
    )
    present = {family(a.get("kind", "")) for _, a in G.nodes(data=True)}
    kinds = [
        k for k in [*ACTOR_STYLE, *EVENT_STYLE, "Proposal", "Term", "Position"] if k in present
    ]
    shown = [(c, text) for c, text in legend() if text.split(":")[0] in present]
    hidden = [
        k for k in kinds if not is_negotiation({"kind": k})
    ]  # plain statements: one click away
    return {
        "actors": actors,
        "kinds": kinds,
        "hidden": hidden,
        "legend": shown,
        "note": note,
        "deals": deals,
    }


def draws_overview(G: nx.MultiDiGraph, overview: bool = False, max_nodes: int = MAX_NODES) -> bool:
    """Is ``G`` drawn as its actor overview: asked for, or too large to read node by node?

    >>> draws_overview(nx.MultiDiGraph()), draws_overview(nx.MultiDiGraph(), overview=True)
    (False, True)
    """
    return overview or G.number_of_nodes() > max_nodes


def layout_options(nodes: int) -> dict:
    """vis-network options for a graph of ``nodes`` nodes: the larger, the fewer layout steps before the first
    drawing and the plainer the edges, so a page of thousands of nodes is drawn in seconds (the layout then
    goes on settling on screen).

    >>> layout_options(50)["physics"]["stabilization"]["iterations"], layout_options(2000)["edges"]["smooth"]
    (400, False)
    """
    iterations = 400 if nodes <= 300 else 100 if nodes <= 1000 else 30
    return {
        "layout": {"improvedLayout": nodes <= 100},  # vis's own pre-layout is slow on large graphs
        "physics": {
            "solver": "forceAtlas2Based",
            "stabilization": {"iterations": iterations, "fit": True},
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120},
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "navigationButtons": False,
            "hideEdgesOnDrag": nodes > 300,
        },
        "edges": {"smooth": {"type": "continuous"} if nodes <= 300 else False},
    }


def drawn_graph(
    G: nx.MultiDiGraph, overview: bool = False, max_nodes: int = MAX_NODES
) -> tuple[nx.MultiDiGraph, str]:
    """The graph the page draws of ``G`` (its actor overview, or its most connected nodes), and the note that
    says so; what ``kg viz`` counts, so it reports what it drew.

    >>> G = nx.MultiDiGraph(); G.add_nodes_from(range(5))
    >>> drawn_graph(G, max_nodes=3)[0].number_of_nodes() < 5
    True
    """
    note = ""
    total = G.number_of_nodes()
    if draws_overview(G, overview, max_nodes):
        G = actor_overview(G)
        note = (
            f"The actors of {total} nodes: who met whom, who rejects or accepts whose proposal (counts and "
            f"dates on the edges, mediators marked). Click an actor for its events, proposals and positions; "
            f"kg viz --actor NAME draws them in full."
        )
    if G.number_of_nodes() > max_nodes:
        shown = most_connected(G, max_nodes)
        note += f" Showing the {shown.number_of_nodes()} most connected of {G.number_of_nodes()} actors."
        G = shown
    return G, note


def graph_page(
    G: nx.MultiDiGraph,
    title: str = "negotiation-kg",
    max_nodes: int = MAX_NODES,
    overview: bool = False,
    deals: list[dict] | None = None,
) -> str:
    """Return a self-contained HTML page drawing ``G`` (as made by :func:`kg.views.network.to_networkx`); a graph
    of more than ``max_nodes`` nodes (or any, with ``overview``) is drawn as its actor-level
    overview. The ``deals`` (:func:`kg.views.deals.deal_cards`) are listed above it."""
    return page_and_drawing(G, title, max_nodes, overview, deals)[0]


def page_and_drawing(
    G: nx.MultiDiGraph,
    title: str = "negotiation-kg",
    max_nodes: int = MAX_NODES,
    overview: bool = False,
    deals: list[dict] | None = None,
) -> tuple[str, nx.MultiDiGraph]:
    """:func:`graph_page`, and the graph it draws (see :func:`drawn_graph`)."""
    # the deals as a list that opens on a click, their sources read before the overview drops them
    panel = deals_panel(deals, G.graph.get("articles", {})) if deals else ""
    G, note = drawn_graph(G, overview, max_nodes)
    nodes, edges = network_data(G)
    page = template("graph.html").render(
        title=title,
        height=HEIGHT,
        nodes=nodes,
        edges=edges,
        options=layout_options(G.number_of_nodes()),
        loading_bar=len(nodes) > LOADING_BAR_NODES,
        **controls(G, note, panel),
        css=static_text("graph-page.css"),
        script=static_text("graph-page.js"),
        vis_css=vis_network_text("vis-network.css"),
        vis_js=vis_network_text("vis-network.min.js"),
    )
    return page, G


def write_graph_page(
    G: nx.MultiDiGraph,
    path: str | Path,
    title: str = "negotiation-kg",
    overview: bool = False,
    deals: list[dict] | None = None,
) -> Path:
    """Write :func:`graph_page` to ``path`` atomically."""
    write_drawing(G, path, title, overview, deals)
    return Path(path)


def write_drawing(
    G: nx.MultiDiGraph,
    path: str | Path,
    title: str = "negotiation-kg",
    overview: bool = False,
    deals: list[dict] | None = None,
) -> nx.MultiDiGraph:
    """Write :func:`graph_page` to ``path`` atomically; return the graph it draws."""
    page, drawn = page_and_drawing(G, title, overview=overview, deals=deals)
    write_atomically(Path(path), lambda tmp: tmp.write_text(page, encoding="utf-8"))
    return drawn
