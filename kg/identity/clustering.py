"""Clustering an article's mentions: one cluster per real-world actor.

A surname joins the full name, an acronym its expansion, a short name the
longer one it abbreviates, an apposition the name it renames, and repeated
mentions of one unnamed group ("the families") one group.
:class:`Clustering` takes an article's mentions and returns their clusters; the
:class:`~kg.identity.table.ActorTable` names each cluster an actor.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ..facts import ActorRef
from ..vocab import name_words, word_list
from .names import DETERMINERS, Mention, initials, org_of, surname

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


class Clustering:
    """The clusters of an article's mentions, one per real-world actor: ``clusters[c]`` lists the
    indices of the mentions of cluster ``c``, and each mention's ``cluster`` is set; ``why[k]``
    says why mention ``k`` joined a cluster another mention began (no entry: it began one).

    A possessive office ("the minister's office") is placed last, by :meth:`place_office`,
    once the actor that owns it can be looked up among the other clusters.
    """

    def __init__(
        self, mentions: list[Mention], docs: list[Doc], by_token: dict[tuple[int, int], int]
    ) -> None:
        self.mentions, self.docs, self.by_token = mentions, docs, by_token
        self.clusters: list[list[int]] = []
        self.keys: dict[tuple[str, str], int] = {}
        self.why: dict[int, str] = {}
        self._name_words: dict[str, list[str]] = {}
        self._people_misread_as_organizations()
        self._cluster_people()
        self._cluster_by_name()
        self._merge_acronyms(self.keys)
        self._merge_short_names(self.keys)
        self._merge_names_known_as()
        self._merge_appositions()
        self._merge_groups()

    def _cluster_people(self) -> None:
        """One cluster per person: a shorter name joins the one longer name it shortens."""
        persons = [k for k, m in enumerate(self.mentions) if m.kind == "Person"]
        # longest names first, so that a surname finds its full name
        for k in sorted(persons, key=lambda k: -len(self.mentions[k].name.split())):
            m = self.mentions[k]
            target = self._person_cluster(m.name)
            if target is None:
                target = len(self.clusters)
                self.clusters.append([])
            else:
                first = self.mentions[self.clusters[target][0]].name
                same = self._words(first) == self._words(m.name)
                self.why[k] = "the same name" if same else f"a shorter form of {first}"
            self.clusters[target].append(k)
            m.cluster = target

    def _cluster_by_name(self) -> None:
        """One cluster per kind and name for the others (offices wait for their owner)."""
        for k, m in enumerate(self.mentions):
            if m.kind == "Person" or m.owner is not None:
                continue
            key = self._key(m)
            if key not in self.keys:
                self.keys[key] = len(self.clusters)
                self.clusters.append([])
            else:
                self.why[k] = f"read as {m.name}"
            m.cluster = self.keys[key]
            self.clusters[m.cluster].append(k)

    def refs(self) -> list[ActorRef | None]:
        """The actor each cluster is (None for a cluster merged into another)."""
        return [cluster_ref(self.mentions, members) for members in self.clusters]

    def place_office(self, k: int, owner: ActorRef | None) -> None:
        """Put mention ``k``, an office owned by ``owner``, in its cluster: a person's office is
        that person's ("X's office"); any other owner's is an organization named as written."""
        m = self.mentions[k]
        if owner is None or owner.kind != "Person":
            m.kind, m.owner = "Organization", None
            m.name = m.surface
        else:
            m.name = f"{owner.label}'s {self.docs[m.par][m.i].lower_}"
        key = ("Organization", m.name.lower())
        if key not in self.keys:
            self.keys[key] = len(self.clusters)
            self.clusters.append([])
        else:
            owned = m.owner is not None
            self.why[k] = f"the office of {owner.label}" if owned else f"read as {m.name}"
        m.cluster = self.keys[key]
        self.clusters[m.cluster].append(k)

    def _people_misread_as_organizations(self) -> None:
        """ "between Okonkwo and ...": an organization named like a person's surname is that person."""
        names = {m.name.lower(): m for m in self.mentions if m.kind == "Person"}
        parts = defaultdict(set)
        for name in names:
            words = name.split()
            if len(words) > 1:
                parts[words[-1]].add(name)
                parts[surname(name).lower()].add(name)
                parts[name_words(name)[-1]].add(name)
        for m in self.mentions:
            named_once = len(parts.get(m.name.lower(), ())) == 1
            if m.kind == "Organization" and m.owner is None and not org_of(m.name) and named_once:
                m.kind = "Person"
                m.affiliations = []

    def _words(self, name: str) -> list[str]:
        """``name_words(name)``, worked out once per name of the article (every person's mention is
        compared with every cluster's first name)."""
        if name not in self._name_words:
            self._name_words[name] = name_words(name)
        return self._name_words[name]

    def _person_cluster(self, name: str) -> int | None:
        """The cluster of a longer name that ``name`` shortens (surname, first name), if exactly one."""
        words = self._words(name)
        hits = []
        for c, members in enumerate(self.clusters):
            full = self._words(self.mentions[members[0]].name)
            if full == words:
                return c
            n = len(words)
            if n < len(full) and (full[-n:] == words or full[:n] == words):
                hits.append(c)
        return hits[0] if len(hits) == 1 else None

    def _key(self, m: Mention) -> tuple[str, str]:
        if m.kind == "Organization":
            known = org_of(m.name)
            return ("Organization", (known.name if known else m.name).lower())
        return (m.kind, m.name.lower())

    def _merge_acronyms(self, keys: dict[tuple[str, str], int]) -> None:
        """An unknown acronym joins the organization whose initials it spells, when that is in the article."""
        by_initials = {}
        for (kind, name), c in keys.items():
            if kind == "Organization" and len(name.split()) > 1:
                real = self.mentions[self.clusters[c][0]].name
                by_initials[initials(real)] = c
        for (kind, _name), c in list(keys.items()):
            real = self.mentions[self.clusters[c][0]].name if self.clusters[c] else ""
            if kind == "Organization" and real.isupper() and real.replace(".", "") in by_initials:
                target = by_initials[real.replace(".", "")]
                self._move(c, target, f"the initials of {self._name(target)}")

    def _merge_short_names(self, keys: dict[tuple[str, str], int]) -> None:
        """ "the Commission" after "the European Commission": a one-word organization that ends one named in full."""
        orgs = {name: c for (kind, name), c in keys.items() if kind == "Organization"}
        for name, c in orgs.items():
            if len(name.split()) != 1:
                continue
            longer = [
                d for other, d in orgs.items() if other != name and other.endswith(" " + name)
            ]
            if len(longer) == 1 and self.clusters[c]:
                self._move(c, longer[0], f"the last word of {self._name(longer[0])}")

    def _merge_names_known_as(self) -> None:
        """ "the rebel front known as KVL", "KVL, as the front is known": a name given for a noun
        joins the one organization of the article whose name ends with that noun."""
        for m in self.mentions:
            if m.kind != "Organization" or m.j <= m.i or m.cluster < 0:
                continue
            doc = self.docs[m.par]
            noun = noun_named_as(doc[m.i : m.j].root) or noun_known_after(doc, m.j)
            target = self._organization_ending_with(noun.lemma_.lower()) if noun else None
            if target is not None and target != m.cluster and self.clusters[m.cluster]:
                self._move(m.cluster, target, f"named as the {noun.lower_} {self._name(target)}")

    def _organization_ending_with(self, word: str) -> int | None:
        """The cluster of the one organization whose name ends with ``word``, if exactly one."""
        found = {
            c
            for c, members in enumerate(self.clusters)
            if members
            and self.mentions[members[0]].kind == "Organization"
            and len(self._name(c).split()) > 1
            and self._name(c).lower().split()[-1] == word
        }
        return found.pop() if len(found) == 1 else None

    def _merge_appositions(self) -> None:
        """ "the Palestinian Resistance movement, Hamas": an organization in apposition to another is it."""
        for k, m in enumerate(self.mentions):
            if m.kind != "Organization" or m.j <= m.i:
                continue
            doc = self.docs[m.par]
            root = doc[m.i : m.j].root
            heads = [root, root.head] if root.dep_ in ("compound", "amod") else [root]
            for head in heads:
                for child in head.children:
                    other = self.by_token.get((m.par, child.i))
                    if child.dep_ == "appos" and other is not None and other != k:
                        o = self.mentions[other]
                        if (
                            o.kind == "Organization"
                            and o.cluster != m.cluster
                            and o.cluster >= 0
                            and m.cluster >= 0
                        ):
                            # the better-known name keeps the cluster: move the descriptive one into it
                            self._move(m.cluster, o.cluster, f"in apposition to {o.name}")

    def _merge_groups(self) -> None:
        """ "the settlers" and "settler protesters" are one group: one's words are within the other's."""
        groups = [
            c
            for c, members in enumerate(self.clusters)
            if members and self.mentions[members[0]].kind == "Group"
        ]

        def lemmas(c: int) -> set[str]:
            name = self.mentions[self.clusters[c][0]].name.lower()
            return {w.rstrip("s") for w in name.split() if not w.isdigit() and w not in DETERMINERS}

        # a cluster's first mention stays first when others join it: its words are read once
        words = {c: lemmas(c) for c in groups}
        for a in groups:
            for b in groups:
                if a != b and self.clusters[a] and self.clusters[b] and words[a] < words[b]:
                    self._move(a, b, f"its words are among those of {self._name(b)}")

    def _name(self, c: int) -> str:
        """The name of the mention that began cluster ``c``."""
        return self.mentions[self.clusters[c][0]].name

    def _move(self, src: int, dst: int, why: str) -> None:
        """Join cluster ``src`` to ``dst`` (``why`` says why, for each of its mentions)."""
        for k in self.clusters[src]:
            self.why[k] = why
            self.mentions[k].cluster = dst
        self.clusters[dst].extend(self.clusters[src])
        self.clusters[src] = []


def noun_named_as(root: Token) -> Token | None:
    """The noun ``root`` is given as the name of: "front" in "the rebel front known as KVL"."""
    verb = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "as" else None
    if verb is None or verb.lemma_ not in word_list("naming_verbs") or verb.dep_ != "acl":
        return None
    return verb.head if verb.head.pos_ == "NOUN" else None


def noun_known_after(doc: Doc, j: int) -> Token | None:
    """The noun of "as the front is known" right after a name ending at token ``j``."""
    k = j
    while k < len(doc) and doc[k].is_punct:
        k += 1
    if k >= len(doc) or doc[k].lower_ != "as" or doc[k].dep_ != "mark":
        return None
    verb = doc[k].head
    if verb.lemma_ not in word_list("naming_verbs"):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubjpass" and c.pos_ == "NOUN"), None)


def cluster_ref(mentions: list[Mention], members: list[int]) -> ActorRef | None:
    """The actor a cluster of ``mentions`` is: a known organization by its name, else the
    fullest name.

    >>> cluster_ref([Mention(0, 0, 1, "Person", "Smith", "Smith"),
    ...              Mention(0, 3, 5, "Person", "Jane Smith", "Jane Smith")], [0, 1])
    ActorRef(kind='Person', label='Jane Smith')
    """
    if not members:
        return None
    ms = [mentions[k] for k in members]
    kind = ms[0].kind
    if kind == "Organization":
        known = next((org_of(m.name) for m in ms if org_of(m.name)), None)
        if known is not None:
            return ActorRef(kind, known.name)
    # the fullest proper name: most words, then longest
    label = max((m.name for m in ms), key=lambda n: (len(n.split()), len(n)))
    return ActorRef(kind, label)
