"""Article: the output contract of newscrawl.

Field names follow schema.org Article in snake_case, so that they are also good
database columns. Every field defaults to None.
"""

import scrapy

ARTICLE_FIELDS = (
    "url",
    "canonical_url",
    "headline",
    "description",
    "article_body",
    "authors",
    "date_published",
    "date_published_raw",
    "date_modified",
    "language",
    "section",
    "tags",
    "main_image",
    "main_image_url",
    "reading_time",
    "editor_note",
    "word_count",
)
BOOKKEEPING_FIELDS = ("crawled_at", "discovered_via", "revision")


class Article(scrapy.Item):
    """One news article as published, plus how the crawl found it."""

    url = scrapy.Field(doc="Normalised canonical URL of the article; the identity key.")
    canonical_url = scrapy.Field(doc="The page's rel=canonical link, normalised.")
    headline = scrapy.Field(doc="The headline as shown (h1), whitespace-normalised.")
    description = scrapy.Field(doc="The standfirst or meta description.")
    article_body = scrapy.Field(doc="The article's own paragraphs, subheadings and list items, joined by blank lines.")
    authors = scrapy.Field(doc="List of author names in byline order; desk accounts included.")
    date_published = scrapy.Field(doc="Publication time, ISO 8601 in UTC, ending in Z.")
    date_published_raw = scrapy.Field(doc="The site's own publication date string, as shown.")
    date_modified = scrapy.Field(doc="Last update time, ISO 8601 in UTC, ending in Z.")
    language = scrapy.Field(doc="BCP 47 primary language code, e.g. 'en'.")
    section = scrapy.Field(doc="The primary tag's label.")
    tags = scrapy.Field(doc="List of tag labels, primary first, deduplicated in page order.")
    main_image = scrapy.Field(doc="Lead image as {'caption': str, 'credit': str or None}.")
    main_image_url = scrapy.Field(doc="Absolute URL of the lead image.")
    reading_time = scrapy.Field(doc="The page's 'N min read', as an integer number of minutes.")
    editor_note = scrapy.Field(doc="The editor's note, kept out of article_body.")
    word_count = scrapy.Field(doc="Number of whitespace-separated words in article_body.")
    # Crawl bookkeeping, apart from the article's own fields.
    crawled_at = scrapy.Field(doc="When the page was fetched, ISO 8601 in UTC, ending in Z.")
    discovered_via = scrapy.Field(doc="URL of the listing, feed or sitemap that led to the article.")
    revision = scrapy.Field(doc="1 for an article's first stored version, n for its nth revision.")
