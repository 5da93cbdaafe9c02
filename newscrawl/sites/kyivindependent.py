"""Where each field and each link is on kyivindependent.com.

Page objects read a parsel Selector (or a Scrapy response) and return raw
values; cleaning happens in the loaders. No requests, no I/O.
"""

import re
from functools import cached_property, partial
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

from itemloaders.processors import MapCompose
from lxml.etree import Element, XPath
from parsel import Selector
from parsel.csstranslator import HTMLTranslator
from scrapy.utils.response import get_base_url
from scrapy.utils.sitemap import Sitemap

from newscrawl import sites
from newscrawl.items import EXTRACTED_FIELDS
from newscrawl.loaders import ArticleLoader
from newscrawl.processors import clean_text, to_utc_iso
from newscrawl.rendering import ScriptedContent
from newscrawl.urls import normalize_url, origin_of

HOSTS = ("kyivindependent.com",)
KYIV = ZoneInfo("Europe/Kyiv")  # the site's times without a zone are Kyiv's
FOUNDED = "2021-11-01"  # no article is older: the first dates validation accepts (NEWSCRAWL_EARLIEST_DATE)
# Where content goes that a script fills in, and the button that loads more cards (newscrawl/rendering.py).
SCRIPTED = ScriptedContent(
    body="div.c-content, div.post-body",  # 2025 and 2026 layouts
    shell="article.c-post",  # the Next.js front end sends it empty and builds it from __NEXT_DATA__
    show_more="button.js-show-more",
    card="article.archiveCard",
)
# Blocks inside the article body container that are not the article's own text.
BODY_EXCLUDED = frozenset((
    "c-member-cta",  # "Support independent journalism in Ukraine. Join us in this fight."
    "c-related",  # inline related-article cards
    "c-editor-note",  # kept apart, in editor_note
    "kg-card",  # gallery figures and their captions
))
BODY_BLOCKS = frozenset(("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"))
EDITOR_NOTE = re.compile(r"^\s*editor[’']s note\s*:", re.IGNORECASE)
ASCII_SPACE = re.compile(r"[^ \t\n\r\f]+")
# Elements whose text is never the article's, wherever they sit.
BODY_SKIPPED_TAGS = frozenset(("figure", "form", "aside"))


def class_names(element):
    """An element's class names, split on ASCII whitespace as HTML does."""
    value = element.get("class")
    if not value:
        return ()
    return value.split() if value.isascii() else ASCII_SPACE.findall(value)


class PostIndex:
    """The article element's descendants by class name, read in one pass.

    The article element has a few dozen descendants: one walk over them costs
    less than running a compiled XPath per field, and CSS queries of the form
    ``tag.class tag.class`` are then answered from the index.
    """

    def __init__(self, post):
        self.post = post
        self.by_class = {}
        for element in post.iter(Element):
            for name in class_names(element):
                self.by_class.setdefault(name, []).append(element)

    def select(self, css):
        """Elements matching a descendant chain such as ``.c-post__byline a.c-post__author``, in document order."""
        first, *rest = [step.partition(".")[::2] for step in css.split()]
        found = self._matching(*first)
        for tag, name in rest:
            found = [element for outer in _outermost(found) for element in outer.iterdescendants(tag or Element)
                     if not name or name in class_names(element)]
        return found

    def _matching(self, tag, name):
        if not name:
            return list(self.post.iter(tag))
        return [element for element in self.by_class.get(name, ()) if not tag or element.tag == tag]

    def body_blocks(self):
        """The body's text blocks: p, headings, list items and quotes inside div.c-content,
        outside excluded blocks, figures, forms and asides, and not inside another block."""
        blocks = []
        for container in _outermost(self.select("div.c-content")):
            if not _skipped(container) and not any(
                _skipped(element) or element.tag in BODY_BLOCKS for element in container.iterancestors()
            ):
                _collect_blocks(container, blocks)
        return blocks


def _outermost(elements):
    """Elements (in document order) that are not inside an earlier one.

    In document order, an element inside an earlier one is inside the last one kept.
    """
    kept = []
    for element in elements:
        if not kept or kept[-1] not in element.iterancestors():
            kept.append(element)
    return kept


def _skipped(element):
    return element.tag in BODY_SKIPPED_TAGS or not BODY_EXCLUDED.isdisjoint(class_names(element))


def _collect_blocks(element, blocks):
    for child in element.iterchildren(Element):
        if _skipped(child):
            continue
        if child.tag in BODY_BLOCKS:
            blocks.append("".join(child.itertext()))
        else:
            _collect_blocks(child, blocks)


def _absolute(base, href):
    """href resolved against base; None unless it is an http(s) URL ('http://[oops/', 'mailto:')."""
    try:
        url = urljoin(base, href.strip())
        parts = urlsplit(url)
        parts.port  # an invalid port raises here, not when the URL is joined
    except ValueError:
        return None
    return url if parts.scheme in ("http", "https") and parts.hostname else None


def _first(values):
    return str(values[0]) if values else None


class KyivIndependentLoader(ArticleLoader):
    """Site quirks: dates without a zone are Kyiv time; URL variants collapse to one."""

    url_in = canonical_url_in = MapCompose(clean_text, normalize_url)
    date_published_in = date_modified_in = MapCompose(partial(to_utc_iso, local_zone=KYIV))


class ArticlePage:
    """An article page of the 2023-2025 layout (Ghost behind Next.js).

    Methods return None for what they cannot locate; newscrawl.extraction asks
    the structured-data and generic layers for those fields when the page is
    not in a layout this class recognises. CSS queries run on lxml directly,
    inside the article element, through one PostIndex per page: parsel's
    per-result Selector objects, and an XPath scan per field, cost more than
    reading the small article element once.
    """

    loader_class = KyivIndependentLoader
    # How this site builds bodies, whatever the layout: for the generic layer after a redesign.
    body_in_one_container = True
    standfirst_in_body = False

    def __init__(self, response, url=None):
        self.sel = response if isinstance(response, Selector) else response.selector
        self.url = url or response.url

    @cached_property
    def post(self):
        """The article element, or None in a layout these selectors do not know."""
        for article in self.sel.root.iter("article"):
            if "c-post" in class_names(article):
                return article
        return None

    @cached_property
    def index(self):
        return PostIndex(self.post) if self.post is not None else None

    def recognised(self):
        """The page is in the layout these selectors were written for."""
        return self.post is not None

    def _texts(self, css):
        return ["".join(node.itertext()) for node in self.index.select(css)] if self.post is not None else []

    def _first_text(self, css):
        texts = self._texts(css)
        return texts[0] if texts else None

    def _first_attribute(self, css, name):
        elements = self.index.select(css) if self.post is not None else []
        return next((value for element in elements if (value := element.get(name)) is not None), None)

    def _meta(self, prop):
        return self._metas.get(prop)

    @cached_property
    def _metas(self):
        """The content of each <meta>, by property and by name; the first in document order wins."""
        metas = {}
        for meta in self.sel.root.iter("meta"):
            content = meta.get("content")
            if content is not None:
                for key in (meta.get("property"), meta.get("name")):
                    if key is not None:
                        metas.setdefault(key, content)
        return metas

    def is_article(self):
        return self._meta("og:type") == "article" or self.recognised()

    @cached_property
    def _canonical(self):
        # Resolved against the page: a relative canonical would otherwise lose its host.
        hrefs = [link.get("href") for link in self.sel.root.iter("link")
                 if link.get("rel") == "canonical" and link.get("href") is not None]
        return _absolute(self.url, hrefs[0]) if hrefs else None

    def canonical_url(self):
        return self._canonical

    def url_key(self):
        """The canonical URL when it stays on this site, else the fetched URL."""
        canonical = self.canonical_url()
        return canonical if canonical and origin_of(canonical) == origin_of(self.url) else self.url

    def headline(self):
        return self._first_text("h1.c-post__title")

    def description(self):
        return self._meta("description") or self._meta("og:description")

    def authors(self):
        names = self._texts(".c-post__byline a.c-post__author")
        if names:
            return names
        byline = self._first_text(".c-post__byline")
        if byline:
            return [byline]
        # 2024-25 "Authors: A, B" line, then the legacy 2022 author box.
        authors_line = self._first_text(".c-post__authors")
        if authors_line:
            return [authors_line.split(":", 1)[-1]]
        return self._texts(".c-author-box b") or None

    def date_published_raw(self):
        return self._first_text("time.c-post__date")

    def date_published(self):
        return (
            self._meta("article:published_time")
            or self._first_attribute("time.c-post__date", "datetime")
            or self.date_published_raw()
        )

    def date_modified(self):
        return self._meta("article:modified_time")

    def language(self):
        return self.sel.root.get("lang")

    def tags(self):
        return self._tags

    @cached_property
    def _tags(self):
        # Read once: section() needs them too.
        return self._texts(".c-post__tags a") or None

    def section(self):
        tags = self.tags()
        return tags[0] if tags else None

    def main_image(self):
        return self._first_text("figure.c-post__image figcaption")

    def main_image_url(self):
        return self._first_attribute("figure.c-post__image img", "src")

    def reading_time(self):
        return self._first_text(".c-post__read-time")

    def _paragraphs(self):
        return self._paragraph_texts

    @cached_property
    def _paragraph_texts(self):
        # Read once: article_body() and editor_note() both need them.
        return (self.index.body_blocks() if self.post is not None else [])

    def article_body(self):
        return [text for text in self._paragraphs() if not EDITOR_NOTE.match(text)]

    def editor_note(self):
        notes = self._texts(".c-editor-note")
        return notes or [text for text in self._paragraphs() if EDITOR_NOTE.match(text)]

    def raw_fields(self):
        """Every field this page object locates (a method named like the field), as raw values."""
        methods = ((field, getattr(self, field, None)) for field in EXTRACTED_FIELDS if field != "url")
        raw = {field: method() for field, method in methods if method is not None}
        raw["url"] = self.url_key()
        return {field: value for field, value in raw.items() if value is not None}


sites.register(ArticlePage, HOSTS)


class ListingPage:
    """A news-archive, tag, author or home page: article cards and the next page."""

    # Compiled once, run on lxml: a listing has dozens of cards, and a parsel Selector per card costs more.
    CARDS = XPath(HTMLTranslator().css_to_xpath("article.archiveCard"))
    CARD_LINK = XPath(HTMLTranslator().css_to_xpath("a.archiveCard__link", prefix="descendant-or-self::") + "/@href")
    HEADING_LINK = XPath(HTMLTranslator().css_to_xpath("h3 a", prefix="descendant-or-self::") + "/@href")

    def __init__(self, response, selector=None):
        self.response = response
        self.sel = selector if selector is not None else response.selector

    def cards(self):
        """(absolute link, publication time string or None) for each card."""
        base = get_base_url(self.response)
        for card in self.CARDS(self.sel.root):
            href = _first(self.CARD_LINK(card)) or _first(self.HEADING_LINK(card))
            link = _absolute(base, href) if href else None
            if link:
                yield link, card.get("data-archive-id") or None

    def next_page(self):
        href = self.sel.css("link[rel=next]::attr(href)").get()
        return _absolute(get_base_url(self.response), href) if href else None


class FeedPage:
    """The RSS 2.0 feed: article links with their GMT publication time."""

    def __init__(self, response):
        self.sel = response.selector
        self.sel.remove_namespaces()

    def entries(self):
        for entry in self.sel.xpath("//item"):
            link = entry.xpath("link/text()").get()
            if link and _absolute("", link):
                yield link.strip(), entry.xpath("pubDate/text()").get()



class SitemapPage:
    """A sitemap index or urlset (Ghost: sitemap.xml -> sitemap-posts.xml, -pages, -tags, -authors)."""

    def __init__(self, response):
        self.sitemap = Sitemap(response.body)

    def is_index(self):
        return self.sitemap.type == "sitemapindex"

    def entries(self):
        """(location, lastmod string or None) for each entry."""
        for entry in self.sitemap:
            if entry.get("loc") and _absolute("", entry["loc"]):
                yield entry["loc"].strip(), entry.get("lastmod")

    def post_sitemaps(self):
        """(location, lastmod string or None) of the child sitemaps that list articles; pages, tags and
        authors lead to none."""
        return [(loc, lastmod) for loc, lastmod in self.entries() if "sitemap-posts" in loc]
