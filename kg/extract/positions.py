"""Positions: who rejects, demands, accepts what; red lines; assessments of the talks.

Cues are the words and phrases of ``kg/data/stance_cues.tsv`` plus one
construction (a refusal in the future: "will not negotiate ... until"). The
holder is, in this order: the possessor of a stance noun ("Netanyahu's
refusal") or its "for" object ("the red line for Israel"); the speaker when the
cue sits in reported speech ("X said that Y must ..."); the subject of the
stance verb; the nearest subject up the parse. One actor's positions of one
kind are one position, with every sentence as evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Token

from ..facts import ActorRef, Evidence, Explanation, Position, Proposal, Term
from ..vocab import word_list
from .context import ArticleContext, Sentence, in_quotes, reporting_sources
from .factuality import (
    ASSERTED,
    CONDITIONAL,
    NEGATED,
    PLANNED,
    SOUGHT,
    factuality,
    is_hedged,
    is_modal,
)
from .proposals import is_proposal_noun, is_support, proposal_words
from .stance import (
    Cue,
    accused_of,
    cues,
    describes_provisions,
    is_evaluative,
    is_urged,
    judges_by_valence,
    mentions_negotiation,
    phrase_by_text,
    phrase_cues_by_first_word,
    phrase_pattern,
    reported_content,
    speech_stance_holds,
    topic_words,
    valences,
)
from .terms import terms_in
from .triggers import (
    agent_object,
    expand,
    governing_verb,
    is_speech,
    preposition_objects,
    subject_of,
    triggers_for,
)
from .word_forms import by_tagged_word_form

MAX_TOPIC_WORDS = 18
PARTY_ENTITIES = ("PERSON", "ORG", "GPE", "NORP")  # spaCy's entity types of the parties themselves
PERSONAL_PRONOUNS = ("him", "her", "me", "us", "you")  # "it" and "them" may be the deal
CONTINUING_PRONOUNS = ("it", "they", "he", "she")  # a subject that goes on from the last sentence's
# the factualities under which a stance is held: said, said negated (a refusal), or said for the future
HELD = (ASSERTED, NEGATED, PLANNED)


@dataclass
class Found:
    """One stance cue with what it says, before positions are merged."""

    holder: ActorRef
    stances: tuple[str, ...]
    topic: str
    sentence: Sentence
    rule: str
    terms: tuple[Term, ...] = ()
    factuality: str = ASSERTED
    reported_by: tuple[ActorRef, ...] = ()  # the speaker who reports another side's stance
    cue: Token | None = None  # the word or head of the construction that states it


@dataclass
class Merged:
    holder: ActorRef
    stances: list[str]
    topics: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    sources: list[ActorRef] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    start: int = 0
    factuality: str = ASSERTED


def speech_verb_above(tok: Token) -> Token | None:
    """The speech verb whose reported clause holds ``tok`` ("X said [that ... tok ...]")."""
    child, head = tok, tok.head
    while head.i != child.i:
        if is_speech(head) and child.dep_ not in ("nsubj", "nsubjpass", "agent"):
            return head
        child, head = head, head.head
    return None


CUE_POS = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ"}


@by_tagged_word_form
def word_cue(tok: Token) -> Cue | None:
    """The one-word cue of ``tok``'s word: its lemma or form as a verb, noun or adjective of
    ``kg/data/stance_cues.tsv``, "must", or a modal ("should": what ought to be done).

    >>> from kg.annotate import load_pipeline
    >>> [word_cue(t).stances for t in load_pipeline()("Hamas rejected the offer.") if word_cue(t)]
    [('Rejects',)]
    """
    pos = CUE_POS.get(tok.pos_)
    cue = cues().get((tok.lemma_.lower(), pos)) or cues().get((tok.lower_, pos))
    if cue is None and tok.lower_ == "must":
        cue = cues().get(("must", "VERB"))
    if cue is None and tok.tag_ == "MD":
        cue = cues().get((tok.lower_, "MODAL"))
    return cue


def phrase_text(tokens: list[Token]) -> str:
    tokens = sorted(tokens, key=lambda t: t.i)
    words = [t.text for t in tokens][:MAX_TOPIC_WORDS]
    return re.sub(r"\s+([,.;:!?'’”])", r"\1", " ".join(words)).strip(" ,.;:\"“”'")


class PositionRules:
    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.found: list[Found] = []
        self.explanations: list[Explanation] = []
        self.cues: dict[int, list[tuple[Cue, Token]]] = {}  # sentence index → its cue words

    def run(self) -> list[Position]:
        for s in self.ctx.sentences:
            if self.ctx.is_headline(s):
                continue
            seen: set[tuple[ActorRef, str]] = set()
            for found in self.sentence_positions(s):
                key = (found.holder, found.stances[0])
                if key in seen or names_a_document(found.holder):
                    continue
                seen.add(key)
                found.terms = demanded_terms(found, s)
                self.found.append(found)
                self.explanations.append(
                    Explanation(
                        s.evidence,
                        found.rule,
                        f"Position {found.holder.label} {'/'.join(found.stances)} [{found.factuality}]: {found.topic}",
                    )
                )
        return self.merged()

    def sentence_positions(self, s: Sentence):
        """Every stance ``s`` states: its cue words, then the constructions that need no cue word."""
        used: set[int] = set()
        for cue, tok in self.cues_in(s):
            if tok.i in used:
                continue
            used.add(tok.i)
            yield from self.cue_positions(s, cue, tok)
        yield from self.evaluations(s)
        yield from self.protests(s)
        yield from self.conditions(s)
        yield from self.threats(s)
        for tok in s.tokens:
            yield from self.constructions(s, tok)

    def cue_positions(self, s: Sentence, cue: Cue, tok: Token):
        """The positions one cue word states: one per holder (conjoined subjects hold it each)."""
        if is_urged(tok) or describes_provisions(tok):
            # "X urged Y to accept": Y accepts nothing yet; "Under the deal, X agreed to ...": what the
            # text provides, not a stance
            return
        fact = factuality(tok)
        if fact not in HELD and not is_hedged(tok):
            return  # "hopes the rebels will accept", "if the union accepts", "whether to reject"
        if fact == NEGATED and "Accepts" in cue.stances and not negated_here(tok):
            return  # "refused to accept the offer": the refusal states the stance, not the acceptance
        stances = self.adjust_for_negation(cue, tok)
        if stances == ("Accepts",) and threatens(tok):
            return  # "ready to fight on for years": a threat, no acceptance of anything
        if "Accepts" in stances and accepts_a_meeting(tok):
            return  # "agreed to meet next week": a meeting planned (an event), no stance on a deal
        if "Demands" in stances and asks_for_help(tok):
            return  # "asked the envoy to help end the siege": a request to a go-between, no demand
        if stances == ("Accepts",) and judged_as(tok):
            stances = ("Accepts", "Assessment")  # "welcomed the swap as a fine first step"
        if (
            not stances
            or cue.pos == "PHRASE"
            and any(
                c.dep_ == "nsubj"
                and ((c.lemma_.lower(), "NOUN") in cues() or c.lower_ in ("lines", "line"))
                for c in tok.children
            )
        ):
            return  # "the red line of X rules out Y": the red line is the position
        holder = self.holder_of(s, tok, cue)
        if holder is None:
            return
        topic, rule = self.topic_of(tok, cue), f"stance-{cue.pos.lower()}:{' '.join(cue.words)}"
        reporters = self.reporter_of(s, tok, holder)
        for each in [holder] + self.co_holders(
            s, tok, holder
        ):  # "X, Y and Z backed the deal": three positions
            yield Found(
                each, stances, topic, s, rule, factuality=fact, reported_by=reporters, cue=tok
            )

    def constructions(self, s: Sentence, tok: Token):
        """Stances stated by a construction rather than a cue word: "only once", "no" objects in
        reported speech, refusals in the future."""
        if (
            tok.lower_ == "only"
            and tok.dep_ == "advmod"
            and tok.head.pos_ in ("VERB", "AUX")
            and any(
                c.lower_ in word_list("only_condition_conjunctions")
                for c in tok.head.subtree
                if c.i > tok.i
            )
        ):
            verb = tok.head  # "could only be signed once Armenia amends its constitution"
            holder = self.holder_of(s, verb, Cue(("only",), "PHRASE", ("RedLine",)))
            if holder is not None:
                yield Found(
                    holder,
                    ("RedLine",),
                    phrase_text(list(verb.subtree)),
                    s,
                    "stance-construction:only-once",
                    cue=verb,
                )
        if tok.pos_ != "VERB":
            return
        no_object = any(
            c.dep_ == "dobj" and any(d.lower_ == "no" for d in c.children if d.dep_ == "det")
            for c in tok.children
        )
        if (
            no_object  # the cheapest test first: most verbs have no "no" object
            and not is_speech(tok)
            and speech_verb_above(tok) is not None
            and self.first_actor(s, next((c for c in tok.children if c.dep_ == "nsubj"), None))
            is not None
        ):
            holder = self.holder_of(s, tok, Cue((tok.lemma_,), "VERB", ("Rejects", "RedLine")))
            if holder is not None:  # "X wrote that Mali would sign no papers with Chad"
                yield Found(
                    holder,
                    ("Rejects", "RedLine"),
                    phrase_text(list(tok.subtree)),
                    s,
                    "stance-construction:no-object",
                    cue=tok,
                )
        if tok.lemma_ not in word_list("never_stance_verbs") and self.future_refusal(tok):
            holder = self.holder_of(s, tok, Cue((tok.lemma_,), "VERB", ("RedLine",)))
            if holder is not None and not self.predicts_other_side(s, tok, holder):
                until = any(c.lower_ in word_list("red_line_conjunctions") for c in tok.subtree)
                stances = ("RedLine", "Rejects") if until else ("RedLine",)
                own_subject = {t.i for t in subject_tokens(tok)}
                topic = phrase_text([t for t in tok.subtree if t.i not in own_subject])
                yield Found(holder, stances, topic, s, "stance-construction:will-not", cue=tok)

    def predicts_other_side(self, s: Sentence, verb: Token, holder: ActorRef) -> bool:
        """Does a speaker say what another side will not do ("the envoy said the rebels would never
        disarm")? A forecast of a third party's refusal is no red line of the speaker's own."""
        subject = self.first_actor(s, own_subject(verb))
        return subject is not None and self.third_party(subject, holder)

    def co_holders(self, s: Sentence, tok: Token, holder: ActorRef) -> list[ActorRef]:
        """The other actors of a stance verb's conjoined subject ("Cohen, Pardo and Gantz backed ...",
        "A, B and C cast dissenting votes")."""
        if is_support(tok):
            return []  # "Chad rejected a Niger-backed plan": the backer alone backs it
        # not "dissenting votes"
        finite = tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("amod", "compound")
        verb = tok if finite else governing_verb(tok)
        subject = (
            None
            if verb is None
            else next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        )
        if subject is None or holder not in self.ctx.actors_of(s, subject):
            # "X said A and B backed it": A and B both hold it ("..., he added" too); the speaker
            # alone when the stance is the speaker's
            return []
        # "Senators A, B and C": spaCy often hangs B off A as an apposition (through the title: "A, army chief
        # B"), and C off B
        named, stack = [], [c for c in subject.children if c.dep_ == "appos"]
        while stack:
            c = stack.pop()
            if c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
                named.append(c)
            stack.extend(g for g in c.children if g.dep_ == "appos")
        refs = [
            r
            for t in expand(subject) + [x for a in named for x in expand(a)]
            for r in self.ctx.actors_of(s, t)
        ]
        return [r for r in dict.fromkeys(refs) if r != holder]

    def evaluations(self, s: Sentence):
        """A speaker's judgement in reported speech: evaluative words of a published lexicon in what was said.

        "The offer is generous, but late," the envoy said → the envoy's Assessment of it.
        """
        assessing = {tok.i for cue, tok in self.cues_in(s) if "Assessment" in cue.stances}
        for verb in s.speech_verbs:
            if verb.i in assessing or any(a.i in assessing for a in verb.ancestors):
                # "hailed the swap as ...", "thanked X for what he called ...": the cue above
                # states the assessment
                continue
            said = reported_content(s, verb)
            words = [t for t in said if is_evaluative(t)]
            rule = (
                f"stance-evaluation:{words[0].lower_}"
                if words
                else self.claim_rule(s, verb, said) or self.quoted_judgement_rule(s, verb, said)
            )
            if rule is None:
                continue
            speaker = self.speaker_of(s, verb)
            if speaker is not None:
                # "called the offer reckless": a judgement that condemns a proposal rejects it too
                stances = ("Assessment", "Rejects") if condemns(words, said) else ("Assessment",)
                yield Found(speaker, stances, phrase_text(said), s, rule, cue=verb)

    def claim_rule(self, s: Sentence, verb: Token, said: list[Token]) -> str | None:
        """The rule of a speaker's reported claim about the deal or the talks, or None.

        "The truce is holding," the minister said → the minister's Assessment of the truce; not
        when the claim is about something else, states a stance of its own ("said they accepted
        the truce": that is acceptance), or the saying or the claim is only supposed ("if the
        envoy says the talks failed", "said that if X, the deal would ..."), or only announces
        what is planned ("said the delegation would travel on Sunday").
        """
        if not said or not mentions_negotiation(said) or factuality(verb) not in HELD:
            return None
        if verb.lemma_ in word_list("judging_verbs") and not any(
            c.dep_ in ("oprd", "ccomp") or c.dep_ == "prep" and c.lower_ == "as"
            for c in verb.children
        ):
            return None  # "called the summit for Friday", "called on X to ...": no judgement of it
        if any(t.lower_ in ("if", "unless", "until") and t.dep_ == "mark" for t in said):
            return None  # a hypothetical, or a condition (a red line: see ``conditions``)
        heads = [t for t in said if t.head not in said or t.head.i == t.i]
        verbs = [h for h in heads if h.pos_ in ("VERB", "AUX")]
        if any(factuality(v) in (CONDITIONAL, SOUGHT, PLANNED) for v in verbs):
            return None
        if any(tells_of_a_proposal(v) for v in verbs):
            return None  # what a plan holds or who put it forward: the proposal's, not a judgement
        stance_words = {tok.i for _, tok in self.cues_in(s)}
        if any(t.i in stance_words for t in said):
            return None  # the claim states a stance: the cue gives it
        return "stance-assessment:reported-claim"

    def quoted_judgement_rule(self, s: Sentence, verb: Token, said: list[Token]) -> str | None:
        """The rule of a speaker's quoted words that judge with a strongly valenced noun or
        adjective, whatever they speak of, or None.

        "Our patience is at an end," the mayor told the council → the mayor's Assessment; not a
        quoted announcement ("We leave at noon," she said), nor a quotation under a condition.
        """
        # the judging word first: it is the rarest condition and the cheapest to ask
        words = [t for t in said if judges_in_quotation(t)]
        if not words or factuality(verb) not in HELD or not quotes_all(s, said):
            return None
        if any(t.lower_ in ("if", "unless", "until") and t.dep_ == "mark" for t in said):
            return None
        cue_starts = {c.i for _, c in self.cues_in(s)}
        if any(t.i in cue_starts for t in said):
            return None  # the quotation states a stance: the cue gives it
        return f"stance-quotation:{words[0].lower_}"

    def protests(self, s: Sentence):
        """A protest against something rejects it: "farmers rallied against the quota", "she led
        marches against the accord". The holder is who protests (the subject of the protest verb,
        or of the verb that stages the protest noun); the topic is what it is against.
        """
        if "against" not in s.words:
            return
        for tok in s.tokens:
            against = protested_object(tok)
            if against is None:
                continue
            if factuality(tok) not in HELD:
                continue  # "plan to march against the levy", "if they rally against it"
            # who protests, never the speaker who reports it: "farmers rallied against it,
            # officials said" is the farmers' stance, and nobody's when they are no actor
            subject = protester(tok)
            holder = self.first_actor(s, subject) if subject is not None else None
            if holder is not None:
                topic = phrase_text(list(against.subtree))
                yield Found(holder, ("Rejects",), topic, s, "stance-construction:protest", cue=tok)

    def conditions(self, s: Sentence):
        """A state that holds until or unless something happens, as a speaker puts it: a red line.

        "Sanctions will stay until the border reopens," the minister said → the minister's RedLine.
        """
        marks = word_list("red_line_conjunctions")
        if s.words.isdisjoint(marks):
            return
        for tok in s.tokens:
            if tok.lower_ not in marks or tok.dep_ not in ("mark", "prep"):
                continue
            clause = tok.head.head if tok.dep_ == "mark" else tok.head
            if clause.lemma_ not in word_list("lasting_verbs") and not any(
                c.lower_ in ("no", "not", "never")
                for c in clause.subtree
                if c.dep_ in ("det", "neg")
            ):
                continue
            if any(c.dep_ == "prep" and c.lower_ == "under" for c in clause.children):
                continue  # "under the plan the monitors would remain until ...": a provision described, not a red line
            speech = speech_verb_above(clause) or next(
                (v for v in s.speech_verbs if v.i != clause.i), None
            )
            speaker = self.speaker_of(s, speech) if speech is not None else None
            if speaker is not None:
                yield Found(
                    speaker,
                    ("RedLine", "Demands"),
                    phrase_text(list(clause.subtree)),
                    s,
                    "stance-construction:until",
                    cue=clause,
                )

    def threats(self, s: Sentence):
        """What a side says it will do unless its condition is met: a red line and a demand.

        "If the strikes go on, the rebels would resume the offensive, the envoy said" → the
        envoy's RedLine; not a condition told of nobody's act ("if it rains, the match would
        stop"), nor a hope, a question or a saying that is itself supposed.
        """
        if s.words.isdisjoint(("if", "unless")) or s.span.text.rstrip().endswith("?"):
            return
        for mark in s.tokens:
            action = threatened_action(mark)
            if action is None or describes_provisions(action):
                continue
            speech = speech_verb_above(action) or next(
                (v for v in s.speech_verbs if v.i != action.i), None
            )
            if factuality(speech if speech is not None else action) not in HELD + (CONDITIONAL,):
                continue  # "hoped that if ...", "whether they would resume ... if ..."
            cue = Cue((action.lemma_,), "VERB", ("RedLine", "Demands"))
            holder = (
                self.holder_of(s, action, cue) if speech is None else self.speaker_of(s, speech)
            )
            if holder is not None:
                topic = phrase_text(list({*action.subtree, *mark.head.subtree}))
                yield Found(
                    holder,
                    ("RedLine", "Demands"),
                    topic,
                    s,
                    "stance-construction:threat",
                    cue=action,
                )

    @staticmethod
    def future_refusal(verb: Token) -> bool:
        """ "will not negotiate", "would not agree": a refusal stated for the future."""
        children = {c.lower_ for c in verb.children if c.dep_ in ("aux", "neg")}
        return bool(children & {"not", "n't", "never"}) and bool(
            children & {"will", "would", "'ll", "wo"}
        )

    def cues_in(self, s: Sentence) -> list[tuple[Cue, Token]]:
        """The cue words and phrases of ``s`` in a plausible use, with the token each starts at;
        found once per sentence (the claim rule asks again)."""
        found = self.cues.get(s.index)
        if found is None:
            found = self.cues[s.index] = list(self.find_cues(s))
        return found

    def find_cues(self, s: Sentence):
        tokens = s.tokens
        lemmas = [t.lemma_.lower() for t in tokens]
        text = s.span.text.lower()
        phrase_at: dict[int, Cue] = {}
        for m in phrase_pattern().finditer(
            text
        ):  # matched on the text, so "non-starters" is one cue
            span = s.span.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                phrase_at.setdefault(span.start, phrase_by_text()[m.group(0)])
        by_first = phrase_cues_by_first_word()
        for k, tok in enumerate(tokens):
            cue = phrase_at.get(tok.i)
            if cue is None and lemmas[k] in by_first:
                cue = next(
                    (
                        c
                        for c in by_first[lemmas[k]]
                        if tuple(lemmas[k : k + len(c.words)]) == c.words
                    ),
                    None,
                )
            if cue is not None and self.plausible(cue, tok):
                yield cue, tok
            cue = word_cue(tok)
            if cue is not None and self.plausible(cue, tok):
                yield cue, tok

    @staticmethod
    def plausible(cue: Cue, tok: Token) -> bool:
        """Filters for cue words that are stances only in some uses."""
        if cue.pos == "VERB" and not speech_stance_holds(tok):
            return False  # a speech verb out of its frame: "denied entry to reporters"
        if cue.words[0] in word_list("gap_nouns"):
            return any(c.dep_ in ("amod",) for c in tok.children) or tok.head.lemma_ in word_list(
                "persisting_verbs"
            )
        specific = plausible_use(cue, tok)
        if specific is not None:
            return specific
        if cue.words[0] in word_list("wanting_cue_verbs"):
            return any(c.dep_ in ("xcomp", "dobj", "ccomp") for c in tok.children)
        if (
            cue.words[0] == "expect"
        ):  # "expects both sides to keep ...", not "expecting an early result"
            return any(c.dep_ in ("xcomp", "ccomp") for c in tok.children)
        if (
            cue.pos == "VERB"
            and "Accepts" in cue.stances
            and any(
                c.dep_ == "dobj"
                and (c.lower_ in PERSONAL_PRONOUNS or c.ent_type_ in PARTY_ENTITIES)
                for c in tok.children
            )
        ):
            # "welcomed the envoy", "thanked Oman and Egypt": courtesy to a party, no stance; gratitude *for*
            # something ("thanked him for the decision") is one on that
            return any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children)
        if cue.pos == "PHRASE" and tok.pos_ == "ADJ" and tok.dep_ == "amod" and tok.i > tok.head.i:
            return False  # "an aide close to the mediators": a phrase naming someone, no judgement of them
        if cue.pos == "ADJ":
            # an evaluation of something ("the talks were constructive"), not a name or a modifier of one
            judging = word_list("evaluating_verbs")
            if tok.dep_ == "amod" and tok.i > tok.head.i and tok.head.head.lemma_ in judging:
                return True  # "called the meeting useful and frank"
            if tok.dep_ == "conj" and tok.head.dep_ == "amod":
                return tok.head.i > tok.head.head.i and tok.head.head.head.lemma_ in judging
            return (
                tok.dep_ in ("acomp", "oprd", "conj", "xcomp", "ROOT", "ccomp", "attr")
                or tok.head.lemma_ in judging
            )
        if cue.pos == "NOUN" and any(
            cues().get((a.lemma_.lower(), "VERB"))
            or a.lemma_.lower() in word_list("commitment_verbs")
            for a in tok.ancestors
            if a.pos_ == "VERB"
        ):
            return False  # "rejected Hamas's demands": the demands are what is rejected, not a position here
        if (
            cue.pos == "NOUN"
            and tok.dep_ == "dobj"
            and tok.head.lemma_ in word_list("judging_verbs")
        ):
            return False  # "called the demands a disgrace": the demands are what is judged
        if cue.pos != "VERB" and cue.words[0] in word_list("argument_only_cue_nouns"):
            return (
                tok.dep_ in ("attr", "dobj", "pobj", "nsubj", "oprd", "ROOT", "npadvmod", "appos")
                and tok.ent_type_ == ""
            )
        return True

    @staticmethod
    def adjust_for_negation(cue: Cue, tok: Token) -> tuple[str, ...]:
        if not negated_here(tok):
            return cue.stances
        if cue.stances == ("Accepts",):
            return ("Rejects",)
        if (
            "Demands" in cue.stances
            and cue.pos == "VERB"
            and tok.lemma_ not in word_list("negatable_demand_words")
        ):
            return ()
        return cue.stances

    def holder_of(self, s: Sentence, tok: Token, cue: Cue) -> ActorRef | None:
        """The side whose stance ``tok`` states, found through the attribution that governs it.

        In this order: a backer named in a participle; the agent of a passive; the possessor
        (or "for" object) of a stance noun; the cue's own subject, or the side a speaker reports
        on; the speaker of the reported speech; the subject of the stance verb; the speaker of the
        sentence; the nearest subject up the parse.
        """
        # an obligation ("Y had to stop") is the speaker's demand of Y, never Y's own stance
        verbal = not is_obligation(cue) and (
            cue.pos == "VERB" or (cue.pos == "PHRASE" and tok.pos_ in ("VERB", "AUX"))
        )
        for find in (self.backer_of, self.agent_holder, self.owner_of_noun):
            ref = find(s, tok, cue)
            if ref is not None:
                return ref
        speech = speech_verb_above(tok)
        speaker = self.speaker_of(s, speech) if speech is not None and speech.i != tok.i else None
        reported = self.reported_holder(s, tok, cue, speaker, verbal)
        if reported is not None:
            return reported
        if speaker is not None:
            # an act of accepting or refusing has a doer; "the vote would not take place" has none
            acting = verbal and not {"Accepts", "Rejects"}.isdisjoint(cue.stances)
            subject = own_subject(tok) if acting else None
            if noun_subject(tok, subject) and self.first_actor(s, subject) is None:
                # "X said Chad's cabinet had backed it": Chad; "X said both delegations agreed to
                # ...": theirs, not X's, and nobody's when no actor is known for them
                return self.side_of_body(s, subject)
            return speaker  # "Hadid said Mali could live with ...": the speaker's position
        if is_obligation(cue):
            return self.sentence_speaker(s, tok)  # who must do it is not who demands it
        if verbal and subject_of(tok) is not None:
            # an explicit subject holds its stance; one that is no actor ("the two sides") holds it alone,
            # unless it continues the last sentence's subject ("it") or is part of an organization
            subject = subject_of(tok)
            return (
                self.represented_side(s, subject)
                or self.first_actor(s, subject)
                or self.side_of_body(s, subject)
                or self.second_subject(s, tok, subject)
                or self.continued_subject(s, subject)
                or self.organization_of_members(s, subject)
            )
        return self.sentence_speaker(s, tok) or self.nearest_subject(s, tok)

    def backer_of(self, s: Sentence, tok: Token, cue: Cue) -> ActorRef | None:
        """ "a Niger-backed plan": the backer named in the modifier supports it."""
        if not is_support(tok):
            return None
        return next(
            (r for c in tok.children if c.i < tok.i for r in [self.first_actor(s, c)] if r), None
        )

    def agent_holder(self, s: Sentence, tok: Token, cue: Cue) -> ActorRef | None:
        """ "offers that were rejected by X": X rejects, not the offerer; "conditions set by X": X's."""
        setter = condition_setter(tok) if tok.pos_ == "NOUN" else None
        verb = tok if tok.pos_ in ("VERB", "AUX") else setter
        return self.first_actor(s, agent_object(verb) if verb is not None else None)

    def owner_of_noun(self, s: Sentence, tok: Token, cue: Cue) -> ActorRef | None:
        """ "Netanyahu's refusal", "Khamenei's red lines", "the main red line for Israel"."""
        heads = [tok]
        if cue.words[0] == "red" or cue.pos == "NOUN":
            heads.append(
                tok if cue.pos == "NOUN" else tok.nbor(1) if tok.i + 1 < len(tok.doc) else tok
            )
        for n, head in enumerate(heads):
            for child in head.children:
                owner = (
                    child
                    if child.dep_ == "poss"
                    else next((g for g in child.children if g.dep_ == "pobj"), None)
                    if n and child.dep_ == "prep" and child.lower_ == "for"
                    else None
                )
                ref = self.first_actor(s, owner)
                if ref is not None:
                    return ref
        return None

    def reported_holder(
        self, s: Sentence, tok: Token, cue: Cue, speaker: ActorRef | None, verbal: bool
    ) -> ActorRef | None:
        """The cue's own subject when its act is reported ("The mayor rejected the budget, aides
        said"), the side a speaker describes ("X said the government appeared opposed") or accuses
        ("X accused Y of rejecting the truce")."""
        accused = self.first_actor(s, accused_of(tok))
        if accused is not None:
            return accused
        if verbal:
            subject = own_subject(tok)
            own = self.first_actor(s, subject)
            if own is not None and own_relative_clause(tok, subject):
                return own  # "..., a condition the union rejected": the clause's subject, not the speaker
            if own is not None and (
                own.kind == "Person"
                or speaker is not None
                and (speaker.kind == "Group" or self.reports_other_side(own, speaker, tok, subject))
            ):
                return own
        if (
            speaker is not None
            and tok.dep_ in ("acomp", "oprd")
            and (cue.pos == "ADJ" or tok.tag_ == "VBN")
        ):
            own = self.first_actor(s, subject_of(tok.head))
            if own is not None and self.third_party(own, speaker):
                return own
        return None

    def reports_other_side(
        self, own: ActorRef, speaker: ActorRef, verb: Token, subject: Token
    ) -> bool:
        """Does a speaker tell of what another side did ("Chad's minister said Niger had refused to
        disarm": Niger refuses, the minister reports it)? Not of their own side, nor of what they
        expect of the other ("would refuse"). A speaker whose side the article does not say is
        still no holder of a named side's act: that side holds it, the speaker reports it."""
        return self.third_party(own, speaker) and reports_an_act(verb) and not speakers_own(subject)

    def second_subject(self, s: Sentence, verb: Token, subject: Token) -> ActorRef | None:
        """Another subject the parser hangs on the verb ("..., a condition Chad rejected" read as
        two subjects of "rejected": Chad, not the condition)."""
        others = [c for c in verb.children if c.dep_ == "nsubj" and c.i != subject.i]
        return next((r for c in others for r in [self.first_actor(s, c)] if r), None)

    def speaker_of(self, s: Sentence, verb: Token) -> ActorRef | None:
        """The actor who says ``verb``: its subject, where "he" or "it" goes on from the speaker of
        the sentence before (\"The offer is late," X said. "We will not take it," he added: X, though
        another person was named in between)."""
        subject = subject_of(verb)
        if self.goes_on(s, subject):
            before = self.ctx.sentences[s.index - 1]
            said = [self.first_actor(before, subject_of(v)) for v in before.speech_verbs]
            person = subject.lower_ != "it"
            previous = next((r for r in said if r and (r.kind == "Person") == person), None)
            if previous is not None:
                return previous
        return self.first_actor(s, subject)

    def goes_on(self, s: Sentence, subject: Token | None) -> bool:
        """Is ``subject`` a pronoun that goes on from the sentence before, with no side named before
        it in its own ("... which she said must ...": the sentence's own subject comes nearer)?"""
        return (
            subject is not None
            and subject.lower_ in ("he", "she", "it")
            and s.index > 0
            and not any(
                self.ctx.actors_of(s, t)
                for t in s.tokens
                if t.i < subject.i and not in_quotes(s, t)
            )
        )

    def continued_subject(self, s: Sentence, subject: Token) -> ActorRef | None:
        """A pronoun opening a sentence continues the subject of the one before, in one paragraph
        ("The union welcomed the offer. On Friday it asked for more.": the union)."""
        if subject.lower_ not in CONTINUING_PRONOUNS or s.index == 0:
            return None
        if any(self.ctx.actors_of(s, t) for t in s.tokens if t.i < subject.i):
            return None  # a side named before it in its own sentence comes nearer
        before = self.ctx.sentences[s.index - 1]
        if before.par != s.par:
            return None
        root = before.span.root
        return self.first_actor(before, subject_of(root) if root.pos_ in ("VERB", "AUX") else None)

    def represented_side(self, s: Sentence, subject: Token | None) -> ActorRef | None:
        """The side a group of envoys acts for ("negotiators for the union", "mediators for the
        council": the union, the council), not the unnamed group itself."""
        if subject is None or subject.lower_ not in word_list("group_nouns"):
            return None
        return self.side_after_for(s, subject)

    def side_of_body(self, s: Sentence, subject: Token) -> ActorRef | None:
        """The side an unnamed body or group speaks for, named as its owner ("Chad's cabinet",
        "the Malian army's command") or by "for" ("negotiators for the union"), when the body
        itself is no actor of the article."""
        owners = (self.first_actor(s, c) for c in subject.children if c.dep_ == "poss")
        return next((ref for ref in owners if ref is not None), None) or self.side_after_for(
            s, subject
        )

    def side_after_for(self, s: Sentence, noun: Token) -> ActorRef | None:
        """The first side named in a "for" phrase of ``noun`` ("envoys for the union": the
        union), or None."""
        return next(
            (
                ref
                for c in noun.children
                if c.dep_ == "prep" and c.lower_ == "for"
                for g in c.children
                if g.dep_ == "pobj"
                for ref in [self.first_actor(s, g)]
                if ref is not None
            ),
            None,
        )

    def organization_of_members(self, s: Sentence, subject: Token) -> ActorRef | None:
        """Unnamed members of a named organization speak for it ("factions in the assembly backed
        the plan": the assembly); a country's people do not."""
        for prep in subject.children:
            if prep.dep_ == "prep" and prep.lower_ in word_list("member_prepositions"):
                for obj in prep.children:
                    ref = self.first_actor(s, obj) if obj.dep_ == "pobj" else None
                    if ref is not None and ref.kind == "Organization":
                        return ref
        return None

    def sentence_speaker(self, s: Sentence, tok: Token) -> ActorRef | None:
        """The speaker of another speech verb of the sentence ("The offer, he said, is late")."""
        for verb in s.speech_verbs:
            if verb.i != tok.i and tok.i not in {t.i for t in subject_tokens(verb)}:
                ref = self.speaker_of(s, verb)
                if ref is not None:
                    return ref
        return None

    def nearest_subject(self, s: Sentence, tok: Token) -> ActorRef | None:
        """The actor of the nearest subject up the parse."""
        node = tok
        for _ in range(6):
            if node.pos_ in ("VERB", "AUX"):
                subject = subject_of(node)
                if subject is not None:
                    return self.first_actor(s, subject)
            if node.head.i == node.i:
                break
            node = node.head
        return None

    def third_party(self, holder: ActorRef, speaker: ActorRef) -> bool:
        """Is ``holder`` a side other than the speaker's own (not the speaker, nor what either belongs to)?"""
        if holder == speaker:
            return False
        sides = lambda ref: {ref, *self.ctx.actors.affiliations_of_ref(ref)}
        return not sides(holder) & sides(speaker)

    def reporter_of(self, s: Sentence, tok: Token, holder: ActorRef) -> tuple[ActorRef, ...]:
        """The speaker who reports another side's stance ("X said Y rejected it": X), else nobody."""
        speech = speech_verb_above(tok)
        speaker = self.speaker_of(s, speech) if speech is not None and speech.i != tok.i else None
        return (speaker,) if speaker is not None and self.third_party(holder, speaker) else ()

    def first_actor(self, s: Sentence, tok: Token | None) -> ActorRef | None:
        if tok is None:
            return None
        refs = self.ctx.actors_of(s, tok)
        return refs[0] if refs else self.actor_named_elsewhere(tok)

    def actor_named_elsewhere(self, tok: Token) -> ActorRef | None:
        """The actor a bare proper name stands for when the parser tagged it differently here than
        where the article names that actor ("Mendes" read as a plural noun at the start of one
        sentence, as a person everywhere else): the actor the article knows by that very name."""
        if not tok.text[:1].isupper() or any(c.dep_ == "compound" for c in tok.children):
            return None  # a capitalised word alone: a name the tagger may have read as a plural
        named = self.ctx.actors.named(tok.text)
        if named is not None:
            return named
        # a surname alone, of exactly one person the article names in full
        people = {r for r in self.ctx.actors.refs if r is not None and r.kind == "Person"}
        bearers = [r for r in people if r.label.split()[-1] == tok.text and " " in r.label]
        return bearers[0] if len(bearers) == 1 else None

    def topic_of(self, tok: Token, cue: Cue) -> str:
        """The object of the stance, as a short phrase from the sentence."""
        if cue.pos == "ADJ":
            head = tok.head if tok.dep_ in ("acomp", "oprd", "attr") else tok
            tokens = [t for t in head.subtree if not is_speech(t)]
            return phrase_text(tokens)
        if cue.pos == "NOUN" or cue.words[0] == "red":
            anchor = tok if cue.pos == "NOUN" else tok.nbor(1) if tok.i + 1 < len(tok.doc) else tok
            head = anchor.head
            if head.lemma_ == "be":  # "the red line ... is not ending the war"
                attr = [
                    c
                    for c in head.children
                    if c.dep_ in ("attr", "acomp", "xcomp", "ccomp") and c.i != anchor.i
                ]
                if attr:
                    return phrase_text(list(attr[0].subtree))
                subject = [
                    t
                    for c in head.children
                    if c.dep_ == "nsubj" and c.i != anchor.i
                    for t in c.subtree
                ]
                if subject:  # "a ban on exports was a condition for ...": what the condition is
                    return phrase_text(subject) + " " + phrase_text(list(anchor.subtree))
            owner = {t.i for c in anchor.children if c.dep_ == "poss" for t in c.subtree}
            return phrase_text([t for t in anchor.subtree if t.i not in owner])
        if tok.dep_ == "relcl" and any(
            c.dep_ == "dobj" and c.lower_ in ("that", "which") for c in tok.children
        ):
            # "the truce that X had demanded": what is demanded is the noun the clause qualifies
            return phrase_text(
                [t for t in tok.head.subtree if t.i < tok.left_edge.i or t.i > tok.right_edge.i]
            )
        objects = [
            c
            for c in tok.children
            if c.dep_ in ("dobj", "xcomp", "ccomp", "prep", "attr", "prt", "oprd")
        ]
        tokens = [t for c in objects for t in c.subtree if c.dep_ != "prt"]
        if not tokens and tok.head.i != tok.i:
            tokens = [t for t in tok.head.subtree if t.i > tok.i]
        return phrase_text(tokens) or tok.text

    def merged(self) -> list[Position]:
        """One position per holder, stance and subject: restatements on a shared subject are merged."""
        groups: dict[tuple[ActorRef, tuple[str, ...], int], Merged] = {}
        for n, f in enumerate(self.found):
            same = next(
                (
                    k
                    for k, m in groups.items()
                    if k[:2] == (f.holder, f.stances)
                    and topic_words(f.topic) & set().union(*(topic_words(t) for t in m.topics))
                ),
                None,
            )
            key = same or (f.holder, f.stances, n)
            m = groups.setdefault(
                key,
                Merged(
                    f.holder,
                    list(f.stances),
                    start=f.sentence.evidence.start,
                    factuality=f.factuality,
                ),
            )
            if f.topic and f.topic not in m.topics:
                m.topics.append(f.topic)
            if f.sentence.evidence not in m.evidence:
                m.evidence.append(f.sentence.evidence)
            m.sources.extend(
                r
                for r in (*f.reported_by, *reporting_sources(self.ctx, f.sentence))
                if r not in m.sources and r != f.holder
            )
            m.rules.append(f.rule)
        out = []
        for (holder, stances, _), m in groups.items():
            key = f"position-{m.start}-{'-'.join(stances).lower()}-{holder.label}"
            out.append(
                Position(
                    key=key,
                    holder=holder,
                    stances=tuple(stances),
                    topic="; ".join(m.topics),
                    evidence=tuple(m.evidence),
                    reported_by=tuple(m.sources),
                    rule=m.rules[0],
                    factuality=m.factuality,
                )
            )
        return out


def demanded_terms(found: Found, s: Sentence) -> tuple[Term, ...]:
    """The terms a demand, refusal or red line states ("ruled out a deal without a full refund").

    Only the terms under the cue (the clause it heads, or the noun a relative clause
    cue qualifies: "the 30-day truce that X had demanded"), not the other terms of its
    sentence; a refusal states only its conditions ("without", "unless"), not the terms
    of what it refuses. Only when at least one term has figures or qualities: a bare
    "the release of captives" in a protest slogan is no set of terms.
    """
    if not set(found.stances) & {"Demands", "RedLine", "Rejects"}:
        return ()
    scope = s.span if found.cue is None else cue_scope(found.cue, s)
    if not set(found.stances) & {"Demands", "RedLine"}:
        scope = next(
            (
                s.doc[c.left_edge.i : c.right_edge.i + 1]
                for c in (found.cue.subtree if found.cue is not None else s.span)
                if c.lower_ in ("without", "unless") and c.dep_ in ("prep", "mark")
            ),
            None,
        )
        if scope is None:
            return ()
    terms = terms_in(scope)
    return tuple(terms) if any(t.attrs for t in terms) else ()


def cue_scope(cue: Token, s: Sentence):
    """The words a stance cue governs: the clause a verb heads, the noun a relative clause qualifies,
    the clause a stance noun is the subject or object of ("Hamas's demands include ...")."""
    head = cue
    if cue.dep_ in ("relcl", "acl") or cue.pos_ not in ("VERB", "AUX"):
        head = cue.head if cue.head.i != cue.i else cue
    left, right = max(head.left_edge.i, s.span.start), min(head.right_edge.i, s.span.end - 1)
    return s.doc[left : right + 1]


def demand_proposals(found: list[Found]) -> list[Proposal]:
    """A set of demands with concrete terms is a proposal of its holder (the contract's "set of demands")."""
    out: dict[ActorRef, Proposal] = {}
    for f in found:
        if not f.terms:
            continue
        old = out.get(f.holder)
        terms = tuple(dict.fromkeys((old.terms if old else ()) + f.terms))
        evidence = tuple(dict.fromkeys((old.evidence if old else ()) + (f.sentence.evidence,)))
        key = old.key if old else f"demands-{f.sentence.evidence.start}-{f.holder.label}"
        out[f.holder] = Proposal(
            key=key,
            proposers=(f.holder,),
            terms=terms,
            evidence=evidence,
            rule="demands-with-terms",
        )
    return list(out.values())


def threatened_action(mark: Token) -> Token | None:
    """The act an "if" or "unless" clause makes a threat of: a verb of ``kg/data/threat_verbs.txt`` in
    the clause the condition qualifies ("the union would walk out if ...", "reserved the option to
    retaliate if ..."), outside the condition itself.

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("Patrols would go back if the smugglers kept fishing.")
    >>> threatened_action(doc[4]).text
    'go'
    """
    if mark.lower_ not in ("if", "unless") or mark.dep_ != "mark" or mark.head.dep_ != "advcl":
        return None
    condition = {t.i for t in mark.head.subtree}
    main = mark.head.head
    for tok in main.subtree:
        if tok.i in condition or tok.pos_ != "VERB" or is_speech(tok) or in_subject(tok, main):
            continue  # not "rebuilding the schools would be essential if ...": a subject is no act
        particles = [
            c.lower_
            for c in tok.children
            if c.dep_ in ("prt", "advmod") and c.pos_ in ("ADP", "ADV")
        ]
        if {tok.lemma_.lower(), " ".join([tok.lemma_.lower(), *particles])} & word_list(
            "threat_verbs"
        ):
            return tok
    return None


def accepts_a_meeting(tok: Token) -> bool:
    """Is what an acceptance word accepts a meeting ("agreed to meet on Friday", "agreed to talks in
    Oslo"): an infinitive or a "to" object that is a Meeting word of ``kg/data/event_triggers.tsv``?

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("Peru agreed to meet Chile and agreed to cut tariffs.")
    >>> [accepts_a_meeting(t) for t in doc if t.lemma_ == "agree"]
    [True, False]
    """
    accepted = [c for c in tok.children if c.dep_ == "xcomp"] + preposition_objects(tok, "to")
    return any(t.kind == "Meeting" for a in accepted for t in triggers_for(a))


def asks_for_help(tok: Token) -> bool:
    """Is a request one for help ("asked Norway to help end the dispute", "urged the envoy to assist
    the talks"): a request verb whose infinitive is a verb of ``kg/data/help_verbs.txt``? What is
    asked of a go-between is no demand on the other side.

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("Mali asked Ghana to help and asked Chad to withdraw.")
    >>> [asks_for_help(t) for t in doc if t.lemma_ == "ask"]
    [True, False]
    """
    return tok.lemma_.lower() in word_list("directive_verbs") and has_complement_from(
        tok, "help_verbs"
    )


def has_complement_from(tok: Token, list_name: str) -> bool:
    """Does ``tok`` take an infinitive or clause whose verb is in ``kg/data/<list_name>.txt``?

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("Peru vowed to retaliate.")
    >>> has_complement_from(doc[1], "threat_verbs"), has_complement_from(doc[1], "help_verbs")
    (True, False)
    """
    return any(
        c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in word_list(list_name)
        for c in tok.children
    )


def protested_object(tok: Token) -> Token | None:
    """What a protest word is against ("marched against the levy": the levy), for a protest verb
    or noun of ``kg/data/event_triggers.tsv`` with an "against" phrase; else None.

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("Farmers marched against the levy. Voters marched in Lima.")
    >>> [protested_object(t) for t in doc if t.lemma_ == "march"]
    [levy, None]
    """
    if not any(t.kind == "Protest" for t in triggers_for(tok)):
        return None
    return next(
        (
            g
            for c in tok.subtree
            if c.dep_ == "prep" and c.lower_ == "against" and nearest_predicate(c).i == tok.i
            for g in c.children
            if g.dep_ in ("pobj", "pcomp")
        ),
        None,
    )


def protester(tok: Token) -> Token | None:
    """The subject of a protest word: of the protest verb itself ("Peru protested against it"),
    or of the verb it serves ("held rallies to protest against it", "struck in protest against
    it", "led marches against it").

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("Dockers held rallies against the levy.")
    >>> protester(doc[2]).text
    'Dockers'
    """
    node = tok
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX"):
            subject = own_subject(node)
            if subject is not None:
                return subject
        if node.dep_ not in ("xcomp", "advcl", "dobj", "pobj", "prep") or node.head.i == node.i:
            return None
        node = node.head
    return None


def nearest_predicate(tok: Token) -> Token:
    """The verb (or protest noun) above ``tok`` that its phrase belongs to: "against" hung by the
    parser on a place name ("marched in Lima and in Cusco against the levy") still belongs to
    "marched"."""
    node = tok.head
    while node.head.i != node.i and node.pos_ not in ("VERB", "AUX") and not triggers_for(node):
        node = node.head
    return node


def condition_setter(noun: Token) -> Token | None:
    """The verb by which a side sets the condition ``noun``: "X added a condition" (its head), "the
    conditions set by X" (a participle under it), else None."""
    if noun.dep_ == "dobj" and noun.head.lemma_ in word_list("condition_verbs"):
        return noun.head
    return next(
        (c for c in noun.children if c.dep_ == "acl" and c.lemma_ in word_list("condition_verbs")),
        None,
    )


def sets_condition(noun: Token) -> bool:
    """Is ``noun`` a condition someone sets ("set a condition: that ...")?

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("Chad set a condition. The condition was vague.")
    >>> [sets_condition(t) for t in doc if t.lower_ == "condition"]
    [True, False]
    """
    return condition_setter(noun) is not None


def plausible_use(cue: Cue, tok: Token) -> bool | None:
    """Whether ``tok`` is used as a stance, for the cues that are one only in some constructions;
    None for the others.

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("Peru greeted them. Peru greeted the accord.")
    >>> [plausible_use(Cue(("greet",), "VERB", ("Accepts",)), t) for t in doc if t.lemma_ == "greet"]
    [False, True]
    """
    if is_obligation(cue):
        # "X said Y should / had to stop": an obligation a speaker states; not "the truce should
        # hold" told by nobody, nor a prediction ("should be able to"), nor "as they should"
        predicted = tok.head.lemma_ == "be" and any(c.dep_ == "acomp" for c in tok.head.children)
        said = any(is_speech(t) for t in tok.sent if t.i != tok.i)
        elliptic = cue.pos == "MODAL" and tok.dep_ != "aux"
        return said and not predicted and not elliptic
    if cue.words == ("appeal", "to"):  # "appealed to X to halt ...", not "appealed to a court"
        return any(c.dep_ in ("xcomp", "advcl") and c.tag_ == "VB" for c in tok.children)
    if cue.words == ("greet",):  # "greeted the agreement", not "greet them at the airport"
        return any(c.dep_ == "dobj" and c.pos_ == "NOUN" for c in tok.children)
    if cue.words[0] in ("condition", "precondition"):
        return tok.dep_ in ("attr", "ROOT") or sets_condition(tok)
    if cue.words == ("movement",):  # "there is (some) movement", not "the youth movement"
        return not any(
            c.dep_ in ("det", "poss", "compound", "amod") and c.lower_ not in ("no", "some", "any")
            for c in tok.children
        )
    if cue.words == ("commitment",) and not any(
        c.dep_ in ("acl", "xcomp") or c.dep_ == "prep" and c.lower_ == "to" for c in tok.children
    ):
        return False  # "a commitment to free them", not "their commitments"
    return None


def negated_here(tok: Token) -> bool:
    """Is the stance word itself or its object negated ("did not accept", "accepted no terms",
    "agreed to none of the terms")? Not a "no" deeper down ("praised the plan as no small step"),
    nor a negation of a clause above it ("refused to accept": the refusal is the stance).

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("Peru did not accept it and refused to accept the levy.")
    >>> [negated_here(t) for t in doc if t.lemma_ == "accept"]
    [True, False]
    """
    objects = [c for c in tok.children if c.dep_ in ("dobj", "pobj")]
    objects += preposition_objects(tok, "to", "on")
    return any(c.dep_ == "neg" or c.lower_ in ("none", "no") for c in tok.children) or any(
        o.lower_ in ("none", "nothing")
        or any(d.lower_ in ("no", "neither") for d in o.children if d.dep_ in ("det", "preconj"))
        for o in objects
    )


# VADER valence at or below which a judgement condemns ("reckless"; not "difficult")
CONDEMNING = -1.7


def tells_of_a_proposal(verb: Token) -> bool:
    """Does the clause of ``verb`` tell what a proposal holds, who put one forward or how a side
    answered one ("the plan foresaw a ten-day pause", "the envoy had floated a plan", "both
    sides had responded to the offer"), rather than judge anything?

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("The plan foresaw a ten-day pause.")
    >>> tells_of_a_proposal(doc[2])
    True
    """
    if proposal_words().get((verb.lemma_.lower(), "VERB")) == "verb":
        return True
    if verb.lemma_ in word_list("proposal_content_verbs"):
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        return any(is_proposal_noun(t) for t in subjects)
    if verb.lemma_ in word_list("answering_verbs"):
        answered = [g for c in verb.children if c.dep_ == "prep" for g in c.children]
        return any(is_proposal_noun(t) for t in answered)
    return False  # "the plan was a dead end", "the offer collapsed": what the speaker judges


def quotes_all(s: Sentence, said: list[Token]) -> bool:
    """Are the reported words a quotation (every word but punctuation inside quote marks)?"""
    words = [t for t in said if not t.is_punct]
    return bool(words) and all(in_quotes(s, t) for t in words)


def judges_in_quotation(tok: Token) -> bool:
    """A quoted noun or adjective of strong valence in VADER ("hell", "peace", "shameful") in what
    a clause of "to be" says something is; a quoted act ("two guards were hurt in the attack")
    reports what happened, not a judgement.

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("The attack was a disgrace. The attack was at dawn.")
    >>> [t.text for t in doc if judges_in_quotation(t)]
    ['disgrace']
    >>> doc = load_pipeline()("There is no peace. There was fighting.")
    >>> [t.text for t in doc if judges_in_quotation(t)]
    ['peace']
    """
    if tok.pos_ not in ("NOUN", "ADJ") or not judges_by_valence(tok):
        return False
    if tok.dep_ in ("amod", "compound"):
        return False  # a kind of thing ("an emergency session"), not what is said of it
    below = tok
    for clause in tok.ancestors:
        if clause.pos_ in ("VERB", "AUX"):
            # the subject is what is judged, not the judgement: "the killings were near the
            # market" says where, "the attack was a disgrace" judges
            if clause.lemma_ != "be" or below.dep_ in ("nsubj", "nsubjpass", "csubj"):
                return False
            return not is_existential(clause) or is_denied(tok, clause)
        below = clause
    return False


def is_existential(clause: Token) -> bool:
    """Is ``clause`` a "there is" clause?

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("There was fighting. It was hell.")
    >>> [is_existential(t) for t in doc if t.lemma_ == "be"]
    [True, False]
    """
    return any(c.dep_ == "expl" for c in clause.children)


def is_denied(tok: Token, clause: Token) -> bool:
    """Is ``tok`` said not to be ("there is no justice", "there was not a day of peace")? That
    something is missing judges; that fighting or attacks took place reports an event."""
    return any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children) or any(
        c.dep_ == "neg" for c in clause.children
    )


def condemns(words: list[Token], said: list[Token]) -> bool:
    """Does what a speaker said condemn a proposal, with nothing favourable said beside it ("a
    painful but wise choice" weighs both ways)? ``words`` are the judging words, ``said`` all
    the words said: "the offer is reckless" condemns (True); "the offer is reckless but brave"
    does not (False)."""
    favourable = any(valences().get(t.lower_, 0.0) >= 1.5 for t in said)
    return not favourable and any(map(condemns_proposal, words))


def condemns_proposal(word: Token) -> bool:
    """Is ``word`` a strongly negative judgement (VADER valence ≤ −1.7) of a proposal, a demand or a
    decision (the nouns of ``kg/data/rejectable_nouns.txt``): "called the offer reckless", "said
    the ruling was deeply unfair", "the demands are a disgrace"? Not of anything else ("the war is
    cruel"), nor a favourable word ("a fair offer").

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("Lima called the offer reckless. Quito said the war was cruel.")
    >>> [condemns_proposal(t) for t in doc if t.lower_ in ("reckless", "cruel")]
    [True, False]
    """
    if valences().get(word.lower_, 0.0) > CONDEMNING:
        return False
    judged = judged_noun(word)
    return judged is not None and judged.lemma_.lower() in word_list("rejectable_nouns")


def judged_noun(word: Token) -> Token | None:
    """The noun a judging word is said of: the subject of "is"/"was" ("the plan was unfair"), the
    object a judging verb names ("called the plan unfair"), the noun it modifies ("an unfair
    plan"), or the head of a conjoined judgement ("the plan was late and unfair").

    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["an", "unfair", "plan"], heads=[2, 2, 2],
    ...           deps=["det", "amod", "ROOT"])
    >>> judged_noun(doc[1]).text, judged_noun(doc[0])
    ('plan', None)
    """
    while word.dep_ == "conj" and word.head.i != word.i:
        word = word.head
    if word.dep_ == "amod":
        return word.head
    head = word.head
    if word.dep_ in ("acomp", "attr", "oprd", "ccomp", "xcomp"):
        role = "dobj" if head.lemma_ in word_list("judging_verbs") else "nsubj"
        return next((c for c in head.children if c.dep_ == role), None)
    return None


def names_a_document(holder: ActorRef) -> bool:
    """Is ``holder`` a deal or a plan that the identity stage took for a party ("the Lisbon
    Accord", "the Tallinn Plan")? A document holds no stance; the sides that made it do.

    >>> names_a_document(ActorRef("Organization", "Lisbon Accord"))
    True
    >>> names_a_document(ActorRef("Organization", "Red Crescent"))
    False
    """
    words = holder.label.lower().split()
    return bool(words) and words[-1] in word_list("rejectable_nouns")


def threatens(tok: Token) -> bool:
    """Does an acceptance word introduce a threat ("ready to fight", "prepared to walk out"): an
    infinitive of ``kg/data/threat_verbs.txt`` under it?

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("Lima was ready to fight and ready to talk.")
    >>> [threatens(t) for t in doc if t.lower_ == "ready"]
    [True, False]
    """
    return has_complement_from(tok, "threat_verbs")


def judged_as(tok: Token) -> bool:
    """Does an acceptance word say what it takes its object to be ("welcomed the swap as a first
    step", "hailed the accord as a new dawn"): an "as" phrase naming what it is, a judgement as
    well? Not "accepted the ruling as final": a manner of accepting, no judgement of it.

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("Peru welcomed the pact as a fair start and accepted it as final.")
    >>> [judged_as(t) for t in doc if t.pos_ == "VERB"]
    [True, False]
    """
    return any(
        c.dep_ == "prep" and c.lower_ == "as" and g.dep_ == "pobj" and g.pos_ == "NOUN"
        for c in tok.children
        for g in c.children
    )


def noun_subject(verb: Token, subject: Token | None) -> bool:
    """Is ``subject`` a noun phrase of the verb's own ("both delegations agreed", "the whole
    cabinet backed it"), not a pronoun ("we", "it") nor the speaker's own side ("his government")?
    In reported speech such a subject holds the stance, so a subject the article knows no actor
    for leaves the stance without a holder rather than giving it to the speaker.

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("Osei said the two sides agreed and that his team agreed.")
    >>> [noun_subject(t, own_subject(t)) for t in doc if t.lemma_ == "agree"]
    [True, False]
    """
    if subject is None or subject.pos_ not in ("NOUN", "PROPN") or subject.i == verb.i:
        return False
    return subject.lower_ in side_words() and not speakers_own(subject)


SIDE_WORD_LISTS = (
    "side_nouns",
    "government_nouns",
    "institution_nouns",
    "group_nouns",
    "led_collective_nouns",
    "acting_bodies",
)


@cache
def side_words() -> frozenset[str]:
    """The nouns that name a side or a body acting for one ("sides", "cabinet", "negotiators"),
    from the vocabulary lists of the identity stage and ``kg/data/acting_bodies.txt``: a subject
    that may hold a stance itself.

    >>> {"sides", "cabinet"} <= side_words() and "releases" not in side_words()
    True
    """
    return frozenset().union(*(word_list(name) for name in SIDE_WORD_LISTS))


def own_relative_clause(verb: Token, subject: Token) -> bool:
    """Is ``verb`` a relative clause with a subject of its own ("a condition the union rejected")? Not
    one with "that", which may be what was said, misread as a relative clause."""
    return (
        verb.dep_ == "relcl"
        and subject.head.i == verb.i
        and not any(c.lower_ == "that" for c in verb.children)
    )


def in_subject(tok: Token, top: Token) -> bool:
    """Is ``tok`` inside a subject of the clauses between it and ``top``?"""
    node = tok
    while node.i != top.i and node.head.i != node.i:
        if node.dep_ in ("nsubj", "nsubjpass", "csubj", "csubjpass"):
            return True
        node = node.head
    return False


def is_obligation(cue: Cue) -> bool:
    """Does ``cue`` say what someone ought to do ("should", "have to"), a demand of whoever says it?

    >>> is_obligation(Cue(("should",), "MODAL", ("Demands",)))
    True
    """
    return cue.pos == "MODAL" or cue.words == ("have", "to")


def reports_an_act(verb: Token) -> bool:
    """Is ``verb`` an act told in the past ("had refused", "rejected"), not what the speaker expects
    or wants of the other side ("would reject", "must accept")?

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("She said Chad had refused and Mali would refuse.")
    >>> [reports_an_act(t) for t in doc if t.lemma_ == "refuse"]
    [True, False]
    """
    return verb.tag_ in ("VBD", "VBN") and not is_modal(verb)


def speakers_own(subject: Token) -> bool:
    """Does the speaker name their own side ("said his government had refused")?"""
    return any(
        c.dep_ == "poss" and c.lower_ in ("his", "her", "my", "our") for c in subject.children
    )


def own_subject(verb: Token) -> Token | None:
    """The subject of ``verb`` itself, through a relative pronoun to its antecedent ("X, who
    refused the offer": X), or shared with the verb it is conjoined to ("X had left the talks
    and refused to return": X).

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("Osei said Peru had left the talks and refused to return.")
    >>> own_subject(doc[8]).text
    'Peru'
    """
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
        return verb.head
    if subject is None and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return own_subject(verb.head)
    return subject


def subject_tokens(tok: Token) -> set[Token]:
    return {t for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}


def extract_positions(
    ctx: ArticleContext,
) -> tuple[list[Position], list[Explanation], list[Proposal]]:
    """Return the positions of an article, the explanation of each, and the demands that state terms."""
    rules = PositionRules(ctx)
    positions = rules.run()
    return positions, rules.explanations, demand_proposals(rules.found)
