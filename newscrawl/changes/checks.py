"""Requests that check an archived article, and what their answers say (see vanish.py).

Such a request handles 304, 404, 410 and redirects itself (``check_meta``): a redirect to the
same page under another spelling is followed, one to another URL is an observation. It carries the
validators that the site sent last time (``conditional_headers``), so that an unchanged page
costs a 304. Server errors and timeouts still go to the errback: they are no observation.
"""

from urllib.parse import urljoin

from newscrawl.changes.vanish import LIVE, REDIRECTED, UNLISTED, UNPUBLISHED, Observation
from newscrawl.urls import normalize_url

CHECK = "newscrawl_check"  # request meta: the URL of the archived article that the request checks
REDIRECTS = (301, 302, 303, 307, 308)
HANDLED = (304, 404, 410, *REDIRECTS)


def check_meta(url):
    """Request meta for a check of the archived article at ``url``."""
    return {CHECK: url, "handle_httpstatus_list": list(HANDLED), "dont_redirect": True}


def conditional_headers(etag, last_modified):
    """If-None-Match and If-Modified-Since from what the site sent (none when it sent neither)."""
    headers = {"If-None-Match": etag} if etag else {}
    return {**headers, "If-Modified-Since": last_modified} if last_modified else headers


def validators(response):
    """{"etag": ..., "last_modified": ...} as the response sent them (None when it did not)."""
    return {name: (response.headers.get(header) or b"").decode("latin-1") or None
            for name, header in (("etag", "ETag"), ("last_modified", "Last-Modified"))}


def redirect_target(response):
    """The normalised URL a redirect response points to, or None when it is no redirect or has no Location."""
    location = response.headers.get("Location") if response.status in REDIRECTS else None
    return normalize_url(urljoin(response.url, location.decode("latin-1"))) if location else None


def observation(response, at, unlisted):
    """The Observation a check's response makes (``unlisted``: served, but in no sitemap), or None for a
    redirect to the same page under another spelling, which is to be followed."""
    status = response.status
    if status in (404, 410):
        return Observation(UNPUBLISHED, at, status)
    target = redirect_target(response)
    if status in REDIRECTS:
        if target is None or target == response.meta[CHECK]:
            return None
        return Observation(REDIRECTED, at, status, target)
    return Observation(UNLISTED if unlisted else LIVE, at, status)
