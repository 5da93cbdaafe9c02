"""Downloader middlewares: retries that back off and honour Retry-After, and mislabelled UTF-8."""

import logging
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import TextResponse
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import reactor
from twisted.internet.task import deferLater

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


class MislabelledUtf8Middleware:
    """Reads a page as UTF-8 when it is declared as Latin-1 or cp1252 but its bytes are valid UTF-8."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_response(self, request, response):
        if not isinstance(response, TextResponse) or response.encoding.lower() not in _LENIENT:
            return response
        body = response.body
        if body.isascii():
            return response
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            return response
        self.stats.inc_value("newscrawl/charset/utf8_relabelled")
        logger.info("Declared %s but the bytes are UTF-8, read as UTF-8: %s", response.encoding, response.url)
        return response.replace(encoding="utf-8")
