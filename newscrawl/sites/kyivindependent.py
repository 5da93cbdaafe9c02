"""Where each field and each link is on kyivindependent.com.

Page objects read a parsel Selector (or a Scrapy response) and return raw
values; cleaning happens in the loaders. No requests, no I/O.
"""

import re
from functools import cached_property
from urllib.parse import urljoin, urlsplit

from parsel import Selector
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


def _text(selector):
    """All text below one node, as one string (its XPath string-value), read straight from lxml."""
    return "".join(selector.root.itertext())


def _absolute(base, href):
    """href resolved against base; None unless it is an http(s) URL ('http://[oops/', 'mailto:')."""
    try:
        url = urljoin(base, href.strip())
        parts = urlsplit(url)
        parts.port  # an invalid port raises here, not when the URL is joined
    except ValueError:
        return None
    return url if parts.scheme in ("http", "https") and parts.hostname else None


def _has_class(name):
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


class KyivIndependentLoader(ArticleLoader):
    """Site quirks: dates without a zone are Kyiv time; URL variants collapse to one."""

    url_in = canonical_url_in = MapCompose(clean_text, normalize_url)
    date_published_in = date_modified_in = MapCompose(to_utc_iso)


class ArticlePage:
    """An article page of the 2023-2025 layout (Ghost behind Next.js).

    Methods return None for what they cannot locate; newscrawl.extraction asks
    the structured-data and generic layers for those fields when the page is
    not in a layout this class recognises.
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

    def recognised(self):
        """The page is in the layout these selectors were written for."""
        return bool(self.sel.css("article.c-post"))

    def _meta(self, prop):
        return self._metas.get(prop)

    @cached_property
    def _metas(self):
        """The content of each <meta>, by property and by name; the first in document order wins."""
        # One pass over the page instead of one per field.
        metas = {}
        for meta in self.sel.xpath("//meta[@content]"):
            attributes = meta.root.attrib
            for key in (attributes.get("property"), attributes.get("name")):
                if key is not None:
                    metas.setdefault(key, attributes["content"])
        return metas

    def is_article(self):
        return self._meta("og:type") == "article" or bool(self.sel.css("article.c-post"))

    def canonical_url(self):
        # Resolved against the page: a relative canonical would otherwise lose its host.
        href = self.sel.css("link[rel=canonical]::attr(href)").get()
        return _absolute(self.url, href) if href else None

    def url_key(self):
        """The canonical URL when it stays on this site, else the fetched URL."""
        canonical = self.canonical_url()
        if canonical and host_of(canonical) == host_of(self.url):
            return canonical
        return self.url

    def headline(self):
        return self.sel.css("h1.c-post__title").xpath("string()").get()

    def description(self):
        return self._meta("description") or self._meta("og:description")

    def authors(self):
        names = self.sel.css(".c-post__byline a.c-post__author").xpath("string()").getall()
        if names:
            return names
        byline = self.sel.css(".c-post__byline").xpath("string()").get()
        if byline:
            return [byline]
        # 2024-25 "Authors: A, B" line, then the legacy 2022 author box.
        authors_line = self.sel.css(".c-post__authors").xpath("string()").get()
        if authors_line:
            return [authors_line.split(":", 1)[-1]]
        return self.sel.css(".c-author-box b").xpath("string()").getall() or None

    def date_published_raw(self):
        return self.sel.css("time.c-post__date").xpath("string()").get()

    def date_published(self):
        return (
            self._meta("article:published_time")
            or self.sel.css("time.c-post__date::attr(datetime)").get()
            or self.date_published_raw()
        )

    def date_modified(self):
        return self._meta("article:modified_time")

    def language(self):
        return self.sel.xpath("/html/@lang").get()

    def tags(self):
        return self._tags

    @cached_property
    def _tags(self):
        # Read once: section() needs them too.
        return self.sel.css(".c-post__tags a").xpath("string()").getall() or None

    def section(self):
        tags = self.tags()
        return tags[0] if tags else None

    def main_image(self):
        return self.sel.css("figure.c-post__image figcaption").xpath("string()").get()

    def main_image_url(self):
        return self.sel.css("figure.c-post__image img::attr(src)").get()

    def reading_time(self):
        return self.sel.css(".c-post__read-time").xpath("string()").get()

    def _body_nodes(self):
        excluded = " or ".join(_has_class(name) for name in BODY_EXCLUDED)
        tags = " or ".join(f"self::{tag}" for tag in BODY_BLOCKS.split("|"))
        nested = " or ".join(f"ancestor::{tag}" for tag in BODY_BLOCKS.split("|"))
        return self.sel.xpath(
            f"//div[{_has_class('c-content')}]//*[{tags}]"
            f"[not(ancestor::*[{excluded}] or ancestor::figure or ancestor::form or ancestor::aside)]"
            f"[not({nested})]"
        )

    def _paragraphs(self):
        return self._paragraph_texts

    @cached_property
    def _paragraph_texts(self):
        # Read once: article_body() and editor_note() both need them.
        return [_text(node) for node in self._body_nodes()]

    def article_body(self):
        return [text for text in self._paragraphs() if not EDITOR_NOTE.match(text)]

    def editor_note(self):
        notes = self.sel.css(".c-editor-note").xpath("string()").getall()
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
