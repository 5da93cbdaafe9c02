"""Where each field and each link is on kyivindependent.com.

Page objects read a parsel Selector (or a Scrapy response) and return raw
values; cleaning happens in the loaders. No requests, no I/O.
"""

import re
from functools import cached_property
from urllib.parse import urljoin, urlsplit

from lxml.etree import XPath
from parsel import Selector
from parsel.csstranslator import HTMLTranslator
from scrapy.utils.response import get_base_url
from scrapy.utils.sitemap import Sitemap

from itemloaders.processors import MapCompose

from newscrawl.loaders import ArticleLoader
from newscrawl.processors import clean_text, to_utc_iso
from newscrawl.urls import host_of, normalize_url

HOSTS = ("kyivindependent.com",)
# Blocks inside the article body container that are not the article's own text.
BODY_EXCLUDED = (
    "c-member-cta",  # "Support independent journalism in Ukraine. Join us in this fight."
    "c-related",  # inline related-article cards
    "c-editor-note",  # kept apart, in editor_note
    "kg-card",  # gallery figures and their captions
)
BODY_BLOCKS = "p|h2|h3|h4|h5|h6|li|blockquote"
EDITOR_NOTE = re.compile(r"^\s*editor[’']s note\s*:", re.IGNORECASE)


def _has_class(name):
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def _css(query):
    """A CSS query compiled once, run inside an element."""
    return XPath(HTMLTranslator().css_to_xpath(query, prefix="descendant-or-self::"))


def _body_query():
    excluded = " or ".join(_has_class(name) for name in BODY_EXCLUDED)
    blocks = BODY_BLOCKS.split("|")
    return XPath(
        f".//div[{_has_class('c-content')}]//*[{' or '.join(f'self::{tag}' for tag in blocks)}]"
        f"[not(ancestor::*[{excluded}] or ancestor::figure or ancestor::form or ancestor::aside)]"
        f"[not({' or '.join(f'ancestor::{tag}' for tag in blocks)})]"
    )


class Q:
    """The article page's queries, each compiled once."""

    post = _css("article.c-post")
    metas = XPath("//meta[@content]")
    canonical = XPath("//link[@rel='canonical']/@href")
    headline = _css("h1.c-post__title")
    byline_authors = _css(".c-post__byline a.c-post__author")
    byline = _css(".c-post__byline")
    authors_line = _css(".c-post__authors")
    author_box = _css(".c-author-box b")
    date = _css("time.c-post__date")
    date_attribute = XPath(HTMLTranslator().css_to_xpath("time.c-post__date", prefix="descendant-or-self::") + "/@datetime")
    tags = _css(".c-post__tags a")
    caption = _css("figure.c-post__image figcaption")
    image = XPath(HTMLTranslator().css_to_xpath("figure.c-post__image img", prefix="descendant-or-self::") + "/@src")
    reading_time = _css(".c-post__read-time")
    editor_note = _css(".c-editor-note")
    body = _body_query()


def _absolute(base, href):
    """href resolved against base; None unless it is an http(s) URL ('http://[oops/', 'mailto:')."""
    try:
        url = urljoin(base, href.strip())
        parts = urlsplit(url)
        parts.port  # an invalid port raises here, not when the URL is joined
    except ValueError:
        return None
    return url if parts.scheme in ("http", "https") and parts.hostname else None


class KyivIndependentLoader(ArticleLoader):
    """Site quirks: dates without a zone are Kyiv time; URL variants collapse to one."""

    url_in = canonical_url_in = MapCompose(clean_text, normalize_url)
    date_published_in = date_modified_in = MapCompose(to_utc_iso)


class ArticlePage:
    """An article page of the 2023-2025 layout (Ghost behind Next.js).

    Methods return None for what they cannot locate; newscrawl.extraction asks
    the structured-data and generic layers for those fields when the page is
    not in a layout this class recognises. Queries are compiled once and run
    on lxml directly, inside the article element: parsel's per-result
    Selector objects cost more than the queries themselves.
    """

    loader_class = KyivIndependentLoader
    # How this site builds bodies, whatever the layout: for the generic layer after a redesign.
    body_in_one_container = True
    standfirst_in_body = False

    def __init__(self, response, url=None):
        self.sel = response if isinstance(response, Selector) else response.selector
        self.url = url or response.url

    @classmethod
    def from_html(cls, html, url):
        return cls(Selector(text=html), url)

    @cached_property
    def post(self):
        """The article element, or None in a layout these selectors do not know."""
        found = Q.post(self.sel.root)
        return found[0] if found else None

    def recognised(self):
        """The page is in the layout these selectors were written for."""
        return self.post is not None

    def _texts(self, query):
        return ["".join(node.itertext()) for node in query(self.post)] if self.post is not None else []

    def _first_text(self, query):
        texts = self._texts(query)
        return texts[0] if texts else None

    def _first_value(self, query):
        values = query(self.post) if self.post is not None else []
        return str(values[0]) if values else None

    def _meta(self, prop):
        return self._metas.get(prop)

    @cached_property
    def _metas(self):
        """The content of each <meta>, by property and by name; the first in document order wins."""
        metas = {}
        for meta in Q.metas(self.sel.root):
            for key in (meta.get("property"), meta.get("name")):
                if key is not None:
                    metas.setdefault(key, meta.get("content"))
        return metas

    def is_article(self):
        return self._meta("og:type") == "article" or self.recognised()

    def canonical_url(self):
        # Resolved against the page: a relative canonical would otherwise lose its host.
        hrefs = Q.canonical(self.sel.root)
        return _absolute(self.url, str(hrefs[0])) if hrefs else None

    def url_key(self):
        """The canonical URL when it stays on this site, else the fetched URL."""
        canonical = self.canonical_url()
        if canonical and host_of(canonical) == host_of(self.url):
            return canonical
        return self.url

    def headline(self):
        return self._first_text(Q.headline)

    def description(self):
        return self._meta("description") or self._meta("og:description")

    def authors(self):
        names = self._texts(Q.byline_authors)
        if names:
            return names
        byline = self._first_text(Q.byline)
        if byline:
            return [byline]
        # 2024-25 "Authors: A, B" line, then the legacy 2022 author box.
        authors_line = self._first_text(Q.authors_line)
        if authors_line:
            return [authors_line.split(":", 1)[-1]]
        return self._texts(Q.author_box) or None

    def date_published_raw(self):
        return self._first_text(Q.date)

    def date_published(self):
        return (
            self._meta("article:published_time")
            or self._first_value(Q.date_attribute)
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
        return self._texts(Q.tags) or None

    def section(self):
        tags = self.tags()
        return tags[0] if tags else None

    def main_image(self):
        return self._first_text(Q.caption)

    def main_image_url(self):
        return self._first_value(Q.image)

    def reading_time(self):
        return self._first_text(Q.reading_time)

    def _paragraphs(self):
        return self._paragraph_texts

    @cached_property
    def _paragraph_texts(self):
        # Read once: article_body() and editor_note() both need them.
        return self._texts(Q.body)

    def article_body(self):
        return [text for text in self._paragraphs() if not EDITOR_NOTE.match(text)]

    def editor_note(self):
        notes = self._texts(Q.editor_note)
        return notes or [text for text in self._paragraphs() if EDITOR_NOTE.match(text)]

    FIELDS = (
        "headline", "description", "authors", "date_published", "date_published_raw",
        "date_modified", "language", "tags", "section", "main_image", "main_image_url",
        "reading_time", "article_body", "editor_note", "canonical_url",
    )

    def raw_fields(self):
        """Every field this page object locates, as raw values."""
        raw = {field: getattr(self, field)() for field in self.FIELDS}
        raw["url"] = self.url_key()
        return {field: value for field, value in raw.items() if value is not None}

    def to_item(self, **extra):
        """Load every field through the site's loader; extra values are bookkeeping."""
        loader = self.loader_class(selector=self.sel)
        for field, value in {**self.raw_fields(), **extra}.items():
            loader.add_value(field, value)
        return loader.load_item()


class ListingPage:
    """A news-archive, tag, author or home page: article cards and the next page."""

    def __init__(self, response):
        self.response = response
        self.sel = response.selector

    def cards(self):
        """(absolute link, publication time string or None) for each card."""
        for card in self.sel.css("article.archiveCard"):
            href = card.css("a.archiveCard__link::attr(href)").get() or card.css("h3 a::attr(href)").get()
            link = _absolute(get_base_url(self.response), href) if href else None
            if link:
                yield link, card.attrib.get("data-archive-id") or None

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
        """The child sitemaps that list articles; pages, tags and authors lead to none."""
        return [loc for loc, _ in self.entries() if "sitemap-posts" in loc]
