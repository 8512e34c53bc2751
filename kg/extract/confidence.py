"""Confidence: a learned score of each candidate fact, and the filter that keeps the facts above a minimum.

The rules propose facts; a logistic regression trained on annotated articles
(``make train``, :mod:`kg.training`) scores each of them from general features
of the fact: the rule that made it, its factuality, the kind of its holder,
where it sits in the article, how many proposals compete with it. The model
ships as plain JSON coefficients (``kg/data/confidence_model.json``), read
without unpickling anything; its probability is the fact's ``nkg:confidence``,
and its ``min_confidence`` (chosen by leave-one-article-out cross-validation)
is the default minimum under which a fact is not kept.

>>> from kg.facts import ActorRef, Position
>>> p = Position("p", ActorRef("Person", "A"), ("Rejects",), "the plan", rule="stance-verb:reject")
>>> sorted(k for k in fact_features(p, ArticleFacts(None, positions=(p,))) if k.startswith("type"))
['type=Position']
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..facts import ArticleFacts, Event, Position, Proposal

# re-exported: training and the pipeline import the model from here
from .confidence_model import MODEL_FILE, Model, default_min_confidence, shipped_model  # noqa: F401

QUOTES = re.compile(r"[\"“”]")


def fact_kind(fact) -> str:
    """ "Meeting", "Statement", ... for an event; "Proposal"; "Position"."""
    return fact.kind if isinstance(fact, Event) else type(fact).__name__


def holders(fact) -> tuple:
    if isinstance(fact, Event):
        return fact.participants
    if isinstance(fact, Proposal):
        return fact.proposers
    return (fact.holder,)


def named_in_evidence(fact) -> float:
    """Is the (first) holder named in the fact's first sentence? Not when it was found by attribution
    across sentences (a pronoun, "the group", the speaker of an earlier quote)."""
    found = holders(fact)
    if not found or not fact.evidence:
        return 0.0
    last_word = found[0].label.split()[-1].lower()
    return float(last_word in fact.evidence[0].text.lower())


def fact_features(fact, facts: ArticleFacts) -> dict[str, float]:
    """The features of one fact in its article: indicator features ``name=value`` and numbers in [0, 1].

    General, never words of one article: the rule family, the factuality, the holder's kind and how often it
    acts in the article, the kind of fact and how many of its kind compete, where its sentence is.
    """
    kind = fact_kind(fact)
    family = fact.rule.split(":")[0] if fact.rule else "none"
    found = holders(fact)
    body = len(facts.article.body) if facts.article is not None else 0
    first = fact.evidence[0] if fact.evidence else None
    same_kind = [f for f in all_facts(facts) if fact_kind(f) == kind]
    features = {
        f"type={kind}": 1.0,
        f"rule={family}": 1.0,
        f"factuality={fact.factuality}": 1.0,
        f"holder={found[0].kind if found else 'none'}": 1.0,
        "holders": min(len(found), 4) / 4,
        "evidence": min(len(fact.evidence), 4) / 4,
        "reported": float(bool(fact.reported_by)),
        "named_in_sentence": named_in_evidence(fact),
        "place": first.start / body if first is not None and body else 0.0,
        "quoted": float(bool(first is not None and QUOTES.search(first.text))),
        "sentence_words": min(len(first.text.split()), 60) / 60 if first is not None else 0.0,
        "proposals": min(len(facts.proposals), 6) / 6,
        "dated": float(fact.when.earliest is not None),
        # how many facts of its kind compete, and where it comes among them
        "same_kind": min(len(same_kind), 12) / 12,
        "rank_in_kind": next((n for n, f in enumerate(same_kind) if f.key == fact.key), 0)
        / len(same_kind),
    }
    if found:  # how central the holder is to the article
        features["holder_facts"] = (
            min(sum(found[0] in holders(f) for f in all_facts(facts)), 10) / 10
        )
        features["holder_words"] = min(len(found[0].label.split()), 4) / 4
    if isinstance(fact, Event):
        features[f"status={fact.status}"] = 1.0
    if isinstance(fact, Proposal):
        features["terms"] = min(len(fact.terms), 5) / 5
        features.update({f"term={t.kind}": 1.0 for t in fact.terms})
    if isinstance(fact, Position):
        features.update({f"stance={s}": 1.0 for s in fact.stances})
        features["topic_words"] = min(len(fact.topic.split()), 18) / 18
    return features


def all_facts(facts: ArticleFacts) -> list:
    return [*facts.events, *facts.proposals, *facts.positions]


def scored(facts: ArticleFacts, model: Model | None = None) -> ArticleFacts:
    """``facts`` with the model's probability as the confidence of each event, proposal and position."""
    model = model or shipped_model()
    if model is None:
        return facts
    confidence = {
        f.key: round(model.probability(fact_features(f, facts)), 3) for f in all_facts(facts)
    }
    return replace(facts, confidence=tuple(sorted(confidence.items())))


def confident(facts: ArticleFacts, min_confidence: float) -> ArticleFacts:
    """``facts`` without the events, proposals and positions whose confidence is under ``min_confidence``
    (a fact without one counts as 1), and without the orderings and links that only they had.

    >>> from kg.facts import ActorRef, Position
    >>> a, b = ActorRef("Person", "A"), ActorRef("Person", "B")
    >>> facts = ArticleFacts(None, positions=(Position("p", a, ("Rejects",), "t"), Position("q", b, ("Accepts",), "t")),
    ...                      confidence=(("p", 0.9), ("q", 0.2)))
    >>> [p.key for p in confident(facts, 0.5).positions]
    ['p']
    """
    if min_confidence <= 0:
        return facts
    score = dict(facts.confidence)
    keep = lambda f: score.get(f.key, 1.0) >= min_confidence
    events = tuple(filter(keep, facts.events))
    proposals = tuple(filter(keep, facts.proposals))
    positions = tuple(filter(keep, facts.positions))
    kept = {f.key for f in (*events, *proposals, *positions)}
    positions = tuple(
        replace(p, about=tuple(k for k in p.about if k in kept or not is_fact_key(k, facts)))
        for p in positions
    )
    # the actors stay: an actor the article names is one whatever is said of it
    return replace(
        facts,
        events=events,
        proposals=proposals,
        positions=positions,
        orderings=tuple(o for o in facts.orderings if set(o) <= kept),
        confidence=tuple((k, v) for k, v in facts.confidence if k in kept),
    )


def is_fact_key(key: str, facts: ArticleFacts) -> bool:
    return any(f.key == key for f in all_facts(facts))
