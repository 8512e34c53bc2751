"""Participants a component found itself, as spans of the text → the article's actors.

A component that names its own participants (a gazetteer, a statistical or LLM
extractor) returns them as :class:`~kg.facts.ActorSpan` (offsets, kind, surface
text) and uses their ``ref`` in its facts. Here each span becomes an actor: the
actor of the rules' table whose mention it overlaps, so that both extractors
speak of one actor; otherwise a new actor, with the span's label and kind and
its sentence as evidence. Every participant of the component's facts is then
an actor of the article: none is left dangling.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..errors import InputError
from ..facts import (
    Actor,
    ActorRef,
    ActorSpan,
    ArticleFacts,
    Evidence,
    Explanation,
    Extraction,
    rename_actors,
)
from .table import ActorTable


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Do the character ranges ``a`` and ``b`` (end excluded) share a character?

    >>> overlaps((0, 5), (4, 9)), overlaps((0, 5), (5, 9))
    (True, False)
    """
    return a[0] < b[1] and b[0] < a[1]


def mention_ranges(table: ActorTable) -> list[tuple[tuple[int, int], ActorRef]]:
    """The character range of each mention of the rules' actor table, with its actor."""
    ranges = []
    for k, m in enumerate(table.mentions):
        ref = table.ref_of_mention(k)
        if ref is None or m.j <= m.i:
            continue
        doc, offset = table.docs[m.par], table.offsets[m.par]
        last = doc[m.j - 1]
        ranges.append(((offset + doc[m.i].idx, offset + last.idx + len(last)), ref))
    return ranges


def known_actor(span: ActorSpan, ranges: list[tuple[tuple[int, int], ActorRef]]) -> ActorRef | None:
    """The rules' actor whose mention ``span`` overlaps (the one overlapping it most), if any.

    >>> hamas = ActorRef("Organization", "Hamas")
    >>> known_actor(ActorSpan("Organization", "Hamas leaders", 0, 13), [((0, 5), hamas)]).label
    'Hamas'
    """
    best, most = None, 0
    for (start, end), ref in ranges:
        shared = min(end, span.end) - max(start, span.start)
        if shared > most:
            best, most = ref, shared
    return best


def sentence_of(span: ActorSpan, sentences: Iterable[Evidence]) -> Evidence:
    """The sentence holding ``span`` (the span itself outside any sentence)."""
    for s in sentences:
        if s.start <= span.start < s.end:
            return s
    return Evidence(span.text, span.start, span.end)


def span_actors(
    spans: Iterable[ActorSpan],
    ranges: list[tuple[tuple[int, int], ActorRef]],
    sentences: list[Evidence],
) -> tuple[dict[ActorRef, ActorRef], dict[ActorRef, Actor], list[Explanation]]:
    """What each span's ref becomes, the new actors, and a note per span for ``--explain``.

    Decided per name, so that one name is one actor: if any span of the name overlaps a
    mention of the rules' actors (``ranges``), every span of it is that actor; otherwise the
    name is one new actor whose evidence is the sentence of each span.

    >>> hamas = ActorRef("Organization", "Hamas")
    >>> spans = [ActorSpan("Organization", "Hamas", 0, 5), ActorSpan("Organization", "Hamas", 30, 35)]
    >>> renamed, new, _ = span_actors(spans, [((0, 5), hamas)], [])
    >>> renamed[spans[0].ref] == hamas, new
    (True, {})
    """
    spans = sorted(spans, key=lambda s: (s.start, s.end))
    known_of: dict[ActorRef, ActorRef] = {}
    for span in spans:
        known = known_actor(span, ranges)
        if known is not None:
            known_of.setdefault(span.ref, known)  # the name's first overlap decides
    renamed: dict[ActorRef, ActorRef] = {}
    new: dict[ActorRef, Actor] = {}
    notes: list[Explanation] = []
    for span in spans:
        sentence = sentence_of(span, sentences)
        known = known_of.get(span.ref)
        renamed[span.ref] = known or span.ref
        if known is not None:
            notes.append(
                Explanation(
                    sentence,
                    "identity",
                    f"{span.text!r} is {known.label} (an actor the rules found there)",
                )
            )
            continue
        actor = new.get(span.ref, Actor(span.ref))
        new[span.ref] = replace(actor, evidence=tuple(sorted({*actor.evidence, sentence})))
        notes.append(Explanation(sentence, "identity", f"{span.text!r}: a new {span.kind}"))
    return renamed, new, notes


def misplaced(extraction: Extraction, body: str) -> str | None:
    """The first span or evidence of ``extraction`` whose offsets do not hold its text in
    ``body`` (``body[start:end] != text``), described; None when all hold.

    >>> misplaced(Extraction(mentions=(ActorSpan("Country", "Chad", 0, 4),)), "Chad met Niger.")
    >>> print(misplaced(Extraction(mentions=(ActorSpan("Person", "Nobody", 500, 506),)), "Chad"))
    the span 'Nobody' at 500-506 (the text there is '')
    """
    evidence = [
        ev
        for fact in (*extraction.events, *extraction.proposals, *extraction.positions)
        for ev in fact.evidence
    ]
    for what, text, start, end in [
        *(("span", s.text, s.start, s.end) for s in extraction.mentions),
        *(("evidence", ev.text, ev.start, ev.end) for ev in evidence),
    ]:
        if body[start:end] != text:
            return f"the {what} {text!r} at {start}-{end} (the text there is {body[start:end]!r})"
    return None


def checked_offsets(extraction: Extraction, body: str, component: str, article: str) -> Extraction:
    """``extraction`` if every span and evidence of it holds its text at its offsets in the
    article's ``body``; else an :class:`~kg.errors.InputError` naming the ``component``,
    the span and the ``article`` (reported for that article alone).

    >>> bad = Extraction(mentions=(ActorSpan("Person", "Nobody Here", 5000, 5011),))
    >>> try:
    ...     checked_offsets(bad, "Chad met Niger.", "my-model", "a.txt")
    ... except InputError as e:
    ...     print(e.problem)
    component 'my-model' gave the span 'Nobody Here' at 5000-5011 (the text there is '')
    """
    wrong = misplaced(extraction, body)
    if wrong is None:
        return extraction
    raise InputError(
        article,
        f"component {component!r} gave {wrong}",
        "offsets must be character offsets into the article's text, end excluded",
    )


def with_span_actors(
    table: ActorTable, sentences: list[Evidence], extraction: Extraction
) -> Extraction:
    """``extraction`` (a component's :class:`~kg.facts.Extraction` over the article whose actor
    ``table`` and ``sentences`` are given) with the participants of its ``mentions`` made actors:
    its facts renamed to the rules' actors the spans overlap, the others in
    ``extraction.actors``."""
    if not extraction.mentions:
        return extraction
    renamed, new, notes = span_actors(extraction.mentions, mention_ranges(table), sentences)
    facts = rename_actors(
        ArticleFacts(
            None,
            events=extraction.events,
            proposals=extraction.proposals,
            positions=extraction.positions,
        ),
        {old: ref for old, ref in renamed.items() if old != ref},
    )
    mediations = tuple(
        replace(m, mediators=tuple(renamed.get(r, r) for r in m.mediators))
        for m in extraction.mediations
    )
    return replace(
        extraction,
        events=facts.events,
        proposals=facts.proposals,
        positions=facts.positions,
        mediations=mediations,
        actors=extraction.actors + tuple(new.values()),
        explanations=extraction.explanations + tuple(notes),
    )


def with_brought_actors(actors: tuple[Actor, ...], brought: Iterable[Actor]) -> tuple[Actor, ...]:
    """The rules' ``actors`` and, in one order, the actors components brought that they lack.

    >>> a, b = Actor(ActorRef("Person", "Ilsa Varn")), Actor(ActorRef("Country", "Chad"))
    >>> [x.label for x in with_brought_actors((b,), [a, b])]
    ['Chad', 'Ilsa Varn']
    """
    have = {a.ref for a in actors}
    extra = {a.ref: a for a in brought if a.ref not in have}
    if not extra:
        return actors
    return tuple(sorted((*actors, *extra.values()), key=lambda a: a.ref))
