"""The registry of site modules: each registers its article page class for its hosts.

Generic code (newscrawl.extraction) looks a page class up by the page's host and never
imports a site module itself: the modules of this package are imported on the first
lookup, as Scrapy finds spiders in SPIDER_MODULES.
"""

import importlib
import pkgutil

from newscrawl.urls import host_of

PAGE_CLASSES = {}
_loaded = False


def register(page_class, hosts):
    """Use ``page_class`` (called with a parsel Selector of the page and its URL) for pages of ``hosts``."""
    for host in hosts:
        PAGE_CLASSES[host.lower().removeprefix("www.")] = page_class


def page_class_for(url):
    """The article page class registered for the URL's host, or None."""
    global _loaded
    if not _loaded:
        for module in pkgutil.iter_modules(__path__, __name__ + "."):
            importlib.import_module(module.name)
        _loaded = True
    return PAGE_CLASSES.get(host_of(url or ""))
