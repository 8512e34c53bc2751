"""Actors: entity mentions → one actor per real-world party, with names, roles and affiliations.

Mentions come from :mod:`kg.identity.mentions`. Within an article, they are
clustered: a surname joins the full name, an acronym its
expansion, a capital its country. Role phrases ("the Israeli leader") and
pronouns are resolved on demand by :meth:`ActorTable.actor_at`.
"""
from __future__ import annotations

import re
from collections import defaultdict

from spacy.tokens import Token

from ..facts import Actor, ActorRef, Evidence
from ..annotate import AnnotatedArticle
from ..vocab import countries, word_list
from .clustering import MentionClustering
from .mentions import MentionCollector
from .names import DETERMINERS, PERSON_PRONOUNS, Mention, clean, counted_anaphor, is_title_word, org_of, surname

AGE_PHRASE = re.compile(r"\d+-year-old")
STATE_LOOKBACK = 3  # paragraphs in which "the government" looks for the government it refers to


class ActorTable(MentionClustering):
    """The actors of one article and which tokens mention them.

    Built from an :class:`AnnotatedArticle`; ``actor_at(par, token)`` answers
    which actor a token (or the phrase it heads) refers to, and ``actors()``
    returns the :class:`Actor` facts.
    """

    def __init__(self, annotated: AnnotatedArticle) -> None:
        self.annotated = annotated
        self.docs = [p.doc for p in annotated.paragraphs]
        self.offsets = [p.start for p in annotated.paragraphs]
        collector = MentionCollector(self.docs)
        self.mentions: list[Mention] = collector.mentions
        self.by_token: dict[tuple[int, int], int] = collector.by_token
        self.extra_aliases: dict[ActorRef, set[str]] = defaultdict(set)
        # "the group", "the party": resolved inside this article only, never another name of the actor
        self.generic_names: dict[ActorRef, set[str]] = defaultdict(set)
        self.subject_persons: dict[tuple[int, int], ActorRef] = {}
        self.subject_groups: dict[tuple[int, int], list[ActorRef]] = {}
        self._cluster()
        self._index_subjects()

    # ------------------------------------------------------------------ lookup

    def ref_of_mention(self, k: int) -> ActorRef | None:
        c = self.mentions[k].cluster
        return self.refs[c] if 0 <= c < len(self.refs) else None

    def actor_at(self, par: int, tok_i: int, pronouns: bool = True) -> ActorRef | None:
        """Return the (first) actor that the token at ``tok_i`` of paragraph ``par`` mentions or heads."""
        found = self.actors_at(par, tok_i, pronouns)
        return found[0] if found else None

    def actors_at(self, par: int, tok_i: int, pronouns: bool = True) -> list[ActorRef]:
        """Return the actors that the token at ``tok_i`` of paragraph ``par`` mentions or heads.

        Looks at the token's own mention, then a name in apposition ("the head
        of Egyptian intelligence, Abbas Kamel"), conjoined demonyms ("Qatari and
        Egyptian officials"), role phrases ("the Israeli leader", "the US and
        Israeli intelligence chiefs", "his Israeli counterpart"), a definite noun
        naming an organization ("the channel"), and pronouns.
        """
        doc = self.docs[par]
        tok = doc[tok_i]
        k = self.by_token.get((par, tok_i))
        if k is not None:
            refs = [self.ref_of_mention(k)]
            refs += [self.ref_of_mention(self.by_token[(par, d.i)]) for d in self._conj_demonyms(tok)
                     if (par, d.i) in self.by_token]
            return [r for r in dict.fromkeys(refs) if r is not None]
        for child in tok.children:
            if child.dep_ == "appos" and (par, child.i) in self.by_token:
                return self.actors_at(par, child.i, pronouns)
        low = tok.lower_
        if low in ("counterpart", "counterparts"):
            return self._counterpart(par, tok)
        if counted_anaphor(tok):
            refs = self._counted_group(par, tok)
            if refs:
                return refs
        if low in word_list("group_nouns") or is_title_word(tok) or low in word_list("wildcard_titles"):
            refs = self._role_phrase(par, tok)  # "the U.N. chief" is a person before it is the U.N.
            if refs:
                return refs
        for child in tok.children:
            if child.dep_ in ("compound", "nmod") and (par, child.i) in self.by_token:
                ref = self.ref_of_mention(self.by_token[(par, child.i)])
                if ref is not None and ref.kind not in ("Country",):
                    return [ref]
        age = AGE_PHRASE.search(doc[tok.left_edge.i: tok.i + 1].text.lower()) if tok.pos_ in ("NOUN", "ADJ") else None
        if pronouns and (low in PERSON_PRONOUNS or age):  # "he", "the 74-year-old"
            ref = self._last_person_before(par, tok_i)
            return [ref] if ref is not None else []
        if low in word_list("state_anaphors") and [c.lower_ for c in tok.children] == ["the"]:
            ref = self._state_of_government(par, tok_i)  # "the government said": whose government was named
            if ref is not None:
                return [ref]
        if low in word_list("org_anaphors") and any(c.lower_ == "the" for c in tok.children if c.dep_ == "det"):
            ref = self._last_organization_before(par, tok_i)
            if ref is not None:
                self.generic_names[ref].add(f"the {low}")
                return [ref]
        if low in word_list("container_nouns"):
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for g in child.children:
                        if g.dep_ == "pobj":
                            return self.actors_at(par, g.i, pronouns=False)
        if tok.pos_ == "NOUN" and any(c.lower_ == "the" for c in tok.children):
            ref = self._organization_by_head(par, tok)
            if ref is not None:
                return [ref]
        return []

    def affiliations_of_ref(self, ref: ActorRef) -> list[ActorRef]:
        """The actors ``ref`` is affiliated with in this article."""
        targets = []
        for kind, name in self._affiliations_of(ref):
            target = self.named(name) or ActorRef(kind, name)
            if target not in targets:
                targets.append(target)
        return targets

    def named(self, name: str) -> ActorRef | None:
        """The actor of this article that ``name`` names (by label, other name, or the tables of kg/data)."""
        wanted = clean(name).lower()
        if not wanted:
            return None
        known = org_of(wanted)
        canonical = (known.name if known else countries().by_name.get(wanted, wanted)).lower()
        for k, m in enumerate(self.mentions):
            ref = self.ref_of_mention(k)
            if ref is not None and (ref.label.lower() in (wanted, canonical) or wanted in (m.name.lower(), m.surface.lower())):
                return ref
        return None

    def _counted_group(self, par: int, tok: Token) -> list[ActorRef]:
        """The actors of the latest subject that named as many as "the two leaders" counts."""
        count = counted_anaphor(tok)
        earlier = [(pos, refs) for pos, refs in self.subject_groups.items() if pos < (par, tok.i) and len(refs) == count]
        refs = max(earlier)[1] if earlier else []
        if tok.lemma_.lower() in word_list("government_nouns") or tok.lower_ in ("countries", "states", "nations"):
            # "the two governments" after "Trump and Liu signed": the states they stand for
            states = [self._state_of(ref) for ref in refs]
            refs = states if all(states) and len(set(states)) == len(states) else []
        return refs

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
                out.extend(c for c in child.subtree if c.dep_ == "conj" and c.lower_ in countries().demonyms)
        return out

    def _phrase_tokens(self, tok: Token) -> list[Token]:
        """The words of the noun phrase ``tok`` heads, without its conjuncts and clauses."""
        skip: set[int] = set()
        for child in tok.children:
            if child.dep_ in ("conj", "cc", "relcl", "acl", "appos", "punct"):
                skip.update(t.i for t in child.subtree)
        return [t for t in tok.subtree if t.i not in skip]

    def _role_phrase(self, par: int, tok: Token) -> list[ActorRef]:
        """A definite role phrase ("the foreign minister", "the US and Israeli intelligence chiefs") → person(s)."""
        doc = self.docs[par]
        phrase = self._phrase_tokens(tok)
        if not any(t.lower_ in ("the", "his", "her", "its", "their") for t in phrase if t.dep_ in ("det", "poss")):
            return []
        words = {t.lower_ for t in phrase if not t.is_punct} - DETERMINERS - {"same", "and", "of", "top"}
        places = [countries().by_name[t.lower_] for t in phrase if t.lower_ in countries().by_name and t.pos_ != "PRON"]
        places = list(dict.fromkeys(places))
        orgs = [org_of(e.text).name for e in doc[phrase[0].i: phrase[-1].i + 1].ents if org_of(e.text)]
        content = {w for w in words if w.isalpha() and w not in countries().by_name and not org_of(w)} - {tok.lower_}
        plural = tok.tag_ in ("NNS", "NNPS")
        candidates = self._persons_with_role(tok, content, par)
        if plural and len(places) > 1:
            refs = [self._latest(c for c in candidates if place in c[2]) for place in places]
            refs = [r for r in refs if r is not None]
        else:
            required = set(places) | set(orgs)
            refs = [self._latest(c for c in candidates if required <= c[2])]
            refs = [r for r in refs if r is not None]
        if len(refs) == 1:
            text = doc[phrase[0].i: phrase[-1].i + 1].text
            self.extra_aliases[refs[0]].add(clean(text))
        return refs

    def _persons_with_role(self, tok: Token, content: set[str], par: int):
        """(position, ref, affiliations) of persons mentioned before ``tok`` whose role fits its head word."""
        wildcard = tok.lower_ in word_list("wildcard_titles") or tok.lemma_.lower() in word_list("wildcard_titles")
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
        for kind, name in self._affiliations_of(ref):
            names.add(name)
            known = org_of(name)
            if known is not None and known.country:
                names.add(known.country)
        return names

    @staticmethod
    def _latest(candidates) -> ActorRef | None:
        best = max(candidates, key=lambda c: c[0], default=None)
        return best[1] if best is not None else None

    def _counterpart(self, par: int, tok: Token) -> list[ActorRef]:
        """ "his Israeli counterpart": the latest person of that country other than the one "his" means."""
        places = {countries().demonyms.get(c.lower_) for c in tok.children if c.dep_ == "amod"} - {None}
        owner = None
        if tok.dep_ == "conj":
            owner = self.actor_at(par, tok.head.i, pronouns=False)
        candidates = [((m.par, m.i), self.ref_of_mention(k), self._affiliation_closure(self.ref_of_mention(k)))
                      for k, m in enumerate(self.mentions) if m.kind == "Person" and (m.par, m.i) < (par, tok.i)]
        ref = self._latest(c for c in candidates if c[1] != owner and places <= c[2])
        if ref is not None:
            self.extra_aliases[ref].add(clean(self.docs[par][tok.left_edge.i: tok.i + 1].text))
        return [ref] if ref is not None else []

    def _organization_by_head(self, par: int, tok: Token) -> ActorRef | None:
        """ "the channel" after "Channel 12": a definite noun that is a word of an organization's name."""
        best = None
        for k, m in enumerate(self.mentions):
            if m.kind == "Organization" and (m.par, m.i) < (par, tok.i) and m.owner is None:
                if tok.lower_ in m.name.lower().split() and tok.lower_ not in DETERMINERS:
                    best = k
        if best is None:
            return None
        ref = self.ref_of_mention(best)
        self.generic_names[ref].add(f"the {tok.lower_}")
        return ref

    def _state_of_government(self, par: int, tok_i: int) -> ActorRef | None:
        """The state whose government or cabinet the article named last ("Norway's cabinet", "the Chilean
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
                country = next((name for kind, name in self.mentions[k].affiliations if kind == "Country"), None)
                if country is not None:
                    return self.named(country) or ActorRef("Country", country)
        return None

    def _last_person_before(self, par: int, tok_i: int) -> ActorRef | None:
        """The antecedent of "he": the latest person that was a subject, else the latest person named.

        Subjects are more salient than objects in news prose ("The top U.S. diplomat,
        who met X, ... he told reporters" is the diplomat, not X).
        """
        subjects = [(pos, ref) for pos, ref in self.subject_persons.items() if pos < (par, tok_i)]
        if subjects:
            return max(subjects)[1]
        best = None
        for k, m in enumerate(self.mentions):
            if m.kind == "Person" and (m.par, m.i) < (par, tok_i) and m.j > m.i:
                if best is None or (m.par, m.i) > (self.mentions[best].par, self.mentions[best].i):
                    best = k
        return self.ref_of_mention(best) if best is not None else None

    def _last_organization_before(self, par: int, tok_i: int) -> ActorRef | None:
        """ "the group", "the movement": the latest organization named before."""
        best = None
        for k, m in enumerate(self.mentions):
            if m.kind == "Organization" and m.owner is None and m.j > m.i and (m.par, m.i) < (par, tok_i):
                if best is None or (m.par, m.i) > (self.mentions[best].par, self.mentions[best].i):
                    best = k
        return self.ref_of_mention(best) if best is not None else None

    def _index_subjects(self) -> None:
        """Record every subject that names or describes a person, for pronoun resolution.

        Definite role phrases anywhere ("Araqchi and the envoy spoke") are
        resolved too, so that they become other names of the person.
        """
        self.subject_persons: dict[tuple[int, int], ActorRef] = {}
        self.subject_groups: dict[tuple[int, int], list[ActorRef]] = {}
        for par, doc in enumerate(self.docs):
            for tok in doc:
                if tok.dep_ in ("nsubj", "nsubjpass") and any(c.dep_ == "conj" for c in tok.children):
                    members = [tok] + [c for c in tok.subtree if c.dep_ == "conj" and c.head.i in (tok.i,) or
                                       (c.dep_ == "conj" and c.head.dep_ == "conj")]
                    refs = list(dict.fromkeys(r for m in members for r in self.actors_at(par, m.i, pronouns=False)[:1]))
                    if len(refs) > 1:  # "X and Y agreed ...", for a later "the two leaders"
                        self.subject_groups[(par, tok.i)] = refs
                if tok.dep_ not in ("nsubj", "nsubjpass") and (par, tok.i) not in self.by_token and is_title_word(tok) \
                        and any(c.lower_ == "the" for c in tok.children):
                    self.actors_at(par, tok.i, pronouns=False)
                if tok.dep_ in ("nsubj", "nsubjpass") and tok.lower_ not in PERSON_PRONOUNS:
                    refs = self.actors_at(par, tok.i, pronouns=False)
                    if refs and refs[0].kind == "Person":
                        self.subject_persons[(par, tok.i)] = refs[0]

    def _set_refs(self) -> None:
        """Name every cluster, and index the mentions by the actor they name (asked for in every lookup)."""
        self.refs = [self._cluster_ref(c) for c in self.clusters]
        self.mentions_of: dict[ActorRef | None, list[Mention]] = defaultdict(list)
        for k, m in enumerate(self.mentions):
            self.mentions_of[self.ref_of_mention(k)].append(m)

    def _roles_of(self, ref: ActorRef | None) -> list[str]:
        return [r for m in self.mentions_of.get(ref, ()) for r in m.roles]

    def _affiliations_of(self, ref: ActorRef | None) -> list[tuple[str, str]]:
        return [a for m in self.mentions_of.get(ref, ()) for a in m.affiliations]

    def evidence_of(self, par: int, i: int) -> Evidence:
        sent = self.docs[par][i].sent
        start = self.offsets[par] + sent.start_char
        return Evidence(sent.text, start, start + len(sent.text))

    def actors(self, used: set[ActorRef] = frozenset()) -> tuple[Actor, ...]:
        """The :class:`Actor` facts: every named actor, and the groups of ``used`` (those some fact names)."""
        out: dict[ActorRef, dict] = {}
        for k, m in enumerate(self.mentions):
            ref = self.ref_of_mention(k)
            if ref is None:
                continue
            if ref.kind == "Group" and ref not in used:
                continue
            entry = out.setdefault(ref, {"aliases": set(), "roles": [], "affils": [], "evidence": set()})
            entry["aliases"].update(a for a in [m.name, m.surface, *m.aliases] if a)
            if m.kind == "Person" and len(m.name.split()) > 1:
                entry["aliases"].add(surname(m.name))
            entry["roles"].extend(r for r in m.roles if r not in entry["roles"])
            entry["affils"].extend(m.affiliations)
            if m.j > m.i:
                entry["evidence"].add(self.evidence_of(m.par, m.i))
        for ref, extra in self.extra_aliases.items():
            if ref in out:
                out[ref]["aliases"].update(extra)
        # affiliations point at actors of this article; a country named only as an affiliation is one too
        for ref, entry in list(out.items()):
            for kind, name in entry["affils"]:
                target = self._resolve_affiliation(kind, name, out)
                if target is not None and target not in out:
                    known = org_of(name) if kind == "Organization" else None
                    affils = [("Country", known.country)] if known is not None and known.country else []
                    out[target] = {"aliases": {name}, "roles": [], "affils": affils, "evidence": set()}
        actors = []
        for ref, entry in sorted(out.items()):
            affils = []
            for kind, name in entry["affils"]:
                target = self._resolve_affiliation(kind, name, out)
                if target is not None and target != ref and target not in affils:
                    affils.append(target)
            aliases = sorted(a for a in entry["aliases"] if a and a != ref.label)
            actors.append(Actor(ref, tuple(aliases), tuple(entry["roles"]), tuple(affils),
                                tuple(sorted(entry["evidence"]))))
        return tuple(actors)

    def _resolve_affiliation(self, kind: str, name: str, known: dict) -> ActorRef | None:
        if not name:
            return None
        for ref in known:
            if ref.kind == kind and ref.label.lower() == name.lower():
                return ref
        for k, m in enumerate(self.mentions):
            ref = self.ref_of_mention(k)
            if ref is not None and ref.kind == kind and name.lower() in {m.name.lower(), m.surface.lower()}:
                return ref
        if kind == "Organization":
            known_org = org_of(name)
            return ActorRef(kind, known_org.name if known_org else name)
        return ActorRef(kind, name)

    def generic_resolutions(self, used: set[ActorRef]) -> tuple[tuple[ActorRef, str], ...]:
        """Why a generic noun of this article ("the group") is an actor: a note for the article's graph, not an
        alias that could join another article's "the group" to it."""
        return tuple((ref, f"{name}: the organization last named before it in this article")
                     for ref, names in sorted(self.generic_names.items()) if ref in used for name in sorted(names))
