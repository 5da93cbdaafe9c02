"""Why a request failed for good: one short, stable reason per failure (the archive counts and records it)."""

import logging

from scrapy import exceptions as scrapy_errors
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as net

from newscrawl.rendering import BrowserMissing

logger = logging.getLogger(__name__)

RENDER_FAILED = "playwright._impl._errors.Error"  # by name: Playwright is imported only where pages render
# (exception classes, reason), first match wins.
ERROR_REASONS = (
    ((BrowserMissing,), "browser_missing"),
    ((RENDER_FAILED,), "render_failed"),
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


def failure_reason(failure):
    """A short, stable name for why a request (a Twisted Failure) failed for good."""
    error = failure.value
    if isinstance(error, HttpError):
        return f"http_{error.response.status}"
    if isinstance(error, IgnoreRequest):
        message = str(error).lower()
        return next((reason for text, reason in IGNORE_REASONS if text in message), "ignored")
    for classes, reason in ERROR_REASONS:
        if failure.check(*classes):
            if reason == "render_failed":  # the one reason whose message tells more than its name
                logger.warning("Rendering %s failed: %s", failure.request.url, error)
            return reason
    return type(error).__name__
