"""How a negotiation moved: the versions of a proposal across articles and time.

After an article is loaded, each of its proposals with terms is compared with
the proposals of other articles:

- the same side, the same terms: the same proposal reported again (``owl:sameAs``);
- the same side, other terms, within a year: the later one ``nkg:revises`` the
  latest earlier one;
- another side, named in the earlier one's article, within 90 days after, on a
  term of the same kind: the later one ``nkg:respondsTo`` the latest earlier one
  (a counter-proposal).

Each link says what changed, term by term (``nkg:change``: "pause 60 → 42
days; withdrawal added"). The links live in the named graph
``id/graph/proposal-lineage``. An ingest links the proposals of the articles it
stored, and the later proposals those can become the latest match of, and
leaves the others as they are (:func:`link_lineage`); each article is marked as
not yet in the lineage in the transaction that commits it, so a run killed
before its lineage is linked leaves the marks, and the next run links them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from datetime import date, timedelta

from rdflib import Literal, URIRef

from ..intervals import shifted
from ..rdf.iris import local_name
from ..rdf.namespace import ID, NKG
from ..schema import TERM_ATTRIBUTES
from ..store import GraphStore
from ..wording import lineage_change

LINEAGE_GRAPH = ID["graph/proposal-lineage"]
# the articles committed since the lineage was last linked: marked as each batch is committed
PENDING_GRAPH = ID["graph/lineage-pending"]
RESPONSE_DAYS = 90
REVISION_DAYS = 365
# days read for a proposal's same terms before the store's index of values is asked (past a year
# before it or after it, a year at a time): a day costs what its proposals cost, not the store
WIDEST = 3 * REVISION_DAYS
# the actors of the articles (%s: a VALUES clause restricting them, or nothing)
ACTORS_OF = "SELECT DISTINCT ?article ?x WHERE { %s GRAPH ?article { ?x a nkg:Actor } }"
# the proposals with terms (%s: a VALUES clause restricting them, or nothing)
PROPOSALS = """
SELECT ?p ?article ?start (GROUP_CONCAT(DISTINCT STR(?by); separator=" ") AS ?proposers) WHERE {
  %s
  GRAPH ?article { ?p nkg:earliestDate ?start ; a nkg:Proposal ; nkg:proposedBy ?by ;
                      nkg:hasTerm ?t }
} GROUP BY ?p ?article ?start
"""
TERMS = """
SELECT ?p ?t ?kind ?attr ?value WHERE {
  %s
  GRAPH ?g { ?p a nkg:Proposal ; nkg:hasTerm ?t . ?t a ?kind . FILTER(?kind != nkg:Term)
             OPTIONAL { ?t ?attr ?value FILTER(STRSTARTS(STR(?attr), STR(nkg:))) } }
}
"""
# the last day of anything dated in the store (of every dated node: far cheaper than of proposals
# alone, a join of two patterns for each)
LAST_DAY = "SELECT (MAX(?d) AS ?last) WHERE { GRAPH ?g { ?x nkg:earliestDate ?d } }"
PENDING = f"SELECT ?a WHERE {{ GRAPH <{PENDING_GRAPH}> {{ ?a nkg:lineagePending ?x }} }}"
# the lineage's links between proposals (their articles are told apart here: a filter on the
# IRIs' prefixes in the query costs a comparison per link and article)
LINKS = f"SELECT ?p ?r ?q WHERE {{ GRAPH <{LINEAGE_GRAPH}> {{ ?p ?r ?q FILTER(isIRI(?q)) }} }}"
# marked articles a lineage is recomputed whole from: one in WHOLE_SHARE of the store or more
WHOLE_SHARE = 4
# the proposals that may have a proposal's terms read at a time, newest first, until one has
CANDIDATES_READ = 50
# the links a proposal's relations give, by group: sameAs alone; revises and respondsTo, whose
# nkg:change values cannot be told apart by their subject, together
GROUPS = {"same": ("sameAs",), "bounded": ("revises", "respondsTo")}
PREDICATES = {"same": ("owl:sameAs",), "bounded": ("nkg:revises", "nkg:respondsTo", "nkg:change")}


def values_clause(variable: str, iris: Iterable[str]) -> str:
    """A VALUES clause binding ``variable`` to ``iris``.

    >>> values_clause("p", ["http://x/a"])
    'VALUES ?p { <http://x/a> }'
    """
    return f"VALUES ?{variable} {{ {' '.join(f'<{i}>' for i in sorted(iris))} }}"


def day_values_clause(days: Iterable[date]) -> str:
    """A VALUES clause binding ``?start`` to each of ``days`` (the store's index of dates finds
    the proposals of each).

    >>> day_values_clause([date(2024, 5, 6)])
    'VALUES ?start { "2024-05-06"^^<http://www.w3.org/2001/XMLSchema#date> }'
    """
    return f"VALUES ?start {{ {' '.join(Literal(d).n3() for d in sorted(days))} }}"


def same_terms_query(who: Iterable[str], rec: dict) -> str:
    """A query for the day and IRI of each proposal by one of ``who`` with a term of each kind of
    ``rec``'s holding its whole numbers and yes/no values (the store's index of values finds them;
    the other values, and terms beyond ``rec``'s, are compared on the records read).

    >>> rec = {"terms": {"t": {"kind": "PauseTerm", "durationDays": 42, "from": "Gaza"}}}
    >>> print(same_terms_query(["http://x/side"], rec))  # doctest: +NORMALIZE_WHITESPACE
    SELECT DISTINCT ?q ?d WHERE { GRAPH ?g {
      ?t0 nkg:durationDays "42"^^<http://www.w3.org/2001/XMLSchema#integer> .
      ?q nkg:hasTerm ?t0 ; nkg:proposedBy ?who . FILTER(?who IN (<http://x/side>))
      ?t0 a nkg:PauseTerm .
      ?q nkg:earliestDate ?d . } }
    """
    terms = []
    for term in rec["terms"].values():
        bound = [
            f"nkg:{attr} {Literal(value).n3()}"
            for attr, value in sorted(term.items())
            if attr != "kind" and isinstance(value, int)  # bool is an int: true, false
        ]
        terms.append([*bound, f"a nkg:{term['kind']}"])
    # Oxigraph joins in about the order written: a value of the term with the most first (rarer
    # than a proposer's proposals), then its proposals by ``who``, then the rest
    terms.sort(key=lambda t: (-sum("#integer>" in x for x in t), -len(t), t))  # numbers: rarer
    first, *rest = terms or [[]]  # terms of no known kind: every proposal of ``who``, compared
    # the proposers as a filter on each proposal met: as a VALUES clause, Oxigraph joins them last
    # (about twice the cost, as much as the rest of the query)
    proposers = ", ".join(f"<{w}>" for w in sorted(who))
    patterns = [
        f"?t0 {first[0]} ." if first else "",
        f"?q nkg:hasTerm ?t0 ; nkg:proposedBy ?who . FILTER(?who IN ({proposers}))\n ",
    ]
    patterns += [f"?t0 {' ; '.join(first[1:])} ."] if first[1:] else []
    patterns += [f"?q nkg:hasTerm ?t{i} . ?t{i} {' ; '.join(t)} ." for i, t in enumerate(rest, 1)]
    return (
        f"SELECT DISTINCT ?q ?d WHERE {{ GRAPH ?g {{\n  {' '.join(patterns)}\n"
        f"  ?q nkg:earliestDate ?d . }} }}"
    )


def pending_marks(articles: list[URIRef]) -> list[tuple]:
    """The quads that mark ``articles`` as committed but not yet in the lineage, to be added in the
    transaction that commits them.

    >>> [q[1].endswith("lineagePending") for q in pending_marks([URIRef("http://x/a")])]
    [True]
    """
    return [(a, NKG.lineagePending, Literal(True), PENDING_GRAPH) for a in articles]


def records(store: GraphStore, where: str = "") -> dict[str, dict]:
    """Every proposal with terms (``where``: a VALUES clause restricting them): its article, date,
    proposers and term signature."""
    out = {
        r["p"]: {
            "article": r["article"],
            "start": r["start"],
            "proposers": frozenset(r["proposers"].split()),
            "terms": {},
        }
        for r in store.select(PROPOSALS % where)
    }
    if not out:
        return out
    for r in store.select(TERMS % (values_clause("p", out) if where else "")):
        if r["p"] in out:
            term = out[r["p"]]["terms"].setdefault(r["t"], {"kind": local_name(r["kind"])})
            # who a release frees is said in many words ("captives", "the hostages"): no signature
            if (
                r["attr"] is not None
                and local_name(r["attr"]) in TERM_ATTRIBUTES
                and local_name(r["attr"]) != "releasedGroup"
            ):
                term[local_name(r["attr"])] = r["value"]
    for rec in out.values():
        rec["signature"] = frozenset(
            tuple(sorted((k, str(v)) for k, v in t.items())) for t in rec["terms"].values()
        )
    return out


def terms_by_kind(rec: dict) -> dict[str, dict]:
    """A proposal record's terms by kind (of two of one kind, the last)."""
    return {t["kind"]: t for t in rec["terms"].values()}


def relation(new: dict, old: dict, sides: dict[str, frozenset[str]]) -> str | None:
    """How proposal ``new`` stands to an earlier ``old`` of another article: sameAs, revises, respondsTo or None.

    ``sides``: article → the actors it names. A version is revised within a year; a counter-proposal answers
    within 90 days, and each article names the other's side (the same negotiation).
    """
    if new["article"] == old["article"] or old["start"] > new["start"]:
        return None
    days = (new["start"] - old["start"]).days
    if new["proposers"] & old["proposers"]:
        if new["signature"] == old["signature"]:
            return "sameAs"
        return "revises" if days <= REVISION_DAYS else None
    # the cheap tests first: most proposals a walk passes are of other days or sides
    if days > RESPONSE_DAYS:
        return None
    both_sides = new["proposers"] & sides.get(old["article"], frozenset()) and old[
        "proposers"
    ] & sides.get(new["article"], frozenset())  # each article names the other side
    if both_sides and term_kinds(new) & term_kinds(old):
        return "respondsTo"
    return None


def term_kinds(rec: dict) -> frozenset[str]:
    """The kinds of a proposal record's terms (kept in the record: a walk asks for them often).

    >>> sorted(term_kinds({"terms": {"t1": {"kind": "Pause"}, "t2": {"kind": "Release"}}}))
    ['Pause', 'Release']
    """
    if "kinds" not in rec:
        rec["kinds"] = frozenset(t["kind"] for t in rec["terms"].values())
    return rec["kinds"]


# how far back each relation looks (None: any time)
WINDOWS = {"sameAs": None, "revises": REVISION_DAYS, "respondsTo": RESPONSE_DAYS}


def latest(
    recs: dict[str, dict],
    index: list[str],
    until: date,
    kind: str,
    p: str,
    sides: dict[str, frozenset[str]],
) -> tuple[date, str] | None:
    """(start, IRI) of the latest proposal of ``index`` (sorted by start, IRI) that ``p`` stands
    to as ``kind``; of those as late, the first by IRI. The walk goes back from ``until`` and stops
    at the first match's day or at the edge of the kind's window."""
    days = WINDOWS[kind]
    edge = shifted(until, -days) if days is not None else date.min
    found = None
    for i in range(bisect_right(index, until, key=lambda q: recs[q]["start"]) - 1, -1, -1):
        q = index[i]
        start = recs[q]["start"]
        if start < edge or (found is not None and start < found[0]):
            break
        if q != p and relation(recs[p], recs[q], sides) == kind:
            found = (start, q)  # IRIs go down too: the last found of one day is the first
    return found


class Lineage:
    """The proposals read so far, the actors of their articles and the three indexes the walks go
    through: the same side's proposals with the same terms (sameAs), the same side's (revises) and
    everyone's (respondsTo), each sorted by date and IRI."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.alone: dict[tuple[str, str], bool] = {}
        # (proposers, terms) → (day, IRI) of their proposals that may have those terms, newest first
        self.candidates: dict[tuple, list[tuple[date, str]]] = {}
        self.searched: set[str] = set()  # proposals whose same terms' walk back is settled
        self.settled_after: set[str] = set()  # and those whose same terms after them are read
        self.last: date | None = None  # the last day of anything dated in the store
        self.recs: dict[str, dict] = {}
        self.sides: dict[str, frozenset[str]] = {}
        self.days: set[date] = set()  # the days whose proposals are all read

    def add(self, recs: dict[str, dict]) -> None:
        """Take ``recs`` in, with the actors of their articles not read yet."""
        self.recs.update(recs)
        articles = {r["article"] for r in recs.values()} - set(self.sides)
        found: dict[str, set[str]] = {a: set() for a in articles}
        if articles:
            for row in self.store.select(ACTORS_OF % values_clause("article", articles)):
                found[row["article"]].add(row["x"])
        self.sides.update({a: frozenset(x) for a, x in found.items()})
        self.index()

    def read_all(self) -> None:
        """Read every proposal of the store and the actors of every article."""
        self.recs = records(self.store)
        sides: dict[str, set[str]] = {}
        for row in self.store.select(ACTORS_OF % ""):
            sides.setdefault(row["article"], set()).add(row["x"])
        self.sides = {a: frozenset(x) for a, x in sides.items()}
        self.index()

    def read_days(self, spans: list[tuple[date, date]]) -> int:
        """Read the proposals of the days of ``spans`` (first, last) not read yet; how many days
        were not."""
        days: list[date] = []
        reach = date.min
        for first, last in sorted(spans):
            day = max(first, reach)
            while day <= last:
                if day not in self.days:
                    days.append(day)
                if day == date.max:
                    break
                day += timedelta(days=1)
            reach = max(reach, day)
        self.days.update(days)
        for i in range(0, len(days), 400):  # a few hundred days a query
            self.add(records(self.store, day_values_clause(days[i : i + 400])))
        return len(days)

    def index(self) -> None:
        """Sort the proposals read into the three indexes: by proposer (revises), by proposer and
        terms (sameAs) and by date (respondsTo), each by date, then IRI.

        >>> lineage = Lineage(GraphStore())
        >>> side = frozenset({"http://x/side"})
        >>> rec = lambda a, day: {"article": "http://x/" + a, "start": date(2025, 3, day),
        ...                       "proposers": side, "terms": {}, "signature": frozenset()}
        >>> lineage.recs = {"http://x/b/p": rec("b", 9), "http://x/a/p": rec("a", 2)}
        >>> lineage.index()
        >>> lineage.by_date == lineage.by_proposer["http://x/side"]
        True
        >>> lineage.by_date
        ['http://x/a/p', 'http://x/b/p']
        """
        order = lambda q: (self.recs[q]["start"], q)
        self.by_proposer: dict[str, list[str]] = {}
        self.by_terms: dict[tuple, list[str]] = {}
        for q, rec in self.recs.items():
            for who in rec["proposers"]:
                self.by_proposer.setdefault(who, []).append(q)
                self.by_terms.setdefault((who, rec["signature"]), []).append(q)
        for index in (*self.by_proposer.values(), *self.by_terms.values()):
            index.sort(key=order)
        self.by_date = sorted(self.recs, key=order)

    def only_in(self, who: str, article: str) -> bool:
        """Does ``who`` propose nothing outside ``article`` (a group an article names, "the
        mediators", has an IRI of that article's)? Then no walk through its proposals can find a
        match: they are all of one article."""
        if (who, article) not in self.alone:
            rows = self.store.select(
                f"SELECT ?g WHERE {{ GRAPH ?g {{ ?q nkg:proposedBy <{who}> }} "
                f"FILTER(?g != <{article}>) }} LIMIT 1"
            )
            self.alone[who, article] = not rows
        return self.alone[who, article]

    def unsettled(self, p: str) -> list[str]:
        """The proposers of ``p`` whose proposals outside its article may hold a match."""
        article = self.recs[p]["article"]
        return [who for who in sorted(self.recs[p]["proposers"]) if not self.only_in(who, article)]

    def same_terms(self, p: str) -> list[tuple[date, str]]:
        """(day, IRI) of every proposal by a proposer of ``p`` (one proposing outside its
        article) with a term of each of ``p``'s kinds holding its numbers, by day: those that may
        have ``p``'s terms, found through the store's index of values, not by reading each of
        their proposals (one query for the same proposers and terms)."""
        rec = self.recs[p]
        who = tuple(self.unsettled(p))
        key = (who, rec["signature"])
        if key not in self.candidates:
            rows = self.store.select(same_terms_query(who, rec)) if who else []
            self.candidates[key] = sorted({(r["d"], r["q"]) for r in rows})
        return self.candidates[key]

    def read_same(
        self, p: str, chosen: list[str], enough: Callable[[list[str], date | None], bool]
    ) -> None:
        """Read the records of ``chosen`` (proposals that may have ``p``'s terms, in the order
        they are wanted) a chunk at a time until ``enough(found, day)``: ``found``, those read
        with ``p``'s terms; ``day``, the day of the last proposal read."""
        found: list[str] = []
        for i in range(0, len(chosen), CANDIDATES_READ):
            chunk = chosen[i : i + CANDIDATES_READ]
            unread = [q for q in chunk if q not in self.recs]
            if unread:
                self.add(records(self.store, values_clause("p", unread)))
            found += [q for q in chunk if q in self.recs and self.same_as(p, q)]
            if enough(found, self.recs[chunk[-1]]["start"] if chunk[-1] in self.recs else None):
                return

    def same_as(self, p: str, q: str) -> bool:
        """Are ``p`` and ``q`` (read) the same side's same terms, in two articles?"""
        new, old = sorted((self.recs[p], self.recs[q]), key=lambda r: r["start"])[::-1]
        return relation(new, old, {}) == "sameAs"

    def read_earlier(self, p: str, edge: date) -> None:
        """Read the latest proposal before ``edge`` with ``p``'s terms by a proposer of ``p``
        (:meth:`same_terms`, newest first, until one has ``p``'s terms exactly)."""
        earlier = [q for day, q in reversed(self.same_terms(p)) if day < edge]
        self.read_same(p, earlier, lambda found, day: bool(found))
        self.searched.add(p)

    def last_day(self) -> date:
        """The last day of anything dated in the store (read when first asked for)."""
        if self.last is None:
            self.last = self.store.select(LAST_DAY)[0].get("last") or date.min
        return self.last

    def read_later(self, n: str) -> None:
        """Read the proposals after ``n`` with its terms by a proposer of ``n`` up to the second
        later article of each proposer reporting them (:meth:`same_terms`, oldest first): all that
        ``n`` can be the latest match of, however far on."""
        rec = self.recs[n]
        later = [q for day, q in self.same_terms(n) if day >= rec["start"]]

        def past_second(found: list[str], day: date | None) -> bool:
            for who in self.unsettled(n):
                first: dict[str, date] = {}  # each later article's first report of the terms
                for r in (self.recs[q] for q in found):
                    if who in r["proposers"] and r["start"] > rec["start"]:
                        first[r["article"]] = min(first.get(r["article"], date.max), r["start"])
                days = sorted(first.values())
                if len(days) < 2 or day is None or day <= days[1]:
                    return False
            return True

        self.read_same(n, later, past_second)
        self.settled_after.add(n)

    def matches(self, p: str, kind: str) -> list[tuple[date, str]]:
        """The latest proposal of each index ``p`` stands to as ``kind`` (of those read)."""
        new, recs, sides = self.recs[p], self.recs, self.sides
        if kind == "sameAs":
            indexes = [self.by_terms[who, new["signature"]] for who in new["proposers"]]
        elif kind == "revises":
            indexes = [self.by_proposer[who] for who in new["proposers"]]
        else:
            indexes = [self.by_date]
        found = (latest(recs, index, new["start"], kind, p, sides) for index in indexes)
        return [f for f in found if f is not None]

    def links(self, p: str, group: str) -> list[tuple[str, str, str, str]]:
        """(p, relation, q, what changed) of ``p``'s links of ``group`` ("same" or "bounded")."""
        out = []
        for kind in GROUPS[group]:
            found = self.matches(p, kind)
            # the latest; of two as late, the first by IRI (the order links were always chosen in)
            if found:
                q = min(found, key=lambda f: (-f[0].toordinal(), f[1]))[1]
                what = lineage_change(
                    kind, terms_by_kind(self.recs[q]), terms_by_kind(self.recs[p])
                )
                out.append((p, kind, q, what))
        return out


def link_triples(links: list[tuple[str, str, str, str]]) -> str:
    """The links (proposal, relation, earlier proposal, what changed) as triples in SPARQL's
    syntax.

    >>> print(link_triples([("http://x/b/p", "revises", "http://x/a/p", "pause 30 → 45 days")]))
    <http://x/b/p> nkg:revises <http://x/a/p> . <http://x/b/p> nkg:change "pause 30 → 45 days" .
    """
    triples = []
    for p, kind, q, what in links:
        predicate = "owl:sameAs" if kind == "sameAs" else f"nkg:{kind}"
        triples.append(f"<{p}> {predicate} <{q}> .")
        if kind != "sameAs":
            triples.append(f"<{p}> nkg:change {Literal(what).n3()} .")
    return " ".join(triples)


def relink_lineage(store: GraphStore) -> int:
    """Recompute the lineage graph from the proposals of the store; how many links.

    Each proposal is linked to the latest earlier one of each relation, found by walking back in
    time through three indexes until it is found (or the relation's window is passed): the same
    side's proposals with the same terms (sameAs), the same side's proposals of the year before
    (revises), and any side's of the 90 days before (respondsTo). A corpus about one negotiation
    holds thousands of proposals of each side: a walk stops at the latest match instead of
    comparing them all. The articles marked as not yet in the lineage are in it now.

    >>> relink_lineage(GraphStore())
    0
    """
    lineage = Lineage(store)
    lineage.read_all()
    links = [link for p in lineage.recs for group in GROUPS for link in lineage.links(p, group)]
    update = [f"DROP SILENT GRAPH <{LINEAGE_GRAPH}>", f"DROP SILENT GRAPH <{PENDING_GRAPH}>"]
    if links:
        update.append(f"INSERT DATA {{ GRAPH <{LINEAGE_GRAPH}> {{ {link_triples(links)} }} }}")
    store.update(" ;\n".join(update))
    return len(links)


def link_lineage(store: GraphStore, new: frozenset[str] = frozenset()) -> int:
    """Link into the lineage the proposals of the articles marked as not yet in it, and relink the
    later proposals each can become the latest match of; how many links were written.

    The proposals read are bounded by the relations' windows, not by the store: those of the year
    before and the year after each marked one (a revision looks back a year, a counter-proposal 90
    days), and for the same terms (sameAs, which has no window) back to the latest match and on to
    the second later article reporting them (past it, every later report has a later match): the
    days up to three years before and after (a day costs what its proposals cost), and beyond
    them the proposals by the same side holding the same terms' numbers, found through the
    store's index of values (which costs what the stored terms with those numbers cost).
    ``new``: marked articles the store did not hold before this ingest, which no link can point
    into; for the others (a new version of an article, a run killed before its lineage was
    linked) the links from and to their proposals are looked up and redone: that reads every link
    of the lineage graph once (an earlier version's proposals may be gone from the store, so their
    links are told by the article IRI their own IRIs start with). Gives the links the whole
    recomputation (:func:`relink_lineage`) gives, and is that
    recomputation when the marked articles are a quarter of the store or more.

    >>> link_lineage(GraphStore())  # nothing marked: nothing read
    0
    """
    pending = sorted({r["a"] for r in store.select(PENDING)})
    if not pending:
        return 0
    if not store.holds_articles(len(pending) * WHOLE_SHARE + 1):
        # most of the store is new: its days are most of the days, read faster in one pass
        return relink_lineage(store)
    lineage = Lineage(store)
    lineage.add(records(store, values_clause("article", pending)))
    fresh = set(lineage.recs)
    todo: dict[str, set[str]] = {p: set(GROUPS) for p in fresh}
    gone, roots = links_touching(store, [a for a in pending if a not in new])
    lineage.add(records(store, values_clause("p", set(roots) - set(lineage.recs))) if roots else {})
    for p, groups in roots.items():
        if p in lineage.recs:
            todo.setdefault(p, set()).update(groups)
    # days read for a proposal's same terms, a year at a time up to WIDEST: back from each to link,
    # on from each fresh one
    back: dict[str, int] = {}
    ahead: dict[str, int] = {}
    while True:
        # the days each relation reaches: a year before each proposal to link, a year after
        # each fresh one; the same terms beyond are looked up through the store's index of values
        read = lineage.read_days(
            [
                (shifted(start, -back.get(p, REVISION_DAYS)), shifted(start, on))
                for p in todo
                for on in [ahead.get(p, REVISION_DAYS) if p in fresh else 0]
                for start in [lineage.recs[p]["start"]]
            ]
        )
        for n in fresh:
            for p, groups in later_proposals(lineage, n).items():
                todo.setdefault(p, set()).update(groups)
        back_reached = reached_same_terms(lineage, todo, back)
        if not reached_later(lineage, fresh, ahead) and not back_reached and not read:
            break
    links = [link for p, groups in todo.items() for g in groups for link in lineage.links(p, g)]
    write_links(store, todo, gone, links)
    return len(links)


def links_touching(store: GraphStore, articles: list[str]) -> tuple[set[str], dict[str, set[str]]]:
    """Of the lineage's links from or to the proposals of ``articles``: the proposals of those
    articles that had links (all of them to be removed), and each other proposal linked to one of
    them, with the groups of its links to redo. Reads every link of the lineage graph once.

    >>> store = GraphStore()
    >>> store.update(f"INSERT DATA {{ GRAPH <{LINEAGE_GRAPH}> {{ "
    ...              "<http://x/b/p> owl:sameAs <http://x/a/p> . "
    ...              "<http://x/c/p> nkg:revises <http://x/b/p> . } }")
    >>> links_touching(store, ["http://x/b"])
    ({'http://x/b/p'}, {'http://x/c/p': {'bounded'}})
    """
    gone: set[str] = set()
    roots: dict[str, set[str]] = {}
    if not articles:
        return gone, roots
    marked = set(articles)
    for row in store.select(LINKS):
        # a proposal's IRI is its article's and a name
        if row["p"].rsplit("/", 1)[0] in marked:
            gone.add(row["p"])
        elif row["q"].rsplit("/", 1)[0] in marked:
            group = "same" if row["r"].endswith("sameAs") else "bounded"
            roots.setdefault(row["p"], set()).add(group)
    return gone, roots


def later_proposals(lineage: Lineage, n: str) -> dict[str, set[str]]:
    """The later proposals (of those read) that ``n`` can be the latest
    match of, with the groups of links it can change: any within 90 days and the same side's within
    a year (bounded), and the same side's with the same terms until the second later article
    that reports them (same).

    >>> lineage = Lineage(GraphStore())
    >>> rec = lambda a, day: {"article": "http://x/" + a, "start": date(2025, 3, day), "terms": {},
    ...                       "proposers": frozenset({"http://x/side"}), "signature": frozenset()}
    >>> lineage.add({"http://x/a/p": rec("a", 1), "http://x/b/p": rec("b", 5)})
    >>> {q: sorted(groups) for q, groups in later_proposals(lineage, "http://x/a/p").items()}
    {'http://x/b/p': ['bounded', 'same']}
    """
    rec, recs = lineage.recs[n], lineage.recs
    out: dict[str, set[str]] = {}
    first = bisect_left(lineage.by_date, rec["start"], key=lambda q: recs[q]["start"])
    for q in lineage.by_date[first:]:
        other = recs[q]
        days = (other["start"] - rec["start"]).days
        if days > REVISION_DAYS:
            break
        if q == n or other["article"] == rec["article"]:
            continue
        if days <= RESPONSE_DAYS or (
            days <= REVISION_DAYS and other["proposers"] & rec["proposers"]
        ):
            out.setdefault(q, set()).add("bounded")
    # as far on as the same terms' proposals after n are read: a year, or all that matter
    ahead = None if n in lineage.settled_after else REVISION_DAYS
    for who in rec["proposers"]:
        for q in same_terms_after(lineage, n, who, ahead)[0]:
            out.setdefault(q, set()).add("same")
    return out


def same_terms_after(
    lineage: Lineage, n: str, who: str, ahead: int | None
) -> tuple[list[str], bool]:
    """The proposals after ``n`` with its terms by ``who`` that ``n`` can be the latest match of
    (of another article, up to the second later article reporting the same), and whether that
    second article was found within ``ahead`` days of ``n``.

    >>> lineage = Lineage(GraphStore())
    >>> rec = lambda a, day: {"article": "http://x/" + a, "start": date(2025, 3, day), "terms": {},
    ...                       "proposers": frozenset({"http://x/side"}), "signature": frozenset()}
    >>> lineage.add({f"http://x/{a}/p": rec(a, day) for a, day in zip("abcd", (1, 4, 6, 8))})
    >>> same_terms_after(lineage, "http://x/a/p", "http://x/side", 365)  # c: the second later
    (['http://x/b/p', 'http://x/c/p'], True)
    >>> same_terms_after(lineage, "http://x/a/p", "http://x/side", 4)  # c: past 4 days
    (['http://x/b/p'], False)
    """
    rec, recs = lineage.recs[n], lineage.recs
    index = lineage.by_terms[who, rec["signature"]]
    edge = shifted(rec["start"], ahead) if ahead is not None else date.max
    later: set[str] = set()  # articles of the same terms after n's day
    second = date.max  # the day of the second of them
    out = []
    for q in index[bisect_left(index, rec["start"], key=lambda q: recs[q]["start"]) :]:
        other = recs[q]
        if other["start"] > edge:
            break
        if other["start"] > second:
            return out, True
        if other["start"] > rec["start"] and other["article"] not in later:
            later.add(other["article"])
            second = other["start"] if len(later) == 2 else second
        if q != n and other["article"] != rec["article"]:
            out.append(q)
    return out, len(later) >= 2


def reached_same_terms(lineage: Lineage, todo: dict[str, set[str]], back: dict[str, int]) -> bool:
    """Whether proposals were read (or more days are to be: ``back`` changed in place) where the
    same terms' walk back is not settled by the days read: from a proposal to link with no match
    read in the days before it (up to WIDEST days, read as the others are; past them, the latest
    earlier match however far back, through the store's index of values)."""
    reached = False
    for p, groups in todo.items():
        if "same" not in groups or p in lineage.searched:
            continue
        edge = shifted(lineage.recs[p]["start"], -back.get(p, REVISION_DAYS))
        # the latest match read is the latest there is if it is of the days read, every one of them
        best = max((f[0] for f in lineage.matches(p, "sameAs")), default=None)
        if (best is None or best < edge) and lineage.unsettled(p):
            start = lineage.recs[p]["start"]
            if best is None and back.get(p, REVISION_DAYS) < WIDEST:
                back[p] = back.get(p, REVISION_DAYS) + REVISION_DAYS  # a day's cost: flat
            elif best is not None and (start - best).days <= WIDEST:
                back[p] = (start - best).days  # the days back to a match read: the latest is there
            else:
                lineage.read_earlier(p, edge)
            reached = True
    return reached


def reached_later(lineage: Lineage, fresh: set[str], ahead: dict[str, int]) -> bool:
    """Whether the walk on from the fresh proposals to their same terms' later reports moved:
    proposals were read, more days are to be (``ahead`` changed in place), or one was settled past
    a year (:func:`later_proposals` looks a year on until then: it is done again).

    A fresh proposal is settled when the second later article reporting its terms is within the
    days read after it, or those days reach the store's last day; until then they are widened a
    year at a time up to WIDEST (a day costs what its proposals cost), and past them every later
    report up to that second one is read through the store's index of values."""
    reached = False
    for n in fresh:
        if n in lineage.settled_after:
            continue
        on = ahead.get(n, REVISION_DAYS)
        # every day up to the store's last is read, or the second later report is: all are there
        if shifted(lineage.recs[n]["start"], on) >= lineage.last_day() or all(
            same_terms_after(lineage, n, who, on)[1] for who in lineage.unsettled(n)
        ):
            lineage.settled_after.add(n)
            reached |= on > REVISION_DAYS
        elif on < WIDEST:
            ahead[n] = on + REVISION_DAYS
            reached = True
        else:
            lineage.read_later(n)
            reached = True
    return reached


def write_links(
    store: GraphStore, todo: dict[str, set[str]], gone: set[str], links: list[tuple]
) -> None:
    """In one transaction: remove the links of ``gone`` proposals and those of each group of
    ``todo``, add ``links``, and clear the marks of the articles now in the lineage.

    >>> store = GraphStore()
    >>> write_links(store, {}, set(), [("http://x/b/p", "sameAs", "http://x/a/p", "")])
    >>> store.select(LINKS)
    [{'p': 'http://x/b/p', 'r': 'http://www.w3.org/2002/07/owl#sameAs', 'q': 'http://x/a/p'}]
    >>> write_links(store, {"http://x/b/p": {"same"}}, set(), [])  # its sameAs link redone: none
    >>> store.select(LINKS)
    []
    """
    pairs = [
        (p, predicate) for p in sorted(gone) for group in GROUPS for predicate in PREDICATES[group]
    ]
    pairs += [
        (p, predicate)
        for p, groups in sorted(todo.items())
        for g in sorted(groups)
        for predicate in PREDICATES[g]
    ]
    update = []
    if pairs:
        rows = " ".join(f"(<{p}> {predicate})" for p, predicate in pairs)
        update.append(
            f"DELETE {{ GRAPH <{LINEAGE_GRAPH}> {{ ?p ?r ?q }} }} "
            f"WHERE {{ VALUES (?p ?r) {{ {rows} }} "
            f"GRAPH <{LINEAGE_GRAPH}> {{ ?p ?r ?q }} }}"
        )
    if links:
        update.append(f"INSERT DATA {{ GRAPH <{LINEAGE_GRAPH}> {{ {link_triples(links)} }} }}")
    update.append(f"DROP SILENT GRAPH <{PENDING_GRAPH}>")
    store.update(" ;\n".join(update))
