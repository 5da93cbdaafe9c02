"""Sightings: what a crawl saw on the site, for the coverage audit; a part of the Archive.

Every article URL the spider finds on a sitemap, the feed or a listing, with the date shown
there and when; and, for each fetched URL that stored nothing under its own URL, what it gave
(stored under the page's URL, redirected to a page fetched already, dropped and why, not an
article, before since, refused by robots.txt). Rows wait in memory and go to the database many
at a time, through the Archive's write_or_keep (kept for the next run while the database is
down). It also hands the spider the URLs that `coverage --queue` queued, and takes them off the
queue when the run finishes.
"""

from scrapy import signals

from newscrawl.archive.crawl_log import utcnow
from newscrawl.processors import to_utc_iso
from newscrawl.urls import normalize_url

BATCH_SIZE = 2000  # rows held before they are written


def requested_url(response):
    """The URL the spider asked for, before any redirect, normalised."""
    request = response.request
    return normalize_url((request.meta.get("redirect_urls") or [request.url])[0])


class Sightings:
    """Listed URLs and fetch outcomes of this run, written in bulk; the queue for this run."""

    def __init__(self, archive, batch_size=BATCH_SIZE):
        self.archive = archive
        self.batch_size = batch_size
        self.listings = {}  # (url, listing): site_listings row
        self.outcomes = {}  # url: url_outcomes row
        self.queue = []

    def connect(self, crawler):
        """Follow the items (which URLs stored under another URL, which were dropped) and the redirects
        that the dupefilter dropped."""
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(self.request_dropped, signal=signals.request_dropped)

    def open(self):
        """Read the queue that coverage --queue left for this run."""
        self.queue = self.archive.store.queued()

    def listed(self, kind, listing, links, page=None):
        """Note links, (url, date string or None, before since) triples, seen on a sitemap, feed or listing."""
        seen, run_id = utcnow(), self.archive.run_id
        for url, when, before_since in links:
            url = normalize_url(url)
            self.listings[(url, listing)] = {"url": url, "listing": listing, "kind": kind, "page": page,
                                             "listed_date": to_utc_iso(when) if when else None,
                                             "before_since": before_since, "seen": seen, "run_id": run_id}
            if len(self.listings) >= self.batch_size:
                self.flush()
        self.archive.stats.inc_value("newscrawl/listed", len(links))

    def fetched(self, url, outcome, reason=None, article_url=None, date_published=None):
        """Note what the fetch of url gave: stored or redirected (to article_url), dropped, not_article,
        before_since, robots."""
        self.outcomes[url] = {"url": url, "outcome": outcome, "reason": reason, "article_url": article_url,
                              "date_published": date_published, "recorded_at": utcnow()}
        if len(self.outcomes) >= self.batch_size:
            self.flush()

    def item_scraped(self, item, response):
        """An article stored under another URL than the one listed: the listed one is archived too."""
        requested = requested_url(response)
        if item.get("url") and item["url"] != requested:
            self.fetched(requested, "stored", article_url=item["url"])

    def item_dropped(self, item, response, exception):
        """A dropped item: its listed URL is archived if the article is stored already, else dropped and why."""
        if response is None:
            return
        requested, url = requested_url(response), item.get("url")
        if url and self.archive.stored(url) is not None:
            if url != requested:
                self.fetched(requested, "stored", article_url=url)
            return
        self.fetched(requested, "dropped", type(exception).__name__, url, item.get("date_published"))

    def request_dropped(self, request):
        """A redirect to a page this run fetched already: the listed URL leads to that page's article."""
        chain = request.meta.get("redirect_urls")
        if chain:
            self.fetched(normalize_url(chain[0]), "redirected", article_url=normalize_url(request.url))

    def flush(self):
        """Write the rows held, in one transaction (or keep them for the next run)."""
        listings, outcomes = list(self.listings.values()), list(self.outcomes.values())
        self.listings, self.outcomes = {}, {}
        if (listings or outcomes) and self.archive.store is not None:
            self.archive.write_or_keep("record_sightings", listings=listings, outcomes=outcomes)

    def close(self, reason):
        """Write what is held; a run that finished has fetched the queued URLs."""
        self.flush()
        if reason == "finished" and self.queue:
            self.archive.write_or_keep("unqueue", urls=self.queue)
