"""Article: the output contract of newscrawl, every field declared once.

A field's declaration holds its format (``doc``), how its raw values are cleaned (the
``input_processor`` and ``output_processor`` that ArticleLoader applies), its database
column, and the bounds no real article crosses (``max_length``, ``max_items``, and
``date`` for the publication-date bounds), which pipelines/validate.py enforces.
The field lists below, the feed export order, extraction's record keys and the
database's article columns all derive from it: adding a field is one declaration
here plus a migration. Field names follow schema.org Article in snake_case, so that
they are also good database columns. Every field defaults to None.
"""

from datetime import datetime, timedelta, timezone
from itertools import count

import scrapy
from itemloaders.processors import Compose, MapCompose

from newscrawl import processors as p

_positions = count()
# Dates before this are no article's (a site may start later: NEWSCRAWL_EARLIEST_DATE); a page's clock
# may run ahead of ours, by a day at most.
EARLIEST = "1990-01-01T00:00:00Z"
AHEAD = timedelta(days=1)
LIST_OUT = Compose(p.unique, p.list_or_none)


def field(doc, column="text", kind="article", **meta):
    """A field declared with its format, its database column ("text", "integer" or "json"), its kind
    ("article" or "bookkeeping" of the crawl), processors, bounds, or how it ``derive``s from the others."""
    return scrapy.Field(doc=doc, column=column, kind=kind, position=next(_positions), **meta)


class Article(scrapy.Item):
    """One news article as published, plus how the crawl found it."""

    url = field("Normalised canonical URL of the article; the identity key.", nullable=False, max_length=2048)
    canonical_url = field("The page's rel=canonical link, normalised, on the article's own site.",
                          input_processor=MapCompose(p.clean_text, p.absolute_url), max_length=2048)
    headline = field("The headline as shown (h1), whitespace-normalised.",
                     input_processor=MapCompose(p.clean_text, p.without_markup), max_length=1000)
    description = field("The standfirst or meta description.", max_length=10_000)
    article_body = field("The article's own paragraphs, subheadings and list items, joined by blank lines.",
                         input_processor=MapCompose(p.split_paragraphs), output_processor=Compose(p.join_paragraphs),
                         max_length=4_000_000)
    authors = field("List of author names in byline order; desk accounts included.", "json",
                    input_processor=MapCompose(p.split_authors), output_processor=LIST_OUT,
                    max_items=50, max_length=200)
    date_published = field("Publication time, ISO 8601 in UTC, ending in Z.", indexed=True,
                           input_processor=MapCompose(p.to_utc_iso), date=True)
    date_published_raw = field("The site's own publication date string, as shown.", max_length=200)
    date_modified = field("Last update time, ISO 8601 in UTC, ending in Z.",
                          input_processor=MapCompose(p.to_utc_iso), date=True)
    language = field("BCP 47 primary language code, e.g. 'en'.", input_processor=MapCompose(p.language_code))
    section = field("The primary tag's label.", indexed=True, max_length=200)
    tags = field("List of tag labels, primary first, deduplicated in page order.", "json",
                 output_processor=LIST_OUT, max_items=100, max_length=200)
    main_image = field("Lead image as {'caption': str, 'credit': str or None}.", "json",
                       input_processor=MapCompose(p.split_caption), max_length=10_000)
    main_image_url = field("Absolute URL of the lead image.", input_processor=MapCompose(p.clean_text, p.absolute_url),
                           max_length=2048)
    reading_time = field("The page's 'N min read', as an integer number of minutes.", "integer",
                         input_processor=MapCompose(p.reading_minutes))
    editor_note = field("The editor's note, kept out of article_body.", max_length=10_000)
    word_count = field("Number of whitespace-separated words in article_body.", "integer",
                       derive=lambda article: p.count_words(article.get("article_body")))
    # Crawl bookkeeping, apart from the article's own fields.
    crawled_at = field("When the page was fetched, ISO 8601 in UTC, ending in Z.", kind="bookkeeping")
    discovered_via = field("URL of the listing, feed or sitemap that led to the article.", kind="bookkeeping")
    revision = field("1 for an article's first stored version, n for its nth revision.", "integer", "bookkeeping",
                     nullable=False)
    capture = field("The WARC record this version was extracted from: {file, offset, length, record_id, digest} "
                    "(newscrawl/archive/captures.py); absent if its capture did not reach the disk.", "json", "bookkeeping")
    revision_reason = field("'reextract' for a version that re-extraction stored; else a crawl's.",
                            kind="bookkeeping")


def _names(kind, derived=True):
    """The names of the fields of this kind, in declaration order; without those derived from others."""
    fields = sorted(Article.fields.items(), key=lambda pair: pair[1]["position"])
    return tuple(name for name, meta in fields if meta["kind"] == kind and (derived or "derive" not in meta))


ARTICLE_FIELDS = _names("article")
BOOKKEEPING_FIELDS = _names("bookkeeping")
# What a page gives: every article field but those derived from others.
EXTRACTED_FIELDS = _names("article", derived=False)


def out_of_bounds(name, value, earliest=EARLIEST):
    """Why ``value`` is not one a real article has in field ``name`` ("too_long", "too_many",
    "too_early", "too_late"), or None when it is within the field's bounds."""
    meta = Article.fields[name]
    if isinstance(value, list) and len(value) > meta.get("max_items", len(value)):
        return "too_many"
    max_length = meta.get("max_length")
    if max_length is not None and _longest(value) > max_length:
        return "too_long"
    if meta.get("date") and isinstance(value, str):
        if value < earliest:
            return "too_early"
        if value > (datetime.now(timezone.utc) + AHEAD).strftime("%Y-%m-%dT%H:%M:%SZ"):
            return "too_late"
    return None


def _longest(value):
    """The length of a string, or of the longest string in a list or among a dict's values (0 if none)."""
    if isinstance(value, str):
        return len(value)
    strings = value if isinstance(value, list) else value.values() if isinstance(value, dict) else ()
    return max((len(text) for text in strings if isinstance(text, str)), default=0)
