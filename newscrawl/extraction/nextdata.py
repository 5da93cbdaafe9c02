"""Layer 2c: raw article fields from a Next.js ``__NEXT_DATA__`` payload.

The payload's shape is the site's own, so this looks for the first object that
carries both a title-like and a publication-date-like key.
"""

import json

TITLE_KEYS = ("headline", "title")
DATE_KEYS = ("datePublished", "publishedAt", "published_at", "publishDate", "publishedDate",
             "firstPublished", "date")
MAX_NODES = 20000


def nextdata_fields(tree):
    """Raw headline, date_published, date_modified and description, or {}."""
    scripts = tree.xpath('//script[@id="__NEXT_DATA__"]/text()')
    if not scripts:
        return {}
    try:
        data = json.loads(scripts[0])
    except (ValueError, RecursionError):  # not JSON, or nested too deep for the parser
        return {}
    article = _find(data)
    if article is None:
        return {}
    fields = {
        "headline": _first(article, TITLE_KEYS),
        "date_published": _first(article, DATE_KEYS),
        "date_modified": _first(article, ("dateModified", "updatedAt", "updated_at", "modifiedDate")),
        "description": _first(article, ("description", "summary", "standfirst")),
    }
    return {key: value for key, value in fields.items() if value}


def _first(obj, keys):
    """The first string or number value among ``keys``."""
    for key in keys:
        value = obj.get(key)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool) and value:
            return value
    return None


def _find(data):
    """Breadth-first search for a dict with a title key and a date key."""
    queue, seen = [data], 0
    while queue and seen < MAX_NODES:
        node = queue.pop(0)
        seen += 1
        if isinstance(node, dict):
            if _first(node, TITLE_KEYS) and _first(node, DATE_KEYS):
                return node
            queue.extend(v for v in node.values() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            queue.extend(v for v in node if isinstance(v, (dict, list)))
    return None
