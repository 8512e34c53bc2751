"""The extraction stage: a parsed article → :class:`~kg.facts.ArticleFacts`.

Extraction runs named components (:mod:`kg.extract.pipeline`): the rule
families of :mod:`kg.extract.rules` by default, each reading the vocabularies of
``kg/data/`` and never an article's own strings. Each fact records the rule that
made it and a confidence, and ``ArticleFacts.explanations`` says, per
sentence, what each rule produced.

The pipeline (and with it spaCy) is imported on first use of one of its names,
not with the package: a reader of the store imports modules of this package
(:mod:`kg.extract.confidence`, :mod:`kg.extract.quantities`) without loading the NLP stack.
"""

from __future__ import annotations

__all__ = ["DEFAULT_COMPONENTS", "Extraction", "component", "extract_facts", "merger"]


def __getattr__(name: str):
    if name in __all__:
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
