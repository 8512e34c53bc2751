"""Events: meetings, statements, protests, agreements and exchanges, from trigger words and the parse.

Triggers are the lemmas of ``kg/data/event_triggers.tsv``. Participants come
from the dependency parse: subjects (or the passive agent), conjunctions,
objects of meeting verbs, "with" / "alongside" / "along with" objects, and the
"of" / "between" objects of event nouns ("the meeting of X and Y"). The same
event mentioned twice in an article (a definite "the talks" after talks were
reported, or one speaker's statements at one time) is one event.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Token

from ..event_words import mediating_verbs
from ..facts import ActorRef, Event, Explanation
from ..schema import has_trait
from ..vocab import word_list
from .context import (
    ArticleContext,
    Sentence,
    TimeAnchor,
    clause_tokens,
    date_expressions,
    reporting_sources,
    when_of,
)
from .dates import Interval
from .deal_life import deal_nouns, is_life_noun
from .factuality import ASSERTED, PLANNED, factuality, is_scheduled, negates_only_start
from .mediation import cue_of
from .stance import is_quoted, speech_frame_fits
from .triggers import (
    Trigger,
    agent_tokens,
    companions,
    conjoined_dependents,
    conjoined_preposition_objects,
    expand,
    governing_verb,
    is_speech,
    preposition_objects,
    subject_of,
    triggers_for,
)

EARLIER = re.compile(
    r"\b(earlier(?! this| last| in the year| in the month)|before that|previously)\b"
)
LATER = re.compile(r"\b(later|afterwards?|then|after that|subsequently)\b")


class EventRules:
    """Finds the events of one article."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.events: list[Event] = []
        self.explanations: list[Explanation] = []
        self.anchor = TimeAnchor()
        self.covered: set[tuple[int, int]] = set()  # (par, token) already inside an event's object
        self.orderings: list[tuple[str, str]] = []  # (earlier key, later key)
        # events that may name one side only: their noun names who is met ("talks with X": the
        # side that met X went unnamed), or a broker holds them ("under the auspices of X")
        self.sides_left_unnamed: set[str] = set()
        self.by_trigger: dict[
            tuple[int, int], int
        ] = {}  # (par, verb token) → index of the event it made

    def run(self) -> list[Event]:
        for s in self.ctx.sentences:
            if self.ctx.is_headline(s):
                continue  # the headline restates the body
            if self.anchor.paragraph != s.par:
                self.anchor.in_paragraph = False
            for tok in s.tokens:
                if (s.par, tok.i) in self.covered:
                    continue
                for trig in triggers_for(tok):
                    made = (
                        self.verb_event(s, tok, trig)
                        if trig.pos == "VERB"
                        else self.noun_event(s, tok, trig)
                    )
                    if made is not False:
                        break
        self.events = [e for e in self.events if not self.one_side_alone(e)]
        return self.events

    def one_side_alone(self, event: Event) -> bool:
        """Is ``event`` a meeting of one side alone ("the rebels have yet to begin talks", "she led
        the side of the rebels in the talks"), which no meeting is (trait two-sided)? Not when its
        noun names whom it was held with ("talks with X continued"): the other side went unnamed.
        Say so."""
        alone = (
            has_trait(event.kind, "two-sided")
            and event.key not in self.sides_left_unnamed
            and len(event.participants) == 1
            and not meets_as_one(event.participants[0])
        )
        if alone:
            self.explanations.append(
                Explanation(
                    event.evidence[0],
                    "one-side-alone",
                    f"no {event.kind}: {event.participants[0].label} alone ({event.key})",
                )
            )
        return alone

    # ---------------------------------------------------------------- verbs

    def verb_event(self, s: Sentence, verb: Token, trig: Trigger) -> bool:
        """Add the event ``verb`` reports under reading ``trig``; False when this reading does not apply."""
        if trig.particle and not any(
            c.dep_ == "prt" and c.lower_ == trig.particle for c in verb.children
        ):
            return False
        objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        # "agreed on Sunday on the wording of a charter"
        objects += preposition_objects(verb, "on", "to", "upon")
        if not objects and (
            verb.dep_ == "acl" or verb.dep_ == "relcl" and has_trait(trig.kind, "speech")
        ):
            # "the details released by the envoy", "an offer the envoy dismissed": what was released
            # or dismissed is the noun the clause describes
            objects = [verb.head]
        if has_trait(trig.kind, "speech") and not speaks_here(verb, trig):
            return False
        obj = next(
            (o for o in objects if o.lemma_.lower() in trig.objects or o.lower_ in trig.objects),
            objects[0] if objects else None,
        )
        if (
            trig.objects
            and not trig.complement  # "denied that ...": a reported clause does instead
            and (
                obj is None
                or obj.lemma_.lower() not in trig.objects
                and obj.lower_ not in trig.objects
            )
            and not (trig.infinitive and any(c.dep_ == "xcomp" for c in verb.children))
        ):
            return False  # with the "infinitive" condition: "agreed to swap prisoners" is an agreement too
        fact = factuality(verb)
        if not reports_event(trig, fact, verb):
            return False  # "if a deal is reached", "hoped to meet", "did not sign": no event
        if (
            has_trait(trig.kind, "frees-people")
            and obj is not None
            and not releases_people(self.ctx, s, obj)
        ):
            return False  # "the report was released by the Finance Ministry": no one was freed
        if trig.occurred_only and verb.tag_ not in ("VBD", "VBZ", "VBP", "VBN") and fact != PLANNED:
            return False  # "to assist in releasing their family members": an aim, not a release
        participants = self.verb_participants(s, verb, trig) or self.unnamed_sides(s, verb, trig)
        if not participants or (trig.joint and not held_by(participants, trig.gathers)):
            return False
        if obj is not None and trig.objects:
            self.covered.update((s.par, t.i) for t in obj.subtree)
        # a statement is planned only when firmly so ("will publish the list on Sunday", "is
        # expected to address parliament on Tuesday"), not "took to the radio to say"
        planned = fact == PLANNED and (not has_trait(trig.kind, "speech") or is_scheduled(verb))
        status = "Planned" if planned else "Occurred"
        self.add(
            s, verb, trig.kind, participants, status, f"{trig.kind.lower()}-verb:{trig.lemma}", fact
        )
        return True

    def unnamed_sides(self, s: Sentence, verb: Token, trig: Trigger) -> list[ActorRef]:
        """Who made a deal or a release that the clause dates but names no one for ("a truce was
        signed in May 1998", "in 1990 it freed 300 captives"): the article's sides, as for a dated
        noun ("the swap, carried out on Monday"). Not when what was signed is no deal or text of
        one ("the budget was signed in May"); when the deal names its own parties ("an accord between X and Y",
        "a pact with X"), those it names, if two or more."""
        subject = subject_of(verb)
        unnamed = subject is None or (subject.pos_ == "PRON" and subject.lower_ in ("it", "they"))
        made = has_trait(trig.kind, "deal") or has_trait(trig.kind, "frees-people")
        if not unnamed or not made:
            return []
        if not has_trait(trig.kind, "sided") or not date_expressions(s, clause_tokens(verb)):
            return []
        deal = signed_thing(verb) if has_trait(trig.kind, "deal") else None
        if deal is None or deal.pos_ == "PRON":
            return self.frame_participants(trig.kind)
        deal_words = deal_nouns() | trig.objects  # "the terms were settled and agreed in May"
        if deal.lemma_.lower() not in deal_words and deal.lower_ not in deal_words:
            return []
        parties = own_party_tokens(deal)
        if not parties:
            return self.frame_participants(trig.kind)
        refs = list(dict.fromkeys(r for t in parties for r in self.ctx.actors_of(s, t)))
        return refs if len(refs) > 1 else []

    def verb_participants(self, s: Sentence, verb: Token, trig: Trigger) -> list[ActorRef]:
        tokens: list[Token] = []
        subj = subject_of(verb)
        if subj is not None:
            # "The leaders of Peru and Kenya agreed": the parties named inside a group subject
            tokens.extend(
                expand(subj) if has_trait(trig.kind, "speech") else self.actor_tokens(s, subj)
            )
            tokens.extend(self.leaders_of(subj))
        if has_trait(trig.kind, "deal"):
            tokens.extend(self.signatories_sides(s, verb))
        meets_object = verb.lemma_ in word_list("meeting_object_verbs")
        if has_trait(trig.kind, "companions") or meets_object:
            if meets_object:
                tokens.extend(conjoined_dependents(verb, "dobj"))
            tokens.extend(companions(verb))
            # "hold talks with X", "put her signature to a single text beside X"
            for obj in (c for c in verb.children if c.dep_ == "dobj"):
                tokens.extend(companions(obj))
            for prep in (
                c
                for c in verb.children
                if c.dep_ == "prep" and c.lower_ not in word_list("companion_prepositions")
            ):
                for obj in (g for g in prep.children if g.dep_ == "pobj"):
                    tokens.extend(companions(obj))
            tokens.extend(agent_tokens(verb))
        if has_trait(
            trig.kind, "object-joins"
        ):  # "released Alex Saab": who was released takes part too
            tokens.extend(conjoined_dependents(verb, "dobj"))
        if has_trait(trig.kind, "speech"):
            tokens = tokens[:1] + [t for t in tokens[1:] if t.dep_ == "conj"]
        refs = list(dict.fromkeys(r for t in tokens for r in self.ctx.actors_of(s, t)))
        if subj is not None and subj.lower_ == "they" and has_trait(trig.kind, "talks"):
            refs += [r for r in self.last_participants(trig.kind) if r not in refs]
        if any(t.i > verb.i and any(c.lower_ == "same" for c in t.children) for t in tokens):
            refs += [
                r for r in self.previous_participants(trig.kind) if r not in refs
            ]  # "with the same three envoys"
        return refs

    def last_participants(self, kind: str) -> list[ActorRef]:
        """Who took part in the last event of ``kind`` with two or more ("They met again": "they"
        are several, never the one body of a session)."""
        for event in reversed(self.events):
            if event.kind == kind and len(event.participants) > 1:
                return list(event.participants)
        return []

    def previous_participants(self, kind: str) -> list[ActorRef]:
        """The participants of the last event of ``kind`` but its first (who acted then, not now)."""
        for event in reversed(self.events):
            if event.kind == kind:
                return list(event.participants[1:])
        return []

    def frame_participants(self, kind: str) -> list[ActorRef]:
        """Who a mention of ``kind`` that names no one means: the participants of the article's
        first event of that kind with two or more, else the sides the article named first."""
        first = next((e for e in self.events if e.kind == kind and len(e.participants) > 1), None)
        return list(first.participants) if first is not None else list(self.ctx.actors.sides)

    def brokers_of(self, s: Sentence, noun: Token) -> list[ActorRef]:
        """Who mediated what a noun names ("a truce brokered by X"): the agent of a mediating
        participle on it."""
        return [
            r
            for acl in noun.children
            if acl.dep_ == "acl" and acl.lemma_.lower() in mediating_verbs()
            for t in agent_tokens(acl)
            for r in self.ctx.actors_of(s, t)
        ]

    def signatories_sides(self, s: Sentence, verb: Token) -> list[Token]:
        """ "X signed (the accord) for the government": the side a participant acts for takes part."""
        heads = [verb] + [c for c in verb.children if c.dep_ == "dobj"]
        return [
            t
            for prep in (c for h in heads for c in h.children)
            if prep.dep_ == "prep" and prep.lower_ == "for"
            for p in prep.children
            if p.dep_ == "pobj"
            for t in expand(p)
            if any(r.kind != "Person" for r in self.ctx.actors_of(s, t))
        ]

    def leaders_of(self, tok: Token) -> list[Token]:
        """ "The team, led by X": X takes part for the team."""
        out = []
        for child in tok.children:
            if child.dep_ == "acl" and child.lemma_ in word_list("leading_verbs"):
                out.extend(agent_tokens(child))
        return out

    # ---------------------------------------------------------------- nouns

    def noun_event(self, s: Sentence, noun: Token, trig: Trigger) -> None:
        """Add the event a trigger noun reports ("the talks between X and Y"), unless it names none."""
        if has_trait(trig.kind, "speech"):
            return self.speech_noun_event(s, noun, trig)
        if (
            names_no_event(noun, trig)
            or self.merged_into_verb_event(s, noun, trig)
            or (trig.scheduled and not self.arranged_release(s, noun))
        ):
            return
        if trig.compounds:
            return self.remote_talks_event(s, noun, trig)
        if noun.lemma_ == "round" and not any(
            c.dep_ == "prep" and c.lower_ == "of" for c in noun.children
        ):
            return
        tokens = self.noun_participant_tokens(s, noun)
        refs = list(dict.fromkeys(r for t in tokens for r in self.ctx.actors_of(s, t)))
        if refs:
            self.sides_left_unnamed.add(event_key(s, noun, trig.kind))
        verb = noun.head if noun.head.pos_ in ("VERB", "AUX") else noun
        fact = factuality(noun)
        status = "Planned" if fact == PLANNED else "Occurred"
        has_date = bool(date_expressions(s, list(noun.subtree) + self.verb_adjuncts(noun)))
        if trig.scheduled:  # "the release is due on Monday": the time of the plan it is subject of
            has_date = has_date or bool(date_expressions(s, clause_tokens(noun)))
        if noun.dep_ == "nsubjpass" and noun.head.lemma_ in word_list("holding_verbs"):
            # "The first session was held in Oslo, with ... Hansen passing notes": the people around it
            refs += self.people_in_sentence(s, refs)
        definite = any(c.lower_ == "the" for c in noun.children if c.dep_ == "det")
        if definite and refs and self.merge_into_previous(s, noun, trig.kind, refs):
            return
        if (
            definite
            and not refs
            and any(e.kind == trig.kind for e in self.events)
            and noun.dep_ != "nsubjpass"
            and not (trig.scheduled and has_date)  # "the releases are due on Monday": a new time
        ):
            return  # "as the talks began": the talks already reported
        talks = has_trait(trig.kind, "talks")
        if not refs and noun.dep_ in ("dobj", "pobj"):
            refs = self.governing_verb_actors(s, noun, talks)
        elif talks and self.joined_by_governing_subject(s, noun):
            # "X took part in talks alongside Y", "X will host a session of Y": X is there too
            refs += [r for r in self.governing_verb_actors(s, noun, talks) if r not in refs]
        if has_trait(trig.kind, "sided") and (
            (not refs and has_date) or refs and set(refs) <= set(self.brokers_of(s, noun))
        ):
            # "The exchange, carried out on Monday, ...": dated, so an event, held between the sides;
            # "a truce brokered by X": X mediated it between the sides
            refs += [r for r in self.frame_participants(trig.kind) if r not in refs]
        if not reports_event(trig, fact, noun) or (not refs and not has_date):
            return  # "the chances of a truce", "left without a deal", "if talks resume", "a proposed truce"
        if verb.i != noun.i and verb.lemma_ in word_list("event_as_topic_verbs"):
            return
        self.add(
            s,
            noun,
            trig.kind,
            refs,
            status,
            f"{trig.kind.lower()}-noun:{noun.lemma_.lower()}",
            fact,
        )

    def arranged_release(self, s: Sentence, noun: Token) -> bool:
        """Does a noun read only when planned ("their handover is due on Monday") name an arranged
        act on people: firmly planned, and not of a thing ("the release of the report")?"""
        of_objects = preposition_objects(noun, "of")
        return is_scheduled(noun) and all(releases_people(self.ctx, s, o) for o in of_objects)

    def remote_talks_event(self, s: Sentence, noun: Token, trig: Trigger) -> None:
        """Talks a noun read only after a compound names ("in a phone call", "a video conversation
        with Y"): held by the subject and object of the verb governing it, speech verbs included
        ("in a phone call, X told Y"), and by whom the noun names; by two or more, never by the
        article's sides for want of names."""
        if not any(c.dep_ == "compound" and c.lower_ in trig.compounds for c in noun.children):
            return
        verb = participating_verb(noun, speech=True)
        tokens = self.noun_participant_tokens(s, noun)
        if verb is not None:
            subject = subject_of(verb)
            tokens += expand(subject) if subject is not None else []
            tokens += conjoined_dependents(verb, "dobj", "dative")
        refs = list(dict.fromkeys(r for t in tokens for r in self.ctx.actors_of(s, t)))
        fact = factuality(noun)
        if len(refs) > 1 and reports_event(trig, fact, noun):
            status = "Planned" if fact == PLANNED else "Occurred"
            rule = f"{trig.kind.lower()}-noun:{noun.lemma_.lower()}"
            self.add(s, noun, trig.kind, refs, status, rule, fact)

    def speech_noun_event(self, s: Sentence, noun: Token, trig: Trigger) -> None:
        """A statement a speech noun reports ("in his address", "in an interview, X said", "at a news
        conference, X ..."), when its speaker is found: see :func:`speaker_candidates`. Who an interview
        is "with" is the interviewer, not a speaker."""
        if noun.dep_ == "compound" or (
            trig.compounds
            and not any(c.dep_ == "compound" and c.lower_ in trig.compounds for c in noun.children)
        ):
            return
        refs = next(
            (
                found
                for tokens in speaker_candidates(noun)
                for found in [
                    list(dict.fromkeys(r for t in tokens for r in self.ctx.actors_of(s, t)))
                ]
                if found
            ),
            [],
        )
        if refs:
            rule = f"{trig.kind.lower()}-noun:{noun.lemma_.lower()}"
            # "replied in a speech on Monday": the statement is the framed clause's, and so is its date
            frame = framed_clause(noun) or noun
            self.add(s, frame, trig.kind, refs, "Occurred", rule, factuality(frame))

    def merged_into_verb_event(self, s: Sentence, noun: Token, trig: Trigger) -> bool:
        """Whether the noun restates the event of a verb above it, whose participants it then extends."""
        verb_event = next(
            (
                self.by_trigger[(s.par, a.i)]
                for a in noun.ancestors
                if (s.par, a.i) in self.by_trigger
            ),
            None,
        )
        if verb_event is None or self.events[verb_event].kind != trig.kind:
            return False
        # "exchanged 300 prisoners in a swap mediated by the UAE": the swap is that exchange
        helpers = [t for c in noun.children if c.dep_ == "acl" for t in agent_tokens(c)]
        refs = [r for t in helpers for r in self.ctx.actors_of(s, t)]
        old = self.events[verb_event]
        self.events[verb_event] = replace(
            old, participants=tuple(dict.fromkeys(old.participants + tuple(refs)))
        )
        return True

    def noun_participant_tokens(self, s: Sentence, noun: Token) -> list[Token]:
        """Tokens of who took part in a noun's event: "talks of/between/with X", "X's visit", "a visit by X"."""
        tokens: list[Token] = []
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in word_list("participant_prepositions"):
                tokens.extend(
                    t for p in child.children if p.dep_ == "pobj" for t in self.actor_tokens(s, p)
                )
            if child.dep_ == "poss":
                tokens.extend(expand(child))
            if child.dep_ == "acl":
                tokens.extend(agent_tokens(child))
        if noun.dep_ in ("nsubj", "nsubjpass"):
            for child in noun.head.children:
                if child.dep_ == "dobj":
                    tokens.extend(
                        t for t in child.subtree if t.ent_type_ == "PERSON" or t.pos_ == "PROPN"
                    )
        if (
            noun.dep_ == "dobj"
        ):  # "detailed the meeting of X ..., along with Y": Y hangs off the verb
            tokens.extend(t for c in companions(noun.head) for t in self.actor_tokens(s, c))
        return tokens

    def joined_by_governing_subject(self, s: Sentence, noun: Token) -> bool:
        """Does the subject of the verb governing a talks noun take part beside those the noun
        names? When the noun names only companions ("talks with Y", "a meeting alongside Y"), or a
        host's meeting ("X will host a meeting of Y"); not "talks between X and Y", "Y's visit".
        """
        if noun.dep_ not in ("dobj", "pobj"):
            return False
        if noun.head.lemma_ == "host" and noun.dep_ == "dobj":
            return True
        # "a round of talks alongside Y": the talks are the round's, not a party to it
        of_talks = [g for c in noun.children if c.lower_ == "of" for g in c.children]
        whole = next(
            (g for g in of_talks if any(has_trait(t.kind, "talks") for t in triggers_for(g))), None
        )
        parts = [noun] + ([whole] if whole is not None else [])
        preps = {c.lower_ for p in parts for c in p.children if c.dep_ == "prep"}
        if whole is not None:
            preps.discard("of")
        joint = word_list("joint_prepositions")
        own = ({"of"} | joint) & preps or any(c.dep_ in ("poss", "acl") for c in noun.children)
        return not own and bool(preps & (word_list("companion_prepositions") - joint))

    def people_in_sentence(self, s: Sentence, refs: list[ActorRef]) -> list[ActorRef]:
        """The people a sentence names (as a person, a subject or a conjunct) that are not in ``refs``."""
        return [
            r
            for t in s.tokens
            if t.ent_type_ == "PERSON" or t.dep_ in ("nsubj", "conj")
            for r in self.ctx.actors_of(s, t)
            if r.kind == "Person" and r not in refs
        ]

    def governing_verb_actors(
        self, s: Sentence, noun: Token, talks: bool = False
    ) -> list[ActorRef]:
        """The subject of the verb governing an object noun, when that verb takes part in the event.

        "the council endorsed the pact after a session": the council took part (not "boycotted the
        talks"); "Finland and Uruguay signed it after a meeting": both met; for talks, also the
        verb's object at them ("X briefed Y at a summit").
        """
        # a talks noun: the parties named inside a collective subject ("members of the X met")
        within = self.actor_tokens if talks else lambda s, subject: expand(subject)
        verb = participating_verb(noun)
        subject = subject_of(verb) if verb is not None else None
        if verb is None or subject is None:
            return []
        tokens = within(s, subject)
        if talks and noun.head.lower_ in ("at", "during"):
            # "X briefed Y at a summit": who the verb acted on was there too
            tokens += conjoined_dependents(verb, "dobj")
        return list(dict.fromkeys(r for t in tokens for r in self.ctx.actors_of(s, t)))

    @staticmethod
    def verb_adjuncts(noun: Token) -> list[Token]:
        """Time and place adjuncts of the verb governing ``noun`` ("assisting in the truce in November")."""
        head = governing_verb(noun)
        if head is None:
            return []
        return [
            t
            for c in head.children
            if c.dep_ in ("prep", "npadvmod")
            and c.i > noun.i
            and not any(g.i == noun.i for g in c.subtree)
            for t in c.subtree
        ]

    def actor_tokens(self, s: Sentence, tok: Token) -> list[Token]:
        """Tokens of actors inside a noun phrase: its conjuncts and appositions, or the names within it."""
        out = []
        for t in expand(tok):
            out.append(t)
            out.extend(child for child in t.children if child.dep_ == "appos")
            ref = self.ctx.actor(s, t)
            if ref is None or ref.kind == "Group":
                # "naval delegations of Uruguay, Peru and Ecuador": the parties named inside
                out.extend(
                    c
                    for c in t.subtree
                    if c.ent_type_ in ("GPE", "ORG", "NORP", "PERSON") and c.i != t.i
                )
        return out

    def merge_into_previous(
        self, s: Sentence, noun: Token, kind: str, refs: list[ActorRef]
    ) -> bool:
        """A definite "the talks" after talks were reported refers to them: add what it says."""
        for n in range(len(self.events) - 1, -1, -1):
            e = self.events[n]
            if (
                e.kind == kind
                and e.evidence
                and e.evidence[-1].start >= self.paragraph_start(s.par) - 2000
            ):
                if self.same_paragraph_or_next(e, s):
                    merged = tuple(dict.fromkeys(e.participants + tuple(refs)))
                    self.events[n] = replace(
                        e,
                        participants=merged,
                        evidence=tuple(dict.fromkeys(e.evidence + (s.evidence,))),
                    )
                    self.explain(
                        s,
                        "event-coreference",
                        f"{kind} (same as {e.key}) + {', '.join(r.label for r in refs)}",
                    )
                    return True
                return False
        return False

    def paragraph_start(self, par: int) -> int:
        return self.ctx.annotated.paragraphs[par].start

    def paragraph_of(self, event: Event) -> int:
        """The paragraph of ``event``'s first evidence."""
        starts = [p.start for p in self.ctx.annotated.paragraphs]
        return max(i for i, start in enumerate(starts) if start <= event.evidence[0].start)

    def same_paragraph_or_next(self, event: Event, s: Sentence) -> bool:
        return s.par - self.paragraph_of(event) <= 1

    # ---------------------------------------------------------------- adding

    def add(
        self,
        s: Sentence,
        trigger: Token,
        kind: str,
        participants: list[ActorRef],
        status: str,
        rule: str,
        fact: str = ASSERTED,
    ) -> None:
        when = when_of(self.ctx, s, trigger, self.anchor, status, kind)
        limited = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
        if status == "Planned" and when.earliest and negates_only_start(limited):
            when = replace(when, latest=None)  # "will not begin before Friday": from Friday on
        location = self.location_of(s, trigger)
        sources = tuple(r for r in reporting_sources(self.ctx, s) if r not in participants)
        key = event_key(s, trigger, kind)
        if has_trait(kind, "two-sided") and under_a_broker(trigger):
            self.sides_left_unnamed.add(key)  # "held under the auspices of X": the sides go unnamed
        event = Event(
            key=key,
            kind=kind,
            participants=tuple(participants),
            evidence=(s.evidence,),
            status=status,
            when=when,
            location=location,
            reported_by=sources,
            rule=rule,
            factuality=fact,
        )
        duplicate = self.duplicate_of(event)
        if duplicate is not None:
            old = self.events[duplicate]
            self.events[duplicate] = replace(
                old,
                participants=tuple(dict.fromkeys(old.participants + event.participants)),
                evidence=tuple(dict.fromkeys(old.evidence + event.evidence)),
            )
            self.explain(s, rule, f"{kind} (same as {old.key})")
            return
        previous = self.events[-1] if self.events else None
        self.events.append(event)
        self.by_trigger[(s.par, trigger.i)] = len(self.events) - 1
        if previous is not None:  # the words that order two events, only when there are two
            self.order(previous, event, " ".join(date_expressions(s, clause_tokens(trigger))))
        names = ", ".join(r.label for r in participants) or "no named participant"
        interval = f"{when.text or ''} {when.earliest or ''}..{when.latest or ''}"
        self.explain(
            s, rule, f"{kind} [status {status}, factuality {fact}] {names} {interval}".rstrip()
        )

    def order(self, previous: Event, event: Event, time_words: str) -> None:
        """ "Two days earlier she had visited ...", "Afterwards X said ...": the text orders two events."""
        if not time_words:
            return
        cue = time_words.lower()
        if EARLIER.search(cue):
            self.orderings.append((event.key, previous.key))
        elif LATER.search(cue):
            self.orderings.append((previous.key, event.key))

    def duplicate_of(self, event: Event) -> int | None:
        """An earlier event that this one restates: same kind, same participants, same time."""
        for n, old in enumerate(self.events):
            if old.kind != event.kind or not event.participants:
                continue
            same_people = set(old.participants) == set(event.participants) or (
                has_trait(event.kind, "deal") and set(old.participants) & set(event.participants)
            )
            same_time = (old.when.earliest, old.when.latest) == (
                event.when.earliest,
                event.when.latest,
            ) and old.when.text == event.when.text
            a, b = (
                Interval(old.when.earliest, old.when.latest),
                Interval(event.when.earliest, event.when.latest),
            )
            if has_trait(event.kind, "deal") and a.overlaps(b):
                same_time = True
            if has_trait(event.kind, "speech") and (a.contains(b) or b.contains(a)):
                same_time = True
            if same_people and same_time and old.status == event.status:
                return n
            if has_trait(event.kind, "frees-people") and self.two_sides(old, event, a, b):
                return n
        return None

    def two_sides(self, old: Event, event: Event, a: Interval, b: Interval) -> bool:
        """Two releases by different parties at one time and status are the two sides of one swap
        when one sentence tells both ("the guild freed 12 guards and the port released 40
        dockers"), or when they are the article's two sides, one each, in one paragraph or the
        next. Releases in other sentences by parties that are not the sides stay apart."""
        both = set(old.participants) | set(event.participants)
        one_sentence = old.evidence[0] == event.evidence[0]
        return (
            bool(old.participants)
            and bool(event.participants)
            and (one_sentence or both <= set(self.ctx.actors.sides))
            and old.status == event.status
            and (a == b or a.contains(b) or b.contains(a))
            and set(old.participants).isdisjoint(event.participants)
            and self.paragraph_of(event) - self.paragraph_of(old) <= 1
        )

    def location_of(self, s: Sentence, trigger: Token) -> str | None:
        for child in trigger.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "at"):
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.ent_type_ in ("GPE", "FAC", "LOC"):
                        ent = next((e for e in s.span.ents if e.start <= obj.i < e.end), None)
                        if ent is not None:
                            return ent.text.removeprefix("the ").removesuffix("'s")
        return None

    def explain(self, s: Sentence, rule: str, produced: str) -> None:
        self.explanations.append(Explanation(s.evidence, rule, produced))


def speaker_candidates(noun: Token) -> Iterator[list[Token]]:
    """Who may speak in a speech noun's event, in order: its possessor ("his address"), its "by"
    agent ("remarks by X", "an interview given by X"), the subject of the clause it frames ("in an
    interview, X said", "speaking at a forum, X ...", "at a press briefing, X added")."""
    for child in noun.children:
        if child.dep_ == "poss":
            yield expand(child)  # "a Founders' Day speech": no actor, the next candidate speaks
        if child.dep_ == "prep" and child.lower_ == "by" or child.dep_ == "agent":
            yield [t for g in child.children if g.dep_ == "pobj" for t in expand(g)]
        if child.dep_ == "acl":
            yield agent_tokens(child)  # "an interview given by X"; none: the next candidate
    frame = framed_clause(noun)
    subject = subject_of(frame) if frame is not None else None
    if subject is not None:
        yield expand(subject)


def framed_clause(noun: Token) -> Token | None:
    """The verb whose clause a speech noun frames ("in an interview, X said": said), if any."""
    prep = noun.head
    if (
        noun.dep_ == "pobj"
        and prep.lower_ in word_list("speech_frame_prepositions")
        and prep.head.pos_ == "VERB"
    ):
        return prep.head
    return None


def signed_thing(verb: Token) -> Token | None:
    """What a deal verb says was made: its object or passive subject, or the noun a relative
    clause on it describes ("the accord, which was signed in May").

    >>> from kg.annotate import load_pipeline
    >>> signed_thing(load_pipeline()("The pact, which was signed in May, held.")[5]).text
    'pact'
    """
    thing = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if thing is not None and thing.lower_ in ("which", "that") and verb.dep_ == "relcl":
        return verb.head
    return thing


def own_party_tokens(deal: Token) -> list[Token]:
    """The parties a deal noun names itself: a possessor other than a pronoun ("X's accord") and
    who it is "with", "between" or "among" ("a pact with X"), named as actors or not.

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("A pact with Japan was signed.")
    >>> [t.text for t in own_party_tokens(doc[1])]
    ['Japan']
    """
    tokens = [t for c in deal.children if c.dep_ == "poss" and c.pos_ != "PRON" for t in expand(c)]
    return tokens + conjoined_preposition_objects(deal, "with", "between", "among")


def event_key(s: Sentence, trigger: Token, kind: str) -> str:
    """The key of the event of ``kind`` that ``trigger`` makes: its kind and its character offset
    in the article (the same trigger read as two kinds makes two keys)."""
    return f"{kind.lower()}-{s.evidence.start + trigger.idx - s.span.start_char}"


def meets_as_one(ref: ActorRef) -> bool:
    """Can ``ref`` alone hold a meeting: a body that meets as one (a head noun of
    ``kg/data/meeting_bodies.txt``) or a plural group ("the commanders met")?

    >>> meets_as_one(ActorRef("Organization", "Federal Council of Ruritania"))
    True
    >>> meets_as_one(ActorRef("Group", "border commanders"))
    True
    >>> meets_as_one(ActorRef("Person", "Ada Lind"))
    False
    """
    words = ref.label.lower().replace("'s", "").split()
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    if head in word_list("meeting_bodies"):
        return True
    return ref.kind == "Group" and words[-1].endswith("s") and not words[-1].endswith("ss")


def under_a_broker(trigger: Token) -> bool:
    """Is the event ``trigger`` reports held under a broker's auspices or mediation ("talks held
    under the aegis of X", "a meeting with the mediation of X")? Then the one actor it names is the
    broker, and the sides it brings together went unnamed.

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("A meeting was held under the auspices of the Arctic Council.")
    >>> under_a_broker(doc[3]), under_a_broker(doc[1])
    (True, False)
    """
    return any(cue_of(t) in ("auspices", "activity") for t in trigger.subtree if t is not trigger)


def held_by(participants: list[ActorRef], gathers: bool = False) -> bool:
    """Do ``participants`` make a meeting: two or more, or (for a verb that ``gathers``: "met",
    not "hosted") one that meets as one?

    >>> cabinet = [ActorRef("Organization", "Cabinet of Ruritania")]
    >>> held_by(cabinet, gathers=True), held_by(cabinet, gathers=False)
    (True, False)
    """
    alone = gathers and len(participants) == 1 and meets_as_one(participants[0])
    return len(participants) > 1 or alone


def names_no_event(noun: Token, trig: Trigger) -> bool:
    """Does a trigger noun name no event of its own? It modifies another noun ("truce talks"), is
    hypothetical ("a possible meeting"), or is a deal's life ("the truce ended": deal_life.py)."""
    if connective_phrase(noun):
        return True
    if noun.dep_ in ("compound", "amod") or any(
        c.lower_ in word_list("no_event_adjectives") for c in noun.children if c.dep_ == "amod"
    ):
        return True
    return has_trait(trig.kind, "deal") and is_life_noun(noun)


def connective_phrase(noun: Token) -> bool:
    """Is ``noun`` the core of "in exchange for", "in return for": a link between two acts, not
    an act of its own?

    >>> from kg.annotate import load_pipeline
    >>> doc = load_pipeline()("Peru freed ten sailors in exchange for two pilots.")
    >>> connective_phrase(doc[5])
    True
    """
    return (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "in"
        and not any(c.dep_ == "det" for c in noun.children)
        and any(c.dep_ == "prep" and c.lower_ == "for" for c in noun.children)
    )


def reports_event(trig: Trigger, fact: str, tok: Token | None = None) -> bool:
    """Does a trigger of this factuality report an event? A statement is one whatever it says; a meeting
    or protest when asserted or planned; an agreement or a release when asserted, or planned firmly
    ("is to free", "will take place on Friday"), not when a proposal would bring it about ("would be
    freed", "six weeks to settle the dispute": not yet)."""
    if has_trait(trig.kind, "speech"):
        return True
    if trig.occurred_only or has_trait(trig.kind, "asserted-only"):
        return fact == ASSERTED or (fact == PLANNED and tok is not None and is_scheduled(tok))
    return fact in (ASSERTED, PLANNED)


def releases_people(ctx: ArticleContext, s: Sentence, obj: Token) -> bool:
    """Is what was released or freed people (a captive noun, a named person or group), not a text?"""
    return (
        obj.lemma_.lower() in word_list("people_nouns")
        or obj.lower_ in word_list("people_nouns")
        or obj.ent_type_ in ("PERSON", "NORP")
        or obj.pos_ in ("PRON", "NUM")
        or bool(ctx.actors_of(s, obj))
        or any(c.dep_ == "nummod" for c in obj.children)
    )


def speaks_here(verb: Token, trig: Trigger) -> bool:
    """Does a speech verb report a statement in this use, under reading ``trig``?

    Its frame fits (kg/data/speech_words.tsv: "denied the claims", not "denied entry"); it is no
    attribution ("as announced by X"), no standing position ("have long insisted"), no modifier
    ("a stated aim"); a verb that needs words reports some ("wrote that ...", a quotation); "called
    the offer constructive" is a statement, "calling on X to" a demand.
    """
    if not speech_frame_fits(verb, trig) or attribution_only(verb) or verb.dep_ == "amod":
        return False
    if any(c.lower_ == "long" for c in verb.children if c.dep_ == "advmod"):
        return False
    if (trig.speech or trig.statement_complement) and not said_clause(verb):
        return is_quoted(verb)
    if trig.predicate:
        return predicates_something(verb) and (
            any(c.dep_ == "oprd" for c in verb.children)  # "called it a good day for X"
            or not any(
                c.dep_ == "prep" and c.lower_ in ("on", "for") and not dated(c)
                for c in verb.children
            )
        )
    return True


def attribution_only(verb: Token) -> bool:
    """Is ``verb`` an "as"-participle that attributes what its clause says ("as reported by the
    agency", "as announced by the arbiters") rather than a statement of its own?"""
    return (
        verb.tag_ == "VBN"
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children)
    )


def participating_verb(noun: Token, *, speech: bool = False) -> Token | None:
    """The verb governing ``noun`` when its subject takes part in the noun's event: not a verb of
    ``non_participation_verbs.txt`` ("boycotted the talks"), nor a speech verb unless ``speech``
    (a statement made after a meeting is no sign its speaker met; one made in a phone call is).

    >>> from kg.annotate import load_pipeline
    >>> nlp = load_pipeline()
    >>> participating_verb(nlp("Peru and Chile signed the pact after a meeting.")[8]).text
    'signed'
    >>> participating_verb(nlp("Peru and Chile boycotted the talks in Quito.")[5]) is None
    True
    >>> said = nlp("Ana Ruiz said after the summit that Peru agreed.")[5]
    >>> participating_verb(said) is None, participating_verb(said, speech=True).text
    (True, 'said')
    """
    verb = governing_verb(noun)
    if verb is None or verb.lemma_ in word_list("non_participation_verbs"):
        return None
    return verb if speech or not is_speech(verb, verb_only=False) else None


def said_clause(verb: Token) -> bool:
    """Does ``verb`` report a clause of what was said ("demanded that the talks resume")?"""
    return any(c.dep_ in ("ccomp", "parataxis") for c in verb.children)


def dated(prep: Token) -> bool:
    """Is a preposition's object a time ("on Monday", "for a week")?"""
    return any(g.ent_type_ in ("DATE", "TIME") for g in prep.children)


def predicates_something(verb: Token) -> bool:
    """ "called the meeting constructive": the verb says what its object is (a complement, or an adjective on it)."""
    if any(c.dep_ in ("oprd", "ccomp", "xcomp") for c in verb.children):
        return True
    return any(
        c.dep_ == "dobj" and any(a.dep_ == "amod" and a.i > c.i for a in c.children)
        for c in verb.children
    )


def extract_events(
    ctx: ArticleContext,
) -> tuple[list[Event], list[Explanation], list[tuple[str, str]]]:
    """Return the events of an article, the explanation of each, and the orderings the text states."""
    rules = EventRules(ctx)
    events = rules.run()
    keys = {e.key for e in events}
    orderings = [
        (a, b) for a, b in dict.fromkeys(rules.orderings) if a in keys and b in keys and a != b
    ]
    return events, rules.explanations, orderings
