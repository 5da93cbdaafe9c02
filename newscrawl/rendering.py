"""Pages that need JavaScript, rendered in Chromium through scrapy-playwright; every other page stays plain.

NEWSCRAWL_PLAYWRIGHT: ``off`` (default), ``auto`` (only pages whose raw HTML shows they need a
browser are requested once more, rendered) or ``on`` (every article and listing page rendered).
The ``Rendering`` add-on installs scrapy-playwright's download handlers when it is not off; they
render only requests whose meta has ``playwright``, the rest goes through Scrapy's downloader.
"""

import asyncio
import json
import logging
import os
import shutil
from dataclasses import dataclass
from functools import lru_cache

from lxml.etree import XPath
from parsel.csstranslator import HTMLTranslator

from newscrawl.archive.captures import NOTES

# Playwright is imported only where a page renders: importing it costs every crawl a third of a second.

logger = logging.getLogger(__name__)

MODES = {"off": "off", "0": "off", "false": "off", "no": "off", "": "off", "auto": "auto",
         "on": "on", "1": "on", "true": "on", "yes": "on"}
# Chromium flags for a crawler: no GPU, no background traffic of its own (updates, sync, first-run pages).
CHROMIUM_ARGS = ("--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync")
BLOCKED_RESOURCES = ("image", "font", "media")
RENDERED = "newscrawl_rendered"  # request meta: this request renders; it is never sent again for rendering
WAIT_MS = 10_000  # how long a rendered page may take to fill its content
MAX_CLICKS = 100  # "Show more" clicks per listing, at most

# Compiled once: every raw article and listing page is checked.
# A script that runs in a browser: not JSON-LD, not __NEXT_DATA__.
RUNNABLE_SCRIPT = XPath("//script[not(@type) or @type='text/javascript' or @type='module']")
CONTENT_FILLED = """([body, shell]) => {
  const post = document.querySelector(shell);
  if (post && !post.children.length) return false;
  const container = document.querySelector(body);
  return !container || container.children.length > 0 || container.textContent.trim().length > 0;
}"""
MORE_CARDS = "([card, count]) => document.querySelectorAll(card).length > count"


@dataclass(frozen=True)
class ScriptedContent:
    """Where a site's scripts put content (CSS selectors, from the site's module): the article body's
    container, the article shell a script builds, the listing's "Show more" button and its cards."""

    body: str
    shell: str
    show_more: str
    card: str


@lru_cache(maxsize=16)
def _xpath(css):
    return XPath(HTMLTranslator().css_to_xpath(css))


def render_mode(settings):
    value = str(settings.get("NEWSCRAWL_PLAYWRIGHT") or "off").strip().lower()
    if value not in MODES:
        raise ValueError(f"NEWSCRAWL_PLAYWRIGHT must be off, auto or on, not {value!r}")
    return MODES[value]


def chromium_args(settings):
    """The crawler's Chromium flags, --no-sandbox as root (Chromium refuses to start otherwise), then extra ones."""
    extra = settings.get("NEWSCRAWL_PLAYWRIGHT_ARGS") or []
    if isinstance(extra, str):
        # -s NEWSCRAWL_PLAYWRIGHT_ARGS='["--flag=a , b"]' (JSON, since flags may hold commas) or one flag
        extra = json.loads(extra) if extra.startswith("[") else [extra]
    root = ["--no-sandbox"] if os.geteuid() == 0 else []
    return [*CHROMIUM_ARGS, *root, *extra]


class Rendering:
    """Add-on: installs scrapy-playwright when NEWSCRAWL_PLAYWRIGHT is auto or on (command line included)."""

    def update_settings(self, settings):
        if render_mode(settings) == "off":
            return
        handlers = dict(settings.getdict("DOWNLOAD_HANDLERS"))
        handlers.update({scheme: "newscrawl.rendering.RenderingDownloadHandler" for scheme in ("http", "https")})
        settings.set("DOWNLOAD_HANDLERS", handlers, "addon")
        options = {"executable_path": settings.get("NEWSCRAWL_PLAYWRIGHT_BROWSER"),
                   "headless": settings.getbool("NEWSCRAWL_PLAYWRIGHT_HEADLESS", True),
                   "args": chromium_args(settings)}
        for name, value in {
            "PLAYWRIGHT_BROWSER_TYPE": "chromium",
            "PLAYWRIGHT_LAUNCH_OPTIONS": options,
            "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": settings.getint("NEWSCRAWL_PLAYWRIGHT_MAX_PAGES"),
            "PLAYWRIGHT_ABORT_REQUEST": "newscrawl.rendering.blocked_resource",
            "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": settings.getfloat("DOWNLOAD_TIMEOUT") * 1000,
        }.items():
            settings.set(name, value, "addon")


def blocked_resource(request):
    """Images, fonts and media are never loaded in a rendered page: the text needs none of them."""
    return request.resource_type in BLOCKED_RESOURCES


class BrowserMissing(Exception):
    """The Chromium binary that NEWSCRAWL_PLAYWRIGHT_BROWSER names does not exist."""


def _handler_class():
    from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler

    class RenderingDownloadHandler(ScrapyPlaywrightDownloadHandler):
        """scrapy-playwright's handler, started on the first rendered request (a crawl that renders
        nothing never starts Playwright), failing fast with one clear error when Chromium is missing,
        and counting rendered responses."""

        def __init__(self, crawler):
            super().__init__(crawler)
            self.started = False
            self.start_lock = asyncio.Lock()
            self.browser_path = self.config.launch_options.get("executable_path")

        async def _maybe_launch_in_thread(self):
            """Not at engine start: Playwright starts with the first request that renders."""

        async def _download_request(self, request, spider=None):
            self.check_browser()
            async with self.start_lock:
                if not self.started:
                    await self._launch()
                    self.started = True
            response = await super()._download_request(request, spider)
            self.stats.inc_value("newscrawl/render/rendered")
            return response

        def check_browser(self):
            path = self.browser_path
            if not path or (shutil.which(path) and os.access(shutil.which(path), os.X_OK)):
                return
            message = (f"Chromium not found at {path}, so pages that need JavaScript cannot be rendered and are "
                       f"recorded as failed (browser_missing). Install it (apt-get install chromium) or set "
                       f"NEWSCRAWL_PLAYWRIGHT_BROWSER to a Chromium binary; NEWSCRAWL_PLAYWRIGHT=off renders nothing.")
            if not self.stats.get_value("newscrawl/render/browser_missing"):
                logger.error(message)  # once per crawl: the failures say which pages it cost
            self.stats.inc_value("newscrawl/render/browser_missing")
            raise BrowserMissing(message)

    return RenderingDownloadHandler


def __getattr__(name):
    """newscrawl.rendering.RenderingDownloadHandler (DOWNLOAD_HANDLERS), built when Scrapy loads it."""
    if name == "RenderingDownloadHandler":
        globals()[name] = _handler_class()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


async def wait_for_content(page, body, shell):
    """Wait until scripts have filled the article ``shell`` and ``body`` (CSS), or until the network
    is idle (nothing more will come: parse what is there), at most WAIT_MS."""
    if await page.evaluate(CONTENT_FILLED, [body, shell]):
        return  # inline scripts ran before "load": no polling, which costs a few hundred ms a page
    waits = [asyncio.ensure_future(page.wait_for_function(CONTENT_FILLED, arg=[body, shell], timeout=WAIT_MS,
                                                          polling=50)),
             asyncio.ensure_future(page.wait_for_load_state("networkidle", timeout=WAIT_MS))]
    await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
    for wait in waits:
        if wait.done():
            wait.exception()  # a timeout: the check below says what it means
        else:
            wait.cancel()
    if not await page.evaluate(CONTENT_FILLED, [body, shell]):
        logger.info("Rendered page without content: %s", page.url)


async def click_show_more(page, show_more, card):
    """Click the ``show_more`` button until none remains, each time waiting for more ``card`` elements (CSS)."""
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    for _ in range(MAX_CLICKS):
        if not await page.locator(show_more).count():
            return
        before = await page.locator(card).count()
        await page.locator(show_more).first.click()
        try:
            await page.wait_for_function(MORE_CARDS, arg=[card, before], timeout=WAIT_MS)
        except PlaywrightTimeout:
            logger.warning("\"Show more\" loaded no cards within %d ms: %s", WAIT_MS, page.url)
            return


def page_method(kind, scripted):
    """What a rendered page of ``kind`` waits for: an "article" its content, a "listing" every card."""
    from scrapy_playwright.page import PageMethod

    if kind == "article":
        return PageMethod(wait_for_content, scripted.body, scripted.shell)
    return PageMethod(click_show_more, scripted.show_more, scripted.card)


def rendered(request, kind, scripted, again=False):
    """The request, to be rendered in Chromium: an "article" waits for its content, a "listing" clicks "Show more"
    (where the site's ``scripted`` content is).

    again: the raw page was fetched already, so the dupefilter must let this one through, and the
    download's own meta (latency, redirects, retries) stays behind; what its capture notes stays.
    """
    kept = {key: request.meta[key] for key in (NOTES,) if key in request.meta} if again else request.meta
    meta = {**kept, "playwright": True, RENDERED: True,
            "playwright_page_methods": [page_method(kind, scripted)]}
    return request.replace(meta=meta, dont_filter=again or request.dont_filter)


def article_needs_browser(sel, scripted):
    """The raw article page (a Selector) leaves its content to scripts: an empty shell, or an empty body container."""
    if not RUNNABLE_SCRIPT(sel.root):
        return False  # nothing could fill an empty body: a broken page, not a script's job
    shell = sel.css(scripted.shell)
    if shell and not shell[0].xpath("*"):
        return True
    body = sel.css(scripted.body)
    return bool(body) and not body[0].xpath("*") and not body[0].xpath("normalize-space()").get()


def listing_needs_browser(sel, scripted):
    """The listing (a Selector) loads more cards through a "Show more" button."""
    return bool(_xpath(scripted.show_more)(sel.root))


class Renderer:
    """Which requests render: all article and listing pages (``on``), or those the raw page shows need it (``auto``).

    ``scripted``: where the site's scripts put content (ScriptedContent)."""

    def __init__(self, crawler, scripted):
        self.mode = render_mode(crawler.settings) if crawler else "off"
        self.stats = crawler.stats if crawler else None
        self.scripted = scripted
        self.hinted = False

    def first(self, request, kind):
        """The first request for a page: rendered at once in ``on`` mode."""
        return rendered(request, kind, self.scripted) if self.mode == "on" else request

    @staticmethod
    def checks(request):
        """Whether a page should be checked for needing a browser: a raw page, not a rendered one."""
        return not request.meta.get(RENDERED)

    def again(self, response, kind):
        """For a raw page that needs a browser (article_needs_browser, listing_needs_browser):
        the rendered request (``auto``), or None."""
        if self.mode == "off":
            self.stats.inc_value("newscrawl/render/needed_off")
            if not self.hinted:
                logger.warning("%s needs JavaScript; NEWSCRAWL_PLAYWRIGHT=auto renders such pages", response.url)
                self.hinted = True
            return None
        self.stats.inc_value("newscrawl/render/fallback")
        self.stats.inc_value(f"newscrawl/render/fallback/{kind}")
        return rendered(response.request, kind, self.scripted, again=True)
