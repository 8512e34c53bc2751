"""Mentions of actors in one article: entity spans, corrected and enriched, before they are clustered.

The pipeline's entities are the start; rules fix what it misses or mislabels
(split names, titles read as organizations, demonyms and surnames read as names
or places, places read as people), and add what it does not tag: titles and
appositions with the roles and affiliations they state, demonym phrases
("Qatari officials", "Egyptian intelligence", "the Israeli government"), a
country's institutions ("Sudan's army"), possessive offices ("Halvorsen's
office") and unnamed groups ("a person familiar with the discussions").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..event_words import speech_lemmas
from ..vocab import countries, name_words, place_names, word_list
from . import parties
from .names import (
    CONNECTORS,
    DETERMINERS,
    POSSESSIVE,
    Mention,
    Mentions,
    clean,
    country_of,
    drop_determiner,
    is_title_word,
    org_of,
    span_text,
    strip_honorifics,
    strip_possessive,
    surname,
)


class MentionCollector:
    """Collects the :class:`Mention` records of an article's paragraphs, and the tokens each covers.

    People are found here; organizations, countries and groups by the functions of
    :mod:`kg.identity.parties`. Both keep what they find in one :class:`Mentions`,
    where the rule that runs first keeps a token.
    """

    def __init__(self, docs: list[Doc]) -> None:
        self.docs = docs
        self.found = Mentions()
        self.surnames = self._person_surnames()
        for par, doc in enumerate(docs):
            self._collect(par, doc)

    @property
    def mentions(self) -> list[Mention]:
        """The mentions, in the order found."""
        return self.found.found

    @property
    def by_token(self) -> dict[tuple[int, int], int]:
        """(paragraph, token) → the index of the mention the token belongs to."""
        return self.found.by_token

    def _collect(self, par: int, doc: Doc) -> None:
        ents = self._merged_entities(doc)
        for ent in ents:
            label = ent.label_
            if label == "PERSON":
                self._person(par, doc, ent)
            elif label == "ORG":
                if self._inside_title(doc, ent):
                    continue  # "White House National Security Spokesperson John Kirby": a title, read with the person
                parties.organization(self.found, par, doc, ent)
            elif label == "GPE":
                parties.place_or_country(self.found, par, doc, ent)
            elif label == "NORP":
                demonyms = Span(doc, ent.start, ent.end, label="NORP")
                parties.demonym_phrase(self.found, par, doc, demonyms)
        self._untagged_surnames(par, doc)
        self._untagged_speakers(par, doc)
        parties.possessive_institutions(self.found, par, doc)
        parties.led_collectives(self.found, par, doc)
        parties.possessive_offices(self.found, par, doc)
        parties.groups(self.found, par, doc)

    @staticmethod
    def _inside_title(doc: Doc, ent: Span) -> bool:
        """Is this ORG entity part of the title run before a name ("Bolivian Defence Minister Rafael Quispe")?"""
        k = ent.end
        while (
            k < len(doc)
            and doc[k].ent_type_ != "PERSON"
            and (doc[k].is_title or is_title_word(doc[k]))
            and k - ent.end < 6
        ):
            k += 1
        if k >= len(doc) or doc[k].ent_type_ != "PERSON":
            return False
        start = ent.start
        if start >= 2 and doc[start - 1].lower_ == "of" and is_title_word(doc[start - 2]):
            start -= 2  # "Secretary of State Helen Marsh"
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
        """Entities, with adjacent PERSON pieces joined ("Sheikh Faisal bin Rashid" + "Al Sabri").

        A surname of a person named in full elsewhere is a person even when the
        pipeline reads it as a place or an organization ("between Okonkwo and ...").
        """
        out: list[Span] = []
        for ent in doc.ents:
            label = ent.label_
            text = ent.text  # joined from the tokens at every access: read once
            name = clean(text).lower()
            if name in word_list("not_actors"):
                continue  # "on Telegram", "1600 GMT"
            known_org = org_of(text)
            if (
                label in ("ORG", "GPE", "NORP")
                and name in self.surnames
                and not known_org
                and not country_of(text)
            ):
                label = "PERSON"
            if label == "PERSON" and known_org is not None:
                label = "ORG"
            if (
                label == "PERSON"
                and name in place_names()
                and not (ent.start > 0 and is_title_word(doc[ent.start - 1]))
            ):
                label = "GPE"  # a city or state of the gazetteer tagged as a person
            if label in ("ORG", "PERSON") and country_of(text) and not known_org:
                # a demonym misread as a name ("his Azerbaijani counterpart") is a demonym
                label = "NORP" if name in countries().demonyms else "GPE"
            if (
                out
                and label == "PERSON"
                and out[-1].label_ == "PERSON"
                and out[-1].end == ent.start
            ):
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
        while end < len(doc) and doc[end].lower_ in word_list("name_particles"):
            end += 1
        particle_last = span[-1].lower_ in word_list("name_particles") and end < len(doc)
        if (end > span.end or particle_last) and end < len(doc) and doc[end].is_title:
            return Span(doc, span.start, end + 1, label="PERSON")
        return span

    @staticmethod
    def _names_a_place(ent: Span) -> bool:
        """A person's name used for a place or thing ("the X container port", "near X")."""
        root = ent.root
        if ent[-1].lower_ in word_list("place_nouns"):
            return True  # "Dolmabahce Palace"
        if clean(ent.text).lower() in place_names() and not (
            ent.start > 0 and is_title_word(ent.doc[ent.start - 1])
        ):
            return True  # a city, state or country of the gazetteer, not a person named after it
        if (
            root.dep_ == "compound"
            and root.head.pos_ == "NOUN"
            and not is_title_word(root.head)
            and root.head.lower_ not in word_list("possessed_institutions")
        ):
            return True
        return root.dep_ == "pobj" and root.head.lower_ in word_list("place_prepositions_of_names")

    def _untagged_speakers(self, par: int, doc: Doc) -> None:
        """ "Dmytro Lubinets, Ukraine's human rights commissioner, told reporters": a name the pipeline missed.

        Two to four capitalised proper nouns, untagged, as the subject of a speech
        verb (and with a title in apposition or before them) are a person.
        """

        for tok in doc:
            if (
                tok.dep_ != "nsubj"
                or tok.pos_ != "PROPN"
                or tok.ent_type_
                or self.found.covers(par, tok.i)
            ):
                continue
            if tok.head.lemma_ not in speech_lemmas():
                continue
            parts = [
                c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN" and c.is_title
            ] + [tok]
            titled = any(c.dep_ == "appos" and is_title_word(c) for c in tok.children)
            if 2 <= len(parts) <= 4 and tok.is_title and (titled or len(parts) >= 2):
                m = Mention(
                    par,
                    parts[0].i,
                    tok.i + 1,
                    "Person",
                    " ".join(p.text for p in parts),
                    " ".join(p.text for p in parts),
                )
                self._apposition(doc, m.i, m.j, m)
                self.found.add(m)

    def _untagged_surnames(self, par: int, doc: Doc) -> None:
        """ "Halvorsen first unveiled ...": a known surname the pipeline did not tag is still that person."""
        for tok in doc:
            known = tok.pos_ == "PROPN" and tok.lower_ in self.surnames and not tok.ent_type_
            if known and not self.found.covers(par, tok.i):
                self.found.add(Mention(par, tok.i, tok.i + 1, "Person", tok.text, tok.text))

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
        self.found.add(m)

    def _title_before(self, doc: Doc, start: int, m: Mention) -> None:
        """A run of capitalised title words right before a name: "Maltese Deputy Premier and Trade Minister"."""
        k = start - 1
        sent_start = doc[start].sent.start
        demonyms = countries().demonyms
        while k >= sent_start:
            tok = doc[k]
            if tok.ent_type_ == "PERSON" and tok.lower_ not in demonyms:
                break
            if tok.lower_ == "and" and not (k - 1 >= sent_start and is_title_word(doc[k - 1])):
                break  # "Deputy Premier and Trade Minister" is one title; "X and U.S. envoy" is not
            if (
                tok.is_title
                or tok.is_upper
                or tok.lower_ in demonyms
                or is_title_word(tok)
                or tok.lower_ in CONNECTORS
                or tok.lower_ in word_list("institution_nouns")
            ):  # "Defence ministry spokesman"
                k -= 1
                continue
            # one lowercase modifier inside a title ("Israeli occupation Prime Minister")
            if tok.is_lower and k - 1 >= sent_start and doc[k - 1].lower_ in demonyms:
                k -= 1
                continue
            # lowercase words modifying a country's title ("Norway's fisheries minister")
            b = self._owned_modifiers(doc, k, sent_start)
            if b < k + 1:
                k = b - 1
                continue
            if (
                tok.text in POSSESSIVE
                and k - 1 >= sent_start
                and doc[k - 1].ent_type_ in ("GPE", "ORG")
            ):
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
            m.aliases.extend([role, f"{role} {clean(doc[start : m.j].text)}"])
            m.affiliations.extend(self._affiliations_in(run))
            m.extra.extend(t.i for t in run)  # "Qatari Prime Minister ..." names the person too

    @staticmethod
    def _owned_modifiers(doc: Doc, k: int, sent_start: int) -> int:
        """Start of the lowercase modifiers ending at ``k`` that follow a country's possessive.

        "Norway's fisheries minister" reads "fisheries" as part of the title; "the deal envoy"
        does not, for no country owns the title. ``k + 1`` when there are none.
        """
        b = k + 1
        while (
            b - 1 > sent_start and doc[b - 1].is_lower and doc[b - 1].dep_ in ("compound", "amod")
        ):
            b -= 1
        owner = b - 2
        owned = (
            b <= k
            and owner >= sent_start
            and doc[b - 1].text in POSSESSIVE
            and doc[owner].ent_type_ == "GPE"
        )
        return b if owned else k + 1

    def _apposition(self, doc: Doc, i: int, j: int, m: Mention) -> None:
        """ "Daniel Morrow, head of the agency," and "the head of Peruvian intelligence, Rosa Quintero"."""
        ent_tokens = set(range(i, j))
        for tok in doc[i:j]:
            for child in tok.children:
                if (
                    child.dep_ == "appos"
                    and child.i not in ent_tokens
                    and child.i >= j
                    and self._title_head(child)
                ):
                    span = doc[child.left_edge.i : child.right_edge.i + 1]
                    self._add_role(m, span)
        root = doc[i:j].root
        head = root.head
        if (
            root.dep_ == "appos"
            and head.i < i
            and self._title_head(head)
            and head.ent_type_ != "PERSON"
        ):
            end = i
            while end > head.left_edge.i and doc[end - 1].is_punct:
                end -= 1
            self._add_role(m, doc[head.left_edge.i : end])

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
        owned = [t.i for t in span if t.text in POSSESSIVE]
        if owned and owned[-1] + 1 < span.end:  # "Norway's peace envoy" is also "peace envoy"
            m.aliases.append(clean(span.doc[owned[-1] + 1 : span.end].text))
        m.affiliations.extend(self._affiliations_in(span))

    def _affiliations_in(self, span: Span) -> list[tuple[str, str]]:
        """Organizations and countries named inside a role phrase."""
        found: list[tuple[str, str]] = []
        in_orgs: set[int] = set()  # a demonym in an organization's name is not its country
        for ent in span.ents:
            if ent.label_ == "PERSON" or (
                ent.label_ == "ORG" and is_title_word(ent[-1]) and not org_of(ent.text)
            ):
                continue
            if (
                ent.label_ == "ORG"
                and len(ent) == 1
                and not ent.text.isupper()
                and not org_of(ent.text)
            ):
                continue  # one capitalised word of a title ("Secretary of State", "Supreme Leader") is no organization
            org = org_of(ent.text)
            country = country_of(ent.text)
            if (
                ent.label_ in ("GPE", "LOC")
                and ent.root.dep_ == "pobj"
                and ent.root.head.lower_ in word_list("seat_prepositions")
            ):
                continue  # "a law firm in Germany", "an official based in Lisbon": where, not whom they serve
            if org is not None:
                found.append(("Organization", org.name))
            elif country:
                found.append(("Country", country))
            elif ent.label_ == "ORG":
                found.append(("Organization", parties.org_name(ent)[0]))
            if ent.label_ == "ORG" and (org is not None or not country):
                in_orgs.update(t.i for t in ent)
        words = [t.text for t in span]
        for n in range(len(words), 0, -1):  # known organization names not tagged as entities
            for s in range(len(words) - n + 1):
                org = org_of(" ".join(words[s : s + n]))
                if org is not None and ("Organization", org.name) not in found:
                    found.append(("Organization", org.name))
        for tok in span:
            if tok.i in in_orgs:
                continue  # "British Airways chief": the airline's, not Britain's
            # even where the pipeline took it for a name
            country = countries().demonyms.get(tok.lower_)
            if country and ("Country", country) not in found:
                found.append(("Country", country))
        return found
