"""Actors: entity mentions → one actor per real-world party, with names, roles and affiliations.

Mentions come from :mod:`kg.identity.mentions`, clusters from
:mod:`kg.identity.clustering`: a surname joins the full name, an acronym its
expansion, a capital its country. The table is built once per article; its
lookups are pure. Role phrases ("the Israeli leader") and pronouns are resolved
by :meth:`ActorTable.resolve`, which tries the readings of a token of
:mod:`kg.identity.readings` in order and returns the actors it means and what
the phrase says of them (a :class:`~kg.identity.resolution.Resolution`: another
name, a generic noun); the caller keeps those and gives them back to
:meth:`ActorTable.actors`, which builds the facts (:mod:`kg.identity.actors`).
This module holds the table itself: its mentions, clusters and actors, the
subjects and sides it indexes while it is built, and each token's sentence.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Token

from ..annotate import AnnotatedArticle
from ..facts import ActorRef, Evidence
from ..vocab import countries
from .clustering import Clustering, cluster_ref
from .mentions import MentionCollector
from .names import PERSON_PRONOUNS, Mention, clean, is_title_word, org_of
from .readings import READINGS, organization_kinds  # noqa: F401 (re-exported)
from .resolution import NOTHING, Resolution
from .sides import coordinated_members, first_sides, names_sides_together


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
        for reading in READINGS:  # in order: the first that answers decides
            found = reading(self, par, tok, pronouns)
            if found is not None:
                return found
        return NOTHING

    def affiliations_of_ref(self, ref: ActorRef) -> list[ActorRef]:
        """The actors ``ref`` is affiliated with in this article."""
        targets = []
        for kind, name in self.affiliations_of(ref):
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
            if ref is not None and (
                ref.label.lower() in (wanted, canonical)
                or wanted in (m.name.lower(), m.surface.lower())
            ):
                return ref
        return None

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

    def roles_of(self, ref: ActorRef | None) -> list[str]:
        """The roles the mentions of ``ref`` state ("foreign minister")."""
        return [r for m in self.mentions_of.get(ref, ()) for r in m.roles]

    def affiliations_of(self, ref: ActorRef | None) -> list[tuple[str, str]]:
        """(kind, name) of what the mentions of ``ref`` say it is affiliated with."""
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
            text = sent.text  # joined from the tokens at every access: read once
            start = self.offsets[par] + sent.start_char
            out += [Evidence(text, start, start + len(text))] * len(sent)
        return out
