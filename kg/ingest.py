"""Ingesting: article files → parsed → facts → RDF → the store, one article at a time.

One bad article does not stop the others; the report says which failed and why.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .articles import Article, find_articles, read_articles
from .errors import InputError, KGError
from .extract import extract_facts
from .facts import ArticleFacts, rename_actors
from .linking import full_names, relink
from .nlp import annotate
from .rdf.graph import article_graph
from .store import GraphStore


@dataclass
class IngestReport:
    """What an ingest did: the articles stored and the inputs that failed, with why."""

    ingested: list[str] = field(default_factory=list)
    failed: list[KGError] = field(default_factory=list)
    facts: list[ArticleFacts] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def facts_of(articles: Iterable[Article]) -> Iterable[ArticleFacts]:
    """Parse and extract each article, in order."""
    for annotated in annotate(articles):
        yield extract_facts(annotated)


def ingest(paths: Iterable[str | Path], store: GraphStore, *, keep_facts: bool = False,
           progress: Callable[[str], None] | None = None, **overrides) -> IngestReport:
    """Ingest the articles at ``paths`` (files or directories) into ``store``.

    ``overrides`` (``published``, ``source``, ``url``, ``title``) replace the
    sidecar metadata of every article. Raises :class:`InputError` only when no
    path can be read at all; per-article failures are in the report.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("Talks\\nHamas said on Monday it would not negotiate.\\n")
    >>> _ = (d / "b.txt").write_bytes(b"")
    >>> report = ingest([d], GraphStore(), published="2024-01-28")
    >>> report.ingested, [e.problem for e in report.failed]
    (['a'], ['the file is empty'])
    """
    report = IngestReport()
    files = find_articles(paths)
    articles: list[Article] = []
    for item in read_articles(files, **overrides):
        if isinstance(item, InputError):
            report.failed.append(item)
        else:
            articles.append(item)
    batch = list(facts_of(articles))
    names = full_names(store, batch)  # "Netanyahu" here, "Benjamin Netanyahu" there: one person, one IRI
    for facts in (rename_actors(f, names) for f in batch):
        try:
            store.replace_article(article_graph(facts))
        except KGError as e:
            report.failed.append(e)
            continue
        report.ingested.append(facts.article.slug)
        if keep_facts:
            report.facts.append(facts)
        if progress:
            progress(f"ingested {facts.article.path}")
    if report.ingested:
        relink(store)  # the same event reported by several articles
    return report
