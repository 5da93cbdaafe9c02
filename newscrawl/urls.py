"""URL normalisation: one spelling per page, so that variants deduplicate."""

import posixpath
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

# Path suffixes that are other renderings of the same page (Ghost's AMP route).
_VARIANT_SUFFIXES = ("/amp/", "/amp")
_DEFAULT_PORTS = {"http": 80, "https": 443}


# A crawl normalises the same links again and again: each listing, feed and sitemap that names
# an article, then the request, the page's URL and its canonical.
@lru_cache(maxsize=8192)
def normalize_url(url):
    """Lower-case the host, strip 'www.' and a trailing dot, drop '/amp',
    the query, the fragment and any credentials, and end page paths with a slash.

    None for what has no host ('/news/x', 'mailto:...'); an invalid port is dropped.
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # "http://[oops/": an unbalanced IPv6 bracket
        return None
    scheme = parts.scheme.lower() or "https"
    host = _host(parts)
    if not host:
        return None
    netloc = f"[{host}]" if ":" in host else host
    port = _port(parts)
    if port:
        netloc = f"{netloc}:{port}"
    path = parts.path or "/"
    while path.endswith(_VARIANT_SUFFIXES) and path not in _VARIANT_SUFFIXES:
        path = path[: -len("/amp/" if path.endswith("/amp/") else "/amp")] or "/"
    if not path.endswith("/") and "." not in posixpath.basename(path):
        path += "/"
    return urlunsplit((scheme, netloc, path, "", ""))


def host_of(url):
    """The host part of a URL, normalised as in normalize_url, without the port ('' if none)."""
    try:
        return _host(urlsplit(url))
    except ValueError:
        return ""


# Asked about the same links as normalize_url, and about each article's URL and canonical once more.
@lru_cache(maxsize=1024)
def origin_of(url):
    """(scheme, host, port) of a URL, the host normalised as in normalize_url and the port explicit
    (80 for http, 443 for https); None without a host or with an invalid port.

    Two URLs are on the same site when their origins are equal: host names alone (as in Scrapy's
    offsite checks) would take another port of the same host for the site.
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    host = _host(parts)
    scheme = parts.scheme.lower()
    return (scheme, host, port or _DEFAULT_PORTS.get(scheme)) if host else None


def _host(parts):
    host = (parts.hostname or "").rstrip(".")
    while host.startswith("www."):
        host = host[4:]
    return host


def _port(parts):
    try:
        return parts.port
    except ValueError:  # not a number, or out of range
        return None
