"""Actors: entity mentions → one actor per real-world party, with names, roles and affiliations.

Mentions come from :mod:`kg.identity.mentions`, clusters from
:mod:`kg.identity.clustering`: a surname joins the full name, an acronym its
expansion, a capital its country. The table is built once per article; its
lookups are pure. Role phrases ("the Israeli leader") and pronouns are resolved
by :meth:`ActorTable.resolve`, which returns the actors a token means and what
the phrase says of them (a :class:`~kg.identity.resolution.Resolution`: another
name, a generic noun); the caller keeps those and gives them back to
:meth:`ActorTable.actors`, which builds the facts (:mod:`kg.identity.actors`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from functools import cache

from spacy.tokens import Token

from ..annotate import AnnotatedArticle
from ..facts import ActorRef, Evidence
from ..vocab import countries, data_lines, word_list
from .clustering import Clustering, cluster_ref
from .mentions import MentionCollector
from .names import (
    DETERMINERS,
    PERSON_PRONOUNS,
    Mention,
    clean,
    counted_anaphor,
    is_title_word,
    org_of,
)
from .resolution import NOTHING, Resolution, of_refs
from .sides import (
    coordinated_members,
    first_sides,
    means_people_named_before,
    names_sides_together,
    side_by_role,
    sides_meant,
)

AGE_PHRASE = re.compile(r"\d+-year-old")
STATE_LOOKBACK = 3  # paragraphs in which "the government" looks for the government it refers to
# one way of reading a token (paragraph, token, pronouns too?): None lets the next one try
Step = Callable[[int, Token, bool], Resolution | None]


@cache
def organization_kinds() -> dict[str, frozenset[str]]:
    """The definite nouns that refer back only to an organization of their kind, each with the
    words a name of that kind holds (``kg/data/named_org_anaphors.txt``).

    >>> sorted(organization_kinds()["coalition"])
    ['alliance', 'bloc', 'coalition']
    """
    rows = (line.lower().split() for line in data_lines("named_org_anaphors.txt"))
    return {row[0]: frozenset(row) for row in rows}


class ActorTable:
    """The actors of one article and which tokens mention them.

    Built once from an :class:`AnnotatedArticle`: mentions are collected, clustered and
    named, and what the article's subjects and offices refer to is resolved up front.
    Then every lookup is pure: ``resolve(par, token)`` says which actors a token (or the
    phrase it heads) refers to, ``actor_at``/``actors_at`` give just the actors, and
    ``actors(used, resolved)`` returns the :class:`Actor` facts.
    """

    def __init__(self, annotated: AnnotatedArticle) -> None:
        self.annotated = annotated
        self.docs = [p.doc for p in annotated.paragraphs]
        self.offsets = [p.start for p in annotated.paragraphs]
        self._evidence: dict[int, list[Evidence]] = {}  # paragraph → each token's sentence
        collector = MentionCollector(self.docs)
        self.mentions: list[Mention] = collector.mentions
        self.by_token: dict[tuple[int, int], int] = collector.by_token
        self.subject_persons: dict[tuple[int, int], ActorRef] = {}
        self.subject_groups: dict[tuple[int, int], list[ActorRef]] = {}
        self.sides: tuple[ActorRef, ...] = ()  # the parties the article first names together
        # what the lookups made while building the table said of the actors (see kg.identity.actors.actor_facts)
        self.found: list[Resolution] = []
        # how resolve() reads a token, in order: the first step that answers decides
        self._steps: tuple[Step, ...] = (
            self._own_mention,
            self._apposed_name,
            self._counterpart,
            self._side_phrase,
            self._counted_group,
            self._people_named_before,
            self._role_phrase,
            self._named_inside,
            self._pronoun,
            self._state_anaphor,
            self._side_role,
            self._org_anaphor,
            self._container,
            self._organization_by_head,
        )
        self._cluster()
        self._index_subjects()

    def _cluster(self) -> None:
        """Cluster the mentions, name the clusters, then place each office with its owner."""
        clustering = Clustering(self.mentions, self.docs, self.by_token)
        self.clusters = clustering.clusters
        self.why_joined = clustering.why
        self._set_refs()
        for k, m in enumerate(self.mentions):
            if m.owner is not None:
                owner = self._keep(self.resolve(*m.owner))
                clustering.place_office(k, owner.refs[0] if owner.refs else None)
        self._set_refs()

    def _keep(self, found: Resolution) -> Resolution:
        """``found``, its notes kept with the table's own (for lookups made while building it)."""
        if found.noted:
            self.found.append(found)
        return found

    # ------------------------------------------------------------------ lookup

    def ref_of_mention(self, k: int) -> ActorRef | None:
        """The actor mention ``k`` names."""
        c = self.mentions[k].cluster
        return self.refs[c] if 0 <= c < len(self.refs) else None

    def actor_at(self, par: int, tok_i: int, pronouns: bool = True) -> ActorRef | None:
        """Return the (first) actor that token ``tok_i`` of paragraph ``par`` mentions or heads."""
        found = self.resolve(par, tok_i, pronouns).refs
        return found[0] if found else None

    def actors_at(self, par: int, tok_i: int, pronouns: bool = True) -> list[ActorRef]:
        """Return the actors that the token at ``tok_i`` of paragraph ``par`` mentions or heads."""
        return list(self.resolve(par, tok_i, pronouns).refs)

    def resolve(self, par: int, tok_i: int, pronouns: bool = True) -> Resolution:
        """The actors that the token at ``tok_i`` of paragraph ``par`` mentions or heads, and what
        the phrase says of them. The table is not changed.

        Looks at the token's own mention, then a name in apposition ("the head
        of Peruvian intelligence, Rosa Quintero"), conjoined demonyms ("Qatari and
        Egyptian officials"), role phrases ("the Israeli leader", "the US and
        Israeli intelligence chiefs", "his Israeli counterpart"), a definite noun
        naming an organization ("the channel"), and pronouns: the first that
        answers decides.
        """
        tok = self.docs[par][tok_i]
        for step in self._steps:
            found = step(par, tok, pronouns)
            if found is not None:
                return found
        return NOTHING

    def _own_mention(self, par: int, tok: Token, pronouns: bool) -> Resolution | None:
        """The token's own mention, and the other demonyms of "Qatari and Egyptian officials"."""
        k = self.by_token.get((par, tok.i))
        if k is None:
            return None
        refs = [self.ref_of_mention(k)]
        refs += [
            self.ref_of_mention(self.by_token[(par, d.i)])
            for d in self._conj_demonyms(tok)
            if (par, d.i) in self.by_token
        ]
        return of_refs(refs)

    def _apposed_name(self, par: int, tok: Token, pronouns: bool) -> Resolution | None:
        """ "the head of the agency, Jane Roe": the name in apposition."""
        for child in tok.children:
            if child.dep_ == "appos" and (par, child.i) in self.by_token:
                return self.resolve(par, child.i, pronouns)
        return None

    def _named_inside(self, par: int, tok: Token, pronouns: bool) -> Resolution | None:
        """ "the Hamas delegation": an actor other than a country named inside the phrase."""
        for child in tok.children:
            if child.dep_ in ("compound", "nmod") and (par, child.i) in self.by_token:
                ref = self.ref_of_mention(self.by_token[(par, child.i)])
                if ref is not None and ref.kind not in ("Country",):
                    return of_refs([ref])
        return None

    def _pronoun(self, par: int, tok: Token, pronouns: bool) -> Resolution | None:
        """ "he", "the 74-year-old": the person last named (when pronouns are asked for)."""
        if not pronouns:
            return None
        phrase = self.docs[par][tok.left_edge.i : tok.i + 1].text.lower()
        age = AGE_PHRASE.search(phrase) if tok.pos_ in ("NOUN", "ADJ") else None
        if tok.lower_ in PERSON_PRONOUNS or age:
            return of_refs([self._last_person_before(par, tok.i)])
        return None

    def _state_anaphor(self, par: int, tok: Token, pronouns: bool) -> Resolution | None:
        """ "the government said": the state whose government was named."""
        if tok.lower_ in word_list("state_anaphors") and [c.lower_ for c in tok.children] == [
            "the"
        ]:
            ref = self._state_of_government(par, tok.i)
            if ref is not None:
                return of_refs([ref])
        return None

    def _org_anaphor(self, par: int, tok: Token, pronouns: bool) -> Resolution | None:
        """ "the group", "the coalition": the latest organization whose name has the noun ("the
        Nordic-led coalition"); else, for a noun any organization is ("the group"), the one last
        named; a noun of one kind ("the party", ``kg/data/named_org_anaphors.txt``) finds no one
        else. A generic noun of this article, never another name of the actor."""
        low = tok.lower_
        definite = any(c.lower_ == "the" for c in tok.children if c.dep_ == "det")
        if low not in word_list("org_anaphors") or not definite:
            return None
        kinds = organization_kinds()
        ref = self._last_organization_before(par, tok.i, words=kinds.get(low, frozenset({low})))
        if ref is None and low not in kinds:
            ref = self._last_organization_before(par, tok.i)
        if ref is None:
            return NOTHING
        return Resolution((ref,), generic=((ref, f"the {low}"),))

    def _container(self, par: int, tok: Token, pronouns: bool) -> Resolution | None:
        """ "a delegation of X": the actors of what it contains."""
        if tok.lower_ not in word_list("container_nouns"):
            return None
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for g in child.children:
                    if g.dep_ == "pobj":
                        return self.resolve(par, g.i, pronouns=False)
        return None

    def affiliations_of_ref(self, ref: ActorRef) -> list[ActorRef]:
        """The actors ``ref`` is affiliated with in this article."""
        targets = []
        for kind, name in self._affiliations_of(ref):
            target = self.named(name) or ActorRef(kind, name)
            if target not in targets:
                targets.append(target)
        return targets

    def roles_of_ref(self, ref: ActorRef) -> list[str]:
        """The titles the article gives ``ref`` ("special envoy", "foreign minister")."""
        return list(dict.fromkeys(self._roles_of(ref)))

    def named(self, name: str) -> ActorRef | None:
        """The actor of this article that ``name`` names (by label, other name, or the tables of kg/data)."""
        wanted = clean(name).lower()
        if not wanted:
            return None
        known = org_of(wanted)
        canonical = (known.name if known else countries().by_name.get(wanted, wanted)).lower()
        for k, m in enumerate(self.mentions):
            ref = self.ref_of_mention(k)
            if ref is not None and (
                ref.label.lower() in (wanted, canonical)
                or wanted in (m.name.lower(), m.surface.lower())
            ):
                return ref
        return None

    def _side_phrase(self, par: int, tok: Token, pronouns: bool = False) -> Resolution | None:
        """ "the two sides", "both parties", "the delegations": the sides the article named first
        (kg/identity/sides.py); a side phrase with no such sides falls through to the next step."""
        sides = sides_meant(tok, self.sides)
        return of_refs(sides) if sides else None

    def _side_role(self, par: int, tok: Token, pronouns: bool = False) -> Resolution | None:
        """ "the government", "the rebels": the side of that kind, when the article's two sides are
        one state and one other party (resolved within the article, never another name of it)."""
        side = side_by_role(tok, self.sides)
        return Resolution((side,), generic=((side, f"the {tok.lower_}"),)) if side else None

    def _counted_group(self, par: int, tok: Token, pronouns: bool = False) -> Resolution | None:
        """The actors of the latest subject that named as many as "the two leaders" counts."""
        count = counted_anaphor(tok)
        if not count:
            return None
        earlier = [
            (pos, refs)
            for pos, refs in self.subject_groups.items()
            if pos < (par, tok.i) and len(refs) == count
        ]
        refs = max(earlier)[1] if earlier else []
        if tok.lemma_.lower() in word_list("government_nouns") or tok.lower_ in (
            "countries",
            "states",
            "nations",
        ):
            # "the two governments" after "Halvorsen and Tanaka signed": the states they stand for
            states = [self._state_of(ref) for ref in refs]
            refs = states if all(states) and len(set(states)) == len(states) else []
        return of_refs(refs) if refs else None

    def _people_named_before(
        self, par: int, tok: Token, pronouns: bool = False
    ) -> Resolution | None:
        """ "The leaders met again": the people of the latest subject that named two or more,
        within the last few paragraphs."""
        if not means_people_named_before(tok):
            return None
        earlier = [
            (pos, refs)
            for pos, refs in self.subject_groups.items()
            if (par - STATE_LOOKBACK, 0) <= pos < (par, tok.i)
            and all(r.kind == "Person" for r in refs)
        ]
        return of_refs(max(earlier)[1]) if earlier else None

    def _state_of(self, ref: ActorRef) -> ActorRef | None:
        if ref.kind == "Country":
            return ref
        countries_ = [c for c in self.affiliations_of_ref(ref) if c.kind == "Country"]
        return countries_[0] if len(countries_) == 1 else None

    def _conj_demonyms(self, tok: Token) -> list[Token]:
        """The second and later demonyms of "Qatari and Egyptian officials"."""
        out = []
        for child in tok.children:
            if child.dep_ == "amod" and child.lower_ in countries().demonyms:
                out.extend(
                    c
                    for c in child.subtree
                    if c.dep_ == "conj" and c.lower_ in countries().demonyms
                )
        return out

    def _phrase_tokens(self, tok: Token) -> list[Token]:
        """The words of the noun phrase ``tok`` heads, without its conjuncts and clauses."""
        skip: set[int] = set()
        for child in tok.children:
            if child.dep_ in ("conj", "cc", "relcl", "acl", "appos", "punct"):
                skip.update(t.i for t in child.subtree)
        return [t for t in tok.subtree if t.i not in skip]

    def _role_phrase(self, par: int, tok: Token, pronouns: bool = False) -> Resolution | None:
        """A definite role phrase ("the foreign minister", "the US and Israeli intelligence chiefs")
        → person(s), the phrase noted as another name of one person. ("the U.N. chief" is a person
        before it is the U.N.)"""
        low = tok.lower_
        role_word = low in word_list("group_nouns") or low in word_list("wildcard_titles")
        if not (role_word or is_title_word(tok)):
            return None
        doc = self.docs[par]
        phrase = self._phrase_tokens(tok)
        if not any(
            t.lower_ in ("the", "his", "her", "its", "their")
            for t in phrase
            if t.dep_ in ("det", "poss")
        ):
            return None
        words = (
            {t.lower_ for t in phrase if not t.is_punct}
            - DETERMINERS
            - {"same", "and", "of", "top"}
        )
        places = [
            countries().by_name[t.lower_]
            for t in phrase
            if t.lower_ in countries().by_name and t.pos_ != "PRON"
        ]
        places = list(dict.fromkeys(places))
        orgs = [
            org_of(e.text).name for e in doc[phrase[0].i : phrase[-1].i + 1].ents if org_of(e.text)
        ]
        content = {
            w for w in words if w.isalpha() and w not in countries().by_name and not org_of(w)
        } - {tok.lower_}
        plural = tok.tag_ in ("NNS", "NNPS")
        candidates = self._persons_with_role(tok, content, par)
        if plural and len(places) > 1:
            refs = [self._latest(c for c in candidates if place in c[2]) for place in places]
            refs = [r for r in refs if r is not None]
        else:
            required = set(places) | set(orgs)
            refs = [self._latest(c for c in candidates if required <= c[2])]
            refs = [r for r in refs if r is not None]
        if not refs:
            return None
        if len(refs) == 1:
            text = doc[phrase[0].i : phrase[-1].i + 1].text
            return Resolution(tuple(refs), names=((refs[0], clean(text)),))
        return Resolution(tuple(refs))

    def _persons_with_role(self, tok: Token, content: set[str], par: int):
        """(position, ref, affiliations) of persons mentioned before ``tok`` whose role fits its head word."""
        wildcard = tok.lower_ in word_list("wildcard_titles") or tok.lemma_.lower() in word_list(
            "wildcard_titles"
        )
        out = []
        for k, m in enumerate(self.mentions):
            if m.kind != "Person" or (m.par, m.i) >= (par, tok.i):
                continue
            ref = self.ref_of_mention(k)
            roles = " ".join(r.lower() for r in self._roles_of(ref))
            if not roles:
                continue
            roles += " " + " ".join(n.lower() for n in self._affiliation_closure(ref))
            head = tok.lemma_.lower()
            if not wildcard and head not in roles and tok.lower_ not in roles:
                continue
            if content and not all(w in roles or w.rstrip("s") in roles for w in content):
                continue
            out.append(((m.par, m.i), ref, self._affiliation_closure(ref)))
        return out

    def _affiliation_closure(self, ref: ActorRef | None) -> set[str]:
        """Names of what ``ref`` is affiliated with, and their countries (CIA → United States)."""
        names = set()
        for _kind, name in self._affiliations_of(ref):
            names.add(name)
            known = org_of(name)
            if known is not None and known.country:
                names.add(known.country)
        return names

    @staticmethod
    def _latest(candidates) -> ActorRef | None:
        best = max(candidates, key=lambda c: c[0], default=None)
        return best[1] if best is not None else None

    def _counterpart(self, par: int, tok: Token, pronouns: bool = False) -> Resolution | None:
        """ "his Israeli counterpart": the latest person of that country other than the one "his"
        means, the phrase noted as another name of them."""
        if tok.lower_ not in ("counterpart", "counterparts"):
            return None
        places = {countries().demonyms.get(c.lower_) for c in tok.children if c.dep_ == "amod"} - {
            None
        }
        owner, of_owner = None, NOTHING
        if tok.dep_ == "conj":
            of_owner = self.resolve(par, tok.head.i, pronouns=False)
            owner = of_owner.refs[0] if of_owner.refs else None
        candidates = [
            (
                (m.par, m.i),
                self.ref_of_mention(k),
                self._affiliation_closure(self.ref_of_mention(k)),
            )
            for k, m in enumerate(self.mentions)
            if m.kind == "Person" and (m.par, m.i) < (par, tok.i)
        ]
        ref = self._latest(c for c in candidates if c[1] != owner and places <= c[2])
        if ref is None:
            return NOTHING.also(of_owner)
        name = clean(self.docs[par][tok.left_edge.i : tok.i + 1].text)
        return Resolution((ref,), names=((ref, name),)).also(of_owner)

    def _organization_by_head(
        self, par: int, tok: Token, pronouns: bool = False
    ) -> Resolution | None:
        """ "the channel" after "Channel 12": a definite noun that is a word of an organization's
        name (a generic noun of this article)."""
        if tok.pos_ != "NOUN" or not any(c.lower_ == "the" for c in tok.children):
            return None
        best = None
        for k, m in enumerate(self.mentions):
            earlier = m.kind == "Organization" and (m.par, m.i) < (par, tok.i) and m.owner is None
            if earlier and tok.lower_ in m.name.lower().split() and tok.lower_ not in DETERMINERS:
                best = k
        if best is None:
            return None
        ref = self.ref_of_mention(best)
        return Resolution((ref,), generic=((ref, f"the {tok.lower_}"),))

    def _state_of_government(self, par: int, tok_i: int) -> ActorRef | None:
        """The state whose government or cabinet the article named last ("Finland's cabinet", "the Uruguayan
        government"), within the last few paragraphs; None when none was named (no guessing)."""
        nouns = word_list("government_nouns") | word_list("institution_nouns")
        for p in range(par, max(par - STATE_LOOKBACK - 1, -1), -1):
            doc = self.docs[p]
            for i in range((tok_i if p == par else len(doc)) - 1, -1, -1):
                k = self.by_token.get((p, i))
                if k is None or doc[i].lower_ not in nouns:
                    continue
                ref = self.ref_of_mention(k)
                if ref is not None and ref.kind == "Country":
                    return ref
                country = next(
                    (name for kind, name in self.mentions[k].affiliations if kind == "Country"),
                    None,
                )
                if country is not None:
                    return self.named(country) or ActorRef("Country", country)
        return None

    def _last_person_before(self, par: int, tok_i: int) -> ActorRef | None:
        """The antecedent of "he": the latest person that was a subject, else the latest person named.

        Subjects are more salient than objects in news prose ("The Canadian trade minister,
        who met X, ... he told reporters" is the minister, not X).
        """
        subjects = [(pos, ref) for pos, ref in self.subject_persons.items() if pos < (par, tok_i)]
        if subjects:
            return max(subjects)[1]
        best = None
        for k, m in enumerate(self.mentions):
            later = best is None or (m.par, m.i) > (self.mentions[best].par, self.mentions[best].i)
            if m.kind == "Person" and (m.par, m.i) < (par, tok_i) and m.j > m.i and later:
                best = k
        return self.ref_of_mention(best) if best is not None else None

    def _last_organization_before(
        self, par: int, tok_i: int, words: frozenset[str] | None = None
    ) -> ActorRef | None:
        """ "the group", "the movement": the latest organization named before (with one of
        ``words`` among the words of its name, when given)."""
        best = None
        for k, m in enumerate(self.mentions):
            if (
                m.kind == "Organization"
                and m.owner is None
                and m.j > m.i
                and (m.par, m.i) < (par, tok_i)
                and (words is None or not words.isdisjoint(m.name.lower().split()))
            ) and (best is None or (m.par, m.i) > (self.mentions[best].par, self.mentions[best].i)):
                best = k
        return self.ref_of_mention(best) if best is not None else None

    def _index_subjects(self) -> None:
        """Record every subject that names or describes a person, for pronoun resolution.

        Definite role phrases anywhere ("Okonkwo and the envoy spoke") are
        resolved too, so that they become other names of the person.
        """
        self.subject_persons: dict[tuple[int, int], ActorRef] = {}
        self.subject_groups: dict[tuple[int, int], list[ActorRef]] = {}
        self.sides: tuple[ActorRef, ...] = ()
        named_together: list[list[ActorRef]] = []
        for par, doc in enumerate(self.docs):
            for tok in doc:
                if names_sides_together(tok):
                    members = coordinated_members(tok)
                    named_together.append(self._named_parties(par, members))
                if tok.dep_ in ("nsubj", "nsubjpass") and any(
                    c.dep_ == "conj" for c in tok.children
                ):
                    members = [tok] + [
                        c
                        for c in tok.subtree
                        if c.dep_ == "conj"
                        and c.head.i in (tok.i,)
                        or (c.dep_ == "conj" and c.head.dep_ == "conj")
                    ]
                    refs = list(
                        dict.fromkeys(r for m in members for r in self._subject(par, m.i)[:1])
                    )
                    if len(refs) > 1:  # "X and Y agreed ...", for a later "the two leaders"
                        self.subject_groups[(par, tok.i)] = refs
                if (
                    tok.dep_ not in ("nsubj", "nsubjpass")
                    and (par, tok.i) not in self.by_token
                    and is_title_word(tok)
                    and any(c.lower_ == "the" for c in tok.children)
                ):
                    self._subject(par, tok.i)
                if tok.dep_ in ("nsubj", "nsubjpass") and tok.lower_ not in PERSON_PRONOUNS:
                    refs = self._subject(par, tok.i)
                    if refs and refs[0].kind == "Person":
                        self.subject_persons[(par, tok.i)] = refs[0]
            if not self.sides:  # "the two sides" later in the article: the parties named first
                self.sides = first_sides(named_together)

    def _named_parties(self, par: int, members: list[Token]) -> list[ActorRef]:
        """The actors the members of a coordination name; none when one of them is only a
        generic noun ("the front"), since sides are parties the article names."""
        found = [self._keep(self.resolve(par, m.i, pronouns=False)) for m in members]
        if any(f.generic or not f.refs for f in found):
            return []
        return list(dict.fromkeys(f.refs[0] for f in found))

    def _subject(self, par: int, tok_i: int) -> tuple[ActorRef, ...]:
        """The actors a subject (or role phrase) means; what it says of them is kept with the table."""
        return self._keep(self.resolve(par, tok_i, pronouns=False)).refs

    def _set_refs(self) -> None:
        """Name every cluster, and index the mentions by the actor they name (asked for in every lookup)."""
        self.refs = [cluster_ref(self.mentions, c) for c in self.clusters]
        self.mentions_of: dict[ActorRef | None, list[Mention]] = defaultdict(list)
        for k, m in enumerate(self.mentions):
            self.mentions_of[self.ref_of_mention(k)].append(m)

    def _roles_of(self, ref: ActorRef | None) -> list[str]:
        return [r for m in self.mentions_of.get(ref, ()) for r in m.roles]

    def _affiliations_of(self, ref: ActorRef | None) -> list[tuple[str, str]]:
        return [a for m in self.mentions_of.get(ref, ()) for a in m.affiliations]

    def evidence_of(self, par: int, i: int) -> Evidence:
        """The sentence of token ``i`` of paragraph ``par``, with its offsets in the article."""
        if par not in self._evidence:
            self._evidence[par] = self._sentence_evidence(par)
        return self._evidence[par][i]

    def _sentence_evidence(self, par: int) -> list[Evidence]:
        """Each token's sentence as evidence, for paragraph ``par`` (a token's ``.sent`` walks the
        sentence anew at every call, and the facts ask it of every mention)."""
        out: list[Evidence] = []
        for sent in self.docs[par].sents:
            start = self.offsets[par] + sent.start_char
            out += [Evidence(sent.text, start, start + len(sent.text))] * len(sent)
        return out
