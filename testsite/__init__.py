"""A deterministic local copy of the Kyiv Independent's structure, for crawl tests.

``TestSite(articles, seed)`` is the content model; ``python -m testsite``
serves it over HTTP; ``process.start()`` runs that server from tests.
"""

from .content import TestSite

__all__ = ["TestSite"]
