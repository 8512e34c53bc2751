"""The same event reported twice, linked with ``owl:sameAs``.

Two reports are the same event only when they are the same occurrence: the
same kind and status, both dated to within a couple of days (a vague "last
month" is no evidence of identity, unless both reports give the same bounds
and the same people), overlapping, and the same people — for a statement the
same speakers, for anything else at least half of the smaller side's
participants. Identity is never chained: a new report joins an existing
group of reports only if it matches every member, so a group is a clique of
pairwise matches. Linking is incremental: a new article's events are compared
only with the events that share a participant (an index lookup of the
store), and the links live in one named graph, updated per article.
"""
from __future__ import annotations

from rdflib import XSD, Literal, URIRef

from ..rdf.namespace import ID
from ..store import GraphStore

LINKS_GRAPH = ID["graph/same-events"]
MAX_WIDTH_DAYS = 2  # an event dated more loosely than this is never linked

EVENTS_OF = """
SELECT ?e ?type ?status ?start ?end (GROUP_CONCAT(DISTINCT STR(?p); separator=" ") AS ?people) ?article WHERE {
  GRAPH ?article { ?e a nkg:Event, ?type ; nkg:status ?status ; nkg:participant ?p ;
                      nkg:earliestDate ?start ; nkg:latestDate ?end . FILTER(?type != nkg:Event) }
} GROUP BY ?e ?type ?status ?start ?end ?article
"""
CANDIDATES = """
SELECT ?b ?start ?end (GROUP_CONCAT(DISTINCT STR(?q); separator=" ") AS ?people) ?type ?status ?p ?article ?from ?to
WHERE {
  GRAPH ?g { ?b nkg:participant ?p ; a ?type ; nkg:status ?status ; nkg:earliestDate ?start ;
                nkg:latestDate ?end ; nkg:participant ?q . }
  FILTER(?g != ?article && ?start <= ?to && ?end >= ?from)
} GROUP BY ?b ?start ?end ?type ?status ?p ?article ?from ?to
"""
CLUSTER_OF = f"SELECT ?x ?m WHERE {{ GRAPH <{LINKS_GRAPH}> {{ {{ ?x owl:sameAs ?m }} UNION {{ ?m owl:sameAs ?x }} }} }}"


def same_occurrence(a: dict, b: dict) -> bool:
    """Are two event records (type, status, start, end, people) the same occurrence?"""
    if (a["type"], a["status"]) != (b["type"], b["status"]):
        return False
    if any((r["end"] - r["start"]).days > MAX_WIDTH_DAYS for r in (a, b)):
        # a vague date ("in November") proves nothing, unless both reports say exactly the same of the same people
        return (a["start"], a["end"], a["people"]) == (b["start"], b["end"], b["people"])
    if a["start"] > b["end"] or b["start"] > a["end"]:
        return False
    if a["type"].endswith("Statement"):
        return a["people"] == b["people"]
    shared = len(a["people"] & b["people"])
    return shared >= 1 and 2 * shared >= min(len(a["people"]), len(b["people"]))


def xsd_date(day) -> Literal:
    return Literal(str(day), datatype=XSD.date)


def record(row: dict) -> dict:
    return {"type": row["type"], "status": row["status"], "start": row["start"], "end": row["end"],
            "people": frozenset(row["people"].split())}


def unlink_article(store: GraphStore, article: str) -> None:
    """Remove the links of an article's events (before it is linked again)."""
    store.update(f"""DELETE {{ GRAPH <{LINKS_GRAPH}> {{ ?a owl:sameAs ?b }} }}
                     WHERE {{ GRAPH <{LINKS_GRAPH}> {{ ?a owl:sameAs ?b }}
                              FILTER(STRSTARTS(STR(?a), "{article}/") || STRSTARTS(STR(?b), "{article}/")) }}""")


def link_article(store: GraphStore, article: str) -> int:
    r"""Link the events of the stored article ``article`` to the same occurrences reported elsewhere; how many links.

    >>> from kg.ingestion import ingest
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("a", "b"):
    ...     _ = (d / f"{name}.txt").write_text(f"T{name}\nQatari envoys met Hamas leaders in Doha on Monday.\n")
    >>> store = GraphStore()
    >>> _ = ingest([d], store, published="2024-01-28")
    >>> len(store.select(f"SELECT ?a WHERE {{ GRAPH <{LINKS_GRAPH}> {{ ?a owl:sameAs ?b }} }}"))
    1
    """
    unlink_article(store, article)
    bind = {"article": URIRef(article)}
    links = []
    for row in store.select(EVENTS_OF, bind):
        mine = record(row)
        matches: dict[str, dict] = {}
        for person in sorted(mine["people"]):
            window = {"p": URIRef(person), "from": xsd_date(mine["start"]), "to": xsd_date(mine["end"])}
            found = store.select(CANDIDATES, bind | window)
            for cand in found:
                if cand["b"] not in matches and same_occurrence(mine, other := record(cand)):
                    matches[cand["b"]] = other
        group = best_group(store, closest_per_article(mine, matches))
        links += [(row["e"], other) for other in group]
    if links:
        store.update(f"INSERT DATA {{ GRAPH <{LINKS_GRAPH}> {{ "
                     + " ".join(f"<{a}> owl:sameAs <{b}> ." for a, b in links) + " } }")
    return len(links)


def closest_per_article(mine: dict, matches: dict[str, dict]) -> set[str]:
    """Of the matching reports, the one of each other article whose participants are closest to ``mine``'s: an
    article reports an occurrence once, so two of its events cannot both be the same as one of ours."""
    best: dict[str, tuple[float, str]] = {}
    for iri, other in matches.items():
        people = other["people"]
        score = len(mine["people"] & people) / max(len(mine["people"] | people), 1)
        article = iri.rsplit("/", 1)[0]
        if article not in best or (score, iri) > best[article]:
            best[article] = (score, iri)
    return {iri for _, iri in best.values()}


def best_group(store: GraphStore, matches: set[str]) -> list[str]:
    """The largest group of already-linked reports all of whose members the new report matches."""
    if not matches:
        return []
    members: dict[str, set[str]] = {m: {m} for m in matches}
    for row in store.select(CLUSTER_OF):
        if row["x"] in members:
            members[row["x"]].add(row["m"])
    cliques = [group for group in members.values() if group <= matches]
    return sorted(max(cliques, key=lambda g: (len(g), sorted(g)))) if cliques else []


def relink(store: GraphStore, articles: list[str] | None = None) -> int:
    """Link the events of ``articles`` (article IRIs; default: every article, from scratch); how many links."""
    if articles is None:
        store.drop_graph(LINKS_GRAPH)
        articles = store.articles()
    return sum(link_article(store, a) for a in articles)
