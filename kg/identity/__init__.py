"""The identity stage: which actor each name of an article is, within it and across the store.

Every decision that two names are one actor is made here, in this order:

1. **mentions** (:mod:`kg.identity.mentions`, :mod:`kg.identity.parties`): the stretches of
   text that name a person, an organization, a country or an unnamed group, with the roles
   and affiliations they state;
2. **in-article clusters** (:mod:`kg.identity.clustering`): a surname joins the full name,
   an acronym its expansion, a short name the longer one, an apposition the name it renames;
3. **actors** (:mod:`kg.identity.table`): one :class:`~kg.facts.Actor` per cluster, and pure
   lookups from a token to the actors it means (role phrases, pronouns, "the group");
   participants a component found itself, as spans of the text, become the actor whose
   mention they overlap, or a new one (:mod:`kg.identity.spans`);
4. **names across articles** (:mod:`kg.identity.across`): a surname, a spelling or an
   honorific variant takes the name the store already has;
5. **labels against the store** (:mod:`kg.identity.labels`): one preferred label per actor.

Steps 1-3 read spaCy parses; steps 4-5 read facts and RDF only. The names below are loaded
when first asked for, so that importing this package (or its spaCy-free modules) never
loads spaCy.

>>> from kg.identity import plain
>>> plain("Mr. António Guterres")
'antonio guterres'
"""

from __future__ import annotations

from importlib import import_module

# public name -> the module of this package that defines it
PUBLIC = {
    "ActorTable": "table",
    "Resolution": "resolution",
    "actor_facts": "actors",
    "generic_notes": "actors",
    "merge_lines": "actors",
    "Mention": "names",
    "clean": "names",
    "country_of": "names",
    "surname": "names",
    "MentionCollector": "mentions",
    "with_span_actors": "spans",
    "with_brought_actors": "spans",
    "NameIndex": "across",
    "full_names": "across",
    "plain": "across",
    "reconcile_labels": "labels",
    "actor_labels": "labels",
    "labels_agree": "labels",
}

__all__ = list(PUBLIC)


def __getattr__(name: str):
    """Import the module that defines ``name`` when it is first asked for (PEP 562)."""
    if name not in PUBLIC:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{PUBLIC[name]}", __name__), name)
