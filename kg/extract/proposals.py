"""Proposals: who put forward what, and the terms each proposal states.

A proposal is introduced by a verb ("X has suggested", "X floated") or a noun
("X's proposal", "the ANC proposal", "the plan drawn up by X", "a plan" that
X answered with), words of ``kg/data/proposal_words.tsv``. Its terms are read
from that sentence and from the sentences that go on describing it: a definite
"the counterproposal" or "It also includes", and the conditional sentences
("would free ...") of the same and the next paragraph.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Span, Token

from ..facts import ActorRef, Evidence, Explanation, Proposal, Term, When
from ..vocab import data_lines, word_list
from .context import ArticleContext, Sentence, clause_tokens, date_expressions, reporting_sources
from .dates import resolve
from .factuality import (
    ASSERTED,
    CONDITIONAL,
    NEGATED,
    PLANNED,
    POSSIBLE,
    SOUGHT,
    factuality,
    is_modal,
)
from .stance import cues as stance_cues
from .terms import term_words, terms_in
from .triggers import (
    agent_object,
    agent_tokens,
    conjoined_preposition_objects,
    expand,
    is_speech,
    subject_of,
)

CONTINUATION = re.compile(
    r"\b(would|stage|stages|phase|phases|also includes?|under the (plan|proposal|deal))\b", re.I
)


@lru_cache(maxsize=1)
def proposal_words() -> dict[tuple[str, str], str]:
    return {
        (w, pos): how
        for w, pos, how in csv.reader(data_lines("proposal_words.tsv"), delimiter="\t")
    }


def is_proposal_noun(tok: Token) -> bool:
    """Is ``tok`` a noun of ``proposal_words.tsv`` (which lists the plurals that name proposals,
    "offers", and not those that name intentions, "plans")?"""
    return (tok.lower_, "NOUN") in proposal_words()


@dataclass
class Draft:
    """A proposal being assembled from several sentences."""

    key: str
    proposers: list[ActorRef]
    evidence: list[Evidence] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    reported_by: list[ActorRef] = field(default_factory=list)
    rule: str = ""
    paragraph: int = 0
    factuality: str = ASSERTED
    # set only for a proposal recalled from long before the news
    when: When = field(default_factory=When)

    def add(self, s: Sentence, terms: list[Term], sources) -> None:
        if s.evidence not in self.evidence:
            self.evidence.append(s.evidence)
        for term in terms:
            self.terms = merge_term(self.terms, term)
        self.reported_by.extend(
            r for r in sources if r not in self.reported_by and r not in self.proposers
        )
        self.paragraph = s.par


def merge_term(terms: list[Term], new: Term) -> list[Term]:
    """``terms`` with ``new`` added, or merged into the term that states the same figure again.

    A term that says less of the same kind than one already there ("a ceasefire" beside "a permanent ceasefire")
    adds nothing; one that says more replaces it.

    >>> merge_term([Term("ReleaseTerm", (("count", 50),))], Term("ReleaseTerm", (("count", 50), ("phased", True))))
    [Term(kind='ReleaseTerm', attrs=(('count', 50), ('phased', True)))]
    >>> merge_term([Term("CeasefireTerm", (("permanent", True),))], Term("CeasefireTerm", ()))
    [Term(kind='CeasefireTerm', attrs=(('permanent', True),))]
    """
    # a term's figure is its first of FIGURES: a release's count, even when it also carries a
    # derived ratio
    figure = lambda t: next(((k, dict(t.attrs)[k]) for k in FIGURES if k in dict(t.attrs)), None)
    if any(old.kind == new.kind and set(new.attrs) <= set(old.attrs) for old in terms):
        return terms
    for i, old in enumerate(terms):
        # the same figure said again first: "50 captives" and later "at least 50 ... in stages"
        # are one release, even when a term of no figure ("in stages") came between them
        if old.kind == new.kind and (
            figure(new) is not None and figure(old) == figure(new) and same_side(old, new)
        ):
            known = dict(old.attrs)
            merged = Term(
                old.kind, old.attrs + tuple((k, v) for k, v in new.attrs if k not in known)
            )
            return [
                merged if j == i else t
                for j, t in enumerate(terms)
                if j == i or not (t.kind == new.kind and set(t.attrs) < set(merged.attrs))
            ]
    for i, old in enumerate(terms):
        if old.kind == new.kind and set(old.attrs) < set(new.attrs):
            return terms[:i] + [new] + terms[i + 1 :]
    return terms + [new]


FIGURES = ("count", "durationDays", "ratio")


def same_side(old: Term, new: Term) -> bool:
    """May ``old`` and ``new`` be one release: not two sides each freeing the same number ("Peru
    will free 40 soldiers; Chile will free 40 too")?

    >>> by = lambda side: Term("ReleaseTerm", (("count", 40), ("releasedBy", side)))
    >>> unsaid = Term("ReleaseTerm", (("count", 40),))
    >>> same_side(by("Peru"), by("Chile")), same_side(by("Peru"), unsaid)
    (False, True)
    """
    sides = [dict(t.attrs).get("releasedBy") for t in (old, new)]
    return None in sides or sides[0] == sides[1]


RECALLED_AFTER_DAYS = 180  # a proposal dated half a year before the news is another, earlier one


class ProposalRules:
    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.drafts: list[Draft] = []
        self.explanations: list[Explanation] = []
        # the paragraph and proposers of the proposal mentioned last, for a pronoun that proposes
        self.last_mention: tuple[int, list[ActorRef]] = (-1, [])

    def run(self) -> list[Proposal]:
        deal = DealFrame.of(self.ctx, self.is_recalled_deal)
        found = [
            self.mentions_in(s) for s in self.ctx.sentences
        ]  # once: read here and in the pass below
        for s, mentions in zip(self.ctx.sentences, found):
            for tok, proposers, _ in mentions:
                if self.recalled_time(s, tok) is None:  # not an old plan for an old truce
                    deal.add_proposers_of_deal(proposers, tok)
        current: Draft | None = None
        for s, mentions in zip(self.ctx.sentences, found):
            if not mentions and current is not None and not self.continues(s, current):
                current = None
            if mentions:
                # several proposals in one sentence: each takes the terms between it and the next
                bounds = [m[0].i for m in mentions[1:]] + [s.span.end]
                for (tok, proposers, rule), end in zip(mentions, bounds):
                    start = s.span.start if tok.i == mentions[0][0].i else tok.i
                    current = self.draft_for(
                        proposers, s, rule, factuality(tok), self.recalled_time(s, tok)
                    )
                    current.reported_by.extend(
                        r
                        for r in self.reporters(s, tok)
                        if r not in current.reported_by and r not in current.proposers
                    )
                    domain = governed_span(tok, s.doc[start:end])
                    self.note(s, current, provision_terms(domain, self.actors_in(s), deal=False))
            elif current is not None:
                self.note(s, current, provision_terms(s.span, self.actors_in(s), deal=False))
            elif (
                deal.proposers
                and not self.ctx.is_headline(s)
                and deal.describes(s)
                and not any(self.is_recalled_deal(s, t) for t in s.span)
            ):
                terms = provision_terms(s.span, self.actors_in(s))
                # the agreed deal's provisions: put forward by its parties and broker together;
                # one who makes its text public ("X posted the main points") is its source
                if terms or self.text_releasers(s):
                    self.note(s, self.draft_for(deal.proposers, s, deal.rule), terms)
        return [self.proposal(d) for d in self.drafts]

    def is_recalled_deal(self, s: Sentence, tok: Token) -> bool:
        """Is ``tok`` a deal word ("truce", "agreed", "brokered") of a deal the article recalls
        from long before: its provisions and makers are that deal's, not the news deal's."""
        if deal_role(tok) is None:
            return False
        when = self.recalled_time(s, tok)
        # only a stated year: "expires on June 30" read as a past June is not a recalled deal
        return when is not None and bool(re.search(r"\b\d{4}\b", when.text or ""))

    def actors_in(self, s: Sentence):
        """A token of ``s`` → the actors it refers to (who frees the people of a release term)."""
        return lambda tok: self.ctx.actors_of(s, tok)

    def note(self, s: Sentence, draft: Draft, terms: list[Term]) -> None:
        draft.add(s, terms, (*reporting_sources(self.ctx, s), *self.text_releasers(s)))
        self.explanations.append(
            Explanation(
                s.evidence,
                draft.rule,
                f"Proposal by {', '.join(r.label for r in draft.proposers)}"
                + (f": {', '.join(t.kind for t in terms)}" if terms else ""),
            )
        )

    def continues(self, s: Sentence, current: Draft) -> bool:
        """Does ``s`` go on describing the current proposal?"""
        if s.par - current.paragraph > 1:
            return False
        if (
            s.par == current.paragraph
            and set(self.speakers(s)) & set(current.proposers)
            and not names_a_deal(s)
        ):
            return True  # the paragraph's proposal, its proposer going on: "What comes next, she added, ..."
        first = s.span[0]
        if (
            first.lower_ == "it"
            and first.dep_ == "nsubj"
            and (
                first.head.lemma_ in word_list("describing_verbs")
                or any(c.lower_ == "also" for c in first.head.children)
            )
        ):
            return (
                True  # "It also includes ...", "It envisaged ..." (not "It is noteworthy that ...")
            )
        if any(  # "the plan", "the framework", "the initiative": the proposal spoken of
            is_proposal_noun(t)
            and t.tag_ in ("NN", "NNP")
            and any(c.lower_ == "the" for c in t.children)
            for t in s.span
        ):
            return True
        return bool(CONTINUATION.search(s.span.text)) and any(
            is_modal(t) for t in s.span if t.pos_ in ("VERB", "AUX")
        )

    def reporters(self, s: Sentence, mention: Token) -> list[ActorRef]:
        """Who reports the proposal ``mention`` introduces: the speaker of the speech verb whose
        reported clause proposes ("X said that Y had proposed a truce": X), or states what the
        proposal holds ("a source said Y's plan includes ..."); not one who only judges it."""
        clause = reported_proposing_clause(mention)
        if clause is None:
            return []
        return self.actors(s, subject_of(clause.head))

    def text_releasers(self, s: Sentence) -> list[ActorRef]:
        """Who made a deal's text or details public in ``s`` ("the text, released by X", "X
        published the details"): the source of what the sentence says of the deal."""
        refs: list[ActorRef] = []
        for verb in s.span:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in word_list("publishing_verbs"):
                continue
            released = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
            if verb.dep_ in ("acl", "relcl"):
                released.append(verb.head)  # "details released by X"
            if not any(is_deal_text_word(w) for w in released):
                continue
            agents = agent_tokens(verb)
            subject = subject_of(verb) if not agents else None
            tokens = agents or ([] if subject is None or subject in released else expand(subject))
            refs += [r for t in tokens for r in self.ctx.actors_of(s, t)]
        return list(dict.fromkeys(refs))

    def speakers(self, s: Sentence) -> list[ActorRef]:
        """Who speaks in ``s``: the actors the subjects of its speech verbs refer to."""
        return [
            r
            for tok in s.span
            if is_speech(tok)
            for subject in [subject_of(tok)]
            if subject is not None
            for r in self.ctx.actors_of(s, subject)
        ]

    def draft_for(
        self,
        proposers: list[ActorRef],
        s: Sentence,
        rule: str,
        fact: str = ASSERTED,
        when: When | None = None,
    ) -> Draft:
        """The proposal of ``proposers`` the article is telling of: one per proposer and time, so that a deal
        the article recalls from years before is a proposal of its own, not the one in the news."""
        proposers, spokesmen = self.speaking_for(proposers)
        when = when or When()
        for d in self.drafts:
            if set(d.proposers) == set(proposers) and same_time(d.when, when):
                return d
        d = Draft(
            f"proposal-{s.evidence.start}",
            proposers,
            rule=rule,
            paragraph=s.par,
            reported_by=spokesmen,
            factuality=fact,
            when=when,
        )
        self.drafts.append(d)
        return d

    def recalled_time(self, s: Sentence, tok: Token) -> When | None:
        """The time of a proposal mention dated by its own clause long before publication ("in 2011 X offered"),
        else None (a proposal of the news, dated later by the statement that voices it)."""
        published = self.ctx.published
        if published is None:
            return None
        # "the truce X brokered in 2019": the noun's own relative clause dates it too
        tokens = clause_tokens(tok) + [
            t for c in tok.children if c.dep_ in ("acl", "relcl") for t in clause_tokens(c)
        ]
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX"):
            # "a pact drawn up by X was initialled in 1997": the verb the deal is subject of dates it
            tokens += clause_tokens(tok.head)
        own = [t for t in tokens if not names_an_event(t, tok)]
        for text in date_expressions(s, own):
            interval = resolve(text, published, "past")
            if (
                interval is not None
                and interval.latest is not None
                and (published - interval.latest).days > RECALLED_AFTER_DAYS
            ):
                return When(text, interval.earliest, interval.latest)
        return None

    def speaking_for(self, proposers: list[ActorRef]) -> tuple[list[ActorRef], list[ActorRef]]:
        """Officials propose for their state: "U.S. officials" → the United States, reported by the officials."""
        states, spokesmen = [], []
        for ref in proposers:
            go_between = ref.label.lower().rsplit(" ", 1)[-1] in word_list("go_between_nouns")
            countries = (
                [c for c in self.ctx.actors.affiliations_of_ref(ref) if c.kind == "Country"]
                if ref.kind == "Group" and not go_between
                else []
            )
            body = self.envoy_of(ref)
            if len(countries) == 1 or body is not None:
                states.append(countries[0] if len(countries) == 1 else body)
                spokesmen.append(ref)
            else:
                states.append(ref)
        return list(dict.fromkeys(states)), spokesmen

    def envoy_of(self, ref: ActorRef) -> ActorRef | None:
        """The one organisation a person is the envoy of (a title of ``envoy_titles.txt``): an
        envoy's plan is the organisation's ("the UN envoy's plan": the UN's), the envoy its
        voice; a mediator of a nationality keeps the plan as mediator."""
        if ref.kind != "Person" or not any(
            word in word_list("envoy_titles")
            for role in self.ctx.actors.roles_of(ref)
            for word in role.lower().split()
        ):
            return None
        bodies = [a for a in self.ctx.actors.affiliations_of_ref(ref) if a.kind == "Organization"]
        return bodies[0] if len(bodies) == 1 else None

    def mentions_in(self, s: Sentence) -> list[tuple[Token, list[ActorRef], str]]:
        """Each proposal introduced in ``s``: its word, its proposers and the rule that found it."""
        words = proposal_words()
        found = []
        # "the plan, as laid out by Brazilian officials": the side whose officials describe the terms puts them forward,
        # unless the sentence names whose the proposal is; one named spokesman describing a deal is its source
        described = []
        for tok in s.span:
            how = words.get((tok.lemma_.lower(), "VERB")) if tok.pos_ == "VERB" else None
            if how is not None:
                if how.startswith(
                    "particle="
                ) and not any(  # the parser reads "put forward" either way
                    c.dep_ in ("prt", "advmod") and c.lower_ == how.split("=")[1]
                    for c in tok.children
                ):
                    continue
                if how.startswith("object=") and not any(  # "declared a unilateral ceasefire"
                    c.lemma_.lower() in how.split("=")[1].split("|") for c in objects_of(tok)
                ):
                    continue
                if how.startswith("xcomp=") and not any(  # "wanted the meeting to address ..."
                    c.dep_ in ("xcomp", "ccomp") and c.lemma_ in how.split("=")[1].split("|")
                    for c in tok.children
                ):
                    continue
                # "the plan put forward by X": the noun rule reads it; "called the truce
                # fragile", "signed a truce, offering respite": no proposal
                if tok.dep_ == "acl" or not proposes(tok):
                    continue
                if any(c.dep_ == "dobj" and for_other_matter(c) for c in tok.children):
                    continue  # "unveiled a plan for a new stadium"
                if factuality(tok) in (
                    NEGATED,
                    CONDITIONAL,
                ):  # "has not offered", "if X offers": no proposal
                    continue
                proposers = self.verb_proposers(s, tok)
                if proposers and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
                    if all(
                        r.kind == "Group" for r in proposers
                    ):  # a side's officials, not one spokesman
                        described.append((tok, proposers, f"proposal-verb:{tok.lemma_.lower()}"))
                elif proposers:
                    found.append((tok, proposers, f"proposal-verb:{tok.lemma_.lower()}"))
            elif tok.pos_ == "NOUN" and is_proposal_noun(tok) and not for_other_matter(tok):
                proposers = self.noun_proposers(s, tok)
                if proposers:
                    found.append((tok, proposers, f"proposal-noun:{tok.lower_}"))
        found = sorted(found + self.deal_mentions(s), key=lambda m: m[0].i) or described
        if found:
            self.last_mention = (s.par, found[-1][1])
        return found

    def verb_proposers(self, s: Sentence, verb: Token) -> list[ActorRef]:
        """Who proposes with ``verb``: its "by" agent or its subject; a pronoun subject ("it
        declared a truce") is the proposer last mentioned in the paragraph."""
        agent = agent_object(verb)
        proposers = self.actors(s, agent if agent is not None else subject_of(verb))
        if not proposers and agent is None and is_pronoun(subject_of(verb)):
            return self.last_proposers(s)
        return proposers

    def last_proposers(self, s: Sentence) -> list[ActorRef]:
        """Whom a pronoun that proposes in ``s`` refers to: the proposer of the proposal last
        mentioned in the paragraph ("X's earlier offer failed. In May it declared a truce")."""
        par, proposers = self.last_mention
        return proposers if par == s.par else []

    def deal_mentions(self, s: Sentence) -> list[tuple[Token, list[ActorRef], str]]:
        """A deal the article names as someone's in particular: "X's three-day truce" (X's own), or
        one recalled from long before with the clause that says who made it ("the truce X brokered
        in 2019"); not the deal of the news, whose terms belong to its whole frame."""
        found = []
        for tok in s.span:
            if tok.pos_ != "NOUN" or deal_role(tok) != "anchor" or is_proposal_noun(tok):
                continue
            owner = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
            proposers = self.actors(s, owner)
            if not proposers and self.recalled_time(s, tok) is not None:
                proposers = deal_makers(self.ctx, s, tok)
            if proposers:
                found.append((tok, proposers, f"proposal-deal:{tok.lower_}"))
        return found

    def noun_proposers(self, s: Sentence, noun: Token) -> list[ActorRef]:
        """ "X's proposal", "the ANC proposal", "the EU-drafted plan", "the plan drawn up by X"."""
        for child in noun.children:
            if is_support(child):
                continue  # "a US-backed plan": the backer supports it, someone else put it forward
            if child.dep_ in ("poss", "compound", "nmod", "amod"):
                refs = self.actors(s, child)
                if not refs:
                    refs = [
                        r
                        for t in child.subtree
                        for r in self.ctx.actors_of(s, t)
                        if t.ent_type_ in ("ORG", "GPE", "NORP")
                    ]
                if not refs and child.ent_type_ == "NORP":  # "the Qatari plan": the demonym's state
                    refs = [
                        r
                        for r in [self.ctx.actors.named(child.text)]
                        if r is not None and r.kind == "Country"
                    ]
                if not refs and "-" in child.text:  # "the EU-drafted plan"
                    refs = [
                        r for part in child.text.split("-") if (r := self.ctx.actors.named(part))
                    ]
                if refs:
                    return list(dict.fromkeys(refs))
            if child.dep_ == "acl" and not relays(child):  # not "a plan passed on by X"
                for agent in child.children:
                    if agent.dep_ == "agent":
                        obj = next((g for g in agent.children if g.dep_ == "pobj"), None)
                        refs = [
                            r
                            for t in (expand(obj) if obj is not None else [])
                            for r in self.ctx.actors_of(s, t)
                        ]
                        if refs:
                            return list(dict.fromkeys(refs))
        if noun.dep_ == "pobj" and noun.head.lower_ == "with":
            # "X answered the framework ... with a plan"
            return self.actors(s, governing_subject(noun))
        if noun.dep_ in ("dobj",) and noun.head.lemma_ in word_list("proposal_object_verbs"):
            return self.actors(s, subject_of(noun.head))
        return []

    def actors(self, s: Sentence, tok: Token | None) -> list[ActorRef]:
        if tok is None:
            return []
        return list(dict.fromkeys(r for t in expand(tok) for r in self.ctx.actors_of(s, t)))

    def proposal(self, d: Draft) -> Proposal:
        return Proposal(
            key=d.key,
            proposers=tuple(d.proposers),
            terms=tuple(d.terms),
            evidence=tuple(d.evidence),
            reported_by=tuple(d.reported_by),
            when=d.when,
            rule=d.rule,
            factuality=d.factuality,
        )


@lru_cache(maxsize=1)
def deal_words() -> dict[tuple[str, str], tuple[str, str]]:
    """(lemma, part of speech) → (role, condition) of ``kg/data/deal_frames.tsv``."""
    rows = (
        r + [""] * (4 - len(r)) for r in csv.reader(data_lines("deal_frames.tsv"), delimiter="\t")
    )
    return {(lemma, pos): (role, condition) for lemma, pos, role, condition in rows}


@dataclass
class DealFrame:
    """The deal an article reports as agreed: who agreed it and who brokered it.

    An article about an agreed truce, swap or accord states its provisions in
    many sentences ("Under the deal ...", "The rebels are to ..."), often
    without saying again whose they are: they belong to the deal, put forward
    jointly by the sides that agreed it and the mediator that brokered it.
    """

    makers: list[ActorRef] = field(default_factory=list)
    # who wrote the deal's text or whose proposal the deal is ("the document drafted by X", "a UN
    # proposal for a truce"): they put its provisions forward, the sides agreeing to it accept them
    authors: list[ActorRef] = field(default_factory=list)
    rule: str = "deal-frame"
    # the nouns naming what the sides agreed to ("truce" of "agreed to a truce")
    agreed: set[str] = field(default_factory=set)

    @property
    def proposers(self) -> list[ActorRef]:
        """Who put the deal's provisions forward: its authors when the article names them, else
        the sides that agreed it and the broker, together."""
        return self.authors or self.makers

    @classmethod
    def of(
        cls, ctx: ArticleContext, recalled: Callable[[Sentence, Token], bool] = lambda s, t: False
    ) -> DealFrame:
        """The frame of ``ctx``'s deal; the makers of a deal the article ``recalled`` from long
        before ("a truce struck by X in 2015") made that one, not this."""
        frame = cls()
        for s in ctx.sentences:
            if ctx.is_headline(s):
                continue  # the headline names the sides in shorthand; the body says who did what
            for tok in s.span:
                if recalled(s, tok) or (
                    tok.dep_ in ("acl", "relcl", "amod") and recalled(s, tok.head)
                ):
                    continue  # "the truce X brokered in 2011", "in 2011 X and Y agreed a truce"
                role = deal_role(tok)
                if role == "broker" and tok.lemma_.lower() in word_list("drafting_verbs"):
                    # "X drafted the accord": its author; "X drew up a guest list": nobody of it
                    refs = deal_drafters(ctx, s, tok) if drafts_the_deal(tok) else []
                    frame.authors.extend(r for r in refs if r not in frame.authors)
                elif role == "anchor" and is_told_deal(tok):
                    # "a truce between X and Y" names its sides (not "hopes of a truce between")
                    refs = [r for t in between_tokens(tok) for r in ctx.actors_of(s, t)]
                    frame.makers.extend(r for r in refs if r not in frame.makers)
                    frame.agreed.add(deal_lemma(tok))
                elif role in ("party", "broker") and factuality(tok) != SOUGHT:
                    # not "X urged the sides to agree on a truce": nobody agreed, X was no party
                    refs = deal_actors(ctx, s, tok)
                    frame.makers.extend(r for r in refs if r not in frame.makers)
                    if factuality(tok) == ASSERTED:  # not "urged both sides to agree on a truce"
                        frame.agreed |= {deal_lemma(d) for d in agreed_deals(tok)}
                elif "-" in tok.text and tok.lemma_.lower().split("-")[-1] in word_list(
                    "deal_maker_participles"
                ):
                    # "the Kenya-brokered swap" (one token)
                    ref = ctx.actors.named(tok.text.rsplit("-", 1)[0])
                    if ref is not None and ref not in frame.makers:
                        frame.makers.append(ref)
                    if deal_role(tok.head) == "anchor":
                        frame.agreed.add(deal_lemma(tok.head))
        return frame

    def add_proposers_of_deal(self, refs: list[ActorRef], noun: Token) -> None:
        """ "the AU proposal for a ceasefire", when the sides agreed to a ceasefire: who proposed
        the deal is its author (the sides that agreed to it accepted it). A proposal for another
        kind of deal than the one agreed ("a proposal for a truce" in a story of an agreed swap)
        is a proposal of its own."""
        if any(
            c.dep_ == "prep"
            and c.lower_ == "for"
            and any(deal_role(g) == "anchor" and deal_lemma(g) in self.agreed for g in c.children)
            for c in noun.children
        ):
            self.authors.extend(r for r in refs if r not in self.authors)

    def describes(self, s: Sentence) -> bool:
        """Does ``s`` state provisions of the deal: it names the deal, opens as a continuation, or is prospective?"""
        text = s.span.text.lower().lstrip(" \"'(")
        if any(text.startswith(opening + " ") for opening in word_list("deal_continuations")):
            return True
        if any(deal_role(t) == "anchor" or names_deal_text(t) for t in s.span):
            return True
        return any(is_modal(t) or is_obligation(t) for t in s.span if t.pos_ in ("VERB", "AUX"))


def deal_role(tok: Token) -> str | None:
    """ "anchor", "party" or "broker" when ``tok`` is a deal word of ``kg/data/deal_frames.tsv`` used as such."""
    pos = "VERB" if tok.pos_ == "VERB" else "NOUN" if tok.pos_ in ("NOUN", "PROPN") else None
    found = deal_words().get((tok.lemma_.lower(), pos)) if pos else None
    if found is None:
        return None
    role, condition = found
    if condition.startswith("particle=") and not any(
        c.dep_ == "prt" and c.lower_ == condition.split("=")[1] for c in tok.children
    ):
        return None
    if condition.startswith("object="):
        wanted = set(condition.split("=")[1].split("|"))
        if not any(o.lemma_.lower() in wanted or o.lower_ in wanted for o in acted_on(tok)):
            return None
    if role != "anchor" and factuality(tok) in (NEGATED, CONDITIONAL):
        return None  # "has not agreed", "did not sign", "if they sign"
    return role


def agreed_deals(verb: Token) -> list[Token]:
    """The deal nouns a verb of agreeing or brokering has as object ("agreed to a truce",
    "signed the accord", "the pact was brokered by X").

    >>> from kg.annotate import load_pipeline
    >>> [t.text for t in agreed_deals(load_pipeline()("Peru agreed to a truce.")[1])]
    ['truce']
    """
    return [o for o in acted_on(verb) if deal_role(o) == "anchor"]


def acted_on(verb: Token) -> list[Token]:
    """What ``verb`` acts on: its object or passive subject, the objects of its prepositions, and
    for a participle or relative clause the noun it qualifies ("the accord, signed by X").

    >>> from kg.annotate import load_pipeline
    >>> [t.text for t in acted_on(load_pipeline()("Peru agreed to a truce.")[1])]
    ['truce']
    """
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")] + [
        g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
    ]
    if verb.dep_ in ("acl", "relcl"):
        objects.append(verb.head)
    return objects


def is_told_deal(noun: Token) -> bool:
    """Is the deal noun ``noun`` what its clause tells of, as subject ("a truce between X and Y
    held"), asserted or planned, and not dated by a modifier of its own ("last year's accord
    between X and Y", another deal than the news one)? An object ("it follows an accord between
    X and Y") is usually an earlier deal the news is compared with.

    >>> from kg.annotate import load_pipeline
    >>> nlp = load_pipeline()
    >>> is_told_deal(nlp("A truce between Peru and Chile held.")[1])
    True
    >>> is_told_deal(nlp("It follows last year's accord between Peru and Chile.")[5])
    False
    """
    if noun.dep_ not in ("nsubj", "nsubjpass") or factuality(noun) not in (ASSERTED, PLANNED):
        return False
    return not any(
        t.ent_type_ == "DATE"
        for c in noun.children
        if c.dep_ in ("poss", "compound", "nmod", "amod")
        for t in c.subtree
    )


def between_tokens(noun: Token) -> list[Token]:
    """The sides a deal noun names with "between" ("a truce between Peru and Chile").

    >>> from kg.annotate import load_pipeline
    >>> [t.text for t in between_tokens(load_pipeline()("A truce between Peru and Chile held.")[1])]
    ['Peru', 'Chile']
    """
    return conjoined_preposition_objects(noun, "between")


def deal_lemma(tok: Token) -> str:
    """The lemma of a deal noun, spelt without hyphens ("cease-fire" and "ceasefire" are one).

    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["Cease-fires", "truce"], lemmas=["cease-fire", "truce"])
    >>> [deal_lemma(t) for t in doc]
    ['ceasefire', 'truce']
    """
    return tok.lemma_.lower().replace("-", "")


def deal_actors(ctx: ArticleContext, s: Sentence, verb: Token) -> list[ActorRef]:
    """Who agreed or brokered: the subject (or "by" agent) of ``verb``, and for parties its "with" partner."""
    tokens = []
    subject = subject_of(verb)
    if subject is not None:
        tokens.extend(expand(subject))
    if deal_role(verb) == "party":
        tokens.extend(
            t
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ == "with"
            for g in c.children
            if g.dep_ == "pobj"
            for t in expand(g)
        )
        tokens.extend(
            t
            for c in verb.children
            if c.dep_ == "dobj"
            for p in c.children
            if p.dep_ == "prep" and p.lower_ == "with"
            for g in p.children
            if g.dep_ == "pobj"
            for t in expand(g)
        )
    refs = [r for t in tokens for r in (states_led(ctx, s, t) or ctx.actors_of(s, t))]
    if verb.dep_ == "amod" and verb.i > 1 and verb.doc[verb.i - 1].text == "-":
        # "the Qatar-brokered deal", "the Ghanaian-brokered swap" (split in three tokens): the state named
        mediator = verb.doc[verb.i - 2]
        refs += ctx.actors_of(s, mediator) or [
            r for r in [ctx.actors.named(mediator.text)] if r is not None
        ]
    return list(dict.fromkeys(refs))


def reported_proposing_clause(mention: Token) -> Token | None:
    """The clause reported by a speech verb that proposes with ``mention`` (a proposal verb) or
    states the content of ``mention`` (a proposal noun subject or object of a verb of
    including: "she said the plan envisaged ..."), else None. It looks up from the proposal to
    the speech verb; :func:`kg.extract.stance.reported_clause` looks down from a speech verb.

    >>> from kg.annotate import load_pipeline
    >>> nlp = load_pipeline()
    >>> doc = nlp("Ana Ruiz said that Chile had proposed a truce.")
    >>> reported_proposing_clause(doc[6]).text
    'proposed'
    >>> reported_proposing_clause(nlp("Ana Ruiz said the plan was absurd.")[4]) is None
    True
    """
    verb = mention
    if mention.pos_ in ("NOUN", "PROPN"):
        verb = mention.head
        if verb.lemma_.lower() not in word_list("describing_verbs") or mention.dep_ not in (
            "nsubj",
            "nsubjpass",
            "dobj",
        ):
            return None
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head  # "said X had met Y and offered a truce"
    if verb.dep_ == "ccomp" and is_speech(verb.head):
        return verb
    return None


def names_deal_text(tok: Token) -> bool:
    """Is ``tok`` a definite noun of a deal's text ("the text says", "the document commits"), which
    in an article about an agreed deal is that deal's?

    >>> from kg.annotate import load_pipeline
    >>> [names_deal_text(t) for t in load_pipeline()("The text says a text is due.") if t.pos_ == "NOUN"]
    [True, False]
    """
    return (
        tok.pos_ == "NOUN"
        and is_deal_text_word(tok)
        and any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in tok.children)
    )


def is_deal_text_word(tok: Token) -> bool:
    """Is ``tok`` a word of ``deal_documents.txt`` ("text", "details", the plural "points")?

    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["text", "guests"], lemmas=["text", "guest"])
    >>> [is_deal_text_word(t) for t in doc]
    [True, False]
    """
    words = word_list("deal_documents")
    return tok.lemma_.lower() in words or tok.lower_ in words


def relays(verb: Token) -> bool:
    """Is ``verb`` a verb of passing a plan on (``kg/data/relaying_verbs.tsv``: "passed on",
    "relayed", "conveyed")? Its agent is a go-between, not the proposer.

    >>> from kg.annotate import load_pipeline
    >>> nlp = load_pipeline()
    >>> relays(nlp("A plan passed on by Chile was rejected.")[2])
    True
    >>> relays(nlp("A plan drawn up by Chile was rejected.")[2])
    False
    """
    particles = relaying_verbs().get(verb.lemma_.lower())
    if particles is None:
        return False
    return not particles or any(c.dep_ == "prt" and c.lower_ in particles for c in verb.children)


@lru_cache(maxsize=1)
def relaying_verbs() -> dict[str, set[str]]:
    """Lemma → the particles it needs ("pass" → {"on"}; empty: none) of ``relaying_verbs.tsv``."""
    rows = (r + [""] for r in csv.reader(data_lines("relaying_verbs.tsv"), delimiter="\t"))
    return {r[0]: {p for p in r[1].split("|") if p} for r in rows}


def proposes(verb: Token) -> bool:
    """Does the proposal verb ``verb`` put something forward, rather than judge its object ("called
    the truce fragile": a predicate complement) or tell what an agreement brings (a participle
    after a verb of agreeing: "they signed a truce, offering the first calm in years")?

    >>> from kg.annotate import load_pipeline
    >>> nlp = load_pipeline()
    >>> proposes(nlp("Chile called the truce fragile.")[1])
    False
    >>> proposes(nlp("Peru and Chile agreed a truce, offering the first calm in years.")[7])
    False
    >>> proposes(nlp("Chile called a truce on Monday.")[1])
    True
    """
    if any(c.dep_ == "oprd" for c in verb.children):
        return False
    return not (
        verb.tag_ == "VBG" and verb.dep_ == "advcl" and deal_role(verb.head) in ("party", "broker")
    )


def drafts_the_deal(verb: Token) -> bool:
    """Is ``verb`` a verb of writing a text (``kg/data/drafting_verbs.txt``: "drafted", "worked
    out", "drew up") whose object, or passive subject, is the deal or its text, so that its agent
    authored the deal rather than agreed or brokered it?

    >>> from kg.annotate import load_pipeline
    >>> nlp = load_pipeline()
    >>> drafts_the_deal(nlp("The text was drawn up by Chile.")[3])
    True
    >>> drafts_the_deal(nlp("Chile drew up a list of guests.")[1])
    False
    """
    if verb.lemma_.lower() not in word_list("drafting_verbs"):
        return False
    written = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if verb.dep_ in ("acl", "relcl"):
        written.append(verb.head)  # "the accord drafted by X", "a text that X wrote"
    return any(
        deal_role(w) == "anchor" or is_deal_text_word(w) or w.lower_ == "it" for w in written
    )


def deal_drafters(ctx: ArticleContext, s: Sentence, verb: Token) -> list[ActorRef]:
    """Who wrote the deal with ``verb``: its "by" agents or its subject; a named body before a
    dash that lists its members ("by the Tripartite Group - A, B and C") is the body itself, however
    the parser hung the list on it."""
    agents = agent_tokens(verb)
    tokens = [body_before_dash(t) or t for t in agents] or [
        t for subject in [subject_of(verb)] if subject is not None for t in expand(subject)
    ]
    return list(dict.fromkeys(r for t in tokens for r in ctx.actors_of(s, t)))


def body_before_dash(tok: Token) -> Token | None:
    """The root of a named organisation that opens ``tok``'s phrase and is followed by a dash
    ("the Lima Group - Peru, Chile and ..."), else None.

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("It was written by the Lima Group - former judge Ana Ruiz and others.")
    >>> body_before_dash(doc[11]).text
    'Group'
    """
    for ent in tok.doc.ents:
        after = ent.end
        if (
            ent.label_ in ("ORG", "NORP", "GPE")
            and tok.left_edge.i <= ent.start < tok.i
            and after < len(tok.doc)
            and tok.doc[after].text in ("-", "–", "—")
        ):
            return tok.doc[ent.end - 1]  # the name's last word: the parser rooted it elsewhere
    return None


def states_led(ctx: ArticleContext, s: Sentence, head: Token) -> list[ActorRef]:
    """The states or organisations whose leaders ``head`` names ("the leaders of Peru and Chile",
    ``kg/data/leader_nouns.txt``): they are the sides that agree, not a group called leaders."""
    refs = [r for t in led_tokens(head) for r in ctx.actors_of(s, t)]
    return [r for r in refs if r.kind in ("Country", "Organization")]


def led_tokens(head: Token) -> list[Token]:
    """The objects of "of" after a noun of leaders ("the heads of X and Y": X, Y), else [].

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("The leaders of Peru and Chile signed it.")
    >>> [t.text for t in led_tokens(doc[1])]
    ['Peru', 'Chile']
    """
    if head.lemma_.lower() not in word_list("leader_nouns"):
        return []
    return conjoined_preposition_objects(head, "of")


def deal_makers(ctx: ArticleContext, s: Sentence, noun: Token) -> list[ActorRef]:
    """Who made the deal ``noun`` by its own words: the agent of a participle or relative clause
    of making or brokering ("the truce struck by X and Y", "a pact that X brokered") and the
    actor before a hyphenated maker participle ("a Chad-sponsored accord").

    The clause's verb has the deal itself as its object, so a verb that asks for a deal object
    ("strike", "sign") counts here without one.
    """
    refs = []
    for child in noun.children:
        made = deal_words().get((child.lemma_.lower(), "VERB"), ("", ""))[0]
        if child.dep_ in ("acl", "relcl") and made in ("party", "broker"):
            refs += deal_actors(ctx, s, child)
        if child.dep_ in ("amod", "compound") and "-" in child.text:
            name, _, participle = child.text.rpartition("-")
            maker = participle.lower() in word_list("deal_maker_participles")
            refs += [r for r in [ctx.actors.named(name)] if maker and r is not None]
    return list(dict.fromkeys(refs))


def is_obligation(verb: Token) -> bool:
    """ "are to leave", "is due to begin": a provision stated with be + to."""
    return verb.lemma_ == "be" and any(
        c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children) for c in verb.children
    )


def is_support(modifier: Token) -> bool:
    """Is ``modifier`` of a proposal or deal noun a supporter's participle ("US-backed", "Kenya-brokered")?

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("They discussed a Chad-backed plan.")
    >>> [t.text for t in doc if is_support(t)]
    ['backed']
    """
    words = word_list("supporter_participles")
    head = modifier.head  # of a proposal or a deal, not "Peruvian-backed officials"
    proposal = (
        is_proposal_noun(head)
        or (
            head.lemma_.lower(),
            "NOUN",
        )
        in deal_words()
    )
    return (
        proposal
        and modifier.dep_ in ("amod", "compound")
        and modifier.lower_.split("-")[-1] in words
    )


def for_other_matter(noun: Token) -> bool:
    """Does the plan or offer ``noun`` say, in its own complement, that it is for something other
    than what is negotiated ("a plan for a new stadium", "an offer to buy the club"), a complement
    with no term and no word of a deal, a hostility, people or ``negotiation_matters.txt``?

    >>> from kg.annotate import load_pipeline
    >>> nlp = load_pipeline()
    >>> [for_other_matter(nlp(t)[1]) for t in ("A plan for a stadium.", "A plan for peace.")]
    [True, False]
    """
    complements = [
        c
        for c in noun.children
        if (c.dep_ == "prep" and c.lower_ == "for")
        or (c.dep_ in ("acl", "relcl") and any(g.lower_ == "to" for g in c.children))
    ]
    if not complements or noun.lemma_.lower() in term_words() or deal_role(noun) == "anchor":
        return False  # "announced a truce to allow talks": the truce is itself what is negotiated
    return not any(is_negotiation_matter(t) for c in complements for t in c.subtree) and not any(
        terms_in(noun.doc[c.left_edge.i : c.right_edge.i + 1]) for c in complements
    )


@lru_cache(maxsize=1)
def negotiation_words() -> frozenset[str]:
    """The words of ``negotiation_matters.txt``, ``hostility_nouns``, ``people_nouns`` and
    ``force_nouns`` together, joined once rather than for each word read."""
    return (
        word_list("negotiation_matters")
        | word_list("hostility_nouns")
        | word_list("people_nouns")
        | word_list("force_nouns")
    )


def is_negotiation_matter(tok: Token) -> bool:
    """Is ``tok`` a word of what is negotiated: a term, deal, proposal, hostility or people word,
    or one of ``negotiation_matters.txt``?"""
    lemma = tok.lemma_.lower()
    words = negotiation_words()
    return (
        tok.lower_ in words
        or lemma in words
        or lemma in term_words()
        or (lemma, "NOUN") in deal_words()
        or is_proposal_noun(tok)
    )


def same_time(a: When, b: When) -> bool:
    """Do two proposal times name the same time: both unstated, or intervals that overlap ("in May
    last year" and "May")?

    >>> from datetime import date
    >>> may = When("May", date(2024, 5, 1), date(2024, 5, 31))
    >>> same_time(may, When("in 2024", date(2024, 1, 1), date(2024, 12, 31)))
    True
    >>> same_time(When(), When("in 2011", date(2011, 1, 1), date(2011, 12, 31)))
    False
    """
    if a.earliest is None or b.earliest is None:
        return a == b
    return a.earliest <= (b.latest or b.earliest) and b.earliest <= (a.latest or a.earliest)


def names_a_deal(s: Sentence) -> bool:
    """Does ``s`` name a deal already spoken of ("the ceasefire", "the deal"), so that what it
    says is of that deal rather than of a plan its speaker put forward?"""
    return any(
        deal_role(t) == "anchor" and any(c.lower_ in ("the", "this", "that") for c in t.children)
        for t in s.span
    )


# how a term the deal frame takes may not be presented: wished for, under a condition, sought
NOT_OF_THE_DEAL = (CONDITIONAL, POSSIBLE, SOUGHT)
# the stances under which a side states its own terms, not the deal's
DEMANDING = frozenset({"Demands", "Rejects", "RedLine"})


def provision_terms(span: Span, actors_of=None, deal: bool = True) -> list[Term]:
    """The terms of ``span`` that state a proposal's provisions: all its terms but those a
    "without" phrase denies ("a plan to end the war without a withdrawal"), and for the agreed
    ``deal`` also those the text only hopes for, makes conditional or seeks ("hoped the pact
    would bring a lasting truce", "if the militia rejects a full ceasefire") and those a side
    demands or rejects ("the colonel demanded that the rebels pull back from the ridge"), which
    are that side's.

    >>> from kg.annotate import load_pipeline
    >>> nlp = load_pipeline()
    >>> [t.kind for t in provision_terms(nlp("The envoy urged both camps to accept a truce.")[:])]
    []
    >>> [t.kind for t in provision_terms(nlp("Under the pact, a truce begins on Friday.")[:])]
    ['PauseTerm']
    >>> doc = nlp("The plan would end the war without a withdrawal.")
    >>> [t.kind for t in provision_terms(doc[:], deal=False)]
    ['CeasefireTerm']
    """
    terms = terms_in(span, actors_of, named_groups=True)
    aside: set[Term] = set()
    for tok in span:
        if term_words().get(tok.lemma_.lower()) is None:
            continue
        if not (under_without(tok) or (deal and is_set_aside(tok))):
            continue
        left = tok.left_edge.i if tok.pos_ != "VERB" else tok.i
        phrase = span.doc[max(left, span.start) : min(tok.right_edge.i + 1, span.end)]
        aside.update(terms_in(phrase, actors_of, named_groups=True))
    return [t for t in terms if t not in aside]


def under_without(tok: Token) -> bool:
    """Is the term word ``tok`` (or the noun it qualifies) the object of "without", which says
    the proposal lacks it ("a truce without a pullback of the militias")?

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("They signed a truce without a full withdrawal.")
    >>> [under_without(t) for t in doc if t.lower_ in ("truce", "withdrawal")]
    [False, True]
    """
    noun = tok.head if tok.dep_ in ("amod", "compound") else tok
    return noun.dep_ == "pobj" and noun.head.lower_ == "without"


def is_set_aside(tok: Token) -> bool:
    """Is the term word ``tok`` hoped for, conditional or sought, or under a verb by which a side
    demands or rejects it, so that it is no provision of the agreed deal? In "Lima rejected any
    pullback" and "a pullback if talks go well", "pullback" is set aside (True); in "both armies
    will pull back" it is not (False)."""
    if factuality(tok) in NOT_OF_THE_DEAL:
        return True
    node = tok
    for _ in range(8):
        if node.head.i == node.i:
            return False
        node = node.head
        cue = stance_cues().get((node.lemma_.lower(), "VERB")) if node.pos_ == "VERB" else None
        if cue is not None and DEMANDING & set(cue.stances):
            return True
    return False


def governed_span(mention: Token, bounds: Span) -> Span:
    """The words whose terms a proposal mention governs, within ``bounds``: all of them, but for a
    mention inside a relative or participle clause ("the accord rests on the scheme she tabled")
    only the phrase of the noun that clause describes, not the sentence around it.

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("A truce followed the plan that Chad proposed for a swap.")
    >>> governed_span(doc[7], doc[:]).text
    'the plan that Chad proposed for a swap'
    """
    if mention.dep_ not in ("relcl", "acl") or mention.pos_ != "VERB":
        return bounds
    phrase = mention.head
    start = max(phrase.left_edge.i, bounds.start)
    end = min(phrase.right_edge.i + 1, bounds.end)
    return bounds.doc[start:end] if start < end else bounds


def names_an_event(tok: Token, mention: Token) -> bool:
    """Is ``tok`` part of a date that only names another event ("since the 1994
    floods", "the 2006 war"): a date modifying a noun other than the proposal ``mention``
    itself ("his May plan" is dated by it), not the time of what the clause tells?

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("Her May plan came after the September 2001 attacks.")
    >>> [t.text for t in doc if names_an_event(t, doc[2])]
    ['September', '2001']
    """
    if tok.ent_type_ not in ("DATE", "TIME"):
        return False
    root = next((e.root for e in tok.doc.ents if e.start <= tok.i < e.end), tok)
    return (
        root.dep_ in ("compound", "nmod", "amod", "poss")
        and root.head.i != mention.i
        and root.head.ent_type_ not in ("DATE", "TIME")
    )


def objects_of(verb: Token) -> list[Token]:
    """The objects of ``verb``, also one the parser made the subject of a clause after it
    ("declared a truce, stretched to a week", read as "declared [a truce stretched ...]")."""
    return [c for c in verb.children if c.dep_ == "dobj"] + [
        g for c in verb.children if c.dep_ == "ccomp" for g in c.children if g.dep_ == "nsubj"
    ]


def is_pronoun(tok: Token | None) -> bool:
    """Is ``tok`` a third-person pronoun that names no actor by itself ("it", "they")?"""
    return tok is not None and tok.lower_ in ("it", "they")


def governing_subject(tok: Token) -> Token | None:
    """The explicit subject of the nearest verb above ``tok`` that has one."""
    node = tok.head
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX"):
            subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None:
                return subject
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def extract_proposals(ctx: ArticleContext) -> tuple[list[Proposal], list[Explanation]]:
    """Return the proposals of an article, each with its terms, and the explanation of each."""
    rules = ProposalRules(ctx)
    return rules.run(), rules.explanations
