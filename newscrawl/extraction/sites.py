"""Layer 1: the site's page object, found in the site registry (newscrawl.sites) by the page's host,
and the loading of each layer's raw values through the item loader.

A page object is like ``newscrawl.sites.kyivindependent.ArticlePage``: one method per item
field, ``raw_fields()``, ``recognised()`` and its ``loader_class``.
"""

from parsel import Selector

from newscrawl import sites
from newscrawl.items import Article

EMPTY = (None, "", [], {})


def site_page(tree, url):
    """The site's page object for this page (its parsed ``tree``), or None when its host has none."""
    page_class = sites.page_class_for(url)
    return page_class(Selector(root=tree), url) if page_class is not None else None


def load_fields(loader_class, url, raw):
    """Raw values through the item loader (relative links resolved against ``url``): the item's
    fields that come out non-empty."""
    loader = loader_class(base_url=url)
    for field, value in raw.items():
        if field in Article.fields and value not in EMPTY:
            loader.add_value(field, value)
    return {key: value for key, value in loader.load_item().items() if value not in EMPTY}
