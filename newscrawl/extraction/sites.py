"""Layer 1: the registry of site page objects, consulted before any generic layer.

A site module registers a factory for its hosts; the factory takes
``(html, url)`` and returns a page object like
``newscrawl.sites.kyivindependent.ArticlePage``: one method per item field,
``raw_fields()``, ``recognised()`` and its ``loader_class``.
"""

from urllib.parse import urlsplit

from newscrawl.items import Article
from newscrawl.sites import kyivindependent

PAGE_FACTORIES = {host: kyivindependent.ArticlePage.from_html for host in kyivindependent.HOSTS}


def register(host, factory):
    """Use ``factory(html, url)`` for pages of ``host`` (without "www.")."""
    PAGE_FACTORIES[host.lower().removeprefix("www.")] = factory


def page_for(url):
    """The registered page factory for the URL's host, or None."""
    host = (urlsplit(url or "").hostname or "").removeprefix("www.")
    return PAGE_FACTORIES.get(host)


def site_page(html, url):
    """The site's page object for this page, or None when its host has none."""
    factory = page_for(url)
    return factory(html, url) if factory is not None else None


def load_fields(loader_class, raw):
    """Raw values through the item loader; the item's fields that come out non-empty."""
    loader = loader_class()
    for field, value in raw.items():
        if field in Article.fields and value not in (None, "", [], {}):
            loader.add_value(field, value)
    return {key: value for key, value in loader.load_item().items() if value not in (None, "", [], {})}
