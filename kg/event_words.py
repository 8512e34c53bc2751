"""The words that report events: the trigger table of ``kg/data/event_triggers.tsv``, read once.

Plain data, no parse: the extraction rules (:mod:`kg.extract.triggers`) match tokens against it,
and the identity stage asks which verbs report speech, without importing the rules.

>>> "say" in speech_lemmas()
True
>>> triggers()[("meet", "VERB")][0].kind
'Meeting'
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from .schema import has_trait
from .vocab import data_lines


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str
    kind: str
    objects: frozenset[str] = frozenset()
    particle: str | None = None
    joint: bool = False
    occurred_only: bool = False
    speech: bool = False
    predicate: bool = False
    infinitive: bool = False


@lru_cache(maxsize=1)
def triggers() -> dict[tuple[str, str], list[Trigger]]:
    """The event triggers of ``kg/data/event_triggers.tsv`` by (lemma, part of speech), in file order.

    A word may have several readings, tried in order: "released a statement" is
    a statement, "released 50 prisoners" an exchange.
    """
    table: dict[tuple[str, str], list[Trigger]] = {}
    for row in csv.reader(data_lines("event_triggers.tsv"), delimiter="\t"):
        lemma, pos, kind, cond = (row + [""] * 4)[:4]
        flags = {}
        for part in filter(None, (c.strip() for c in cond.split(";"))):
            key, _, value = part.partition("=")
            flags[key] = value
        table.setdefault((lemma, pos), []).append(
            Trigger(
                lemma,
                pos,
                kind,
                frozenset(flags.get("object", "").split("|")) - {""},
                flags.get("particle"),
                "joint" in flags,
                "occurred" in flags,
                "speech" in flags,
                "predicate" in flags,
                "infinitive" in flags,
            )
        )
    return table


@lru_cache(maxsize=1)
def speech_lemmas() -> frozenset[str]:
    """The lemmas of the verbs that report speech."""
    return frozenset(
        lemma
        for (lemma, pos), found in triggers().items()
        if pos == "VERB" and any(has_trait(f.kind, "speech") for f in found)
    )
