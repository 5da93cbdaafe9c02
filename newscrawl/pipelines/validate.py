"""Drop items that lack a required field, saying which and where."""

from scrapy.exceptions import DropItem


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


class ValidatePipeline:
    """Drops an item that lacks url, headline, article_body or date_published."""

    def process_item(self, item):
        for field, error in REQUIRED:
            if not item.get(field):
                where = item.get("url") or item.get("discovered_via") or "?"
                raise error(f"{where}: no {field}")
        return item
