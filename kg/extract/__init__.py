"""The extraction stage: a parsed article → :class:`~kg.facts.ArticleFacts`.

Rules are general (no article-specific strings); the vocabularies they read
are the data files of ``kg/data/``. Each fact records the rule that made it.
"""
from __future__ import annotations

from ..facts import ArticleFacts
from ..nlp import AnnotatedArticle
from .actors import ActorTable
from .context import ArticleContext
from .events import extract_events


def extract_facts(annotated: AnnotatedArticle) -> ArticleFacts:
    """Return every fact of one annotated article."""
    ctx = ArticleContext(annotated, ActorTable(annotated))
    events, explanations = extract_events(ctx)
    return ArticleFacts(annotated.article, actors=ctx.actors.actors(), events=tuple(events),
                        explanations=tuple(explanations))
