"""Generic article extraction: site page objects, structured data, then heuristics."""

from newscrawl.extraction.article import extract_article

__all__ = ["extract_article"]
