"""The spider's arguments: what each one accepts, converted once from the strings that
`scrapy crawl -a` and Scrapyd's schedule.json pass.

A bad value raises SpiderArgumentError, whose one-line message names the argument and
what it takes; the crawl command prints it and exits 1 before anything is requested.
"""

import re
from datetime import date
from typing import NamedTuple
from urllib.parse import urlsplit


class Mode(NamedTuple):
    """What a mode starts from, whether a listing stops at its first page of stored articles, and whether
    the run re-checks stored articles (newscrawl/changes/)."""

    listings: bool  # the news archive and the sections
    sitemaps: bool  # /sitemap.xml and its article sitemaps
    stop_at_known: bool
    rechecks: bool = False


MODES = {
    "full": Mode(listings=True, sitemaps=True, stop_at_known=False),
    "update": Mode(listings=True, sitemaps=True, stop_at_known=True, rechecks=True),
    "feed": Mode(listings=False, sitemaps=False, stop_at_known=True),
}
# Arguments the spider keeps as given: the Redis crawl id (newscrawl/distributed.py).
KEPT = ("crawl_id",)
SLUG = re.compile(r"[\w-]+")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class SpiderArgumentError(ValueError):
    """A spider argument that cannot be used; the message names it and says what it accepts."""


def _base_url(value):
    """An http(s) URL with a host and nothing after its path: the site root, without its final slash."""
    try:
        parts = urlsplit(value)
        valid_port = parts.port is None or parts.port > 0  # .port raises ValueError when out of range
    except ValueError:
        parts, valid_port = None, False
    if not valid_port or parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise SpiderArgumentError("base_url takes an http(s) URL, the site's root, such as https://kyivindependent.com")
    return value.rstrip("/")


def _sections(value):
    slugs = tuple(slug.strip() for slug in value.split(",") if slug.strip())
    bad = next((slug for slug in slugs if not SLUG.fullmatch(slug)), None)
    if bad is not None or not slugs:
        raise SpiderArgumentError("sections takes comma-separated tag slugs, such as war,analysis")
    return slugs


def _since(value):
    try:
        if ISO_DATE.fullmatch(value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise SpiderArgumentError("since takes a date as YYYY-MM-DD, such as 2025-01-01")


def _max_pages(value):
    if not value.isdecimal() or int(value) < 1:
        raise SpiderArgumentError("max_pages takes a whole number of pages, 1 or more (leave it out for no bound)")
    return int(value)


def _mode(value):
    if value not in MODES:
        raise SpiderArgumentError(f"mode takes {', '.join(MODES)}")
    return value


CONVERTERS = {"base_url": _base_url, "sections": _sections, "since": _since, "max_pages": _max_pages, "mode": _mode}


def parse_arguments(arguments):
    """The spider's attributes from its arguments: each known one converted, those starting with "_"
    (Scrapyd's _job) and KEPT as given, empty ones left out; SpiderArgumentError for the first bad one."""
    attributes = {}
    for name, value in arguments.items():
        if name.startswith("_") or name in KEPT:
            attributes[name] = value
        elif name not in CONVERTERS:
            takes = ", ".join((*CONVERTERS, *KEPT))
            raise SpiderArgumentError(f"-a {name}: not an argument of this spider, which takes {takes}")
        elif value is not None and value != "":
            try:
                attributes[name] = CONVERTERS[name](str(value))
            except SpiderArgumentError as error:
                raise SpiderArgumentError(f"-a {name}={str(value)!r}: {error}") from None
    return attributes
