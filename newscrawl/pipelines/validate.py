"""Clear the values no real article has, and drop items that lack a required field, saying which and where."""

import logging

from scrapy.exceptions import DropItem

from newscrawl.items import Article, out_of_bounds
from newscrawl.urls import origin_of

logger = logging.getLogger(__name__)


class MissingField(DropItem):
    """An item without one of the required fields."""


class MissingUrl(MissingField):
    """No url."""


class MissingHeadline(MissingField):
    """No headline."""


class MissingBody(MissingField):
    """No article body."""


class MissingDate(MissingField):
    """No parseable publication date."""


REQUIRED = (
    ("url", MissingUrl),
    ("headline", MissingHeadline),
    ("article_body", MissingBody),
    ("date_published", MissingDate),
)


def _shown(value):
    """A value for the log: itself when short, else how many items or characters it has."""
    if isinstance(value, (list, str)) and len(value) > 80:
        return f"{len(value)} {'items' if isinstance(value, list) else 'characters'}"
    return repr(value)[:200]


class ValidatePipeline:
    """Clears each field whose value is out of its declared bounds (items.py) or, for canonical_url,
    off the article's site, counting newscrawl/validate/<field>/<reason>; then drops an item that
    lacks url, headline, article_body or date_published."""

    def __init__(self, stats, earliest):
        self.stats = stats
        self.earliest = earliest

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats, crawler.settings.get("NEWSCRAWL_EARLIEST_DATE"))

    def process_item(self, item):
        where = item.get("url") or item.get("discovered_via") or "?"
        cleared = {}
        for field in Article.fields:
            value = item.get(field)
            reason = out_of_bounds(field, value, self.earliest) if value is not None else None
            if field == "canonical_url" and value and origin_of(value) != origin_of(item.get("url") or ""):
                reason = "off_site"
            if reason:
                cleared[field] = reason
                self.stats.inc_value(f"newscrawl/validate/{field}/{reason}")
                logger.warning("%s: %s cleared (%s): %s", where, field, reason.replace("_", " "), _shown(value))
                del item[field]
        for field, error in REQUIRED:
            if not item.get(field):
                because = f" ({field} was {cleared[field].replace('_', ' ')})" if field in cleared else ""
                raise error(f"{where}: no {field}{because}")
        return item
