"""The read stage: article files (text or HTML, with metadata) → :class:`~kg.read.articles.Article` records."""

from .articles import Article, find_articles, read_article, read_articles

__all__ = ["Article", "find_articles", "read_article", "read_articles"]
