"""Mediation: who the text says brokered, mediated or hosted a deal or talks.

Written for the constructions of news prose, with the words of ``kg/data/mediation_cues.tsv``: a
participle ("a truce brokered by X", "the X-mediated deal"), a verb ("X mediated the talks", "X
hosted talks between A and B", "X shuttled between the sides"), a noun ("X, acting as a mediator",
"A and B mediators", "mediators from X", "X's mediation"), "under the auspices of X", and "X played
a key role negotiating the truce". What is only offered, wished or possible ("offered to mediate",
"could mediate", "a potential mediator") and what is negated states no mediation and yields nothing.

>>> mediation_cue("mediator", "NOUN"), mediation_cue("mediate", "VERB")
('agent', 'acts')
>>> mediation_cue("talk", "VERB") is None
True
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ..event_words import mediation_cues
from ..facts import ActorRef, Mediation
from ..identity.names import country_of
from ..schema import kinds_with
from ..vocab import word_list
from .context import ArticleContext, Sentence
from .deal_life import (
    body_tokens,
    deal_nouns,
    life_kinds,
    talks_nouns,
    under_unstated_head,
)
from .factuality import CONDITIONAL, NEGATED, POSSIBLE, SOUGHT, factuality
from .triggers import (
    agent_tokens,
    conjoined_preposition_objects,
    expand,
    subject_of,
)
from .word_forms import by_word_form

# what the factuality stage reads as not done: no mediation ("did not mediate", "could mediate")
UNSTATED = (NEGATED, POSSIBLE, CONDITIONAL, SOUGHT)


def mediation_cue(lemma: str, pos: str) -> str | None:
    """The construction the word ``lemma`` (as ``pos``) opens, if it is a mediation word."""
    return mediation_cues().get((lemma.lower(), pos))


@by_word_form  # asked of every token
def cue_of(tok: Token) -> str | None:
    pos = (
        "VERB"
        if tok.pos_ in ("VERB", "AUX")
        else "NOUN"
        if tok.pos_ in ("NOUN", "PROPN")
        else tok.pos_
    )
    return mediation_cue(tok.lemma_, pos) or mediation_cue(tok.lower_, pos)


def what_of(tok: Token | None) -> str:
    """ "deal" or "talks" when ``tok`` names one, else ""."""
    if tok is None:
        return ""
    word = tok.lemma_.lower()
    return (
        "deal"
        if word in deal_nouns()
        else "talks"
        if word in talks_nouns() or tok.lower_ in talks_nouns()
        else ""
    )


def names_negotiation(tok: Token) -> bool:
    """Does ``tok`` name a deal, talks or what a mediator works for ("peace", "truce")?"""
    words = word_list("mediation_role_words")
    return bool(what_of(tok)) or tok.lemma_.lower() in words or tok.lower_ in words


def offered_only(tok: Token) -> bool:
    """Is ``tok`` negated, possible, conditional or sought, as the factuality stage reads it, or under
    a head that only offers, denies or refuses it ("offered to mediate", "ready to act as mediator",
    "refused to mediate")? The mood is the factuality stage's, never re-read here.

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("Peru could mediate. Peru mediated the talks.")
    >>> [offered_only(t) for t in doc if t.lemma_ == "mediate"]
    [True, False]
    """
    if factuality(tok) in UNSTATED or under_unstated_head(tok):
        return True
    # "X is to host talks": planned, not done
    return (
        any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and tok.head.lemma_ == "be"
    )


def named(tok: Token | None) -> list[Token]:
    """A subject and its conjuncts, with the names inside it ("the Gulf state of X")."""
    if tok is None:
        return []
    return [
        t
        for c in expand(tok)
        for t in [
            c,
            *(
                p
                for g in c.children
                if g.dep_ == "prep" and g.lower_ == "of"
                for p in g.children
                if p.dep_ == "pobj"
            ),
        ]
    ]


def held(target: Token | None) -> Token | None:
    """What a verb the mediation phrase hangs off holds ("a meeting held under ...": the meeting;
    "talks were held with the mediation of X": the talks), else ``target`` itself."""
    if target is None or target.pos_ not in ("VERB", "AUX"):
        return target
    if target.dep_ in ("acl", "relcl") and what_of(target.head):
        return target.head
    found = [c for c in target.children if c.dep_ in ("nsubjpass", "nsubj", "dobj") and what_of(c)]
    return found[0] if found else target


def absolute_subject(verb: Token) -> Token | None:
    """X of "with X acting as mediator": the object of a "with" just before a participle that has
    no subject of its own."""
    if verb.tag_ != "VBG" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    withs = [
        c for c in verb.head.children if c.dep_ == "prep" and c.lower_ == "with" and c.i < verb.i
    ]
    # the object ends just before the participle, or its apposition does ("with X, a diplomat,
    # acting as mediator")
    found = [
        p
        for c in withs
        for p in c.children
        if p.dep_ == "pobj"
        and (
            p.right_edge.i + 2 >= verb.i
            or any(a.dep_ == "appos" and a.right_edge.i + 2 >= verb.i for a in p.children)
        )
    ]
    return found[-1] if found else None


def doer_of(verb: Token) -> Token | None:
    """Who does ``verb``: the object of the verb above when ``verb`` says what that object is
    thanked, praised or accused for ("thanked X for brokering the truce", "accused X of acting as
    a mediator"), else the verb's subject."""
    above = verb.head.head
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    if (
        verb.dep_ == "pcomp"
        and verb.head.lower_ in ("for", "of")
        and above.pos_ == "VERB"
        and (not own_subject)
    ):
        found = next((c for c in above.children if c.dep_ == "dobj"), None)
        if found is not None:
            return found
    return subject_of(verb)


class MediationRules:
    """Finds the mediations of one article."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.found: list[Mediation] = []

    def run(self) -> list[Mediation]:
        for s, tok in body_tokens(self.ctx):
            construction = cue_of(tok)
            if construction is None or offered_only(tok):
                continue
            found = getattr(self, construction)(s, tok)
            if found is not None:
                self.keep(s, tok, construction, *found)
        return self.found

    def keep(
        self, s: Sentence, tok: Token, construction: str, tokens: list[Token], target: Token | None
    ) -> None:
        refs = self.actors(s, tokens)
        if refs:
            self.found.append(
                Mediation(
                    tuple(refs),
                    s.evidence,
                    what_of(target),
                    f"mediation-{construction}:{tok.lemma_.lower()}",
                )
            )

    def actors(self, s: Sentence, tokens: list[Token]) -> list[ActorRef]:
        """The actors the tokens refer to, a demonym its country ("the Swiss-brokered accord"); a
        bare one-word group ("mediators") names no side."""
        refs = [r for t in tokens for r in self.ctx.actors_of(s, t) or self.country_named(t)]
        return list(
            dict.fromkeys(r for r in refs if not (r.kind == "Group" and len(r.label.split()) == 1))
        )

    @staticmethod
    def country_named(tok: Token) -> list[ActorRef]:
        """A demonym or country name the actor table did not take as an actor ("Swiss" in
        "Swiss-brokered")."""
        country = country_of(tok.text) if tok.ent_type_ in ("NORP", "GPE") else None
        return [ActorRef("Country", country)] if country else []

    # ------------------------------------------------------------ constructions

    def acts(self, s: Sentence, verb: Token):
        """ "a deal brokered by X", "the X-brokered truce", "the deal was mediated by X", "X mediated
        talks"."""
        if verb.dep_ in ("acl", "amod") and verb.head.pos_ in ("NOUN", "PROPN"):
            agents = agent_tokens(verb) or [
                c for c in verb.children if c.dep_ in ("npadvmod", "compound", "nmod")
            ]
            return agents, verb.head
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
            target = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            return agent_tokens(verb), target
        subject = doer_of(verb)
        target = next((c for c in verb.children if c.dep_ == "dobj"), None)
        return named(subject), target

    def hosts(self, s: Sentence, verb: Token):
        """ "X hosted talks between A and B", "talks hosted by X": hosting is mediation only for
        talks."""
        if verb.dep_ == "acl" and what_of(verb.head) == "talks":
            return agent_tokens(verb), verb.head
        target = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if what_of(target) != "talks":
            return None  # "hosted a dinner", "hosted the delegation": a host, not a mediator
        subject = doer_of(verb) if target.dep_ == "dobj" else None
        return (named(subject) if subject is not None else agent_tokens(verb)), target

    def shuttles(self, s: Sentence, verb: Token):
        """ "X shuttled between the two sides"."""
        if not any(c.dep_ == "prep" and c.lower_ == "between" for c in verb.children):
            return None
        subject = doer_of(verb)
        return (self.agent_phrase(subject) if subject is not None else []), None

    def agent(self, s: Sentence, noun: Token):
        """ "X, acting as (a) mediator", "X is the main mediator", "A and B mediators", "mediators
        from X"."""
        if any(
            c.dep_ == "compound" and c.pos_ == "NOUN" and not names_negotiation(c)
            for c in noun.children
        ):
            return None  # "the main power broker", "a stock broker": another trade
        tokens = self.agent_phrase(noun)
        head = noun.head
        if noun.dep_ == "pobj" and head.lower_ == "as" and head.head.pos_ in ("VERB", "AUX"):
            # "X, which has been acting as a mediator": the relative's antecedent; "with X acting
            # as mediator": the object of "with"
            absolute = absolute_subject(head.head)
            tokens += named(absolute or doer_of(head.head))
            if absolute is not None:
                return tokens, held(head.head.head)  # what was conducted with X acting as mediator
        elif noun.dep_ in ("attr", "appos") and head.pos_ in ("AUX", "VERB", "PROPN", "NOUN"):
            subject = subject_of(head) if noun.dep_ == "attr" else head
            tokens += named(subject)
        return tokens, None

    @staticmethod
    def agent_phrase(noun: Token) -> list[Token]:
        """The mediator phrase itself and the sides named inside it ("Kenyan and Ghanaian
        mediators", "Qatar's mediators", "mediators from Egypt")."""
        tokens = [noun]
        for child in noun.children:
            if child.dep_ in ("amod", "compound", "poss", "nmod"):
                tokens.extend(expand(child))
            if child.dep_ == "prep" and child.lower_ in ("from", "of"):
                tokens.extend(t for p in child.children if p.dep_ == "pobj" for t in expand(p))
        return tokens

    def activity(self, s: Sentence, noun: Token):
        """ "mediation by X", "X's mediation", "Egyptian mediation", "the mediation of X" (an offer
        of mediation is excluded by the caller)."""
        tokens = [
            t for c in noun.children if c.dep_ in ("poss", "amod", "compound") for t in expand(c)
        ]
        if (
            any(t.tag_ == "PRP$" for t in tokens)
            and noun.dep_ == "pobj"
            and noun.head.lower_ == "for"
        ):
            thanked = [c for c in noun.head.head.children if c.dep_ == "dobj"]
            tokens = thanked or tokens  # "thanked her for the mediation": the one thanked mediated
        tokens += conjoined_preposition_objects(noun, "by", "of", "from")
        # "a truce reached through Qatari mediation", "talks held with the mediation of X"
        target = held(noun.head.head) if noun.dep_ == "pobj" else None
        return tokens, target if target is not None and target.pos_ in ("NOUN", "PROPN") else None

    def auspices(self, s: Sentence, noun: Token):
        """ "talks under the auspices of X": X sponsors what the "under" phrase modifies; "a
        meeting held under the auspices of X", "talks resumed under ...": the meeting or talks."""
        tokens = conjoined_preposition_objects(noun, "of")
        tokens += [t for c in noun.children if c.dep_ == "poss" for t in expand(c)]
        target = noun.head.head if noun.dep_ == "pobj" else None
        return tokens, held(target)

    def role(self, s: Sentence, noun: Token):
        """ "X played a key role negotiating the truce", "X's role in brokering the deal"."""
        words = word_list("mediation_role_words")
        played = noun.head if noun.dep_ == "dobj" and noun.head.lemma_ == "play" else None
        # "a role in negotiating" hangs off the noun or, as often, off "played"
        heads = [noun] + ([played] if played is not None else [])
        inside = [
            t
            for h in heads
            for c in h.children
            if c.dep_ in ("acl", "prep", "relcl", "advcl") and c.i > noun.i
            for t in c.subtree
        ]
        said = [t for t in inside if t.lemma_.lower() in words or t.lower_ in words]
        if not said or offered_only(said[0]):
            return None
        tokens = [t for c in noun.children if c.dep_ == "poss" for t in expand(c)]
        if played is not None:
            tokens += named(subject_of(played))
        target = next((t for t in inside if what_of(t)), None)
        return tokens, target


def extract_mediations(ctx: ArticleContext) -> list[Mediation]:
    """Return every mediation the article states."""
    return MediationRules(ctx).run()


# what a mediation may attach to: the deal or talks themselves, or an event of their life
MEDIATED_KINDS = {
    "deal": kinds_with("mediated", "deal") + life_kinds("deal"),
    "talks": kinds_with("mediated", "talks") + life_kinds("talks"),
    "": kinds_with("mediated", "deal")
    + kinds_with("mediated", "talks")
    + life_kinds("deal")
    + life_kinds("talks"),
}


def nearest(items: list[tuple], start: int) -> list[tuple]:
    """The one ``(which, index, fact)`` item whose fact is first told nearest ``start`` (none of none)."""
    return sorted(items, key=lambda item: abs(item[2].evidence[0].start - start))[:1]


def attach_mediations(mediations, events: tuple, proposals: tuple) -> tuple[tuple, tuple]:
    """Events and proposals with the mediators the article states: each mediation goes to the
    agreement, meeting or proposal told in its own sentence, else to the nearest one of the article
    of the kind it names (a deal: an agreement or a proposal; talks: a meeting).

    >>> from kg.facts import ActorRef, Event, Evidence
    >>> talks = Event("meeting-3", "Meeting", evidence=(Evidence("Talks began.", 0, 12),))
    >>> m = Mediation((ActorRef("Country", "Peru"),), Evidence("Peru mediated.", 13, 27), "talks")
    >>> [r.label for r in attach_mediations([m], (talks,), ())[0][0].mediators]
    ['Peru']
    """
    events, proposals = list(events), list(proposals)
    for m in mediations:
        kinds = MEDIATED_KINDS.get(m.of, MEDIATED_KINDS[""])
        told = [("e", n, e) for n, e in enumerate(events) if e.kind in kinds and e.evidence]
        offered = (
            [("p", n, p) for n, p in enumerate(proposals) if p.evidence] if m.of != "talks" else []
        )
        same = [i for i in told + offered if m.evidence in i[2].evidence]
        # else the nearest deal or talks told (the deal itself before an event of its life), else a
        # proposal
        at = m.evidence.start
        chosen = (
            same
            or nearest([i for i in told if i[2].kind == kinds[0]], at)
            or nearest(told, at)
            or nearest(offered, at)
        )
        for which, n, fact in chosen:
            new = replace(fact, mediators=tuple(dict.fromkeys(fact.mediators + m.mediators)))
            (events if which == "e" else proposals)[n] = new
    return tuple(events), tuple(proposals)
