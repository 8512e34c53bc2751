"""The graph as a networkx ``MultiDiGraph``, and traversals an analyst asks for.

One node per actor, event, proposal, term and position, keyed by IRI, with
scalar attributes only (``label``, ``kind``, ``earliest``, ``latest``,
``aliases``, ``evidence``, ``topic``, ``stance``, ``article``) so the graph writes
to GraphML; one edge per relation, keyed by the predicate's name
(``participant``, ``proposedBy``, ``hasTerm``, ``heldBy``, ``about``,
``reportedBy``, ``affiliatedWith``, ``before``).

The traversals take the graph first, as networkx's own functions do:

>>> G = example_graph()
>>> [G.nodes[m]["label"] for m in meetings_between(G, "Burns", "Barnea")]
['Meeting: William Burns, David Barnea']
>>> [G.nodes[n]["label"] for n in path(G, "Burns", "Kamel")]
['William Burns', 'Meeting: William Burns, Abbas Kamel', 'Abbas Kamel']
"""

from __future__ import annotations

import re
from datetime import date

import networkx as nx

from ..intervals import Interval
from ..query import weak_facts
from ..rdf.iris import local_name
from ..schema import ACTOR_KINDS, EVENT_KINDS, TERM_KINDS, has_trait  # the ontology's kinds
from ..store import GraphStore

EPOCH = date(1970, 1, 1)

NODE_KINDS = ACTOR_KINDS + EVENT_KINDS + ("Proposal", "Position") + TERM_KINDS
EDGE_PREDICATES = (
    "participant",
    "proposedBy",
    "hasTerm",
    "heldBy",
    "about",
    "reportedBy",
    "affiliatedWith",
    "before",
    "mediatedBy",
    "concernsDeal",
)
# what mediators() ranks: a person or group counts for the side it is affiliated with
SIDE_KINDS = ("Country", "Organization")

NODES_QUERY = (
    "SELECT ?node ?kind (SAMPLE(?g) AS ?article) "
    "WHERE { VALUES ?kind { %s } GRAPH ?g { ?node a ?kind } } GROUP BY ?node ?kind"
)
# one query per attribute, each matched inside its article graph: a pattern per attribute never multiplies
# the rows of another, so the conversion stays linear in the store (an actor named in many articles has
# many labels, other names and evidence sentences)
ATTRIBUTE_QUERIES = {
    "label": "SELECT ?node (SAMPLE(?v) AS ?value) WHERE { GRAPH ?g { ?node rdfs:label ?v } } GROUP BY ?node",
    "aliases": 'SELECT ?node (GROUP_CONCAT(DISTINCT ?v; separator="|") AS ?value) '
    "WHERE { GRAPH ?g { ?node skos:altLabel ?v } } GROUP BY ?node",
    "earliest": "SELECT ?node (MIN(?v) AS ?value) WHERE { GRAPH ?g { ?node nkg:earliestDate ?v } } GROUP BY ?node",
    "latest": "SELECT ?node (MAX(?v) AS ?value) WHERE { GRAPH ?g { ?node nkg:latestDate ?v } } GROUP BY ?node",
    "evidence": "SELECT ?node (MIN(?v) AS ?value) "
    "WHERE { GRAPH ?g { ?node prov:wasDerivedFrom/nkg:text ?v } } GROUP BY ?node",
    "topic": "SELECT ?node (SAMPLE(?v) AS ?value) WHERE { GRAPH ?g { ?node nkg:topic ?v } } GROUP BY ?node",
    "stance": 'SELECT ?node (GROUP_CONCAT(DISTINCT STRAFTER(STR(?s), "#"); separator="|") AS ?value) '
    "WHERE { GRAPH ?g { ?node nkg:stance ?s } } GROUP BY ?node",
}
EDGES_QUERY = """
SELECT DISTINCT ?s ?p ?o WHERE { VALUES ?p { %s } ?s ?p ?o }
"""


ARTICLES_QUERY = """SELECT ?article ?headline ?published ?url WHERE { GRAPH ?article {
  ?article a schema:NewsArticle ; schema:headline ?headline
  OPTIONAL { ?article schema:datePublished ?published } OPTIONAL { ?article schema:url ?url } } }"""


def articles_of(store: GraphStore) -> dict[str, dict[str, str]]:
    """Each article IRI → its ``headline``, ``published`` date and ``url`` (empty when unknown): what a page
    shows of a source instead of its IRI.

    >>> articles_of(GraphStore())
    {}
    """
    return {
        str(r["article"]): {
            "headline": str(r["headline"]),
            "published": str(r["published"] or ""),
            "url": str(r["url"] or ""),
        }
        for r in store.select(ARTICLES_QUERY)
    }


def source_of(articles: dict[str, dict], iri: str) -> dict:
    """An article's headline, date and web link (only an http(s) one: an article's URL is its
    publisher's text, and a ``javascript:`` link would run when clicked); its slug if unknown.

    >>> source_of({"a": {"headline": "H", "published": "", "url": "javascript:alert(1)"}}, "a")
    {'headline': 'H', 'published': '', 'url': ''}
    """
    known = articles.get(iri) or {"headline": local_name(iri), "published": "", "url": ""}
    url = known["url"] if re.match(r"https?://", known["url"] or "", re.I) else ""
    return {**known, "url": url}


def to_networkx(store: GraphStore, min_confidence: float | None = None) -> nx.MultiDiGraph:
    """Return the actors, events, proposals, terms and positions of ``store`` as a MultiDiGraph; its
    ``graph["articles"]`` holds each source's headline, date and URL (:func:`articles_of`); with
    ``min_confidence``, without the facts under it (and the terms only they had)."""
    G = nx.MultiDiGraph(articles=articles_of(store))
    kinds = " ".join(f"nkg:{k}" for k in NODE_KINDS)
    weak = weak_facts(store, min_confidence)
    for row in store.select(NODES_QUERY % kinds):
        if str(row["node"]) in weak:
            continue
        G.add_node(
            row["node"],
            label=local_name(row["node"]),
            kind=local_name(row["kind"]),
            earliest="",
            latest="",
            aliases="",
            evidence="",
            topic="",
            stance="",
            article=row["article"] or "",
        )
    for name, query in ATTRIBUTE_QUERIES.items():
        for row in store.select(query):
            if row["node"] in G and row["value"] not in (None, ""):
                G.nodes[row["node"]][name] = str(row["value"])
    predicates = " ".join(f"nkg:{p}" for p in EDGE_PREDICATES)
    for row in store.select(EDGES_QUERY % predicates):
        if row["s"] in G and row["o"] in G:
            name = local_name(row["p"])
            G.add_edge(row["s"], row["o"], key=name, relation=name)
    if weak:
        G.remove_nodes_from(
            [n for n, k in G.nodes(data="kind") if k in TERM_KINDS and G.degree(n) == 0]
        )
    return G


def write_graphml(G: nx.MultiDiGraph, path) -> None:
    """Write ``G`` as GraphML that Gephi imports whole: unique edge ids (Gephi drops an edge whose id it has
    seen), a ``weight`` (double) on every edge, and dates typed as numbers beside their ISO text
    (``earliestDay``/``latestDay``: days since 1970-01-01, a long), since GraphML has no date type.

    >>> import io
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("m", earliest="2024-01-28")
    >>> _ = G.add_edge("a", "b", key="participant"), G.add_edge("c", "b", key="participant")
    >>> out = io.BytesIO(); write_graphml(G, out); xml = out.getvalue()
    >>> sorted(__import__("re").findall(rb'<edge [^>]*id="([^"]+)"', xml))
    [b'e0-participant', b'e1-participant']
    >>> b'attr.name="earliestDay" attr.type="long"' in xml, b'attr.name="weight" attr.type="double"' in xml
    (True, True)
    """
    H = G.copy()
    H.graph.pop("articles", None)  # a table of the sources, not a graph attribute GraphML can hold
    for n, (u, v, key) in enumerate(sorted(H.edges(keys=True), key=str)):
        H.edges[u, v, key]["edge_id"] = f"e{n}-{key}"
        H.edges[u, v, key].setdefault("weight", 1.0)
    for _, attrs in H.nodes(data=True):
        for name in ("earliest", "latest"):
            if attrs.get(name):
                attrs[f"{name}Day"] = (date.fromisoformat(attrs[name]) - EPOCH).days
    nx.write_graphml(H, path, edge_id_from_attribute="edge_id", named_key_ids=True)


# ---------------------------------------------------------------------- finding nodes


def kind_of(G: nx.MultiDiGraph, node) -> str:
    return G.nodes[node].get("kind", "")


def find_actor(G: nx.MultiDiGraph, name: str):
    """The actor node whose label or any other name is ``name`` (case-insensitive).

    >>> G = example_graph()
    >>> find_actor(G, "the head of the CIA")
    'person/william-burns'
    """

    def plain(text: str) -> str:
        text = " ".join(text.lower().split())
        return text[4:] if text.startswith("the ") else text

    wanted = plain(name)
    for node, attrs in G.nodes(data=True):
        if attrs.get("kind") in ACTOR_KINDS:
            names = [attrs.get("label", ""), *attrs.get("aliases", "").split("|")]
            if wanted in (plain(n) for n in names if n):
                return node
    raise KeyError(
        f"no actor called {name!r} in the graph; see kg query actors for the names it knows"
    )


# ---------------------------------------------------------------------- traversals


def meetings_between(G: nx.MultiDiGraph, a: str, b: str) -> list:
    """Meetings (events of a kind with the trait talks) in which both actors ``a`` and ``b``
    (names or nodes) took part, earliest first."""
    x = a if a in G else find_actor(G, a)
    y = b if b in G else find_actor(G, b)
    meetings = [
        e
        for e in set(G.predecessors(x)) & set(G.predecessors(y))
        if has_trait(kind_of(G, e), "talks")
        and G.has_edge(e, x, "participant")
        and G.has_edge(e, y, "participant")
    ]
    return sorted(meetings, key=lambda e: (G.nodes[e].get("earliest") or "9999", e))


def path(G: nx.MultiDiGraph, a: str, b: str) -> list:
    """How two actors are connected: the shortest chain of actors and the events, proposals and positions between.

    An empty list when nothing connects them (a ``KeyError`` for a name no actor has).

    >>> G = example_graph()
    >>> G.add_node("person/someone-else", label="Someone Else", kind="Person")
    >>> path(G, "Burns", "Someone Else")
    []
    """
    x = a if a in G else find_actor(G, a)
    y = b if b in G else find_actor(G, b)
    try:
        return nx.shortest_path(G.to_undirected(as_view=True), x, y)
    except nx.NetworkXNoPath:
        return []


def side_of(G: nx.MultiDiGraph, actor) -> str:
    """The side an actor stands for: its country, else its organization, else itself."""
    seen, frontier = {actor}, [actor]
    while frontier:
        node = frontier.pop(0)
        if kind_of(G, node) == "Country":
            return node
        for _, target, key in G.out_edges(node, keys=True):
            if key == "affiliatedWith" and target not in seen:
                seen.add(target)
                frontier.append(target)
    orgs = [n for n in seen if kind_of(G, n) == "Organization"]
    return orgs[0] if orgs else actor


def stakes(G: nx.MultiDiGraph) -> dict[str, int]:
    """Each side's stake: how many proposals and positions its actors put forward or hold, counted in
    one pass over the proposals' and positions' edges.

    >>> stakes(example_graph())["organization/hamas"]
    1
    """
    out: dict[str, int] = {}
    sides: dict[str, str] = {}
    for _, actor, key in G.edges(keys=True):
        if key in ("proposedBy", "heldBy") and kind_of(G, actor) in ACTOR_KINDS:
            side = sides.setdefault(actor, side_of(G, actor))
            out[side] = out.get(side, 0) + 1
    return out


def side_event_graph(G: nx.MultiDiGraph) -> nx.Graph:
    """Sides (``("side", node)``) joined to the events (``("event", node)``) their people take
    part in."""
    H = nx.Graph()
    sides: dict[str, str] = {}
    for u, v, key in G.edges(keys=True):
        if key == "participant":
            H.add_edge(("side", sides.setdefault(v, side_of(G, v))), ("event", u))
    return H


def side_betweenness(H: nx.Graph) -> dict:
    """The normalized betweenness of each side node of the side–event graph ``H``, exactly as
    ``networkx.betweenness_centrality(H)`` gives it, in time that does not grow with the events.

    Events with the same sides are interchangeable on every shortest path (twins): they are
    counted, not walked. Brandes' algorithm runs on the sides and the distinct sets of sides, each
    set weighted by how many events have it, so a corpus of a million events about the same few
    sides costs what its few hundred combinations of sides cost.

    >>> H = side_event_graph(example_graph())
    >>> exact = nx.betweenness_centrality(H)
    >>> all(abs(exact[n] - b) < 1e-12 for n, b in side_betweenness(H).items())
    True
    """
    sides = [n for n in H if n[0] == "side"]
    classes: dict[frozenset, int] = {}
    for n in H:
        if n[0] != "side":
            key = frozenset(H.neighbors(n))
            classes[key] = classes.get(key, 0) + 1
    # the compressed graph: a side or a set of sides (as a node), each with how many nodes of H
    # it stands for
    weight = dict.fromkeys(sides, 1) | dict(classes)
    adjacent: dict = {s: [] for s in sides}
    for c in classes:
        adjacent[c] = list(c)
        for s in c:
            adjacent[s].append(c)
    total = dict.fromkeys(sides, 0.0)
    for source in weight:
        for s, dependency in dependencies(adjacent, weight, source).items():
            if s in total and s != source:
                total[s] += weight[source] * dependency
        if source in classes:  # the source's own twins: reached through each of its sides alike
            for s in source:
                total[s] += weight[source] * (weight[source] - 1) / len(source)
    n = len(H)
    scale = 1 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    return {s: value * scale for s, value in total.items()}


def dependencies(adjacent: dict, weight: dict, source) -> dict:
    """Brandes' dependency of ``source`` (one node of its kind) on one node of every other kind,
    on a graph whose nodes stand for ``weight[node]`` interchangeable nodes each."""
    paths, distance, order, preds = {source: 1.0}, {source: 0}, [], {source: []}
    frontier = [source]
    while frontier:
        following = []
        for u in frontier:
            order.append(u)
            copies = 1 if u == source else weight[u]  # any copy of a set in between is a way
            for w in adjacent[u]:
                if w not in distance:
                    distance[w] = distance[u] + 1
                    paths[w], preds[w] = 0.0, []
                    following.append(w)
                if distance[w] == distance[u] + 1:
                    paths[w] += copies * paths[u]
                    preds[w].append(u)
        frontier = following
    delta = dict.fromkeys(order, 0.0)
    for w in reversed(order):
        for u in preds[w]:
            delta[u] += weight[w] * paths[u] / paths[w] * (1 + delta[w])
    return delta


def mediators(G: nx.MultiDiGraph) -> list[tuple[str, float]]:
    """Sides (countries, organizations) ranked as brokers: first those the text says mediated
    (:func:`stated_mediation`), then who connects the others without a stake of their own.

    The structural score is a side's betweenness on the side–event graph (sides joined to
    the events their people take part in), divided by one plus its stake (the
    proposals and positions its people hold): a party that meets everyone but
    also demands and rejects is a principal, not a mediator (:func:`structural_scores`).

    >>> [(G_label, round(s, 2)) for G_label, s in mediators(example_graph())][:1]
    [('Qatar', 1.0)]
    """
    scores = structural_scores(G)
    return rank_sides(G, scores) if scores else []


def structural_scores(G: nx.MultiDiGraph, betweenness=None) -> dict[str, float]:
    """Each side's broker score: its betweenness on the side–event graph plus the share of that
    graph it meets, over one plus its stake. ``betweenness(H)`` (default
    :func:`side_betweenness`, exact) gives each side node's betweenness: a benchmark passes
    networkx's own to check the two agree.

    >>> max(structural_scores(example_graph()).items(), key=lambda kv: kv[1])[0]
    'country/qatar'
    """
    H = side_event_graph(G)
    if H.number_of_nodes() == 0:
        return {}
    stake_of = stakes(G)
    scores = {}
    for node, value in (betweenness or side_betweenness)(H).items():
        if node[0] != "side":
            continue
        met = {s for e in H.neighbors(node) for s in H.neighbors(e)} - {node}
        scores[node[1]] = (value + len(met) / max(len(H), 1)) / (1 + stake_of.get(node[1], 0))
    return scores


def stated_mediation(G: nx.MultiDiGraph) -> dict[str, int]:
    """Sides the text says mediated (``mediatedBy``: brokered, mediated, hosted talks), with how
    many events and proposals each mediated; a person or group counts for its side.

    >>> G = example_graph(); _ = G.add_edge("m1", "person/al-thani", key="mediatedBy")
    >>> {G.nodes[s]["label"]: n for s, n in stated_mediation(G).items()}
    {'Qatar': 1}
    """
    items: dict[str, set] = {}
    for item, actor, key in G.edges(keys=True):
        if key == "mediatedBy":
            items.setdefault(side_of(G, actor), set()).add(item)
    return {side: len(found) for side, found in items.items() if kind_of(G, side) in SIDE_KINDS}


def rank_sides(G: nx.MultiDiGraph, structural: dict[str, float]) -> list[tuple[str, float]]:
    """Sides (countries, organizations) by stated mediation first, then by ``structural`` (their
    place between the parties), as (label, score): with stated mediators, they score from 0.5 to 1
    (by how much they mediated) and the others below 0.5; with none, the structural scores over the
    top one."""
    stated = stated_mediation(G)
    sides = {s: v for s, v in structural.items() if kind_of(G, s) in SIDE_KINDS}
    top_structural = max(sides.values(), default=0) or 1
    top_stated = max(stated.values(), default=0) or 1

    def score(side: str) -> float:
        place = sides.get(side, 0.0) / top_structural
        if not stated:
            return place
        if side in stated:
            return 0.5 + 0.5 * (stated[side] / top_stated + place) / 2
        return 0.49 * place

    ranked = sorted(
        set(sides) | set(stated), key=lambda s: (-score(s), G.nodes[s].get("label", ""))
    )
    return [(G.nodes[side].get("label", side), score(side)) for side in ranked]


def ego(G: nx.MultiDiGraph, actor: str, radius: int = 2) -> nx.MultiDiGraph:
    """The subgraph within ``radius`` steps of an actor, in either direction."""
    x = actor if actor in G else find_actor(G, actor)
    return nx.ego_graph(G, x, radius=radius, undirected=True).copy()


def positions_of(G: nx.MultiDiGraph, actor: str) -> list[dict]:
    """The positions an actor holds: stance, topic, evidence, and what each is about."""
    x = actor if actor in G else find_actor(G, actor)
    out = []
    for position, _, key in G.in_edges(x, keys=True):
        if key == "heldBy":
            attrs = G.nodes[position]
            about = [
                G.nodes[t].get("label", t)
                for _, t, k in G.out_edges(position, keys=True)
                if k == "about"
            ]
            out.append(
                {
                    "position": position,
                    "stance": attrs.get("stance", ""),
                    "topic": attrs.get("topic", ""),
                    "evidence": attrs.get("evidence", ""),
                    "about": about,
                }
            )
    return sorted(out, key=lambda p: (p["stance"], p["topic"]))


def dated_within(attrs: dict, window_: Interval) -> bool:
    """Is a node dated, and does its interval share a day with the window?"""
    bounds = Interval(
        *(date.fromisoformat(attrs[k]) if attrs.get(k) else None for k in ("earliest", "latest"))
    )
    return bounds != Interval(None, None) and bounds.overlaps(window_)


def window(G: nx.MultiDiGraph, start: date | str | None, end: date | str | None) -> nx.MultiDiGraph:
    """The subgraph of a time window: dated events and proposals within it, with their actors and terms."""
    start = date.fromisoformat(start) if isinstance(start, str) else start
    end = date.fromisoformat(end) if isinstance(end, str) else end
    keep = {
        n
        for n, a in G.nodes(data=True)
        if a.get("kind") in EVENT_KINDS + ("Proposal",) and dated_within(a, Interval(start, end))
    }
    for node in list(keep):
        keep.update(v for _, v in G.out_edges(node))
    return G.subgraph(keep).copy()


def example_graph() -> nx.MultiDiGraph:
    """A small hand-made graph for the examples of this module (as :func:`to_networkx` builds them)."""
    G = nx.MultiDiGraph()
    actors = {
        "person/william-burns": ("William Burns", "Person", "Burns|head of the CIA"),
        "person/david-barnea": ("David Barnea", "Person", "Barnea"),
        "person/abbas-kamel": ("Abbas Kamel", "Person", "Kamel"),
        "person/al-thani": ("Mohammed bin Abdulrahman Al Thani", "Person", "Al Thani"),
        "country/israel": ("Israel", "Country", ""),
        "country/qatar": ("Qatar", "Country", ""),
        "country/egypt": ("Egypt", "Country", ""),
        "country/united-states": ("United States", "Country", ""),
        "organization/hamas": ("Hamas", "Organization", ""),
    }
    for node, (label, kind, aliases) in actors.items():
        G.add_node(node, label=label, kind=kind, aliases=aliases, earliest="", latest="")
    for person, country in (
        ("william-burns", "united-states"),
        ("david-barnea", "israel"),
        ("abbas-kamel", "egypt"),
        ("al-thani", "qatar"),
    ):
        G.add_edge(f"person/{person}", f"country/{country}", key="affiliatedWith")
    meetings = {
        "m1": (
            "Meeting: William Burns, David Barnea",
            ["william-burns", "david-barnea", "al-thani"],
            "2024-01-27",
        ),
        "m2": (
            "Meeting: William Burns, Abbas Kamel",
            ["william-burns", "abbas-kamel", "al-thani"],
            "2024-01-20",
        ),
        "m3": ("Meeting: Hamas, Mohammed bin Abdulrahman Al Thani", ["al-thani"], "2024-01-21"),
    }
    for node, (label, people, day) in meetings.items():
        G.add_node(node, label=label, kind="Meeting", earliest=day, latest=day)
        for p in people:
            G.add_edge(node, f"person/{p}", key="participant")
    G.add_edge("m3", "organization/hamas", key="participant")
    for n, holder in enumerate(
        ("person/david-barnea", "organization/hamas", "person/william-burns")
    ):
        G.add_node(f"pos{n}", label="position", kind="Position", stance="Rejects", topic="the plan")
        G.add_edge(f"pos{n}", holder, key="heldBy")
    return G
