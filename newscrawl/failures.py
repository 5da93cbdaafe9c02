"""Final request failures: one reason each, counted, logged, and recorded for the next run."""

import logging

from scrapy import exceptions as scrapy_errors
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as net

from newscrawl.archive.store import utcnow
from newscrawl.pipelines.database import DatabasePipeline

logger = logging.getLogger(__name__)

# (exception classes, reason), first match wins.
NETWORK_REASONS = (
    ((scrapy_errors.DownloadTimeoutError,), "timeout"),
    ((scrapy_errors.DownloadCancelledError,), "too_large"),
    ((scrapy_errors.CannotResolveHostError,), "dns"),
    ((scrapy_errors.DownloadConnectionRefusedError, net.ConnectError), "connection_refused"),
    ((scrapy_errors.ResponseDataLossError,), "truncated"),
    ((scrapy_errors.DownloadFailedError, net.ConnectionLost, net.ConnectionDone), "connection_lost"),
)
IGNORE_REASONS = (
    ("robots.txt", "robots_disallowed"),
    ("max redirections", "redirect_loop"),
    ("redirect loop", "redirect_loop"),
    ("offsite", "offsite_redirect"),
)


def reason_of(failure):
    """A short, stable name for why a request failed for good."""
    error = failure.value
    if isinstance(error, HttpError):
        return f"http_{error.response.status}"
    if isinstance(error, IgnoreRequest):
        message = str(error).lower()
        return next((reason for text, reason in IGNORE_REASONS if text in message), "ignored")
    for classes, reason in NETWORK_REASONS:
        if isinstance(error, classes):
            return reason
    return type(error).__name__


def record_failure(crawler, url, reason):
    """Count, log and (when there is a database) record a URL that failed for good."""
    crawler.stats.inc_value(f"newscrawl/failed/{reason}")
    logger.warning("Failed for good: %s (%s)", url, reason)
    pipeline = database_pipeline(crawler)
    if pipeline is not None:
        pipeline.write_or_keep("record_failure", url=url, reason=reason, failed_at=utcnow())


def pending_failures(crawler):
    """URLs that failed in earlier runs and are still unresolved, to retry now."""
    pipeline = database_pipeline(crawler)
    return [row["url"] for row in pipeline.store.pending_failures()] if pipeline is not None else []


def database_pipeline(crawler):
    """The crawl's DatabasePipeline once its database is open, else None."""
    pipeline = crawler.get_item_pipeline(DatabasePipeline)
    return pipeline if pipeline is not None and pipeline.store is not None else None
