"""What every rule needs about a sentence: where it is, its evidence, its time expressions, its sources.

The :class:`ArticleContext` walks an annotated article sentence by sentence,
skipping sentences repeated verbatim (a repeated sentence yields nothing
twice), and keeps the time anchor that relative expressions ("the same day")
point back to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from spacy.tokens import Span, Token

from ..annotate import AnnotatedArticle
from ..facts import ActorRef, Evidence, When
from ..identity.table import ActorTable, Resolution
from ..schema import has_trait
from ..vocab import word_list
from .dates import (
    RELATIVE_EXPRESSIONS,
    Interval,
    interval_of,
    is_anchored,
    points_to_told_time,
    resolve,
    same_occasion,
    shifted,
)
from .quantities import duration_days
from .triggers import agent_objects, is_speech


@dataclass
class Sentence:
    """One sentence of the article, with what the rules ask of it."""

    par: int
    span: Span
    evidence: Evidence
    index: int

    @property
    def doc(self):
        return self.span.doc

    @cached_property
    def tokens(self) -> list[Token]:
        """The sentence's tokens, made once: every rule family walks them, and spaCy makes each
        token anew at every walk of the span."""
        return list(self.span)

    @cached_property
    def words(self) -> frozenset[str]:
        """The lowercase forms of the sentence's words: a rule that needs one word ("until", "if")
        passes over a sentence without it at once."""
        return frozenset(tok.lower_ for tok in self.tokens)

    @cached_property
    def speech_verbs(self) -> list[Token]:
        """The sentence's speech verbs ("The quota, she said, remained ..."), found once."""
        return [tok for tok in self.tokens if is_speech(tok)]

    @cached_property
    def cited(self) -> list[Token]:
        """The tokens naming whom the sentence's reporting constructions cite, in order."""
        return [source for tok in self.tokens for source in cited_tokens(tok)]


@dataclass
class ArticleContext:
    """An article's sentences, actors and time anchor, shared by the rule families."""

    annotated: AnnotatedArticle
    actors: ActorTable
    sentences: list[Sentence] = field(default_factory=list)
    # what the rules' lookups said of the actors (another name, a generic noun): for actors()
    resolved: list[Resolution] = field(default_factory=list)

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for par, p in enumerate(self.annotated.paragraphs):
            for sent in p.doc.sents:
                whole = sent.text  # joined from the tokens at every call: read once
                text = whole.strip()
                if not text or text in seen:
                    continue
                seen.add(text)
                start = p.start + sent.start_char
                self.sentences.append(
                    Sentence(
                        par, sent, Evidence(whole, start, start + len(whole)), len(self.sentences)
                    )
                )

    def is_headline(self, s: Sentence) -> bool:
        """Is ``s`` part of the headline line (which restates the body, so yields no facts)?"""
        first = self.annotated.paragraphs[0] if self.annotated.paragraphs else None
        return (
            s.par == 0
            and first is not None
            and first.doc.text.strip() == self.annotated.article.title.strip()
        )

    @property
    def published(self) -> date | None:
        return self.annotated.article.published

    def actor(self, s: Sentence, token: Token | None) -> ActorRef | None:
        """The (first) actor ``token`` refers to."""
        found = self.actors_of(s, token)
        return found[0] if found else None

    def actors_of(self, s: Sentence, token: Token | None) -> list[ActorRef]:
        """Every actor ``token`` refers to ("the US and Israeli intelligence chiefs" → two)."""
        if token is None:
            return []
        found = self.actors.resolve(s.par, token.i)
        if found.noted:
            self.resolved.append(found)
        return list(found.refs)


def own_subtree(trigger: Token) -> list[Token]:
    """``trigger``'s subtree without the clauses that have a time of their own: complements,
    relative clauses, finite adverbial clauses and conjuncts with their own tense."""
    out: list[Token] = []
    stack = [trigger]
    while stack:
        tok = stack.pop()
        out.append(tok)
        for child in tok.children:
            if child.dep_ in ("ccomp", "relcl", "parataxis"):
                continue
            # a finite adverbial clause has its own time; a participle ("..., assisting in X in November") shares it
            if child.dep_ == "advcl" and child.tag_ != "VBG":
                continue
            if own_tense_conjunct(child):
                continue
            stack.append(child)
    return out


def clause_tokens(trigger: Token) -> list[Token]:
    """The trigger's own clause: its subtree without embedded clauses or quotes (their dates are theirs)."""
    out = own_subtree(trigger)
    for (
        child
    ) in trigger.children:  # "X, speaking in Lyon on Thursday, urged ...": the subject's participle
        if child.dep_ in ("nsubj", "nsubjpass"):
            for acl in child.children:
                if acl.dep_ == "acl" and acl.tag_ == "VBG":
                    out.extend(acl.subtree)
        if child.dep_ == "ccomp" and is_speech(trigger):
            out.extend(leading_time_of(trigger, child))
    out.extend(appended_time(trigger))
    if trigger.pos_ == "NOUN":
        # "the truce the council brokered in August 2013": the clause that made it tells its time
        out.extend(
            t
            for c in trigger.children
            if c.dep_ == "relcl" and c.lemma_ in word_list("event_making_verbs")
            for t in c.subtree
        )
    if trigger.dep_ == "relcl" and trigger.head.ent_type_ in ("DATE", "TIME"):
        # "in November 2019, when the rebels freed 40 captives": the clause tells of that time
        out.extend(
            t
            for t in trigger.head.subtree
            if t.ent_type_ in ("DATE", "TIME")
            or t.i == trigger.head.i
            or t.dep_ == "prep"
            and t.i < trigger.head.i
        )
        out.extend(a for a in [trigger.head.head] if a.dep_ == "prep")
    shares_clause = trigger.dep_ in ("acl", "advcl", "xcomp", "pcomp", "conj")
    if (shares_clause and not own_tense_conjunct(trigger)) or trigger.pos_ == "NOUN":
        # "On Tuesday, X met Y": dates on the governing verb belong to the whole clause
        head = trigger.head
        ids = {t.i for t in out}
        # "the swap is due on Monday": the time phrase of the subject's predicate adjective
        predicate = [g for c in head.children if c.dep_ == "acomp" for g in c.children]
        for child in [*head.children, *predicate]:
            # "followed meetings last month in Tallinn"; "the talks were set for May 3": the predicate of its subject
            if (
                child.dep_ in ("prep", "npadvmod", "advmod")
                and child.i not in ids
                and (child.i < trigger.i or trigger.dep_ in ("dobj", "nsubj", "nsubjpass"))
            ):
                out.extend(child.subtree)
    out.extend(occasion_time(trigger, {t.i for t in out}))
    if is_undated_time_clause(trigger, out):
        out.extend(clause_tokens(trigger.head))
    return out


def is_undated_time_clause(trigger: Token, tokens: list[Token]) -> bool:
    """Is ``trigger`` the verb of a time clause with no time of its own ("before the envoys
    arranged a truce"), which is then told at the time of the clause it hangs on?

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("The strike lasted a week in May before the envoys arranged a truce.")
    >>> is_undated_time_clause(doc[10], list(doc[8:14])), is_undated_time_clause(doc[2], [])
    (True, False)
    """
    return (
        trigger.dep_ == "advcl"
        and any(
            c.dep_ == "mark" and c.lower_ in word_list("shared_time_conjunctions")
            for c in trigger.children
        )
        and not any(t.ent_type_ in ("DATE", "TIME") for t in tokens)
    )


def occasion_time(trigger: Token, taken: set[int]) -> list[Token]:
    """ "On Monday the board approved the budget after a long meeting": an event noun that is the
    occasion of a clause's act is dated by the time phrases of that act's verb, before or after it.

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("On Monday the board approved the budget after a long meeting.")
    >>> [t.text for t in occasion_time(doc[10], set())]
    ['On', 'Monday']
    """
    prep = trigger.head
    if (
        trigger.pos_ != "NOUN"
        or trigger.dep_ != "pobj"
        or prep.lower_ not in word_list("occasion_prepositions")
    ):
        return []
    verb = prep.head
    if verb.pos_ not in ("VERB", "AUX") or prep.dep_ != "prep":
        return []
    found: list[Token] = []
    for _ in range(3):
        found = [
            t
            for child in verb.children
            if child.dep_ in ("prep", "npadvmod") and child.i != prep.i and child.i not in taken
            if any(g.ent_type_ in ("DATE", "TIME") for g in [child, *child.children])
            for t in child.subtree
        ]
        # "were due to fly out on Friday to brief the press at a summit": an infinitive of purpose
        # without a time of its own is timed by the verb it serves
        if found or verb.dep_ not in ("advcl", "xcomp") or verb.tag_ != "VB":
            break
        verb = verb.head
    return found


def own_tense_conjunct(child: Token) -> bool:
    """Is ``child`` a conjoined verb with a subject or an auxiliary of its own ("pledged to help and
    is expected to speak on Friday", "met on Monday and will sign later")? Its time is its own;
    a bare conjunct ("met and signed on Monday") shares the time of the first verb.

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("The mayor resigned and is expected to leave on Friday.")
    >>> own_tense_conjunct(doc[5]), own_tense_conjunct(doc[2])
    (True, False)
    """
    return (
        child.dep_ == "conj"
        and child.pos_ in ("VERB", "AUX")
        and any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in child.children)
    )


def appended_time(trigger: Token) -> list[Token]:
    """ "..., when the unions last sat down together in Turin, in April 2011": a time phrase set off right after a
    "when" clause says when that was, though the parser hangs it on a verb further up."""
    if not any(c.lower_ == "when" and c.dep_ in ("advmod", "mark") for c in trigger.children):
        return []
    doc, i = trigger.doc, trigger.right_edge.i + 1
    if i + 1 >= len(doc) or doc[i].text != ",":
        return []
    phrase = doc[i + 1]
    if phrase.dep_ != "prep" or phrase.head not in list(trigger.ancestors):
        return []
    subtree = list(phrase.subtree)
    return subtree if any(t.ent_type_ in ("DATE", "TIME") for t in subtree) else []


def leading_time_of(verb: Token, clause: Token) -> list[Token]:
    """ "X said on Friday it was pleased": the time phrase between a speech verb and the subject of what it
    reports belongs to the saying, though the parser often hangs it on the reported clause."""
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subject is None or subject.i < verb.i:
        return []
    return [
        t
        for c in clause.children
        if c.dep_ in ("prep", "npadvmod") and verb.i < c.i < subject.left_edge.i
        for t in c.subtree
    ]


def date_expressions(s: Sentence, tokens: list[Token]) -> list[str]:
    """Temporal expressions among ``tokens``: DATE entities (not durations) and relative phrases."""
    ids = {t.i for t in tokens}
    found = []
    trigger_quoted = None  # asked only of a quoted date
    for ent in s.span.ents:
        if ent.label_ not in ("DATE", "TIME") or not any(t.i in ids for t in ent):
            continue
        quoted = in_quotes(s, ent[0])
        if quoted and trigger_quoted is None:
            trigger_quoted = bool(tokens) and in_quotes(s, tokens[0])
        if quoted and not trigger_quoted and not quoted_time_phrase(s, ent, ids):
            continue  # a date inside a quotation belongs to what is quoted
        text = ent.text
        prev = s.doc[ent.start - 1] if ent.start > 0 else None
        if is_comparison(prev):
            # "the first truce since 2016", "the worst fighting since 1945": a comparison, not this
            # event's time
            continue
        if duration_days(text) is not None and not re.search(
            r"\b(ago|last|past|next|coming|later|earlier)\b", text, re.I
        ):
            continue
        if prev is not None and prev.lower_ in ("for", "over") and duration_days(text) is not None:
            continue
        if ent.end + 1 < len(s.doc) and s.doc[ent.end].text == "-":
            continue  # "a week-long truce", "a two-day visit": a length, not a time
        if is_clock_time(s, ent):
            continue  # "at 9 p.m. (1800 GMT)": the hour in another zone, not a year
        if (
            prev is not None
            and prev.lower_ == "that"
            and (prev.dep_ == "det" or ent.root.head == prev)
        ):
            text = f"{prev.text} {text}"  # "that December": the December of the time just told
        elif prev is not None and prev.lower_ in word_list("date_leading_words"):
            text = f"{prev.text} {text}"
        found.append(text)
    clause_text = " ".join(t.text for t in sorted(tokens, key=lambda t: t.i))
    for pattern in (RELATIVE_EXPRESSIONS, same_occasion()):
        found.extend(m.group() for m in pattern.finditer(clause_text))
    for tok in tokens:
        if (
            tok.lower_ in word_list("relative_time_adverbs")
            and tok.dep_ == "advmod"
            and not any(tok.lower_ in f.lower() for f in found)
            # "no later than the fifth day": a deadline, not a time after the last one told
            and not any(c.lower_ in ("than", "no") for c in tok.children)
        ):
            found.append(tok.text)
    return found


def is_clock_time(s: Sentence, ent: Span) -> bool:
    """Is ``ent`` an hour written in a time zone ("0400 GMT", "1630 UTC"), which the parser may
    read as a year? The zones are ``kg/data/time_zones.txt``. "1630" in "at 1630 UTC" is a
    clock time (True); "1630" in "since 1630" is not (False)."""
    following = s.doc[ent.end] if ent.end < len(s.doc) else None
    zones = word_list("time_zones")
    return ent[-1].lower_ in zones or (following is not None and following.lower_ in zones)


def is_comparison(prev: Token | None) -> bool:
    """Does ``prev`` open a comparison point inside a noun phrase ("the first pause [since] 2016", "higher
    [than] in 2019")? Then the date it introduces is not the time of the fact."""
    if prev is None:
        return False
    return prev.lower_ == "than" or (
        prev.lower_ == "since"
        and prev.dep_ == "prep"
        and (prev.head.pos_ in ("NOUN", "PROPN", "ADJ") or follows_superlative(prev))
    )


def follows_superlative(prep: Token) -> bool:
    """Does ``prep`` come right after a noun that a superlative or "first" qualifies ("the
    biggest rally since 1990", "the largest swap of captives since 2011"), though the parser
    hangs it on the verb?

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("The army launched its largest offensive since 1990.")
    >>> follows_superlative(doc[6])
    True
    """
    before = prep.doc[prep.i - 1] if prep.i > 0 else None
    if before is None or before.pos_ not in ("NOUN", "PROPN"):
        return False
    nouns = [before]
    if before.dep_ == "pobj" and before.head.lower_ == "of":
        nouns.append(before.head.head)  # the superlative is on the noun "of" hangs from
    singling = word_list("singling_words")
    return any(c.tag_ == "JJS" or c.lower_ in singling for n in nouns for c in n.children)


def quoted_time_phrase(s: Sentence, ent: Span, ids: set[int]) -> bool:
    """Is the quotation around ``ent`` only the time phrase of the clause ``ids`` itself (would be
    signed "by next Friday"), whose words are then the clause's own, not a quoted speaker's?"""
    marks = {'"', "“", "”"}
    start = next((t.i for t in reversed(s.doc[s.span.start : ent.start]) if t.text in marks), None)
    end = next((t.i for t in s.doc[ent.end : s.span.end] if t.text in marks), None)
    if start is None or end is None:
        return False
    words = [t for t in s.doc[start + 1 : end] if not t.is_punct]
    return all(t.i in ids for t in words) and all(
        ent.start <= t.i < ent.end or (t.dep_ == "prep" and t.i == ent.start - 1) for t in words
    )


def in_quotes(s: Sentence, tok: Token) -> bool:
    """Is ``tok`` inside a quotation of its sentence (an odd number of quote marks before it)?"""
    before = s.doc[s.span.start : tok.i].text
    straight = before.count('"')
    curly = before.count("“") - before.count("”")
    return straight % 2 == 1 or curly > 0


@dataclass
class TimeAnchor:
    """The last resolved time of the article, which relative expressions point back to."""

    paragraph: int = -1
    interval: Interval | None = None
    in_paragraph: bool = False
    sentence: int = -1
    planned: bool = False  # the time is of a planned event
    speech: bool = False  # the time is of a remark


def when_of(
    ctx: ArticleContext,
    s: Sentence,
    trigger: Token,
    anchor: TimeAnchor,
    status: str,
    kind: str = "",
) -> When:
    """Date text and bounds of an event at ``trigger``; undated past events take the time they continue.

    An event with no expression of its own inherits the time stated in its own
    sentence, or in the sentence just before when it goes on narrating the same
    scene; a remark (a Statement) in a later sentence is reported at the news
    peg, the day before publication to publication, as is everything else.
    """
    published = ctx.published
    tense = "future" if status == "Planned" else "past"
    texts = date_expressions(s, clause_tokens(trigger))
    base = anchor.interval
    # "Two days later the truce was extended": a family that has told nothing dated yet reads the
    # expression against the time its paragraph last told, whichever rule told it
    pointing = base is None and any(map(is_anchored, texts))
    if pointing or any(points_to_told_time(t) for t in texts):
        base = told_time(ctx, s) or base
    found = interval_of(texts, published, tense, base)
    when = When(found[0], found[1].earliest, found[1].latest) if found else None
    if (
        when is None
        and texts
        and texts[0].lower() == "earlier"
        and anchor.interval is not None
        and anchor.in_paragraph
    ):
        when = When(texts[0], None, anchor.interval.latest)
    if when is not None and (when.earliest or when.latest):
        anchor.paragraph, anchor.interval, anchor.in_paragraph = (
            s.par,
            Interval(when.earliest, when.latest),
            True,
        )
        if trigger.dep_ != "relcl" or trigger.head.ent_type_ in ("DATE", "TIME"):
            # "the truce, which began on Monday, was extended": a describing clause's time is no
            # time the main clause's undated event inherits (a pointing expression still reads it)
            anchor.sentence = s.index
        anchor.planned = status == "Planned"
        anchor.speech = has_trait(kind, "speech")
        return when
    text = texts[0] if texts else None
    if published is None:
        return When(text)
    if status == "Planned":
        return When(text, published, None)
    # a remark right after a dated remark goes on with that day's reactions ("X said on Friday
    # ... Y said ..."); one after a narrated event is reported at the news peg
    continues = anchor.sentence == s.index or (
        anchor.sentence == s.index - 1 and (not has_trait(kind, "speech") or anchor.speech)
    )
    # what is yet to come is no time a past event of the narration goes on from
    continues = continues and not anchor.planned
    if anchor.paragraph == s.par and anchor.interval is not None and continues:
        return When(text, anchor.interval.earliest, anchor.interval.latest)
    return When(text, shifted(published, -1), published)


def told_time(ctx: ArticleContext, s: Sentence) -> Interval | None:
    """The time the paragraph last told before ``s``: the first date that resolves in the nearest
    earlier sentence of its paragraph that has one ("Iran made its demand in December. [...] he
    said at the time"), which "at the time" and "that May" point back to."""
    for earlier in reversed(ctx.sentences[: s.index]):
        if earlier.par != s.par:
            return None
        for ent in earlier.span.ents:
            if ent.label_ != "DATE" or in_quotes(earlier, ent[0]):
                continue
            found = resolve(ent.text, ctx.published, "past")
            if found is not None and found.earliest is not None and found.latest is not None:
                return found
    return None


def reporting_sources(ctx: ArticleContext, s: Sentence) -> tuple[ActorRef, ...]:
    """Who a sentence's claims come from: "according to X", "X told Reuters", "citing X", "X reported"."""
    found = [ref for source in s.cited if (ref := ctx.actor(s, source)) is not None]
    return tuple(dict.fromkeys(found))


def cited_tokens(tok: Token) -> list[Token]:
    """The tokens naming who a reporting construction at ``tok`` cites, in the order of the sentence's rules."""
    return [
        *according_to_objects(tok),
        *tellers_and_told(tok),
        *seen_by_agents(tok),
        *reporting_subjects(tok),
    ]


def according_to_objects(tok: Token) -> list[Token]:
    """X in "according to X", when ``tok`` is "according"."""
    if tok.lower_ != "according":
        return []
    following = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if following is None or following.lower_ != "to":
        return []
    return [obj for obj in following.children if obj.dep_ == "pobj"]


def tellers_and_told(tok: Token) -> list[Token]:
    """ "A Kenyan official told the BBC that ...": the source, and the outlet it told, for each outlet."""
    if tok.lemma_ != "tell" or tok.pos_ != "VERB":
        return []
    teller = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    return [
        t
        for obj in tok.children
        if obj.dep_ in ("dobj", "dative") and obj.ent_type_ == "ORG"
        for t in ((obj,) if teller is None else (teller, obj))
    ]


def seen_by_agents(tok: Token) -> list[Token]:
    """X in "a draft ... seen by X" or "the terms, as outlined by X"."""
    describes = tok.lemma_ in word_list("outlining_verbs") and any(
        c.dep_ == "mark" and c.lower_ == "as" for c in tok.children
    )
    if not ((tok.lemma_ in word_list("document_access_verbs") and tok.dep_ == "acl") or describes):
        return []
    return agent_objects(tok)


def reporting_subjects(tok: Token) -> list[Token]:
    """X in "X reported" or "X cited officials": the subject of a reporting verb."""
    if tok.lemma_ not in word_list("reporting_verbs") or tok.pos_ != "VERB":
        return []
    return [subj for subj in tok.children if subj.dep_ == "nsubj"]
