"""The identity stage: which actor each mention of an article, and each name across articles, is."""
