"""Layer 1: the registry of site page objects, consulted before any generic layer.

A site module registers a factory for its hosts; the factory takes
``(html, url)`` and returns an object with one method per item field (like
``newscrawl.sites.kyivindependent.ArticlePage``). Nothing is registered yet.
"""

from urllib.parse import urlsplit

from newscrawl.items import ARTICLE_FIELDS

PAGE_FACTORIES = {}


def register(host, factory):
    """Use ``factory(html, url)`` for pages of ``host`` (without "www.")."""
    PAGE_FACTORIES[host.lower().removeprefix("www.")] = factory


def page_for(url):
    """The registered page factory for the URL's host, or None."""
    host = (urlsplit(url or "").hostname or "").removeprefix("www.")
    return PAGE_FACTORIES.get(host)


def site_fields(html, url):
    """Raw per-field values from the site's page object, or None when the host has none."""
    factory = page_for(url)
    if factory is None:
        return None
    page = factory(html, url)
    fields = {}
    for field in ARTICLE_FIELDS:
        method = getattr(page, field, None)
        if callable(method):
            value = method()
            if value not in (None, "", [], {}):
                fields[field] = value
    return fields
