"""Layer 2a: raw article fields from the page's JSON-LD (schema.org) objects."""

import json
import re
from urllib.parse import urlsplit

ARTICLE_TYPE = re.compile(r"(Article|BlogPosting|Report|LiveBlogPosting)$")
SITE_TYPE = re.compile(r"(WebSite|Organization)$")
NESTED_KEYS = ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement")
# How deep a value may nest (lists of lists of names...) before it is no name, URL or text.
MAX_DEPTH = 8


def jsonld_objects(tree):
    """Yield every dict found in the page's JSON-LD blocks, through @graph and lists."""
    for text in tree.xpath('//script[contains(@type, "ld+json")]/text()'):
        data = _loads(text)
        if data is not None:
            yield from _walk(data, depth=0)


def _loads(text):
    """Parse a JSON-LD block leniently (control characters, HTML comments), or None (also for
    one nested too deep for the parser)."""
    text = text.strip().removeprefix("<!--").removesuffix("-->").strip().rstrip(";")
    try:
        return json.loads(text, strict=False)
    except (ValueError, RecursionError):
        return None


def _walk(data, depth):
    """Yield dicts in document order, descending into lists and the nesting keys."""
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in NESTED_KEYS:
            if isinstance(data.get(key), (dict, list)):
                yield from _walk(data[key], depth + 1)


def types_of(obj):
    """The @type values of a JSON-LD object as a list of strings."""
    kind = obj.get("@type") or []
    return [str(t) for t in (kind if isinstance(kind, list) else [kind])]


def find_article(objects, page_urls=()):
    """The first article-typed object, preferring one that is no list's item (lists hold other stories'
    teasers), then one whose URL is the page's own (``page_urls``: its canonical URL; other articles
    on the page are other stories), then one that has a headline."""
    listed = {id(item) for o in objects if isinstance(o.get("itemListElement"), list)
              for item in o["itemListElement"]}
    articles = [o for o in objects if any(ARTICLE_TYPE.search(t) for t in types_of(o))]
    own = {_path(url) for url in page_urls} - {None}
    ranked = sorted(articles, key=lambda o: (id(o) in listed, len(articles) > 1 and _other_page(o, own),
                                             not (o.get("headline") or o.get("name"))))
    return ranked[0] if ranked else None


def _other_page(obj, own):
    """Whether the object's url and mainEntityOfPage miss the page's ``own`` URLs (as ``_path`` keys)."""
    return bool(own) and not own & {_path(_text(obj.get("url"))), _path(first_url(obj.get("mainEntityOfPage")))}


def _path(url):
    """A URL's host and path without a trailing slash, to compare a page's URLs; None for no URL."""
    if not isinstance(url, str) or not url.strip():
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # not a URL ("http://[oops")
        return None
    return parts.netloc.lower().removeprefix("www.") + parts.path.rstrip("/")


EDITOR_ROLE = re.compile(r"\bedit", re.I)


def names(value, by_id=None, depth=0):
    """Names from a JSON-LD author/person value: string, dict (its name, else its given and family
    names) or list of either; a dict that is only a reference ({"@id": ...}) is the object of
    ``by_id`` with that @id (a Person elsewhere in the @graph). A Role (or a person with a ``roleName``)
    of editor names no author; a Role's person sits under ``author``."""
    if depth > MAX_DEPTH:
        return []
    if isinstance(value, list):
        return [n for item in value for n in names(item, by_id, depth + 1)]
    if isinstance(value, dict):
        if set(value) == {"@id"} and by_id and isinstance(value["@id"], str):
            value = by_id.get(value["@id"], value)
        if EDITOR_ROLE.search(_text(value.get("roleName")) or ""):
            return []
        given = " ".join(_text(value.get(part)) or "" for part in ("givenName", "familyName")).strip()
        return names(value.get("name") or given or value.get("author"), by_id, depth + 1)
    return [value] if isinstance(value, str) and value.strip() else []


def first_url(value, depth=0):
    """The URL of an image/url value: string, ImageObject dict or list of either."""
    if depth > MAX_DEPTH:
        return None
    if isinstance(value, list):
        return next((u for u in (first_url(item, depth + 1) for item in value) if u), None)
    if isinstance(value, dict):
        return first_url(value.get("url") or value.get("contentUrl") or value.get("@id"), depth + 1)
    return value if isinstance(value, str) else None


def _text(value, depth=0):
    """A plain string from a string, a list's first string or a dict's name."""
    if depth > MAX_DEPTH:
        return None
    if isinstance(value, list):
        return next((t for t in (_text(item, depth + 1) for item in value) if t), None)
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("@value"), depth + 1)
    return value if isinstance(value, str) else None


def jsonld_fields(tree):
    """Raw fields of the page's article object (the body as its lines), plus ``publisher`` and ``site_names``
    (the names of the page's WebSite and Organization objects), or {}."""
    objects = list(jsonld_objects(tree))
    article = find_article(objects, tree.xpath('//link[@rel="canonical"]/@href | //meta[@property="og:url"]/@content'))
    if article is None:
        return {}
    keywords = article.get("keywords")
    by_id = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str) and len(o) > 1}
    body = _text(article.get("articleBody"))
    fields = {
        "headline": _text(article.get("headline")) or _text(article.get("name")),
        "description": _text(article.get("description")),
        "article_body": body.splitlines() if body else None,  # one paragraph a line
        "authors": names(article.get("author"), by_id) or names(article.get("creator"), by_id),
        "date_published": _text(article.get("datePublished")) or _text(article.get("dateCreated")),
        "date_modified": _text(article.get("dateModified")),
        "language": _text(article.get("inLanguage")),
        "section": _text(article.get("articleSection")),
        # schema.org keywords: a list, or one text with commas between them
        "tags": keywords if isinstance(keywords, list) else _text(keywords) and _text(keywords).split(","),
        "main_image_url": first_url(article.get("image")) or first_url(article.get("thumbnailUrl")),
        "canonical_url": _text(article.get("url")) or first_url(article.get("mainEntityOfPage")),
        "publisher": _text(article.get("publisher")),
        "site_names": [_text(o.get("name")) for o in objects if any(SITE_TYPE.search(t) for t in types_of(o))],
    }
    return {key: value for key, value in fields.items() if value}
