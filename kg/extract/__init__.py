"""The extraction stage: a parsed article → :class:`~kg.facts.ArticleFacts`.

Extraction runs named components (:mod:`kg.extract.pipeline`): the rule
families of :mod:`kg.extract.rules` by default, each reading the vocabularies of
``kg/data/`` and never an article's own strings. Each fact records the rule that
made it and a confidence, and ``ArticleFacts.explanations`` says, per
sentence, what each rule produced.
"""
from __future__ import annotations

from .pipeline import DEFAULT_COMPONENTS, Extraction, component, extract_facts, merger

__all__ = ["DEFAULT_COMPONENTS", "Extraction", "component", "extract_facts", "merger"]
