"""Proposals: who put forward what, and the terms each proposal states.

A proposal is introduced by a verb ("X has suggested", "X floated") or a noun
("X's proposal", "the Hamas proposal", "the plan drawn up by X", "a plan" that
X answered with), words of ``kg/data/proposal_words.tsv``. Its terms are read
from that sentence and from the sentences that go on describing it: a definite
"the counterproposal" or "It also includes", and the conditional sentences
("would free ...") of the same and the next paragraph.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Token

from ..facts import ActorRef, Evidence, Explanation, Proposal, Term, When
from ..vocab import data_lines
from .context import ArticleContext, Sentence, is_modal, reporting_sources
from .events import expand, subject_of
from .terms import terms_in

CONTINUATION = re.compile(r"\b(would|stage|stages|phase|phases|also includes?|under the (plan|proposal|deal))\b", re.I)
DESCRIBING_VERBS = {"include", "envisage", "envision", "call", "provide", "stipulate", "propose", "offer",
                    "require", "foresee", "contain", "set", "allow", "give"}


@lru_cache(maxsize=1)
def proposal_words() -> dict[tuple[str, str], str]:
    return {(w, pos): how for w, pos, how in csv.reader(data_lines("proposal_words.tsv"), delimiter="\t")}


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

    def add(self, s: Sentence, terms: list[Term], sources) -> None:
        if s.evidence not in self.evidence:
            self.evidence.append(s.evidence)
        self.terms.extend(t for t in terms if t not in self.terms)
        self.reported_by.extend(r for r in sources if r not in self.reported_by and r not in self.proposers)
        self.paragraph = s.par


class ProposalRules:
    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.drafts: list[Draft] = []
        self.explanations: list[Explanation] = []

    def run(self) -> list[Proposal]:
        current: Draft | None = None
        for s in self.ctx.sentences:
            mentions = self.mentions_in(s)
            if not mentions and current is not None and not self.continues(s, current):
                current = None
            if mentions:
                # several proposals in one sentence: each takes the terms between it and the next
                bounds = [m[0].i for m in mentions[1:]] + [s.span.end]
                for (tok, proposers, rule), end in zip(mentions, bounds):
                    start = s.span.start if tok.i == mentions[0][0].i else tok.i
                    current = self.draft_for(proposers, s, rule)
                    self.note(s, current, terms_in(s.doc[start:end]))
            elif current is not None:
                self.note(s, current, terms_in(s.span))
        return [self.proposal(d) for d in self.drafts]

    def note(self, s: Sentence, draft: Draft, terms: list[Term]) -> None:
        draft.add(s, terms, reporting_sources(self.ctx, s))
        self.explanations.append(Explanation(
            s.evidence, draft.rule, f"Proposal by {', '.join(r.label for r in draft.proposers)}"
            + (f": {', '.join(t.kind for t in terms)}" if terms else "")))

    def continues(self, s: Sentence, current: Draft) -> bool:
        """Does ``s`` go on describing the current proposal?"""
        if s.par - current.paragraph > 1:
            return False
        first = s.span[0]
        if first.lower_ == "it" and first.dep_ == "nsubj" and (
                first.head.lemma_ in DESCRIBING_VERBS or any(c.lower_ == "also" for c in first.head.children)):
            return True  # "It also includes ...", "It envisaged ..." (not "It is noteworthy that ...")
        if any(t.lower_ in ("counterproposal", "plan", "proposal", "offer") and
               any(c.lower_ == "the" for c in t.children) for t in s.span):
            return True
        return bool(CONTINUATION.search(s.span.text)) and any(is_modal(t) for t in s.span if t.pos_ in ("VERB", "AUX"))

    def draft_for(self, proposers: list[ActorRef], s: Sentence, rule: str) -> Draft:
        proposers, spokesmen = self.speaking_for(proposers)
        for d in self.drafts:
            if set(d.proposers) == set(proposers):
                return d
        d = Draft(f"proposal-{s.evidence.start}", proposers, rule=rule, paragraph=s.par, reported_by=spokesmen)
        self.drafts.append(d)
        return d

    def speaking_for(self, proposers: list[ActorRef]) -> tuple[list[ActorRef], list[ActorRef]]:
        """Officials propose for their state: "U.S. officials" → the United States, reported by the officials."""
        states, spokesmen = [], []
        for ref in proposers:
            countries = [c for c in self.ctx.actors.affiliations_of_ref(ref) if c.kind == "Country"] \
                if ref.kind == "Group" else []
            if len(countries) == 1:
                states.append(countries[0])
                spokesmen.append(ref)
            else:
                states.append(ref)
        return list(dict.fromkeys(states)), spokesmen

    def mentions_in(self, s: Sentence) -> list[tuple[Token, list[ActorRef], str]]:
        """Each proposal introduced in ``s``: its word, its proposers and the rule that found it."""
        words = proposal_words()
        found = []
        for tok in s.span:
            how = words.get((tok.lemma_.lower(), "VERB")) if tok.pos_ == "VERB" else None
            if how is not None:
                if how.startswith("particle=") and not any(
                        c.dep_ == "prt" and c.lower_ == how.split("=")[1] for c in tok.children):
                    continue
                if how.startswith("xcomp=") and not any(  # "wanted the talks to cover ..."
                        c.dep_ in ("xcomp", "ccomp") and c.lemma_ in how.split("=")[1].split("|") for c in tok.children):
                    continue
                if tok.dep_ == "acl":  # "the plan put forward by X": the noun rule reads it
                    continue
                agent = next((g for a in tok.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"), None)
                proposers = self.actors(s, agent if agent is not None else subject_of(tok))
                if proposers:  # "the text, as laid out by U.S. officials": the agent proposes
                    found.append((tok, proposers, f"proposal-verb:{tok.lemma_.lower()}"))
            elif tok.pos_ == "NOUN" and (tok.lower_, "NOUN") in words:
                proposers = self.noun_proposers(s, tok)
                if proposers:
                    found.append((tok, proposers, f"proposal-noun:{tok.lower_}"))
        return found

    def noun_proposers(self, s: Sentence, noun: Token) -> list[ActorRef]:
        """ "X's proposal", "the Hamas proposal", "the U.N.-drafted plan", "the plan drawn up by X"."""
        for child in noun.children:
            if child.dep_ in ("poss", "compound", "nmod", "amod"):
                refs = self.actors(s, child)
                if not refs:
                    refs = [r for t in child.subtree for r in self.ctx.actors_of(s, t) if t.ent_type_ in ("ORG", "GPE", "NORP")]
                if not refs and "-" in child.text:  # "the U.N.-drafted plan"
                    refs = [r for part in child.text.split("-") if (r := self.ctx.actors.named(part))]
                if refs:
                    return list(dict.fromkeys(refs))
            if child.dep_ == "acl":
                for agent in child.children:
                    if agent.dep_ == "agent":
                        obj = next((g for g in agent.children if g.dep_ == "pobj"), None)
                        refs = [r for t in (expand(obj) if obj is not None else []) for r in self.ctx.actors_of(s, t)]
                        if refs:
                            return list(dict.fromkeys(refs))
        if noun.dep_ == "pobj" and noun.head.lower_ == "with":
            return self.actors(s, governing_subject(noun))  # "X answered the framework ... with a plan"
        if noun.dep_ in ("dobj",) and noun.head.lemma_ in ("float", "propose", "present", "submit", "offer"):
            return self.actors(s, subject_of(noun.head))
        return []

    def actors(self, s: Sentence, tok: Token | None) -> list[ActorRef]:
        if tok is None:
            return []
        return list(dict.fromkeys(r for t in expand(tok) for r in self.ctx.actors_of(s, t)))

    def proposal(self, d: Draft) -> Proposal:
        return Proposal(key=d.key, proposers=tuple(d.proposers), terms=tuple(d.terms), evidence=tuple(d.evidence),
                        reported_by=tuple(d.reported_by), when=When(), rule=d.rule)


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
