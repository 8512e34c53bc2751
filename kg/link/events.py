"""The same event reported twice, linked with ``owl:sameAs``.

Two reports are the same event only when they are the same occurrence: the
same kind and status, both dated to a day (or a day and its eve: an event dated
more loosely, "last month", is never linked, a vague date being no evidence of
identity), overlapping, and the same people — for a statement the same speakers
saying the same thing (most of their words in common, and the same figures
where both give figures: an institution says many things a day), for two
reports of one participant each the same words too (a government signs two
agreements on one day), for anything
else at least half of the smaller side's participants, and two where both name
two (an envoy who meets one side, then the other, held two meetings). Identity is
never chained: a new report joins an existing group of reports only if it
matches every member, so a group is a clique of pairwise matches. Linking is
incremental, and its blocking does not grow with the store: a new article's
events are compared only with the events of the same kind and status that
begin on a day they can overlap (their day and its eve), found through the
store's index of ``nkg:earliestDate`` values, never by scanning every event
that shares a side (in a corpus about one negotiation every event shares one).
The links live in one named graph, updated per article.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from datetime import timedelta
from functools import lru_cache

from rdflib import XSD, URIRef

from ..rdf.iris import local_name
from ..rdf.namespace import ID
from ..schema import has_trait
from ..store import GraphStore

LINKS_GRAPH = ID["graph/same-events"]
# an event dated more loosely than a day and its eve is never linked: a group then spans at most 2 days
MAX_WIDTH_DAYS = 1
LINK_CHUNK = 512  # articles whose candidate blocks are read together

EVENTS_OF = """
SELECT ?e ?type ?status ?start ?end (GROUP_CONCAT(DISTINCT STR(?p); separator=" ") AS ?people) ?article WHERE {
  GRAPH ?article { ?e a nkg:Event, ?type ; nkg:status ?status ; nkg:participant ?p ;
                      nkg:earliestDate ?start ; nkg:latestDate ?end . FILTER(?type != nkg:Event) }
} GROUP BY ?e ?type ?status ?start ?end ?article
"""
# the same, for the articles of VALUES at once (the rows of each in another order)
EVENTS_OF_ARTICLES = EVENTS_OF.replace("WHERE {", "WHERE {\n  VALUES ?article { %s }", 1)
# the events of the kinds and statuses that begin on the days of VALUES: the blocks of a whole
# batch of articles in one query (each day bound: the store's index of dates finds them)
CANDIDATES = """
SELECT ?b ?g ?end (GROUP_CONCAT(DISTINCT STR(?q); separator=" ") AS ?people) ?start ?type ?status
WHERE {
  VALUES (?type ?status ?start) { %s }
  GRAPH ?g { ?b nkg:earliestDate ?start ; a ?type ; nkg:status ?status ; nkg:latestDate ?end ;
                nkg:participant ?q . }
} GROUP BY ?b ?g ?end ?start ?type ?status
"""
TEXTS = """SELECT ?x (GROUP_CONCAT(DISTINCT ?said; separator=" ") AS ?text) WHERE {
  VALUES ?x { %s } GRAPH ?g { ?x prov:wasDerivedFrom/nkg:text ?said } } GROUP BY ?x"""
LINKED_TO = (
    f"SELECT ?x ?m WHERE {{ VALUES ?x {{ %s }} GRAPH <{LINKS_GRAPH}> "
    "{ { ?x owl:sameAs ?m } UNION { ?m owl:sameAs ?x } } }"
)


def same_occurrence(a: dict, b: dict) -> bool:
    """Are two event records (type, status, start, end, people, and for a statement its words) the same
    occurrence?"""
    if not same_frame(a, b):
        return False
    return not needs_words(a, b) or says_the_same(a["words"], b["words"])


def needs_words(a: dict, b: dict) -> bool:
    """Is the frame of two reports too weak to make them one occurrence without the same words?
    It is for a statement (an institution says many things a day) and for two reports that each
    name one participant (a government signs two agreements on one day: one party and a day are
    no identity).

    >>> deal = {"type": "nkg#Agreement", "people": {"x"}}
    >>> needs_words(deal, deal)
    True
    >>> needs_words(deal, deal | {"people": {"x", "y"}})
    False
    """
    return has_trait(local_name(a["type"]), "speech") or len(a["people"]) == len(b["people"]) == 1


def same_frame(a: dict, b: dict) -> bool:
    """The same kind, status, days and people: all that identity needs but a statement's words."""
    if (a["type"], a["status"]) != (b["type"], b["status"]):
        return False
    if any((r["end"] - r["start"]).days > MAX_WIDTH_DAYS for r in (a, b)):
        return False  # "in November", "last year": a vague date proves nothing
    if a["start"] > b["end"] or b["start"] > a["end"]:
        return False
    if has_trait(local_name(a["type"]), "speech"):
        return a["people"] == b["people"]
    # at least half of the smaller side, and two people where both name two: a negotiator who meets one side
    # and then another on the same day held two meetings
    shared, smaller = len(a["people"] & b["people"]), min(len(a["people"]), len(b["people"]))
    return shared >= min(2, smaller) and 2 * shared >= smaller


SHARED_WORDS = 3  # at least this many content words in common, and half of the shorter report's


def says_the_same(a: frozenset[str], b: frozenset[str]) -> bool:
    """Do two reports of a statement (their content words) report the same words, with the same figures?

    >>> w = lambda text: content_words(text, frozenset())
    >>> says_the_same(w("The ministry said exports of rice rose 12 pct in May."),
    ...               w("Rice exports rose 12 pct in May, according to the ministry."))
    True
    >>> says_the_same(w("The ministry said exports of rice rose 12 pct in May."),
    ...               w("The ministry said exports of rice fell 3 pct in May."))
    False
    >>> says_the_same(w("The ministry said it would cut the wheat tax."),
    ...               w("The ministry said talks with Chile failed."))
    False
    """
    shared = a & b
    if len(shared) < SHARED_WORDS or 2 * len(shared) < min(len(a), len(b)):
        return False
    figures_a, figures_b = {w for w in a if w[0].isdigit()}, {w for w in b if w[0].isdigit()}
    return not (figures_a and figures_b) or bool(figures_a & figures_b)


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """English function words (spaCy's list): no evidence that two texts say the same."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def content_words(text: str, people: frozenset[str]) -> frozenset[str]:
    """The words of a report that say what happened: lowercase words and figures, without function words or
    the words of the participants' names (every report of a speaker shares those).

    >>> sorted(content_words("The Bank of Chile said it cut rates by 0.5 points.", frozenset({"x/bank-of-chile"})))
    ['0.5', 'cut', 'points', 'rates', 'said']
    """
    names = {w for p in people for w in local_name(p).split("-")}
    words = re.findall(r"\d+(?:[.,]\d+)*|[^\W\d_]+", text.lower())
    return frozenset(
        w
        for w in words
        if w not in names and w not in stop_words() and (len(w) > 2 or w[0].isdigit())
    )


def xsd_date(day) -> str:
    """``day`` as a SPARQL ``xsd:date`` literal.

    >>> from datetime import date
    >>> xsd_date(date(2024, 3, 4))
    '"2024-03-04"^^<http://www.w3.org/2001/XMLSchema#date>'
    """
    return f'"{day}"^^<{XSD.date}>'


def record(row: dict) -> dict:
    """An event record of a query row; a statement's ``words`` are read later, for the few that need them."""
    return {
        "type": row["type"],
        "status": row["status"],
        "start": row["start"],
        "end": row["end"],
        "people": frozenset(row["people"].split()),
        "words": frozenset(),
    }


def unlink_article(store: GraphStore, article: str) -> None:
    """Remove the links of an article's events (before it is linked again)."""
    store.update(f"""DELETE {{ GRAPH <{LINKS_GRAPH}> {{ ?a owl:sameAs ?b }} }}
                     WHERE {{ GRAPH <{LINKS_GRAPH}> {{ ?a owl:sameAs ?b }}
                              FILTER(STRSTARTS(STR(?a), "{article}/") || STRSTARTS(STR(?b), "{article}/")) }}""")


def link_article(
    store: GraphStore,
    article: str,
    *,
    new: bool = False,
    later: AbstractSet[str] = frozenset(),
) -> int:
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

    ``new``: the article was not in the store before this ingest, so it has no old links to remove (that
    removal scans the whole links graph). ``later``: stored articles to be linked after this one, left for
    them, so that each article is linked against those before it whatever the batches (a serial, a parallel
    and an interrupted-then-resumed ingest link alike).
    """
    return link_chunk(store, [article], new=frozenset([article] if new else []), later=set(later))


def link_chunk(
    store: GraphStore, chunk: list[str], *, new: AbstractSet[str], later: set[str]
) -> int:
    """Link the events of the stored articles of ``chunk``, one after the other, each against the
    articles before it; how many links. ``later``: the articles to be linked after each (those of
    ``chunk`` are taken out of it as they are linked); ``new``: those with no old links to remove.

    What can be read for the whole chunk is read in one query each: the articles' events, their
    candidate blocks, the links of the candidates of an event's frame, and the words of the
    statements that need them.
    An article's events are linked in the order its own query gives them
    (:data:`EVENTS_OF`), which decides which of two of its reports of one occurrence joins a
    group; that query is asked only for an article where the order changes anything.

    >>> link_chunk(GraphStore(), [], new=frozenset(), later=set())
    0
    """
    events = events_of(store, chunk)
    blocks = CandidateBlocks(store)
    blocks.read_for([row for rows in events.values() for row in rows])
    framed = {}
    for article in chunk:
        later.discard(article)
        framed[article] = [framed_reports(blocks, row, article, later) for row in events[article]]
    reports = [report for article in chunk for report in framed[article]]
    # the links of the candidates of the same frame, the only ones a group is made of, in one query
    blocks.linked({iri for _, _, others in reports for iri in others})
    words = StatementWords(store, reports)
    links: list[tuple[str, str]] = []
    for article in chunk:
        if article not in new:
            unlink_article(store, article)
            blocks.forget(article)
        matched = [
            (row, words.matching(row, mine, others)) for row, mine, others in framed[article]
        ]
        pairs = article_links(blocks, in_linking_order(store, article, matched))
        blocks.add_links(pairs)  # the next articles of the chunk see them
        links += pairs
    if links:  # one write for the chunk: no article of it reads the store's links of another
        store.update(
            f"INSERT DATA {{ GRAPH <{LINKS_GRAPH}> {{ "
            + " ".join(f"<{a}> owl:sameAs <{b}> ." for a, b in links)
            + " } }"
        )
    return len(links)


def events_of(store: GraphStore, articles: list[str]) -> dict[str, list[dict]]:
    """The rows of :data:`EVENTS_OF` of each of ``articles``, in one query (in no set order).

    >>> events_of(GraphStore(), ["https://w3id.org/negotiation-kg/id/article/a"])
    {'https://w3id.org/negotiation-kg/id/article/a': []}
    """
    out: dict[str, list[dict]] = {article: [] for article in articles}
    if articles:
        values = " ".join(f"<{article}>" for article in articles)
        for row in store.select(EVENTS_OF_ARTICLES % values):
            out[row["article"]].append(row)
    return out


def framed_reports(
    blocks: CandidateBlocks, row: dict, article: str, later: AbstractSet[str]
) -> tuple[dict, dict, dict[str, dict]]:
    """The event of ``row`` (of ``article``), its record, and the candidates of the same frame (kind,
    status, days, people) from articles other than it and those of ``later``."""
    mine = record(row)
    candidates = blocks.around(mine, article, later)
    return row, mine, {iri: other for iri, other in candidates.items() if same_frame(mine, other)}


class StatementWords:
    """The content words of the reports whose identity their words decide (see :func:`needs_words`):
    for each event and the candidates of its frame, read for all of them in one query."""

    def __init__(self, store: GraphStore, reports: list[tuple[dict, dict, dict[str, dict]]]):
        iris = set()
        for row, mine, framed in reports:
            if any(needs_words(mine, other) for other in framed.values()):
                iris.update(framed, [row["e"]])
        self.texts = texts_of(store, iris)
        self.known: dict[tuple[str, frozenset], frozenset[str]] = {}

    def of(self, iri: str, rec: dict) -> dict:
        """``rec`` (the record of the event ``iri``) with its content words."""
        key = (iri, rec["people"])
        if key not in self.known:
            self.known[key] = content_words(self.texts.get(iri, ""), rec["people"])
        return rec | {"words": self.known[key]}

    def matching(self, row: dict, mine: dict, framed: dict[str, dict]) -> set[str]:
        """Of the candidates ``framed`` (of the frame of ``mine``, the record of ``row``), the
        reports of the same occurrence, the closest of each other article only; what was said
        decides where the frame alone does not."""
        if any(needs_words(mine, other) for other in framed.values()):
            mine = self.of(row["e"], mine)
            framed = {iri: self.of(iri, other) for iri, other in framed.items()}
        matches = {iri: other for iri, other in framed.items() if same_occurrence(mine, other)}
        # one report of another article is the same as at most one event of this one
        return closest_per_article(mine, matches)


def texts_of(store: GraphStore, iris: AbstractSet[str]) -> dict[str, str]:
    """The texts of the evidence of each event of ``iris`` (those with any), in one query.

    >>> texts_of(GraphStore(), set())
    {}
    """
    if not iris:
        return {}
    rows = store.select(TEXTS % " ".join(f"<{iri}>" for iri in sorted(iris)))
    return {row["x"]: row["text"] for row in rows}


def in_linking_order(
    store: GraphStore, article: str, matched: list[tuple[dict, set[str]]]
) -> list[tuple[dict, set[str]]]:
    """``matched`` (an article's events and the reports each matches) in the order the article's
    own query gives its events: an event's group is taken from the reports no event before it
    joined, so the order matters only when two of its events match one report; the query is
    asked only then.

    >>> in_linking_order(GraphStore(), "x", [({"e": "x/a"}, {"y/a"}), ({"e": "x/b"}, {"y/b"})])
    [({'e': 'x/a'}, {'y/a'}), ({'e': 'x/b'}, {'y/b'})]
    """
    reports = [report for _, matches in matched for report in matches]
    if len(reports) == len(set(reports)):
        return matched
    rows = store.select(EVENTS_OF, {"article": URIRef(article)})
    place = {event_key(row): n for n, row in enumerate(rows)}
    return sorted(matched, key=lambda item: place[event_key(item[0])])


def event_key(row: dict) -> tuple:
    """What tells the rows of :data:`EVENTS_OF` of one article apart."""
    return row["e"], row["type"], row["status"], row["start"], row["end"]


def article_links(
    blocks: CandidateBlocks, matched: list[tuple[dict, set[str]]]
) -> list[tuple[str, str]]:
    """The links of an article's events (rows with the reports each matches, in their order): each
    joins the largest group of linked reports it matches whole, of reports no event before it
    joined."""
    links = []
    claimed: set[str] = set()
    for row, matches in matched:
        group = best_group(blocks, matches - claimed)
        claimed.update(group)
        links += [(row["e"], other) for other in group]
    return links


class CandidateBlocks:
    """The stored events another article's event can be the same as, by block: its kind, its
    status and the day it begins. An event dated to a day and its eve can only overlap one that
    begins on its eve, its first day or its last, so at most three blocks are read for it; what a
    block costs depends on how much happened that day, not on how much the store holds. The blocks
    of articles linked together are read once for all of them (:meth:`read_for`), in one query,
    and each article takes from them the events of the articles before it.
    """

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        # (kind, status, day) → [(event IRI, its article graph, its record)]
        self.blocks: dict[tuple, list[tuple[str, str, dict]]] = {}
        # event IRI → the reports the store links it to: read for the candidates of the events'
        # frames, in one query, and kept up to date as the articles linked together are linked
        # (see :meth:`add_links`)
        self.links: dict[str, set[str]] = {}
        # the links added since the blocks were read (written to the store at the chunk's end)
        self.added: list[tuple[str, str]] = []

    def read(self, keys: set[tuple]) -> None:
        """Read the blocks of ``keys`` ((kind, status, day)) not read yet, in one query."""
        keys = sorted(k for k in keys if k not in self.blocks)
        if not keys:
            return
        for key in keys:
            self.blocks[key] = []
        values = " ".join(f"(<{kind}> <{status}> {xsd_date(day)})" for kind, status, day in keys)
        for r in self.store.select(CANDIDATES % values):
            key = (r["type"], r["status"], r["start"])
            self.blocks.setdefault(key, []).append((r["b"], r["g"], record(r)))

    def linked(self, events: AbstractSet[str]) -> dict[str, set[str]]:
        """The reports each of ``events`` is linked to (those without links left out); those not
        read yet are read in one query, with the links added since the blocks were read.

        >>> blocks = CandidateBlocks(GraphStore())
        >>> blocks.add_links([("http://x/a/e", "http://x/b/e")])  # not in the store yet
        >>> blocks.linked({"http://x/a/e", "http://x/c/e"})
        {'http://x/a/e': {'http://x/b/e'}}
        """
        missing = sorted(e for e in events if e not in self.links)
        for e in missing:
            self.links[e] = set()
        if missing:  # only the links of these events: the whole links graph grows with the store
            for row in self.store.select(LINKED_TO % " ".join(f"<{e}>" for e in missing)):
                self.links[row["x"]].add(row["m"])
            unread = set(missing)
            for a, b in self.added:
                for x, m in ((a, b), (b, a)):
                    if x in unread:
                        self.links[x].add(m)
        return {e: set(self.links[e]) for e in events if self.links[e]}

    def add_links(self, pairs: list[tuple[str, str]]) -> None:
        """Record links just made, for the events whose links are read and those read later."""
        self.added += pairs
        for a, b in pairs:
            for x, m in ((a, b), (b, a)):
                if x in self.links:
                    self.links[x].add(m)

    def forget(self, article: str) -> None:
        """Record that the links of ``article``'s events were removed from the store.

        >>> blocks = CandidateBlocks(GraphStore())
        >>> blocks.links = {"http://x/a/e": {"http://x/b/e"}, "http://x/b/e": {"http://x/a/e"}}
        >>> blocks.forget("http://x/a"); blocks.links
        {'http://x/a/e': set(), 'http://x/b/e': set()}
        """
        prefix = f"{article}/"
        self.added = [
            (a, b) for a, b in self.added if not (a.startswith(prefix) or b.startswith(prefix))
        ]
        for event, others in self.links.items():
            if event.startswith(prefix):
                others.clear()
            else:
                others.difference_update([m for m in others if m.startswith(prefix)])

    def read_for(self, events: list[dict]) -> None:
        """Read, in one query, the blocks ``events`` (rows of :data:`EVENTS_OF`) are linked through.

        >>> blocks = CandidateBlocks(GraphStore())
        >>> blocks.read_for([]); blocks.blocks
        {}
        """
        self.read({key for row in events for key in block_keys(row)})

    def around(
        self, mine: dict, article: str, later: AbstractSet[str] = frozenset()
    ) -> dict[str, dict]:
        """The events of ``mine``'s kind and status that begin on a day an event it could be
        overlaps, of articles other than ``article`` and those of ``later``."""
        keys = block_keys(mine)
        self.read(set(keys))
        return {
            iri: other
            for key in keys
            for iri, graph, other in self.blocks[key]
            if graph != article and graph not in later
        }


def block_keys(event: dict) -> list[tuple]:
    """The blocks (kind, status, day) an event record of its ``type``, ``status``, ``start`` and
    ``end`` can be linked through: the days it can overlap an event beginning on; none when it is
    dated too loosely to be linked at all.

    >>> from datetime import date
    >>> e = {"type": "M", "status": "O", "start": date(2024, 3, 4), "end": date(2024, 3, 5)}
    >>> [str(day) for _, _, day in block_keys(e)]
    ['2024-03-05', '2024-03-04', '2024-03-03']
    """
    width = (event["end"] - event["start"]).days
    if width > MAX_WIDTH_DAYS:
        return []
    keys = []
    for back in range(-width, MAX_WIDTH_DAYS + 1):
        try:
            keys.append((event["type"], event["status"], event["start"] - timedelta(days=back)))
        except OverflowError:  # before the calendar's first day or after its last
            continue
    return keys


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


def best_group(blocks: CandidateBlocks, matches: set[str]) -> list[str]:
    """The largest group of already-linked reports all of whose members the new report matches
    (``blocks``: the candidates' blocks, which know their links)."""
    if not matches:
        return []
    links = blocks.linked(matches)
    members = {m: {m} | links.get(m, set()) for m in matches}
    cliques = [group for group in members.values() if group <= matches]
    return sorted(max(cliques, key=lambda g: (len(g), sorted(g)))) if cliques else []


def relink(
    store: GraphStore, articles: list[str] | None = None, *, new: frozenset[str] = frozenset()
) -> int:
    """Link the events of ``articles`` (article IRIs; default: every article, from scratch); how many links.

    ``new``: those of ``articles`` the store did not hold before, which have no old links to remove.
    """
    if articles is None:
        store.drop_graph(LINKS_GRAPH)
        articles = store.articles()
        new = frozenset(articles)
    later = set(articles)
    return sum(
        link_chunk(store, articles[i : i + LINK_CHUNK], new=new, later=later)
        for i in range(0, len(articles), LINK_CHUNK)
    )
