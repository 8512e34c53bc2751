"""Linking across articles: one name per person, and the same event reported twice linked with ``owl:sameAs``.

A person an article names only by surname ("Netanyahu") takes the full name
another article gives ("Benjamin Netanyahu"), when exactly one person of the
store or of the batch has that surname, so that the actor keeps one IRI.

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

import re
import unicodedata

import pyoxigraph as ox

from ..facts import ActorRef, ArticleFacts
from ..rdf.iris import local_name
from ..rdf.namespace import ID
from ..store.graphstore import GraphStore
from ..vocab import name_words, word_list

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


def xsd_date(day) -> ox.Literal:
    return ox.Literal(str(day), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))


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
    >>> len(store.select("SELECT ?a WHERE { ?a owl:sameAs ?b }"))
    1
    """
    unlink_article(store, article)
    bind = {ox.Variable("article"): ox.NamedNode(article)}
    links = []
    for row in store.select(EVENTS_OF, bind):
        mine = record(row)
        matches: dict[str, dict] = {}
        for person in sorted(mine["people"]):
            window = {ox.Variable("p"): ox.NamedNode(person), ox.Variable("from"): xsd_date(mine["start"]),
                      ox.Variable("to"): xsd_date(mine["end"])}
            found = store.select(CANDIDATES, bind | window)
            for cand in found:
                if cand["b"] not in matches and same_occurrence(mine, record(cand)):
                    matches[cand["b"]] = cand
        group = best_group(store, set(matches))
        links += [(row["e"], other) for other in group]
    if links:
        store.update(f"INSERT DATA {{ GRAPH <{LINKS_GRAPH}> {{ "
                     + " ".join(f"<{a}> owl:sameAs <{b}> ." for a, b in links) + " } }")
    return len(links)


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


NAMED_LABELS = """SELECT ?kind ?label (COUNT(DISTINCT ?g) AS ?n) WHERE {
  VALUES ?kind { nkg:Person nkg:Organization } GRAPH ?g { ?x a ?kind ; rdfs:label ?label } } GROUP BY ?kind ?label"""
SPELLING_SIMILARITY = 92  # rapidfuzz ratio of two full names that differ by a letter or an accent


def plain(name: str) -> str:
    """A name without accents, case, punctuation or a leading honorific: the key name variants share.

    >>> plain("Mr. António Guterres"), plain("President Joe Biden")
    ('antonio guterres', 'joe biden')
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    words = re.sub(r"[^\w\s-]", " ", text).split()
    while len(words) > 1 and (words[0] in word_list("honorifics") or f"{words[0]}." in word_list("honorifics")):
        words = words[1:]
    return " ".join(words)


def stored_names(store: GraphStore) -> dict[ActorRef, int]:
    """Each person and organization of the store and how many articles name it (read once per ingest)."""
    return {ActorRef(local_name(r["kind"]), r["label"]): int(r["n"]) for r in store.select(NAMED_LABELS)}


def full_names(store: GraphStore, batch: list[ArticleFacts],
               known: dict[ActorRef, int] | None = None) -> dict[ActorRef, tuple[ActorRef, str]]:
    """Name variants of ``batch`` → (the one actor of the store or batch they name, why), so that one person or
    organization keeps one IRI across articles:

    - a surname alone ("Netanyahu") → the one person with that surname ("Benjamin Netanyahu");
    - an honorific, case or accents ("Mr Netanyahu", "Antonio Guterres") → the name written fully;
    - a one-letter misspelling ("Anthony Blinken") → the name the store already has (rapidfuzz ratio ≥ 92).

    Groups ("families", "officials") are never merged across articles: their IRIs are the article's own.

    >>> from kg.read.articles import Article
    >>> from kg.facts import Actor
    >>> a = ArticleFacts(Article("a.txt", "a", "T", "T"), actors=(Actor(ActorRef("Person", "Benjamin Netanyahu")),))
    >>> b = ArticleFacts(Article("b.txt", "b", "T", "T"), actors=(Actor(ActorRef("Person", "Netanyahu")),))
    >>> full_names(GraphStore(), [a, b])
    {ActorRef(kind='Person', label='Netanyahu'): (ActorRef(kind='Person', label='Benjamin Netanyahu'), 'surname of the only person so named')}
    """
    from rapidfuzz import fuzz, process

    counts = dict(known) if known is not None else stored_names(store)  # ``known``: kept by the ingest
    stored = set(counts)
    for f in batch:
        for a in f.actors:
            if a.kind in ("Person", "Organization"):
                counts[a.ref] = counts.get(a.ref, 0) + 1
    # the preferred spelling: the most reported, then the one the store has (its IRI stays), the longest, the first
    order = sorted(counts, key=lambda r: (-counts[r], r not in stored, -len(r.label), r.label))
    rank = {ref: n for n, ref in enumerate(order)}
    preferred: dict[tuple[str, str], ActorRef] = {}
    for ref in order:
        preferred.setdefault((ref.kind, plain(ref.label)), ref)
    by_surname: dict[str, set[ActorRef]] = {}
    for (kind, key), ref in preferred.items():
        words = name_words(key)
        if kind == "Person" and len(words) > 1:
            by_surname.setdefault(words[-1], set()).add(ref)
    buckets: dict[tuple[str, str, int], list[tuple[str, ActorRef]]] = {}
    for (kind, key), ref in preferred.items():
        if key:
            buckets.setdefault((kind, key[0], len(key.split())), []).append((key, ref))
    names: dict[ActorRef, tuple[ActorRef, str]] = {}
    for f in batch:
        for a in f.actors:
            if a.kind not in ("Person", "Organization"):
                continue
            key = plain(a.label)
            target = preferred.get((a.kind, key))
            if target is not None and target != a.ref:
                names[a.ref] = (target, "the same name written otherwise (case, accents, an honorific)")
                continue
            words = name_words(key)
            if a.kind == "Person" and len(words) == 1 and len(by_surname.get(words[0], ())) == 1:
                names[a.ref] = (next(iter(by_surname[words[0]])), "surname of the only person so named")
                continue
            if len(key) >= 8 and len(words) > 1 and not re.search(r"\d", key):  # "Revs 29.5 mln" is no name
                # compared only with names of the same kind, initial and length in words (an index, not a scan)
                bucket = [(other, ref) for other, ref in buckets.get((a.kind, key[0], len(words)), ())
                          if rank[ref] < rank[a.ref]]
                hit = process.extractOne(key, [other for other, _ in bucket], scorer=fuzz.ratio,
                                         score_cutoff=SPELLING_SIMILARITY)
                if hit is not None:
                    names[a.ref] = (bucket[hit[2]][1], f"a spelling variant ({hit[1]:.0f}% similar)")
    return names
