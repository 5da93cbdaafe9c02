"""Conditional GETs as a web server answers them: ETag and Last-Modified, 304 Not Modified (RFC 9110, 13.1).

The ETag is a hash of the page's bytes, so any change to a page changes it, a silent edit
too; Last-Modified is the article's date_modified, which a silent edit leaves as it was.
As the RFC says, a server that gets If-None-Match ignores If-Modified-Since.
"""

import hashlib
from email.utils import format_datetime, parsedate_to_datetime


def validators(body, modified=None):
    """Response headers: the ETag of ``body``, and Last-Modified when ``modified`` (a datetime) is given."""
    headers = {"ETag": '"' + hashlib.sha1(body).hexdigest()[:20] + '"'}
    if modified is not None:
        headers["Last-Modified"] = format_datetime(modified, usegmt=True)
    return headers


def not_modified(if_none_match, if_modified_since, headers):
    """Whether a GET with these request headers (str or None) gets 304 for a response with ``headers``."""
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or headers["ETag"] in tags
    if if_modified_since is None or "Last-Modified" not in headers:
        return False
    try:
        since = parsedate_to_datetime(if_modified_since)
    except (TypeError, ValueError):
        return False  # an invalid date is ignored
    return since.tzinfo is not None and parsedate_to_datetime(headers["Last-Modified"]) <= since
