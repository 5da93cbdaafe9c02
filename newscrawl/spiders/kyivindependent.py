"""What is crawled on kyivindependent.com: the news archive, section pages and the feed."""

from datetime import date, datetime, timezone
from urllib.parse import urlsplit

import scrapy

from newscrawl.processors import parse_datetime
from newscrawl.sites.kyivindependent import ArticlePage, FeedPage, ListingPage
from newscrawl.urls import host_of, normalize_url

# Paths that are never articles: listings, company pages, the CMS and its assets.
NOT_ARTICLE_PREFIXES = (
    "/tag/", "/author/", "/news-archive/", "/category/", "/about/", "/contacts/", "/jobs/",
    "/team/", "/advertising/", "/newsletters/", "/store/", "/ki-insights/", "/membership/",
    "/help-center/", "/assets/", "/ghost/", "/_next/", "/p/",
)


class KyivIndependentSpider(scrapy.Spider):
    """Follows the news archive and the section (tag) pages to every article."""

    name = "kyivindependent"
    base_url = "https://kyivindependent.com"
    archive_path = "/news-archive/"
    feed_path = "/news-archive/rss/"
    # The navigation's "Featured" sections.
    sections = ("war", "analysis", "russias-war", "national", "human-story", "field-report", "company-news")

    def __init__(self, base_url=None, sections=None, since=None, max_pages=None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Spider arguments arrive as strings (from Scrapyd too): convert them once.
        self.base_url = (base_url or self.base_url).rstrip("/")
        self.base_host = host_of(self.base_url)
        if sections:
            self.sections = tuple(s.strip() for s in sections.split(",") if s.strip())
        self.since = date.fromisoformat(since) if since else None
        self.max_pages = int(max_pages) if max_pages else None

    async def start(self):
        yield scrapy.Request(self.base_url + self.feed_path, callback=self.parse_feed)
        yield self.listing_request(self.base_url + self.archive_path)
        for slug in self.sections:
            yield self.listing_request(f"{self.base_url}/tag/{slug}/")

    def listing_request(self, url, page_number=1):
        return scrapy.Request(
            normalize_url(url), callback=self.parse_listing, cb_kwargs={"page_number": page_number}
        )

    def article_request(self, url, discovered_via, listed_date=None):
        return scrapy.Request(
            normalize_url(url),
            callback=self.parse_article,
            cb_kwargs={"discovered_via": discovered_via, "listed_date": listed_date},
        )

    def is_article_url(self, url):
        """On this site, not a listing or company page, and not a garbage link."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or host_of(url) != self.base_host:
            return False
        path = parts.path
        if "%22" in path or '"' in path or path in ("", "/"):
            return False
        return not path.startswith(NOT_ARTICLE_PREFIXES)

    def is_too_old(self, listed_date):
        published = parse_datetime(listed_date) if listed_date else None
        return bool(self.since and published and published.astimezone(timezone.utc).date() < self.since)

    def follow_articles(self, response, links):
        """Requests for the article links of a listing; True when every dated link is too old."""
        stats = self.crawler.stats
        requests, old = [], 0
        for link, listed_date in links:
            if not self.is_article_url(link):
                stats.inc_value("newscrawl/links_skipped")
                continue
            if self.is_too_old(listed_date):
                old += 1
                continue
            requests.append(self.article_request(link, response.url, listed_date))
        return requests, bool(old) and not requests

    def parse_listing(self, response, page_number):
        page = ListingPage(response)
        requests, all_old = self.follow_articles(response, page.cards())
        yield from requests
        next_page = page.next_page()
        within_bound = self.max_pages is None or page_number < self.max_pages
        if next_page and host_of(next_page) == self.base_host and within_bound and not all_old:
            yield self.listing_request(next_page, page_number + 1)

    def parse_feed(self, response):
        requests, _ = self.follow_articles(response, FeedPage(response).entries())
        yield from requests

    def parse_article(self, response, discovered_via, listed_date=None):
        page = ArticlePage(response)
        if not page.is_article():
            self.crawler.stats.inc_value("newscrawl/not_article")
            self.logger.info("Not an article page, skipped: %s", response.url)
            return
        crawled_at = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        # The listing's date is the last resort, after everything on the page itself.
        yield page.to_item(date_published=listed_date, crawled_at=crawled_at, discovered_via=discovered_via)
