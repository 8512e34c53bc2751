"""Actors: entity mentions → one actor per real-world party, with names, roles and affiliations.

Mentions come from the pipeline's entities plus rules for what it misses or
mislabels (split names, titles read as organizations, demonym phrases such as
"Qatari officials", possessive offices, unnamed groups). Within an article,
mentions are then clustered: a surname joins the full name, an acronym its
expansion, a capital its country. Role phrases ("the Israeli leader") and
pronouns are resolved on demand by :meth:`ActorTable.actor_at`.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..facts import Actor, ActorRef, Evidence
from ..nlp import AnnotatedArticle
from ..vocab import countries, organizations, word_list

POSSESSIVE = ("'s", "’s", "'", "’")
CONNECTORS = {"and", "of", "the", "for", "-", "&"}
DETERMINERS = {"a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our"}
PERSON_PRONOUNS = {"he", "she", "him", "his", "her"}
GROUP_PRONOUNS = {"it", "its", "they", "them", "their"}
NAME_PARTICLES = {"al", "el", "bin", "ibn", "abu", "de", "van", "von", "der", "da", "di", "le", "la", "du"}
AGE_PHRASE = re.compile(r"\d+-year-old")


@dataclass
class Mention:
    """A stretch of tokens naming an actor, before clustering."""

    par: int
    i: int
    j: int
    kind: str
    name: str
    surface: str
    roles: list[str] = field(default_factory=list)
    affiliations: list[tuple[str, str]] = field(default_factory=list)  # (kind, name) candidates
    aliases: list[str] = field(default_factory=list)
    owner: tuple[int, int] | None = None  # (par, token) of the person owning "X's office"
    extra: list[int] = field(default_factory=list)  # more tokens that mention it (a title before a name)
    cluster: int = -1


def clean(text: str) -> str:
    """Return ``text`` without surrounding quotes, punctuation, possessive or determiner.

    >>> clean("the Israeli Channel 12's")
    'Israeli Channel 12'
    """
    text = re.sub(r"\s+", " ", text).strip(" ,;:\"'“”‘’()")
    if text.endswith(".") and not re.search(r"(?:\b[A-Za-z]\.){2,}$", text):  # keep "U.S."
        text = text[:-1]
    for p in POSSESSIVE:
        if text.endswith(p):
            text = text[: -len(p)]
    words = text.split()
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    return " ".join(words).strip(" ,;:\"'“”‘’")


def drop_determiner(text: str) -> str:
    words = text.split()
    return " ".join(words[1:]) if words and words[0].lower() in DETERMINERS else text


def is_title_word(token: Token) -> bool:
    titles = word_list("titles")
    low = token.lower_
    return low in titles or low.rstrip("s") in titles or low.split("-")[-1] in titles


def span_text(doc: Doc, i: int, j: int) -> str:
    return doc[i:j].text if j > i else ""


def strip_possessive(doc: Doc, i: int, j: int) -> int:
    while j > i and doc[j - 1].text in POSSESSIVE:
        j -= 1
    return j


def strip_honorifics(doc: Doc, i: int, j: int) -> int:
    honorifics, titles = word_list("honorifics"), word_list("titles")
    while j - i > 1 and (doc[i].lower_ in honorifics or doc[i].lower_ in titles):
        i += 1
    return i


def country_of(text: str) -> str | None:
    """Return the country ``text`` names (by name, alias, demonym or capital), if any."""
    key = clean(text).lower()
    return countries().by_name.get(key)


def org_of(text: str):
    return organizations().get(clean(text).lower())


def surname(name: str) -> str:
    """The family name news prose uses alone: "Burns" for "William Burns", "Al Thani" for "... Al Thani".

    >>> surname("Mohammed bin Abdulrahman Al Thani"), surname("Abdel Fattah al-Sisi")
    ('Al Thani', 'al-Sisi')
    """
    words = name.split()
    if len(words) > 2 and words[-2].lower() in NAME_PARTICLES:
        return " ".join(words[-2:])
    return words[-1]


def name_words(name: str) -> list[str]:
    """The words of a name for matching, without article prefixes ("al-Burhan" matches "Burhan").

    >>> name_words("Abdel Fattah al-Burhan")
    ['abdel', 'fattah', 'burhan']
    """
    return [re.sub(r"^(al|el|ad|as|ash|ibn|bin)-", "", w) for w in name.lower().split()]


def initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


class ActorTable:
    """The actors of one article and which tokens mention them.

    Built from an :class:`AnnotatedArticle`; ``actor_at(par, token)`` answers
    which actor a token (or the phrase it heads) refers to, and ``actors()``
    returns the :class:`Actor` facts.
    """

    def __init__(self, annotated: AnnotatedArticle) -> None:
        self.annotated = annotated
        self.docs = [p.doc for p in annotated.paragraphs]
        self.offsets = [p.start for p in annotated.paragraphs]
        self.mentions: list[Mention] = []
        self.by_token: dict[tuple[int, int], int] = {}
        self.used: set[ActorRef] = set()
        self.extra_aliases: dict[ActorRef, set[str]] = defaultdict(set)
        self.subject_persons: dict[tuple[int, int], ActorRef] = {}
        self.subject_groups: dict[tuple[int, int], list[ActorRef]] = {}
        self.surnames = self._person_surnames()
        for par, doc in enumerate(self.docs):
            self._collect(par, doc)
        self._cluster()
        self._index_subjects()

    # ------------------------------------------------------------------ collection

    def _add(self, m: Mention) -> Mention | None:
        if not m.name or any((m.par, k) in self.by_token for k in range(m.i, m.j)):
            return None
        self.mentions.append(m)
        for k in [*range(m.i, m.j), *m.extra]:
            self.by_token.setdefault((m.par, k), len(self.mentions) - 1)
        return m

    def _collect(self, par: int, doc: Doc) -> None:
        ents = self._merged_entities(doc)
        for ent_i, ent in enumerate(ents):
            label = ent.label_
            nxt = ents[ent_i + 1] if ent_i + 1 < len(ents) else None
            if label == "PERSON":
                self._person(par, doc, ent)
            elif label == "ORG":
                if self._inside_title(doc, ent):
                    continue  # "White House National Security Spokesperson John Kirby": a title, read with the person
                self._organization(par, doc, ent)
            elif label in ("GPE", "LOC") and label == "GPE":
                self._place_or_country(par, doc, ent)
            elif label == "NORP":
                self._demonym_phrase(par, doc, Span(doc, ent.start, ent.end, label="NORP"))
        self._untagged_surnames(par, doc)
        self._possessive_institutions(par, doc)
        self._possessive_offices(par, doc)
        self._groups(par, doc)

    @staticmethod
    def _inside_title(doc: Doc, ent: Span) -> bool:
        """Is this ORG entity part of the title run before a name ("Russian Defence Minister Sergei Shoigu")?"""
        k = ent.end
        while k < len(doc) and doc[k].ent_type_ != "PERSON" and (doc[k].is_title or is_title_word(doc[k])) \
                and k - ent.end < 6:
            k += 1
        if k >= len(doc) or doc[k].ent_type_ != "PERSON":
            return False
        start = ent.start
        if start >= 2 and doc[start - 1].lower_ == "of" and is_title_word(doc[start - 2]):
            start -= 2  # "Secretary of State Marco Rubio"
        return any(is_title_word(t) for t in doc[start:k]) and not org_of(ent.text)

    def _person_surnames(self) -> set[str]:
        """The surnames of the people the article names in full (to catch them when mislabelled later)."""
        names = set()
        for doc in self.docs:
            for ent in doc.ents:
                words = clean(ent.text).split()
                if ent.label_ == "PERSON" and len(words) > 1:
                    names.add(surname(" ".join(words)).lower())
                    names.add(name_words(" ".join(words))[-1])  # "Burhan" for "al-Burhan"
        return names

    def _merged_entities(self, doc: Doc) -> list[Span]:
        """Entities, with adjacent PERSON pieces joined ("Sheikh Mohammed bin Abdulrahman" + "Al Thani").

        A surname of a person named in full elsewhere is a person even when the
        pipeline reads it as a place or an organization ("between Araqchi and ...").
        """
        out: list[Span] = []
        for ent in doc.ents:
            label = ent.label_
            known_org = org_of(ent.text)
            if label in ("ORG", "GPE", "NORP") and clean(ent.text).lower() in self.surnames and not known_org \
                    and not country_of(ent.text):
                label = "PERSON"
            if label == "PERSON" and known_org is not None:
                label = "ORG"
            if label in ("ORG", "PERSON") and country_of(ent.text) and not known_org:
                # a demonym misread as a name ("his Azerbaijani counterpart") is a demonym
                label = "NORP" if clean(ent.text).lower() in countries().demonyms else "GPE"
            if out and label == "PERSON" and out[-1].label_ == "PERSON" and out[-1].end == ent.start:
                out[-1] = Span(doc, out[-1].start, ent.end, label="PERSON")
                continue
            first_word = next((t for t in ent if t.lower_ not in DETERMINERS), ent[0])
            if label == "ORG" and first_word.is_lower and not known_org:
                continue  # "post-Brexit": a lowercase word is no organization's name
            out.append(Span(doc, ent.start, ent.end, label=label))
        return [self._with_particles(doc, span) for span in out]

    @staticmethod
    def _with_particles(doc: Doc, span: Span) -> Span:
        """ "Ursula von" + "der Leyen": a name cut at its particles goes on to the capitalised word after them."""
        if span.label_ != "PERSON":
            return span
        end = span.end
        while end < len(doc) and doc[end].lower_ in NAME_PARTICLES:
            end += 1
        if end > span.end or (span[-1].lower_ in NAME_PARTICLES and end < len(doc)):
            if end < len(doc) and doc[end].is_title:
                return Span(doc, span.start, end + 1, label="PERSON")
        return span

    @staticmethod
    def _names_a_place(ent: Span) -> bool:
        """A person's name used for a place or thing ("the X container port", "near X")."""
        root = ent.root
        if ent[-1].lower_ in word_list("place_nouns"):
            return True  # "Dolmabahce Palace"
        if root.dep_ == "compound" and root.head.pos_ == "NOUN" and not is_title_word(root.head) \
                and root.head.lower_ not in word_list("possessed_institutions"):
            return True
        return root.dep_ == "pobj" and root.head.lower_ in ("near", "outside", "inside", "across")

    def _untagged_surnames(self, par: int, doc: Doc) -> None:
        """ "Trump first unveiled ...": a known surname the pipeline did not tag is still that person."""
        for tok in doc:
            if tok.pos_ == "PROPN" and tok.lower_ in self.surnames and not tok.ent_type_ and (par, tok.i) not in self.by_token:
                self._add(Mention(par, tok.i, tok.i + 1, "Person", tok.text, tok.text))

    def _person(self, par: int, doc: Doc, ent: Span) -> None:
        if self._names_a_place(ent):
            return
        j = strip_possessive(doc, ent.start, ent.end)
        i = strip_honorifics(doc, ent.start, j)
        if j <= i:
            return
        name = clean(span_text(doc, i, j))
        if not re.search(r"[A-Za-z]", name):
            return
        m = Mention(par, ent.start, j, "Person", name, clean(span_text(doc, ent.start, j)))
        if i > ent.start:
            m.aliases.append(clean(span_text(doc, ent.start, j)))
        self._title_before(doc, ent.start, m)
        self._apposition(doc, ent.start, j, m)
        self._add(m)

    def _title_before(self, doc: Doc, start: int, m: Mention) -> None:
        """A run of capitalised title words right before a name: "Qatari Prime Minister and Foreign Minister"."""
        k = start - 1
        sent_start = doc[start].sent.start
        demonyms = countries().demonyms
        while k >= sent_start:
            tok = doc[k]
            if tok.ent_type_ == "PERSON" and tok.lower_ not in demonyms:
                break
            if tok.lower_ == "and" and not (k - 1 >= sent_start and is_title_word(doc[k - 1])):
                break  # "Prime Minister and Foreign Minister" is one title; "X and U.S. envoy" is not
            if tok.is_title or tok.is_upper or tok.lower_ in demonyms or is_title_word(tok) or tok.lower_ in CONNECTORS \
                    or tok.lower_ in word_list("institution_nouns"):  # "Defence ministry spokesman"
                k -= 1
                continue
            # one lowercase modifier inside a title ("Israeli occupation Prime Minister")
            if tok.is_lower and k - 1 >= sent_start and doc[k - 1].lower_ in demonyms:
                k -= 1
                continue
            if tok.text in POSSESSIVE and k - 1 >= sent_start and doc[k - 1].ent_type_ in ("GPE", "ORG"):
                k -= 2
                continue
            break
        i = k + 1
        while i < start and (doc[i].lower_ in CONNECTORS or doc[i].is_punct):
            i += 1
        run = doc[i:start]
        if not len(run) or not any(is_title_word(t) for t in run):
            return
        role = clean(run.text)
        if role:
            m.roles.append(role)
            m.aliases.extend([role, f"{role} {clean(doc[start:m.j].text)}"])
            m.affiliations.extend(self._affiliations_in(run))
            m.extra.extend(t.i for t in run)  # "Qatari Prime Minister ..." names the person too

    def _apposition(self, doc: Doc, i: int, j: int, m: Mention) -> None:
        """ "William Burns, head of the CIA," and "the head of Egyptian intelligence, Abbas Kamel"."""
        ent_tokens = set(range(i, j))
        for tok in doc[i:j]:
            for child in tok.children:
                if child.dep_ == "appos" and child.i not in ent_tokens and child.i >= j and self._title_head(child):
                    span = doc[child.left_edge.i: child.right_edge.i + 1]
                    self._add_role(m, span)
        root = doc[i:j].root
        head = root.head
        if root.dep_ == "appos" and head.i < i and self._title_head(head) and head.ent_type_ != "PERSON":
            end = i
            while end > head.left_edge.i and doc[end - 1].is_punct:
                end -= 1
            self._add_role(m, doc[head.left_edge.i: end])

    def _title_head(self, tok: Token) -> bool:
        if is_title_word(tok):
            return True
        return any(c.dep_ == "compound" and is_title_word(c) for c in tok.children)

    def _add_role(self, m: Mention, span: Span) -> None:
        role = clean(span.text)
        if not role or len(role.split()) > 14:
            return
        m.roles.append(role)
        m.aliases.extend({span.text.strip(" ,"), role, drop_determiner(span.text.strip(" ,"))})
        m.affiliations.extend(self._affiliations_in(span))

    def _affiliations_in(self, span: Span) -> list[tuple[str, str]]:
        """Organizations and countries named inside a role phrase."""
        found: list[tuple[str, str]] = []
        for ent in span.ents:
            if ent.label_ == "PERSON" or (ent.label_ == "ORG" and is_title_word(ent[-1]) and not org_of(ent.text)):
                continue
            if ent.label_ == "ORG" and len(ent) == 1 and not ent.text.isupper() and not org_of(ent.text):
                continue  # one capitalised word of a title ("Secretary of State", "Supreme Leader") is no organization
            org = org_of(ent.text)
            country = country_of(ent.text)
            if ent.label_ in ("GPE", "LOC") and ent.root.dep_ == "pobj" and ent.root.head.lower_ in ("in", "at", "based"):
                continue  # "a law firm in Germany", "an official based in Beirut": where, not whom they serve
            if org is not None:
                found.append(("Organization", org.name))
            elif country:
                found.append(("Country", country))
            elif ent.label_ == "ORG":
                found.append(("Organization", self._org_name(ent)[0]))
        words = [t.text for t in span]
        for n in range(len(words), 0, -1):  # known organization names not tagged as entities
            for s in range(0, len(words) - n + 1):
                org = org_of(" ".join(words[s:s + n]))
                if org is not None and ("Organization", org.name) not in found:
                    found.append(("Organization", org.name))
        for tok in span:
            country = countries().demonyms.get(tok.lower_)  # even where the pipeline took it for a name
            if country and ("Country", country) not in found:
                found.append(("Country", country))
        return found

    def _org_name(self, ent: Span) -> tuple[str, list[str], list[tuple[str, str]]]:
        """Canonical name, aliases and affiliations of an ORG entity."""
        doc = ent.doc
        j = strip_possessive(doc, ent.start, ent.end)
        i = ent.start
        while i < j and doc[i].lower_ in DETERMINERS:
            i += 1
        full = clean(span_text(doc, i, j))
        aliases, affils = [full], []
        known = org_of(full)
        if known is not None:
            return known.name, [full], ([("Country", known.country)] if known.country else [])
        country = countries().demonyms.get(doc[i].lower_) if j - i > 1 else None
        if country:
            rest = clean(span_text(doc, i + 1, j))
            known = org_of(rest)
            if known is not None:
                return known.name, aliases, [("Country", country)]
            if len(rest.split()) >= 2:  # "Israeli Channel 12" is Israel's Channel 12; "Palestinian Resistance" is a name
                return rest, aliases, [("Country", country)]
        return full, aliases, affils

    def _organization(self, par: int, doc: Doc, ent: Span) -> None:
        if is_title_word(doc[ent.end - 1]) and not org_of(ent.text):
            return  # a bare title read as an organization
        if not org_of(ent.text) and (ent[-1].lower_ in word_list("place_nouns") or self._listed_with_places(ent)):
            return  # "the ports of Odesa, Chornomorsk and Pivdennyi": a place in a list of places
        if not org_of(ent.text) and ent.root.dep_ == "pobj" and ent.root.head.lower_ in ("in", "at", "inside", "outside"):
            return  # "after meeting Liu in the Oval Office": where it happened, not who acted
        name, aliases, affils = self._org_name(ent)
        if not name or name.lower() in word_list("titles"):
            return
        m = Mention(par, ent.start, strip_possessive(doc, ent.start, ent.end), "Organization", name,
                    clean(ent.text), aliases=aliases, affiliations=affils)
        self._add(m)

    def _place_or_country(self, par: int, doc: Doc, ent: Span) -> None:
        """A country name is always an actor; a capital or other place only where it acts."""
        text = clean(ent.text)
        table = countries()
        j = strip_possessive(doc, ent.start, ent.end)
        if text.lower() in table.names:
            self._add(Mention(par, ent.start, j, "Country", table.names[text.lower()], text))
            return
        if self._is_location(ent):
            return
        country = table.capitals.get(text.lower())
        if country:
            self._add(Mention(par, ent.start, j, "Country", country, text))

    @staticmethod
    def _listed_with_places(ent: Span) -> bool:
        root = ent.root
        linked = [root.head] if root.dep_ == "conj" else []
        linked += [c for c in root.children if c.dep_ == "conj"]
        return any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in linked)

    def _is_location(self, ent: Span) -> bool:
        """Is this place where something happens, rather than a party that acts?"""
        root = ent.root
        if root.dep_ == "pobj" and root.head.lower_ in word_list("location_prepositions"):
            return True
        if root.dep_ in ("compound", "amod", "nmod"):
            return True
        if root.dep_ == "poss" and root.head.ent_type_ in ("FAC", "GPE", "LOC"):
            return True  # "Istanbul's Dolmabahce Palace"
        return root.dep_ not in ("nsubj", "nsubjpass", "poss", "dobj", "conj", "appos", "pobj", "ROOT", "agent")

    def _demonym_phrase(self, par: int, doc: Doc, ent: Span) -> None:
        """ "Qatari officials", "Egyptian intelligence", "the Israeli government", "Qatari and Egyptian mediators"."""
        country = country_of(ent.text)
        if not country:
            return
        head = ent.root.head
        # "Qatari and Egyptian officials": the second demonym hangs off the first
        while head.dep_ in ("amod", "compound", "conj") and head.head.i > head.i and (
                countries().demonyms.get(head.lower_) or head.dep_ == "compound"):
            head = head.head
        if ent.root.dep_ == "conj" and ent.root.head.i < ent.root.i:
            head = ent.root.head.head
        if head.i <= ent.end - 1:
            return
        low = head.lower_
        phrase_start = ent.start
        phrase = f"{clean(ent.text)} {' '.join(t.text for t in doc[ent.end: head.i + 1] if t.dep_ in ('compound', 'amod') or t.i == head.i)}"
        if low in word_list("government_nouns") or head.lemma_.lower() in word_list("government_nouns"):
            self._add(Mention(par, phrase_start, head.i + 1, "Country", country, clean(phrase), aliases=[clean(phrase)]))
        elif low in word_list("institution_nouns") or f"{doc[head.i - 1].lower_} {low}" in word_list("institution_nouns"):
            name = clean(phrase)
            self._add(Mention(par, phrase_start, head.i + 1, "Organization", name, name,
                              affiliations=[("Country", country)]))
        elif low in word_list("group_nouns") and not any(c.dep_ == "poss" for c in head.children):
            modifiers = [t.text for t in doc[ent.end: head.i] if t.dep_ in ("compound", "amod")
                         and t.lower_ not in countries().demonyms]
            name = " ".join([clean(ent.text), *modifiers, head.text])
            # "Qatari and Egyptian officials": each demonym names its own group; the head goes to the first
            self._add(Mention(par, ent.start, ent.end, "Group", name, name, aliases=[name],
                              affiliations=[("Country", country)],
                              extra=[t.i for t in doc[ent.end: head.i + 1] if t.dep_ != "conj" and t.lower_ not in countries().demonyms and not t.is_punct and t.dep_ != "cc"]))
            self._country_from_demonym(par, ent, country)
            return
        else:
            if is_title_word(head) or low in word_list("group_nouns") or low in word_list("institution_nouns"):
                self._country_from_demonym(par, ent, country)
            return
        self._country_from_demonym(par, ent, country)

    def _country_from_demonym(self, par: int, ent: Span, country: str) -> None:
        """The country behind a demonym that qualifies an agent is itself an actor of the article."""
        self.mentions.append(Mention(par, ent.start, ent.start, "Country", country, country))

    def _possessive_institutions(self, par: int, doc: Doc) -> None:
        """ "Sudan's army", "Iran's foreign ministry": an institution of the country that owns it."""
        for tok in doc:
            if tok.lower_ not in word_list("institution_nouns") or (par, tok.i) in self.by_token:
                continue
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            country = country_of(owner.text) if owner is not None and owner.ent_type_ == "GPE" else None
            if country:
                name = clean(doc[owner.i: tok.i + 1].text)
                self._add(Mention(par, tok.i, tok.i + 1, "Organization", name, name, aliases=[name],
                                  affiliations=[("Country", country)]))

    def _possessive_offices(self, par: int, doc: Doc) -> None:
        """ "Benjamin Netanyahu's office", "the Israeli prime minister's office"."""
        for tok in doc:
            if tok.lower_ not in word_list("possessed_institutions"):
                continue
            owners = [c for c in tok.children if c.dep_ == "poss"]
            if not owners:
                continue
            owner = owners[0]
            start = owner.left_edge.i
            if (par, tok.i) in self.by_token:
                continue
            surface = clean(doc[start: tok.i + 1].text)
            m = Mention(par, tok.i, tok.i + 1, "Organization", surface, surface, aliases=[surface],
                        owner=(par, owner.i))
            self.mentions.append(m)
            self.by_token[(par, tok.i)] = len(self.mentions) - 1

    def _groups(self, par: int, doc: Doc) -> None:
        """Unnamed collectives: "multiple informed sources", "a group of 20 Israeli settler protesters"."""
        group_nouns = word_list("group_nouns")
        for chunk in doc.noun_chunks:
            head = chunk.root
            if head.lower_ not in group_nouns or (par, head.i) in self.by_token:
                continue
            if head.ent_type_ in ("PERSON", "ORG", "GPE"):
                continue
            if self._counted_anaphor(head):
                continue  # "the two leaders", "both sides": who they are was said before
            start = chunk.start
            end = head.i + 1
            # a post-modifier that identifies the source: "familiar with the negotiations", "close to the talks"
            for child in head.rights:
                if child.dep_ in ("amod", "acl") and child.lower_ in ("familiar", "close", "briefed", "based"):
                    end = child.right_edge.i + 1
            surface = doc[start:end].text
            name = clean(surface)
            if not name or name.lower() in group_nouns and name.lower() in ("official", "source", "side"):
                continue
            container = head.head if head.dep_ == "pobj" and head.head.lower_ == "of" else None
            aliases = [surface, name, drop_determiner(surface)]
            if container is not None and container.head.lower_ in word_list("container_nouns"):
                aliases.append(clean(doc[container.head.left_edge.i:end].text))
            affils = [(("Country", c)) for c in (countries().demonyms.get(t.lower_) for t in chunk) if c]
            affils += [("Country", country_of(e.text)) for e in chunk.ents if e.label_ == "GPE" and country_of(e.text)]
            # the head carries the mention: a country or title inside the phrase keeps its own ("U.S. officials")
            first_free = next(k for k in range(start, end) if (par, k) not in self.by_token)
            self._add(Mention(par, first_free, end, "Group", name, name, aliases=aliases, affiliations=affils))

    # ------------------------------------------------------------------ clustering

    def _cluster(self) -> None:
        """Give each mention a cluster: one cluster per real-world actor of the article."""
        self.clusters: list[list[int]] = []
        keys: dict[tuple[str, str], int] = {}
        self._people_misread_as_organizations()
        persons = [k for k, m in enumerate(self.mentions) if m.kind == "Person"]
        # longest names first, so that a surname finds its full name
        for k in sorted(persons, key=lambda k: -len(self.mentions[k].name.split())):
            m = self.mentions[k]
            target = self._person_cluster(m.name)
            if target is None:
                target = len(self.clusters)
                self.clusters.append([])
            self.clusters[target].append(k)
            m.cluster = target
        for k, m in enumerate(self.mentions):
            if m.kind == "Person" or m.owner is not None:
                continue
            key = self._key(m)
            if key not in keys:
                keys[key] = len(self.clusters)
                self.clusters.append([])
            m.cluster = keys[key]
            self.clusters[m.cluster].append(k)
        self._merge_acronyms(keys)
        self._merge_short_names(keys)
        self._merge_appositions()
        self._merge_groups()
        self.refs = [self._cluster_ref(c) for c in self.clusters]
        for k, m in enumerate(self.mentions):
            if m.owner is not None:
                owner = self.actor_at(*m.owner)
                if owner is None or owner.kind != "Person":
                    m.kind, m.owner = "Organization", None
                    m.name = m.surface
                else:
                    m.name = f"{owner.label}'s {self.docs[m.par][m.i].lower_}"
                key = ("Organization", m.name.lower())
                if key not in keys:
                    keys[key] = len(self.clusters)
                    self.clusters.append([])
                m.cluster = keys[key]
                self.clusters[m.cluster].append(k)
        self.refs = [self._cluster_ref(c) for c in self.clusters]

    def _people_misread_as_organizations(self) -> None:
        """ "between Araqchi and ...": an organization named like a person's surname is that person."""
        names = {m.name.lower(): m for m in self.mentions if m.kind == "Person"}
        parts = defaultdict(set)
        for name in names:
            words = name.split()
            if len(words) > 1:
                parts[words[-1]].add(name)
                parts[surname(name).lower()].add(name)
                parts[name_words(name)[-1]].add(name)
        for m in self.mentions:
            if m.kind == "Organization" and m.owner is None and not org_of(m.name):
                if len(parts.get(m.name.lower(), ())) == 1:
                    m.kind = "Person"
                    m.affiliations = []

    def _person_cluster(self, name: str) -> int | None:
        """The cluster of a longer name that ``name`` shortens (surname, first name), if exactly one."""
        words = name_words(name)
        hits = []
        for c, members in enumerate(self.clusters):
            full = name_words(self.mentions[members[0]].name)
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
        for (kind, name), c in list(keys.items()):
            real = self.mentions[self.clusters[c][0]].name if self.clusters[c] else ""
            if kind == "Organization" and real.isupper() and real.replace(".", "") in by_initials:
                self._move(c, by_initials[real.replace(".", "")])

    def _merge_short_names(self, keys: dict[tuple[str, str], int]) -> None:
        """ "the Commission" after "the European Commission": a one-word organization that ends one named in full."""
        orgs = {name: c for (kind, name), c in keys.items() if kind == "Organization"}
        for name, c in orgs.items():
            if len(name.split()) != 1:
                continue
            longer = [d for other, d in orgs.items() if other != name and other.endswith(" " + name)]
            if len(longer) == 1 and self.clusters[c]:
                self._move(c, longer[0])

    def _merge_appositions(self) -> None:
        """ "the Palestinian Resistance movement, Hamas": an organization in apposition to another is it."""
        for k, m in enumerate(self.mentions):
            if m.kind != "Organization" or m.j <= m.i:
                continue
            doc = self.docs[m.par]
            root = doc[m.i: m.j].root
            heads = [root, root.head] if root.dep_ in ("compound", "amod") else [root]
            for head in heads:
                for child in head.children:
                    other = self.by_token.get((m.par, child.i))
                    if child.dep_ == "appos" and other is not None and other != k:
                        o = self.mentions[other]
                        if o.kind == "Organization" and o.cluster != m.cluster and o.cluster >= 0 and m.cluster >= 0:
                            # the better-known name keeps the cluster: move the descriptive one into it
                            self._move(m.cluster, o.cluster)

    def _merge_groups(self) -> None:
        """ "the settlers" and "settler protesters" are one group: one's words are within the other's."""
        groups = [c for c, members in enumerate(self.clusters)
                  if members and self.mentions[members[0]].kind == "Group"]

        def lemmas(c: int) -> set[str]:
            name = self.mentions[self.clusters[c][0]].name.lower()
            return {w.rstrip("s") for w in name.split() if not w.isdigit() and w not in DETERMINERS}

        for a in groups:
            for b in groups:
                if a != b and self.clusters[a] and self.clusters[b] and lemmas(a) < lemmas(b):
                    self._move(a, b)

    def _move(self, src: int, dst: int) -> None:
        for k in self.clusters[src]:
            self.mentions[k].cluster = dst
        self.clusters[dst].extend(self.clusters[src])
        self.clusters[src] = []

    def _cluster_ref(self, members: list[int]) -> ActorRef | None:
        if not members:
            return None
        ms = [self.mentions[k] for k in members]
        kind = ms[0].kind
        if kind == "Organization":
            known = next((org_of(m.name) for m in ms if org_of(m.name)), None)
            if known is not None:
                return ActorRef(kind, known.name)
        # the fullest proper name: most words, then longest
        label = max((m.name for m in ms), key=lambda n: (len(n.split()), len(n)))
        return ActorRef(kind, label)

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
        if self._counted_anaphor(tok):
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
        if low in word_list("org_anaphors") and any(c.lower_ == "the" for c in tok.children if c.dep_ == "det"):
            ref = self._last_organization_before(par, tok_i)
            if ref is not None:
                self.extra_aliases[ref].add(f"the {low}")
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
                self.mark_used(ref)
                return ref
        return None

    @staticmethod
    def _counted_anaphor(tok: Token) -> int:
        """2 for "the two leaders" or "both sides", else 0."""
        if tok.tag_ not in ("NNS", "NNPS"):
            return 0
        dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "predet")}
        numbers = [c for c in tok.children if c.dep_ == "nummod"]
        if "both" in dets:
            return 2
        if "the" in dets and numbers:
            value = {"two": 2, "three": 3, "four": 4}.get(numbers[0].lower_)
            return value or 0
        return 0

    def _counted_group(self, par: int, tok: Token) -> list[ActorRef]:
        """The actors of the latest subject that named as many as "the two leaders" counts."""
        count = self._counted_anaphor(tok)
        earlier = [(pos, refs) for pos, refs in self.subject_groups.items() if pos < (par, tok.i) and len(refs) == count]
        return max(earlier)[1] if earlier else []

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
        self.extra_aliases[ref].add(f"the {tok.lower_}")
        return ref

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

    def _roles_of(self, ref: ActorRef | None) -> list[str]:
        return [r for k, m in enumerate(self.mentions) if self.ref_of_mention(k) == ref for r in m.roles]

    def _affiliations_of(self, ref: ActorRef | None) -> list[tuple[str, str]]:
        return [a for k, m in enumerate(self.mentions) if self.ref_of_mention(k) == ref for a in m.affiliations]

    def mark_used(self, ref: ActorRef | None) -> None:
        if ref is not None:
            self.used.add(ref)

    def evidence_of(self, par: int, i: int) -> Evidence:
        sent = self.docs[par][i].sent
        start = self.offsets[par] + sent.start_char
        return Evidence(sent.text, start, start + len(sent.text))

    def actors(self) -> tuple[Actor, ...]:
        """The :class:`Actor` facts: every named actor, and the groups that take part in something."""
        out: dict[ActorRef, dict] = {}
        for k, m in enumerate(self.mentions):
            ref = self.ref_of_mention(k)
            if ref is None:
                continue
            if ref.kind == "Group" and ref not in self.used:
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
