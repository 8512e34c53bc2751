"""The extraction stage: a parsed article → :class:`~kg.facts.ArticleFacts`.

Rules are general (no article-specific strings); the vocabularies they read
are the data files of ``kg/data/``. Each fact records the rule that made it,
and ``ArticleFacts.explanations`` says, per sentence, what each rule produced.
"""
from __future__ import annotations

from ..facts import ArticleFacts
from ..nlp import AnnotatedArticle
from .actors import ActorTable
from .context import ArticleContext
from .events import extract_events
from .links import link_positions
from .positions import extract_positions
from .proposals import extract_proposals


def extract_facts(annotated: AnnotatedArticle) -> ArticleFacts:
    """Return every fact of one annotated article.

    >>> from datetime import date
    >>> from kg.articles import Article
    >>> from kg.nlp import annotate
    >>> body = "Talks\\nQatari Prime Minister Omar Haddad met Hamas leaders in Doha on Monday."
    >>> facts = extract_facts(next(annotate([Article("a.txt", "a", "Talks", body, date(2024, 1, 28))])))
    >>> [(e.kind, [p.label for p in e.participants], str(e.when.earliest)) for e in facts.events]
    [('Meeting', ['Omar Haddad', 'Hamas leaders'], '2024-01-22')]
    """
    ctx = ArticleContext(annotated, ActorTable(annotated))
    events, event_notes, orderings = extract_events(ctx)
    proposals, proposal_notes = extract_proposals(ctx)
    positions, position_notes, demands = extract_positions(ctx)
    proposals = proposals + demands
    # actors last: groups become actors only once some fact has used them
    actors = ctx.actors.actors()
    positions = link_positions(tuple(positions), tuple(proposals), tuple(events), actors)
    return ArticleFacts(annotated.article, actors=actors, events=tuple(events),
                        proposals=tuple(proposals), positions=positions,
                        explanations=tuple(event_notes + proposal_notes + position_notes),
                        orderings=tuple(orderings))
