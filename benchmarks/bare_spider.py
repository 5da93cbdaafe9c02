"""The framework's ceiling: a spider that follows newscrawl's links and does nothing else.

    scrapy runspider benchmarks/bare_spider.py -a base_url=http://127.0.0.1:8000

It starts where `kyivindependent` (mode full) starts (the RSS feed, the sitemap index,
the news archive and the sections), follows rel=next and the posts sitemaps, and
requests every article link in the same normalised spelling, so that the same pages
are fetched. Article pages are not parsed; no items, no pipelines.
"""

from urllib.parse import urlsplit

import scrapy
from scrapy.utils.sitemap import Sitemap

from newscrawl.spiders.kyivindependent import NOT_ARTICLE_PREFIXES, KyivIndependentSpider
from newscrawl.urls import normalize_url


class BareSpider(scrapy.Spider):
    """Follows the feed, the sitemaps and the listings; ignores what article pages say."""

    name = "bare"
    custom_settings = {"ITEM_PIPELINES": {}, "NEWSCRAWL_EXTRACT_PROCESSES": 0}  # nothing to extract
    sections = KyivIndependentSpider.sections

    def __init__(self, base_url="http://127.0.0.1:8000", *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.base_url = base_url.rstrip("/")
        self.allowed_domains = [urlsplit(self.base_url).hostname]

    async def start(self):
        base = self.base_url
        yield scrapy.Request(base + KyivIndependentSpider.feed_path, self.parse_feed, dont_filter=True)
        yield scrapy.Request(base + KyivIndependentSpider.sitemap_path, self.parse_sitemap, dont_filter=True)
        yield scrapy.Request(base + KyivIndependentSpider.archive_path, self.parse_listing, dont_filter=True)
        for slug in self.sections:
            yield scrapy.Request(f"{base}/tag/{slug}/", self.parse_listing, dont_filter=True)

    def article(self, url):
        path = urlsplit(url).path
        if path in ("", "/") or '"' in path or "%22" in path or path.startswith(NOT_ARTICLE_PREFIXES):
            return None
        return scrapy.Request(normalize_url(url), self.parse_article)

    def parse_listing(self, response):
        for card in response.css("article.archiveCard"):
            href = card.css("a.archiveCard__link::attr(href)").get() or card.css("h3 a::attr(href)").get()
            if href and (request := self.article(response.urljoin(href))):
                yield request
        next_page = response.css("link[rel=next]::attr(href)").get()
        if next_page:
            yield scrapy.Request(normalize_url(response.urljoin(next_page)), self.parse_listing)

    def parse_feed(self, response):
        response.selector.remove_namespaces()
        for link in response.xpath("//item/link/text()").getall():
            if request := self.article(link.strip()):
                yield request

    def parse_sitemap(self, response):
        sitemap = Sitemap(response.body)
        for entry in sitemap:
            loc = entry.get("loc", "").strip()
            if sitemap.type == "sitemapindex" and "sitemap-posts" in loc:
                yield scrapy.Request(normalize_url(loc), self.parse_sitemap, dont_filter=True)
            elif sitemap.type == "urlset" and loc and (request := self.article(loc)):
                yield request

    def parse_article(self, response):
        """Nothing: the ceiling is what the framework does to fetch the page."""
        return ()
