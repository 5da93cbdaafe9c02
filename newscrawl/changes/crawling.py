"""ArticleChecks: the spider's side of change tracking.

Every request for an archived article is a check (checks.check_meta): its answer is an observation
for the archive's Watch. The spider tells it which articles the post sitemaps list; once the
crawl runs dry, ``recheck_requests`` asks again, within the run's budget, for the articles seen
gone once, for those that the (completely read) sitemaps no longer list, and for those that the
schedule says are due, with the validators the site sent last time.
"""

from newscrawl.changes import checks
from newscrawl.changes.vanish import LIVE, UNLISTED, Observation
from newscrawl.changes.watch import utcnow
from newscrawl.urls import normalize_url


MAX_HOPS = 5  # redirects followed from one spelling of an archived article's URL to another


class ArticleChecks:
    """Checks of archived articles for one spider; ``watch`` None: no database, nothing to check."""

    def __init__(self, spider, watch, index, rechecks=True, whole_sitemaps=True, held_at_start=None):
        self.spider = spider
        self.watch = watch
        self.index = index  # {url: what the archive holds} of the stored articles
        # Whether the archive held articles to watch when the run started (held_at_start: how many; default:
        # the index now). Decided once: a first backfill has nothing to watch however soon it stores its first
        # article, and keeps no set of the URLs its sitemaps list (20,000 of them, a few MB, on a large site).
        held = len(index) if held_at_start is None else held_at_start
        self.watching = watch is not None and held > 0
        self.rechecks = rechecks and watch is not None
        self.whole_sitemaps = whole_sitemaps  # the spider reads every sitemap entry (no since, no max_pages)
        self.stats = spider.crawler.stats
        self.listed = set()  # article URLs the post sitemaps list
        self.sitemaps = {"expected": None, "read": 0, "failed": False}
        self.asked = False

    def vanished(self, url, in_sitemap=False):
        """Whether the stored article at url is to be fetched again all the same (changes.Watch.vanished)."""
        return self.watch is not None and self.watch.vanished(url, in_sitemap)

    def meta(self, url):
        """Request meta for a request of url: a check when the archive holds the article."""
        return checks.check_meta(url) if self.watch is not None and url in self.index else {}

    def sitemap_index(self, children):
        """The sitemap index names ``children`` post sitemaps."""
        self.sitemaps["expected"] = children

    def sitemap_read(self, locations):
        """A post sitemap was read: these article URLs are listed (kept only when watching)."""
        self.sitemaps["read"] += 1
        if self.watching:
            self.listed.update(filter(None, map(normalize_url, locations)))

    def sitemap_failed(self):
        """A post sitemap (or the index) could not be read: this run cannot tell which articles left them."""
        self.sitemaps["failed"] = True

    def complete(self):
        """Whether every post sitemap was read and kept, so that an article they do not list has left them.
        Never in a run that started without articles to watch: it keeps no listed URLs."""
        read, expected = self.sitemaps["read"], self.sitemaps["expected"]
        return (self.watching and self.whole_sitemaps and bool(expected) and read == expected
                and not self.sitemaps["failed"])

    def unlisted(self, url):
        """Whether the article at url is, as far as this run can tell, in no sitemap."""
        if self.complete():
            return url not in self.listed
        return self.watch.state(url) == UNLISTED and url not in self.listed  # not known yet: as it was

    def fetched(self, response):
        """A check's 200: an observation of the archived article, with the validators sent."""
        url = response.meta.get(checks.CHECK)
        if url is None:
            return
        seen = Observation(UNLISTED if self.unlisted(url) else LIVE, utcnow(), response.status)
        outcome = self.watch.observe(url, seen, checks.validators(response))
        if outcome.suspected and self.watch.confirm_hours <= 0:
            yield self._again(url)

    def remember(self, response, url, at=None):
        """An article page that was no check, fetched at ``at`` (default: now): what the site sent, kept for
        the row of ``url`` (its canonical)."""
        if self.watch is not None and url and not response.meta.get(checks.CHECK):
            self.watch.remember(url, at or utcnow(), checks.validators(response))

    def answered(self, response):
        """Requests that follow a check's 304, 404, 410 or redirect (which the callback did not parse)."""
        url = response.meta[checks.CHECK]
        seen = checks.observation(response, utcnow(), self.unlisted(url))
        if seen is None:
            target = response.headers.get("Location")
            hops = response.meta.get("check_hops", 0)
            if target and hops < MAX_HOPS:  # the same page under another spelling
                yield response.request.replace(url=response.urljoin(target.decode("latin-1")), dont_filter=True,
                                               meta={**response.meta, "check_hops": hops + 1})
            else:  # no Location, or spellings that lead to each other: no observation
                self.stats.inc_value("newscrawl/recheck/transient")
            return
        if response.status == 304:
            self.stats.inc_value("newscrawl/recheck/not_modified")
        validators = checks.validators(response) if response.status == 304 else None
        outcome = self.watch.observe(url, seen, validators)
        if outcome.suspected and self.watch.confirm_hours <= 0:
            yield self._again(url)  # two consecutive checks, at least no hours apart
        target = seen.redirected_to
        if target and self.spider.is_article_url(target) and target not in self.index:
            yield self.spider.article_request(target, url)

    def failed(self, request):
        """A check that failed for now (5xx, timeout): no observation, counted."""
        if request.meta.get(checks.CHECK):
            self.stats.inc_value("newscrawl/recheck/transient")

    def _again(self, url):
        """A second check of url at once (dont_filter: the first one was this run's)."""
        request = self.spider.article_request(url, "confirming check")
        return request.replace(dont_filter=True)

    def recheck_requests(self):
        """Once per run, when the crawl runs dry: the re-checks within the budget."""
        if not self.rechecks or self.asked:
            return []
        self.asked = True
        # The live archived articles that the sitemaps, read whole, do not list.
        absent = sorted(url for url in self.index if url not in self.listed and self.watch.state(url) == LIVE
                        ) if self.complete() else []
        requests = []
        for url, etag, modified in self.watch.rechecks(absent):
            request = self.spider.article_request(url, "re-check")
            request.headers.update(checks.conditional_headers(etag, modified))
            requests.append(request)
        self.stats.inc_value("newscrawl/recheck/requested", len(requests))
        return requests
