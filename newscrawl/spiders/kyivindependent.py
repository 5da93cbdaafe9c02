"""What is crawled on kyivindependent.com: the feed, the news archive, sections and sitemaps."""

import heapq
import re
from collections import deque
from datetime import datetime, timezone
from functools import cached_property
from itertools import islice
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.http import TextResponse
from scrapy.selector import Selector
from twisted.python.failure import Failure

from newscrawl.archive.captures import CAPTURE, CAPTURE_LINK, NOTES
from newscrawl.archive.sightings import requested_url
from newscrawl.archive.state import Archive
from newscrawl.changes.checks import HANDLED
from newscrawl.changes.crawling import ArticleChecks
from newscrawl.extensions import count_layers, count_text_findings
from newscrawl.extraction import extract_article
from newscrawl.failures import failure_reason
from newscrawl.items import ARTICLE_FIELDS, Article
from newscrawl.processors import parse_datetime
from newscrawl.rendering import Renderer, article_needs_browser, listing_needs_browser
from newscrawl.sites.kyivindependent import FOUNDED, KYIV, SCRIPTED, ArticlePage, FeedPage, ListingPage, SitemapPage
from newscrawl.spiders.arguments import MODES, parse_arguments
from newscrawl.urls import host_of, normalize_url, origin_of
from newscrawl.workers import FAILED as WORK_FAILED, RESULT, WORK

# Paths that are never articles: listings, company pages, the CMS and its assets.
NOT_ARTICLE_PREFIXES = (
    "/tag/", "/author/", "/news-archive/", "/category/", "/about/", "/contacts/", "/jobs/",
    "/team/", "/advertising/", "/newsletters/", "/store/", "/ki-insights/", "/membership/",
    "/help-center/", "/assets/", "/ghost/", "/_next/", "/p/",
)
# Sitemap links requested at a time once the crawl runs dry.
SITEMAP_CHUNK = 200
# Post sitemaps go ahead of the article pages waiting in the scheduler: their links wait for the crawl to run
# dry all the same, and read first, the memory that a sitemap of 20,000 entries takes while it is read is
# reused by the per-article state that the crawl builds afterwards, instead of adding to it at its end.
SITEMAP_PRIORITY = 1  # Scrapy's default 0
# With max_pages, a sitemap counts as a listing of pages this long (the news archive's cards per page).
SITEMAP_PAGE = 20
_OLDEST = datetime.min.replace(tzinfo=timezone.utc)
# A later page of a paginated listing: the listing is its first page.
LISTING_PAGE = re.compile(r"page/\d+/$")


def _utc(value):
    parsed = parse_datetime(value, KYIV) if value else None
    return parsed.astimezone(timezone.utc) if parsed else None


def article_item(record, discovered_via, capture=None):
    """The Article for an extracted record (analyse_article's), fetched when its capture says (else now).

    Re-extraction (newscrawl/archive/reextract.py) makes its items here too."""
    fields = {key: record.get(key) for key in ARTICLE_FIELDS if record.get(key) is not None}
    if capture is None:
        return Article(fields, crawled_at=datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                       discovered_via=discovered_via)
    link = {key: capture[key] for key in CAPTURE_LINK}
    return Article(fields, crawled_at=capture["date"][:19] + "Z", discovered_via=discovered_via, capture=link)


def page_selector(response):
    """The parsed page, not cached on the response.

    response.selector would keep it there, and the selector keeps the response: a reference
    cycle (scrapy/scrapy#2977) that holds every parsed page until Python's slowest garbage
    collection, which then has them all to walk. Without it a page goes when its callback ends.
    """
    return Selector(response=response)


def analyse_article(response_class, url, body, encoding, listed_date=None, check_browser=True):
    """What parse_article needs from an article page, as plain data: it runs in an extraction worker.

    "needs_browser": the raw page leaves its content to scripts (checked if check_browser);
    then "not_article", or "record" (extract_article's) and "recognised" (the page object knew the layout).
    """
    response = response_class(url, body=body, encoding=encoding)
    selector = page_selector(response)
    result = {"needs_browser": check_browser and article_needs_browser(selector, SCRIPTED)}
    page = ArticlePage(selector, url)
    if not page.is_article():
        return {**result, "not_article": True}
    # The listing's date is the last resort, after everything on the page itself.
    record = extract_article(response.text, url, page=page, tree=selector.root,
                             hints={"date_published": listed_date} if listed_date else None)
    return {**result, "record": record, "recognised": page.recognised()}


class KyivIndependentSpider(scrapy.Spider):
    """Follows the feed, the news archive, the section (tag) pages and the sitemaps to every article."""

    name = "kyivindependent"
    base_url = "https://kyivindependent.com"
    archive_path = "/news-archive/"
    feed_path = "/news-archive/rss/"
    sitemap_path = "/sitemap.xml"
    # The navigation's "Featured" sections.
    sections = ("war", "analysis", "russias-war", "national", "human-story", "field-report", "company-news")
    custom_settings = {"NEWSCRAWL_EARLIEST_DATE": FOUNDED}

    since = None  # a date: articles published before it are not stored
    max_pages = None  # pages per listing, and per sitemap in pages of SITEMAP_PAGE links
    mode = "full"
    check_arguments = staticmethod(parse_arguments)  # the crawl command asks before it starts

    def __init__(self, *args, **kwargs):
        # Spider arguments arrive as strings (from Scrapyd too): checked and converted once (arguments.py).
        super().__init__(*args, **parse_arguments(kwargs))
        self.origin = origin_of(self.base_url)
        # Scrapy's offsite filter compares host names only; the spider and the redirect middleware
        # compare origins, the port included (on_site).
        self.allowed_domains = [host_of(self.base_url)]
        self.crawls = MODES[self.mode]
        # (sitemap, its (loc, lastmod) entries not requested yet), for when the crawl runs dry
        self.sitemap_links = deque()

    async def start(self):
        if not await self.site_answers():
            return
        # Articles that `coverage --queue` found missing go first.
        for url in self.archive.sightings.queue:
            yield self.article_request(url, "queued by coverage").replace(priority=1)
        # Listing heads are fetched on every run, resumed runs too.
        yield scrapy.Request(self.base_url + self.feed_path, callback=self.parse_feed, dont_filter=True)
        if self.crawls.sitemaps:
            yield scrapy.Request(
                self.base_url + self.sitemap_path, callback=self.parse_sitemap, dont_filter=True,
                errback=self.sitemap_missing,
            )
        if self.crawls.listings:
            yield self.listing_request(self.base_url + self.archive_path)
            for slug in self.sections:
                yield self.listing_request(f"{self.base_url}/tag/{slug}/")
        # Pages that failed in earlier runs get another chance in every run.
        for url in self.archive.pending_failures():
            if self.is_article_url(url):
                yield self.article_request(url, "failed in an earlier run")

    async def site_answers(self):
        """Whether base_url answers at all, asked once (HEAD of its robots.txt, which is never disallowed)
        before the start requests, so that a wrong or dead base_url ends the crawl with one line."""
        probe = scrapy.Request(self.base_url + "/robots.txt", method="HEAD", dont_filter=True,
                               meta={"dont_obey_robotstxt": True})
        try:
            await self.crawler.engine.download_async(probe)
        except Exception as error:  # whatever the download raised: the reason says which
            self.crawler.stats.inc_value("newscrawl/base_url_unreachable")
            self.logger.error("base_url %s does not answer (%s: %s); nothing crawled",
                              self.base_url, failure_reason(Failure(error)), error)
            return False
        return True

    @cached_property
    def archive(self):
        """What the archive holds: stored articles, failed URLs (newscrawl/archive/state.py)."""
        return self.crawler.get_extension(Archive)

    @cached_property
    def checks(self):
        """Checks of the archived articles (newscrawl/changes/crawling.py), once the archive is open;
        none outside a crawl (a callback called on its own)."""
        try:
            archive = self.archive
        except RuntimeError:  # no crawl engine
            archive = None
        whole = not (self.since or self.max_pages)  # bounded sitemaps do not tell which articles left them
        if archive is None or archive.store is None:
            return ArticleChecks(self, None, {}, False, whole)
        return ArticleChecks(self, archive.watch, archive.index, self.crawls.rechecks, whole, archive.held_at_start)

    @cached_property
    def renderer(self):
        """Which pages render in Chromium (newscrawl/rendering.py)."""
        return Renderer(getattr(self, "crawler", None), SCRIPTED)

    def listing_request(self, url, page_number=1):
        return self.renderer.first(scrapy.Request(
            normalize_url(url), callback=self.parse_listing, errback=self.request_failed,
            cb_kwargs={"page_number": page_number}, dont_filter=page_number == 1,
        ), "listing")

    def article_request(self, url, discovered_via, listed_date=None):
        return self.renderer.first(scrapy.Request(
            normalize_url(url),
            callback=self.parse_article,
            errback=self.request_failed,
            cb_kwargs={"discovered_via": discovered_via, "listed_date": listed_date},
            # Parsed and extracted in a worker process (work_for); a check when the archive holds it; what
            # re-extraction needs goes beside the capture.
            meta={WORK: True, **self.checks.meta(normalize_url(url)),
                  NOTES: {"discovered-via": discovered_via, "listed-date": listed_date}},
        ), "article")

    def on_site(self, url):
        """Same scheme, host and port as base_url."""
        return origin_of(url) == self.origin

    def is_article_url(self, url):
        """On this site, not a listing or company page, and not a garbage link."""
        if not self.on_site(url):
            return False
        path = urlsplit(url).path
        if "%22" in path or '"' in path or path in ("", "/"):
            return False
        return not path.startswith(NOT_ARTICLE_PREFIXES)

    def before_since(self, when):
        """Whether a date (a listing's or feed's publication date, a sitemap's lastmod, an article's own)
        is before since; a missing or unreadable one is not."""
        if not self.since:
            return False
        moment = _utc(when)
        return bool(moment and moment.date() < self.since)

    def is_stored(self, url, modified=None, in_sitemap=False):
        """Stored already, not modified since (as far as the listing can tell), and not vanished."""
        url = normalize_url(url)
        stored = self.archive.stored(url)
        if stored is None or self.checks.vanished(url, in_sitemap):
            return False
        return not (modified and stored[1] and _utc(modified) > _utc(stored[1]))

    def saw(self, kind, listing, links, page=None):
        """Tell the archive which article links (url, date) a sitemap, the feed or a listing showed."""
        self.archive.sightings.listed(kind, listing, [(url, when, self.before_since(when)) for url, when in links
                                                      if self.is_article_url(url)], page)

    def follow_articles(self, source, links, modified_dates=False):
        """Requests for a page's article links, with how many were recent enough and how many new.

        links are (url, date) pairs: the publication date on listings and feeds,
        the last modification on sitemaps.
        """
        stats = self.crawler.stats
        requests, recent = [], 0
        for link, when in links:
            if not self.is_article_url(link):
                stats.inc_value("newscrawl/links_skipped")
                continue
            # A page last modified before since was published before it too.
            if self.before_since(when):
                stats.inc_value("newscrawl/links_before_since")
                continue
            recent += 1
            if self.is_stored(link, when if modified_dates else None, in_sitemap=modified_dates):
                stats.inc_value("newscrawl/links_known")
                continue
            requests.append(self.article_request(link, source, None if modified_dates else when))
        return requests, recent

    def parse_listing(self, response, page_number):
        selector = page_selector(response)
        # Cards that "Show more" loads need a browser; the raw page's cards are followed meanwhile.
        needs_browser = self.renderer.checks(response.request) and listing_needs_browser(selector, SCRIPTED)
        rendered = needs_browser and self.renderer.again(response, "listing")
        if rendered:
            yield rendered
        page = ListingPage(response, selector)
        cards = list(page.cards())
        self.saw("listing", LISTING_PAGE.sub("", response.url), cards, page_number)
        requests, recent = self.follow_articles(response.url, cards)
        yield from requests
        next_page = page.next_page()
        within_bound = self.max_pages is None or page_number < self.max_pages
        ends_here = (self.since and not recent) or (self.crawls.stop_at_known and not requests)
        if next_page and self.on_site(next_page) and within_bound and not ends_here:
            yield self.listing_request(next_page, page_number + 1)

    def parse_feed(self, response):
        entries = list(FeedPage(response).entries())
        if not entries:
            # Not RSS, empty, or refused by the XML parser (a feed that declares entities, for one).
            self.crawler.stats.inc_value("newscrawl/feed_empty")
            self.logger.warning("Feed with no entries: %s", response.url)
        self.saw("feed", response.url, entries)
        yield from self.follow_articles(response.url, entries)[0]

    def parse_sitemap(self, response):
        page = SitemapPage(response)
        if page.is_index():
            children = [loc for loc, lastmod in page.post_sitemaps()
                        if self.on_site(loc) and not self.before_since(lastmod)]
            self.checks.sitemap_index(len(children))
            for loc in children:
                yield scrapy.Request(normalize_url(loc), callback=self.parse_sitemap, dont_filter=True,
                                     priority=SITEMAP_PRIORITY, errback=self.sitemap_missing)
            return
        entries = list(page.entries())
        self.saw("sitemap", response.url, entries)
        self.checks.sitemap_read(loc for loc, _ in entries)
        entries = self.within_max_pages(entries)
        if self.settings.get("NEWSCRAWL_REDIS_URL"):
            # A shared crawl keeps its queue in Redis, not here, and every worker must see these.
            yield from self.follow_articles(response.url, entries, modified_dates=True)[0]
            return
        # Held back, not requested now: a sitemap lists every article at once, and as many waiting
        # requests would cost memory in proportion to the archive. They go out when the crawl runs
        # dry (feed_sitemap_links), by which time the listings have stored most of them. Until then a
        # whole sitemap waits as its body, read again then: half the memory of its entries as strings.
        links = iter(entries) if self.max_pages is not None else SitemapPage(response).entries()
        self.sitemap_links.append((response.url, links))

    def within_max_pages(self, entries):
        """A sitemap's (loc, lastmod) entries; with max_pages, only its max_pages × SITEMAP_PAGE most
        recently modified (the others counted)."""
        if self.max_pages is None:
            return entries
        entries = list(entries)
        kept = heapq.nlargest(self.max_pages * SITEMAP_PAGE, entries, key=lambda entry: _utc(entry[1]) or _OLDEST)
        self.crawler.stats.inc_value("newscrawl/links_beyond_max_pages", len(entries) - len(kept))
        return kept

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.feed_sitemap_links, signal=signals.spider_idle)
        return spider

    def feed_sitemap_links(self):
        """When nothing else is left, request the next sitemap links that are new or changed."""
        while self.sitemap_links:
            source, links = self.sitemap_links[0]
            chunk = list(islice(links, SITEMAP_CHUNK))
            if len(chunk) < SITEMAP_CHUNK:
                self.sitemap_links.popleft()
            requests = self.follow_articles(source, chunk, modified_dates=True)[0]
            for request in requests:
                self.crawler.engine.crawl(request)
            if requests:
                raise DontCloseSpider
        rechecks = self.checks.recheck_requests()  # once, after everything else
        for request in rechecks:
            self.crawler.engine.crawl(request)
        if rechecks:
            raise DontCloseSpider

    def sitemap_missing(self, failure):
        self.checks.sitemap_failed()
        self.logger.info("No sitemap at %s: %s", failure.request.url, failure.value)

    def request_failed(self, failure):
        reason = failure_reason(failure)
        if reason == "robots_disallowed":
            self.crawler.stats.inc_value("newscrawl/robots_disallowed")
            self.archive.sightings.fetched(normalize_url(failure.request.url), "robots")
            return
        # After redirects, the URL the spider asked for is the first of the chain.
        request = failure.request
        self.checks.failed(request)
        self.archive.record_failure((request.meta.get("redirect_urls") or [request.url])[0], reason)

    def work_for(self, request, response):
        """What parse_article needs done to an article page, as (function, args), in a worker process
        (newscrawl/workers.py) when there is one; None for a page that is not HTML.

        The response may not know its request yet: a downloader middleware asks."""
        content_type = response.headers.get("Content-Type", b"").decode("latin-1").lower()
        if response.status in HANDLED or not isinstance(response, TextResponse) or "html" not in content_type:
            return None
        return analyse_article, (type(response), response.url, response.body, response.encoding,
                                 request.cb_kwargs.get("listed_date"), self.renderer.checks(request))

    def parse_article(self, response, discovered_via, listed_date=None):
        if response.status in HANDLED:  # a check's 304, 404, 410 or redirect
            yield from self.checks.answered(response)
            return
        yield from self.checks.fetched(response)
        if response.meta.get(WORK_FAILED):  # it timed out in a worker, twice
            self.archive.record_failure(requested_url(response), response.meta[WORK_FAILED])
            return
        result = response.meta.get(RESULT)  # from a worker process
        if result is None:
            work = self.work_for(response.request, response)
            if work is None:
                self.archive.record_failure(response.url, "not_html")
                return
            function, args = work
            result = function(*args)
        rendered = result["needs_browser"] and self.renderer.again(response, "article")
        if rendered:
            yield rendered  # the raw page leaves its content to scripts
            return
        if result.get("not_article"):
            self.crawler.stats.inc_value("newscrawl/not_article")
            self.logger.info("Not an article page, skipped: %s", response.url)
            self.archive.sightings.fetched(requested_url(response), "not_article")
            return
        record = result["record"]
        count_layers(self.crawler.stats, record["_sources"], result["recognised"])
        count_text_findings(self.crawler.stats, record, response.url)
        if self.before_since(record.get("date_published")):
            self.crawler.stats.inc_value("newscrawl/articles_before_since")
            self.logger.info("Published before since=%s, not stored: %s", self.since, response.url)
            self.archive.sightings.fetched(requested_url(response), "before_since", article_url=record.get("url"),
                                           date_published=record.get("date_published"))
            return
        item = article_item(record, discovered_via, response.meta.get(CAPTURE))
        self.checks.remember(response, item.get("url"), item["crawled_at"])  # when its capture was made
        yield item
