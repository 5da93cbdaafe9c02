"""Downloader middlewares: robots.txt for every request, retries that back off, redirects that stay on the site, mislabelled UTF-8."""

import logging
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import TextResponse
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import reactor
from twisted.internet.defer import Deferred
from twisted.internet.task import deferLater

from newscrawl.urls import origin_of

logger = logging.getLogger(__name__)
# Encodings that decode any byte sequence, so a wrong label never shows up as an error.
_LENIENT = {"latin-1", "iso-8859-1", "iso8859-1", "cp1252", "windows-1252", "ascii", "us-ascii"}


def retry_after_seconds(value, now=None):
    """Seconds from a Retry-After header (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else str(value)
    if text.strip().isdigit():
        return float(text.strip())
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


class WaitingRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, with every request that waits for robots.txt given the parser.

    In Scrapy 2.19 the requests that arrive while robots.txt is still being
    downloaded all await the same Deferred; the first awaiter consumes its
    result and the others get None, which means "no robots.txt": they are
    crawled unchecked (seen on the test site: a disallowed section's first
    page was fetched). Each waiter here gets its own relay.
    """

    async def robot_parser(self, request):
        pending = self._parsers.get(urlparse_cached(request).netloc)
        if not isinstance(pending, Deferred):
            return await super().robot_parser(request)
        waiter = Deferred()

        def relay(parser):
            waiter.callback(parser)
            return parser

        pending.addCallback(relay)
        return await maybe_deferred_to_future(waiter)


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries, each one delayed: Retry-After when the site sends it, else exponential backoff."""

    def __init__(self, settings):
        super().__init__(settings)
        self.base_delay = settings.getfloat("NEWSCRAWL_RETRY_BACKOFF_BASE")
        self.max_delay = settings.getfloat("NEWSCRAWL_RETRY_BACKOFF_MAX")

    def delay_for(self, request, response=None):
        retries = request.meta.get("retry_times", 1)
        asked = retry_after_seconds(response.headers.get("Retry-After")) if response is not None else None
        delay = asked if asked is not None else self.base_delay * 2 ** (retries - 1)
        return min(delay, self.max_delay)

    async def _delayed(self, retry, response=None):
        if retry is None:
            return None
        delay = self.delay_for(retry, response)
        if delay > 0:
            self.crawler.stats.inc_value("newscrawl/retry/delayed")
            await maybe_deferred_to_future(deferLater(reactor, delay, lambda: None))
        return retry

    async def process_response(self, request, response):
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        retry = self._retry(request, f"HTTP {response.status}")
        return await self._delayed(retry, response) or response

    async def process_exception(self, request, exception):
        if request.meta.get("dont_retry") or not isinstance(exception, self.exceptions_to_retry):
            return None
        return await self._delayed(self._retry(request, exception))


class SafeRedirectMiddleware(RedirectMiddleware):
    """Scrapy's redirects, except that a loop or a redirect to another origin fails the request at once.

    Scrapy drops both quietly (the duplicate filter takes the looping request,
    the offsite filter the other, and only when the host differs: it ignores
    the port) and the spider never hears of the failure; an IgnoreRequest here
    reaches the request's errback, which records it. Origin: scheme, host and port.
    """

    def _redirect(self, redirected, request, reason):
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if redirected.url in chain:
            raise IgnoreRequest(f"redirect loop: {' -> '.join(chain + [redirected.url])}")
        if origin_of(redirected.url) != origin_of(chain[0]):
            raise IgnoreRequest(f"offsite redirect to {redirected.url}")
        return super()._redirect(redirected, request, reason)


def utf8_if_mislabelled(response):
    """The response read as UTF-8 when it is declared as Latin-1 or cp1252 but its bytes are valid UTF-8,
    else itself."""
    if not isinstance(response, TextResponse) or response.encoding.lower() not in _LENIENT:
        return response
    body = response.body
    if body.isascii():
        return response
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return response
    return response.replace(encoding="utf-8")


class MislabelledUtf8Middleware:
    """Reads a page as UTF-8 when it is declared as Latin-1 or cp1252 but its bytes are valid UTF-8."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_response(self, request, response):
        relabelled = utf8_if_mislabelled(response)
        if relabelled is not response:
            self.stats.inc_value("newscrawl/charset/utf8_relabelled")
            logger.info("Declared %s but the bytes are UTF-8, read as UTF-8: %s", response.encoding, response.url)
        return relabelled
