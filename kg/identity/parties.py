"""Mentions of parties that are not named people: organizations, countries and places, demonym phrases
("Qatari officials"), a country's institutions ("Sudan's army"), possessive offices ("the minister's office")
and unnamed groups ("a person close to the negotiators").

Each function reads one entity or paragraph and keeps what it finds in the article's
:class:`~kg.identity.names.Mentions`; :class:`~kg.identity.mentions.MentionCollector` calls them in order.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..vocab import countries, word_list
from .names import (
    DETERMINERS,
    Mention,
    Mentions,
    clean,
    counted_anaphor,
    country_of,
    drop_determiner,
    institution_or_government_nouns,
    is_title_word,
    org_of,
    span_text,
    strip_possessive,
)
from .sides import is_side_phrase, means_people_named_before


def points_back(head) -> bool:
    """Is ``head`` a definite singular agent noun ("the top French diplomat"), the person named before?
    (``kg/data/anaphoric_agent_nouns.txt``; "official" and "source" stay anonymous either way)"""
    return head.lower_ in word_list("anaphoric_agent_nouns") and any(
        c.lower_ == "the" for c in head.children if c.dep_ == "det"
    )


def renames_person(head: Token) -> bool:
    """Is ``head`` in apposition with a person's name ("the envoy, Kari Dahl," or "Kari Dahl,
    the envoy,")? Then it is that person's title, not a group."""
    if head.dep_ == "appos" and head.head.ent_type_ == "PERSON":
        return True
    return any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in head.children)


def is_bare_singular(name: str) -> bool:
    """Is ``name`` a singular head alone ("the official", "the envoy"), someone named before rather than a group?"""
    return name.lower() in word_list("bare_singular_heads") | word_list("anaphoric_agent_nouns")


MAX_GROUP_TAIL = 6  # words a group's "of ..." may add to its name


def org_name(ent: Span) -> tuple[str, list[str], list[tuple[str, str]]]:
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
        if (
            len(rest.split()) >= 2
        ):  # "Israeli Channel 12" is Israel's Channel 12; "Palestinian Resistance" is a name
            return rest, aliases, [("Country", country)]
    return full, aliases, affils


def organization(found: Mentions, par: int, doc: Doc, ent: Span) -> None:
    """An ORG entity that acts (not a title, a place or where something happened)."""
    if is_title_word(doc[ent.end - 1]) and not org_of(ent.text):
        return  # a bare title read as an organization
    if not org_of(ent.text) and (
        ent[-1].lower_ in word_list("place_nouns")
        or listed_with_places(ent)
        or (ent.root.dep_ == "compound" and ent.root.head.lower_ in word_list("place_nouns"))
    ):
        return  # "the ports of Gdansk, Gdynia and Szczecin", "the Nowa Huta steel works": places
    if (
        not org_of(ent.text)
        and ent.root.dep_ == "pobj"
        and ent.root.head.lower_ in word_list("venue_prepositions")
    ):
        return  # "after meeting Moreno in the Cabinet Room": where it happened, not who acted
    name, aliases, affils = org_name(ent)
    if not name or name.lower() in word_list("titles"):
        return
    for child in ent.root.children:  # "Peru's Defence Ministry"
        if child.dep_ == "poss" and country_of(child.text):
            affils = affils + [("Country", country_of(child.text))]
    m = Mention(
        par,
        ent.start,
        strip_possessive(doc, ent.start, ent.end),
        "Organization",
        name,
        clean(ent.text),
        aliases=aliases,
        affiliations=affils,
    )
    found.add(m)


def place_or_country(found: Mentions, par: int, doc: Doc, ent: Span) -> None:
    """A country name is always an actor; a capital or other place only where it acts."""
    text = clean(ent.text)
    table = countries()
    j = strip_possessive(doc, ent.start, ent.end)
    if text.lower() in table.names:
        found.add(Mention(par, ent.start, j, "Country", table.names[text.lower()], text))
        return
    if is_location(ent):
        return
    country = table.capitals.get(text.lower())
    if country:
        found.add(Mention(par, ent.start, j, "Country", country, text))


def listed_with_places(ent: Span) -> bool:
    """Is ``ent`` listed with places ("the ports of X, Y and Z")?"""
    root = ent.root
    linked = [root.head] if root.dep_ == "conj" else []
    linked += [c for c in root.children if c.dep_ == "conj"]
    # a country in the list acts with it ("Peru and the Andean Front signed"): not a list of places
    return any(
        t.ent_type_ in ("GPE", "LOC", "FAC") and not country_of(entity_text(t)) for t in linked
    )


def entity_text(tok: Token) -> str:
    """The text of the named entity ``tok`` is part of (the token alone outside one)."""
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    return ent.text if ent is not None else tok.text


def is_location(ent: Span) -> bool:
    """Is this place where something happens, rather than a party that acts?"""
    root = ent.root
    if root.dep_ == "pobj" and root.head.lower_ in word_list("location_prepositions"):
        return True
    if root.dep_ in ("compound", "amod", "nmod"):
        return True
    if root.dep_ == "poss" and root.head.ent_type_ in ("FAC", "GPE", "LOC"):
        return True  # "Vienna's Hofburg Palace"
    return root.dep_ not in (
        "nsubj",
        "nsubjpass",
        "poss",
        "dobj",
        "conj",
        "appos",
        "pobj",
        "ROOT",
        "agent",
    )


def demonym_phrase(found: Mentions, par: int, doc: Doc, ent: Span) -> None:
    """ "Qatari officials", "Egyptian intelligence", "the Israeli government", "Swiss and Norwegian mediators"."""
    country = country_of(ent.text)
    if not country:
        return
    head = ent.root.head
    # "Swiss and Norwegian officials": the second demonym hangs off the first
    while (
        head.dep_ in ("amod", "compound", "conj")
        and head.head.i > head.i
        and (countries().demonyms.get(head.lower_) or head.dep_ == "compound")
    ):
        head = head.head
    if ent.root.dep_ == "conj" and ent.root.head.i < ent.root.i:
        head = ent.root.head.head
    if head.i <= ent.end - 1:
        return
    low = head.lower_
    phrase_start = ent.start
    words = doc[ent.end : head.i + 1]
    tail = " ".join(t.text for t in words if t.dep_ in ("compound", "amod") or t.i == head.i)
    phrase = f"{clean(ent.text)} {tail}"
    if low in word_list("government_nouns") or head.lemma_.lower() in word_list("government_nouns"):
        found.add(
            Mention(
                par,
                phrase_start,
                head.i + 1,
                "Country",
                country,
                clean(phrase),
                aliases=[clean(phrase)],
            )
        )
    elif low in word_list("institution_nouns") or f"{doc[head.i - 1].lower_} {low}" in word_list(
        "institution_nouns"
    ):
        name = clean(phrase)
        found.add(
            Mention(
                par,
                phrase_start,
                head.i + 1,
                "Organization",
                name,
                name,
                affiliations=[("Country", country)],
            )
        )
    elif (
        low in word_list("group_nouns")
        and not any(c.dep_ == "poss" for c in head.children)
        and not points_back(head)
    ):
        modifiers = [
            t.text
            for t in doc[ent.end : head.i]
            if t.dep_ in ("compound", "amod") and t.lower_ not in countries().demonyms
        ]
        name = " ".join([clean(ent.text), *modifiers, head.text])
        # "Swiss and Norwegian officials": each demonym names its own group; the head goes to the first
        found.add(
            Mention(
                par,
                ent.start,
                ent.end,
                "Group",
                name,
                name,
                aliases=[name],
                affiliations=[("Country", country)],
                extra=[
                    t.i
                    for t in doc[ent.end : head.i + 1]
                    if t.dep_ != "conj"
                    and t.lower_ not in countries().demonyms
                    and not t.is_punct
                    and t.dep_ != "cc"
                ],
            )
        )
        country_from_demonym(found, par, ent, country)
        return
    else:
        if (
            is_title_word(head)
            or low in word_list("group_nouns")
            or low in word_list("institution_nouns")
        ):
            country_from_demonym(found, par, ent, country)
        return
    country_from_demonym(found, par, ent, country)


def country_from_demonym(found: Mentions, par: int, ent: Span, country: str) -> None:
    """The country behind a demonym that qualifies an agent is itself an actor of the article."""
    found.append(Mention(par, ent.start, ent.start, "Country", country, country))


def possessive_institutions(found: Mentions, par: int, doc: Doc) -> None:
    """ "Sudan's army", "Iran's foreign ministry": an institution of the country that owns it."""
    nouns = institution_or_government_nouns()
    for tok in doc:
        if tok.lower_ not in nouns or found.covers(par, tok.i):
            continue
        owner = next(
            (
                c
                for c in tok.children
                if c.dep_ in ("poss", "nmod", "compound")
                and c.ent_type_ in ("GPE", "ORG")
                and country_of(c.text)
            ),
            None,
        )
        country = country_of(owner.text) if owner is not None else None
        if country and tok.lower_ in word_list("government_nouns"):
            # "Paraguay's government", "the Malian authorities": the state itself, as it acts
            surface = clean(doc[owner.i : tok.i + 1].text)
            found.add(
                Mention(par, tok.i, tok.i + 1, "Country", country, surface, aliases=[surface])
            )
            continue
        if country:  # "Sudan's army", "the UAE foreign ministry"
            name = clean(doc[owner.i : tok.i + 1].text)
            found.add(
                Mention(
                    par,
                    tok.i,
                    tok.i + 1,
                    "Organization",
                    name,
                    name,
                    aliases=[name],
                    affiliations=[("Country", country)],
                )
            )


def leader_of(modifier: Token) -> tuple[str, str] | None:
    """(kind, name) of who leads, when ``modifier`` says "X-led" ("Brazilian-led", "NATO-led")."""
    if modifier.lower_.endswith("-led") and len(modifier) > 4:  # one token: "U.S.-led"
        words = [modifier.text[:-4]]
    elif modifier.lower_ == "led":  # "Brazilian" "-" "led"
        words = [c.text for c in modifier.children if c.dep_ in ("npadvmod", "compound", "nmod")]
    else:
        return None
    for word in words:
        known = org_of(word)
        if known is not None:
            return ("Organization", known.name)
        if country_of(word):
            return ("Country", country_of(word))
    return None


def led_collectives(found: Mentions, par: int, doc: Doc) -> None:
    """ "the Brazilian-led coalition", "a NATO-led mission": an organization of its own, which
    belongs to whoever leads it (``kg/data/led_collective_nouns.txt``)."""
    nouns = word_list("led_collective_nouns")
    for tok in doc:
        if tok.lemma_.lower() not in nouns or found.covers(par, tok.i):
            continue
        for child in tok.children:
            leader = leader_of(child) if child.dep_ in ("amod", "compound") else None
            if leader is None:
                continue
            start = child.left_edge.i
            name = clean(doc[start : tok.i + 1].text)
            kind, owner = leader
            affiliation = ("Country", owner) if kind == "Country" else ("Organization", owner)
            found.add(
                Mention(
                    par,
                    start,
                    tok.i + 1,
                    "Organization",
                    name,
                    name,
                    aliases=[name],
                    affiliations=[affiliation],
                )
            )
            break


def possessive_offices(found: Mentions, par: int, doc: Doc) -> None:
    """ "Ingrid Halvorsen's office", "the Israeli prime minister's office"."""
    offices = word_list("possessed_institutions")
    for tok in doc:
        if tok.lower_ not in offices:
            continue
        owners = [c for c in tok.children if c.dep_ == "poss"]
        if not owners:
            continue
        owner = owners[0]
        start = owner.left_edge.i
        if found.covers(par, tok.i):
            continue
        surface = clean(doc[start : tok.i + 1].text)
        m = Mention(
            par,
            tok.i,
            tok.i + 1,
            "Organization",
            surface,
            surface,
            aliases=[surface],
            owner=(par, owner.i),
        )
        found.append(m, token=tok.i)


def group_named_before(found: Mentions, head: Token) -> bool:
    """Did the article name a group with ``head``'s word before ("Nordic envoys met ... the envoys
    will meet"), so that the plural is that group again rather than the people named together?

    >>> group_named_before(Mentions(), None)
    False
    """
    return any(m.kind == "Group" and head.lower_ in m.name.lower().split() for m in found.found)


def groups(found: Mentions, par: int, doc: Doc) -> None:
    """Unnamed collectives: "multiple informed sources", "a group of 20 Israeli settler protesters"."""
    group_nouns = word_list("group_nouns")
    if not any(tok.lower_ in group_nouns for tok in doc):
        return  # no chunk can be a group: spare the paragraph the noun chunker, costly per token
    for chunk in doc.noun_chunks:
        head = chunk.root
        if head.lower_ not in group_nouns or found.covers(par, head.i):
            continue
        if head.ent_type_ in ("PERSON", "ORG", "GPE"):
            continue
        if counted_anaphor(head) or is_side_phrase(head):
            continue  # "the two leaders", "the delegations": who they are was said before
        if means_people_named_before(head) and not group_named_before(found, head):
            continue  # "the leaders": the people named together before, not "the Nordic envoys"
        if points_back(head):
            continue  # "the top French diplomat": the person named before
        if renames_person(head):
            continue  # "Norway's peace envoy, Kari Dahl,": the title of the person it renames
        start = chunk.start
        end = head.i + 1
        # a post-modifier that identifies the source: "familiar with the discussions", "close to the talks"
        for child in head.rights:
            if child.dep_ in ("amod", "acl") and child.lower_ in word_list("source_modifiers"):
                end = child.right_edge.i + 1
            # whose they are: "relatives of the detainees", not just "relatives"
            if (
                child.dep_ == "prep"
                and child.lower_ == "of"
                and head.lower_ in word_list("relational_group_nouns")
            ):
                end = min(child.right_edge.i + 1, head.i + MAX_GROUP_TAIL)
        surface = doc[start:end].text
        name = clean(surface)
        if not name or name.lower() in group_nouns and is_bare_singular(name):
            continue  # "the envoy said": one person named before, not a group
        container = head.head if head.dep_ == "pobj" and head.head.lower_ == "of" else None
        aliases = [surface, name, drop_determiner(surface)]
        if container is not None and container.head.lower_ in word_list("container_nouns"):
            aliases.append(clean(doc[container.head.left_edge.i : end].text))
        affils = [
            (("Country", c)) for c in (countries().demonyms.get(t.lower_) for t in chunk) if c
        ]
        affils += [
            ("Country", country_of(e.text))
            for e in chunk.ents
            if e.label_ == "GPE" and country_of(e.text)
        ]
        # the head carries the mention: a country or title inside the phrase keeps its own ("U.S. officials")
        # (after the last token already taken: "a senior U.K. government official" keeps "U.K.")
        first_free = max([start] + [k + 1 for k in range(start, end) if found.covers(par, k)])
        found.add(
            Mention(par, first_free, end, "Group", name, name, aliases=aliases, affiliations=affils)
        )
