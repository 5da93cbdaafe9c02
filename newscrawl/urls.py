"""URL normalisation: one spelling per page, so that variants deduplicate."""

import posixpath
from urllib.parse import urlsplit, urlunsplit

# Path suffixes that are other renderings of the same page (Ghost's AMP route).
_VARIANT_SUFFIXES = ("/amp/", "/amp")


def normalize_url(url):
    """Lower-case the host, strip 'www.' and a trailing dot, drop '/amp',
    the query and the fragment, and end page paths with a slash."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    netloc = f"{host}:{parts.port}" if parts.port else host
    path = parts.path or "/"
    for suffix in _VARIANT_SUFFIXES:
        if path.endswith(suffix) and path != suffix:
            path = path[: -len(suffix)] or "/"
            break
    if not path.endswith("/") and "." not in posixpath.basename(path):
        path += "/"
    return urlunsplit((parts.scheme.lower() or "https", netloc, path, "", ""))


def host_of(url):
    """The host part of a URL, normalised as in normalize_url, without the port."""
    host = (urlsplit(url).hostname or "").rstrip(".")
    return host[4:] if host.startswith("www.") else host
