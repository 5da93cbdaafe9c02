"""The database tables, as SQLAlchemy Core, at the newest migration.

``articles`` holds the current version of each article, keyed by ``url``, with
one column per item field, as items.py declares it. Dates stay ISO 8601 text, exactly as in the item, so
that a row reads back the same from SQLite and PostgreSQL. Authors and tags are
also kept one per row, in page order, so that they can be counted and joined.
Migrations in ``migrations/versions`` build these tables; keep the two in step.

Full-text search has no Table here: migration fulltext_search builds it in each
dialect's own SQL (SQLite's FTS5 table ``articles_fts``, PostgreSQL's generated column
``articles.search_vector``), and ``include_object`` keeps Alembic's comparisons off it.
"""

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB

from newscrawl.items import ARTICLE_FIELDS, BOOKKEEPING_FIELDS, Article

# JSONB on PostgreSQL so that lists and dicts can be indexed and queried there.
Json = JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")
COLUMN_TYPES = {"text": Text, "integer": Integer, "json": Json}


def item_columns():
    """A column for each item field, of the type, nullability and index its declaration says."""
    return [Column(name, COLUMN_TYPES[Article.fields[name]["column"]], index=Article.fields[name].get("indexed"),
                   nullable=Article.fields[name].get("nullable", True))
            for name in ARTICLE_FIELDS + BOOKKEEPING_FIELDS]


metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True),
    *item_columns(),
    Column("content_hash", Text, nullable=False),
    Column("first_seen", Text, nullable=False),
    Column("last_seen", Text, nullable=False),
    # Change tracking (newscrawl/changes/): the last check, what the site sent, and the article's presence.
    Column("last_checked", Text),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("unpublished_at", Text),
    Column("gone_status", Integer),
    Column("redirected_to", Text),
    Column("unlisted_at", Text),
    Column("suspect", Json),
    UniqueConstraint("url", name="uq_articles_url"),
)

article_authors = Table(
    "article_authors",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("name", Text, nullable=False, index=True),
)

article_tags = Table(
    "article_tags",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("tag", Text, nullable=False, index=True),
)

article_revisions = Table(
    "article_revisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("url", Text, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("item", Json, nullable=False),
    Column("content_hash", Text, nullable=False),
    Column("date_modified", Text),
    Column("replaced_at", Text, nullable=False),
    Index("ix_article_revisions_url_revision", "url", "revision", unique=True),
)

# Every change found: a revision (its number and diff) or a change of presence (status, target, since when).
article_changes = Table(
    "article_changes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("url", Text, nullable=False, index=True),
    Column("kind", Text, nullable=False, index=True),
    Column("found_at", Text, nullable=False, index=True),
    Column("revision", Integer),
    Column("diff", Json),
    Column("status", Integer),
    Column("redirected_to", Text),
    Column("since", Text),
)

crawl_runs = Table(
    "crawl_runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("spider", Text, nullable=False),
    Column("mode", Text),
    Column("started_at", Text, nullable=False),
    Column("finished_at", Text),
    Column("status", Text, nullable=False),
    Column("exit_code", Integer),
    Column("stats", Json),
)

failed_urls = Table(
    "failed_urls",
    metadata,
    Column("url", Text, primary_key=True),
    Column("reason", Text, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("first_failed", Text, nullable=False),
    Column("last_failed", Text, nullable=False),
    Column("resolved_at", Text),
)

# The latest page record of each captured URL (newscrawl/archive/captures.py): a page fetched again with the
# same payload is written as a revisit record that refers to it. url is "METHOD url" for requests other than GET.
captures = Table(
    "captures",
    metadata,
    Column("url", Text, primary_key=True),
    Column("date", Text, nullable=False),
    Column("file", Text, nullable=False),
    Column("offset", BigInteger, nullable=False),
    Column("length", Integer, nullable=False),
    Column("record_id", Text, nullable=False),
    Column("digest", Text, nullable=False),
)
# What the site lists: each article URL seen in a sitemap, the feed or a listing (a paginated
# listing by its first page), with the date shown there, ISO 8601 in UTC (a sitemap's lastmod,
# a listing's or the feed's publication date).
site_listings = Table(
    "site_listings",
    metadata,
    Column("url", Text, primary_key=True),
    Column("listing", Text, primary_key=True),
    Column("kind", Text, nullable=False),  # sitemap, feed or listing
    Column("page", Integer),  # of a paginated listing, when last seen
    Column("listed_date", Text),
    Column("before_since", Boolean, nullable=False),  # the run that saw it last skipped it as older than since
    Column("first_seen", Text, nullable=False),
    Column("last_seen", Text, nullable=False, index=True),
    Column("run_id", Integer),  # the crawl_runs row of the run that saw it last
)

# What the last fetch of a listed URL gave when nothing was stored under that URL.
url_outcomes = Table(
    "url_outcomes",
    metadata,
    Column("url", Text, primary_key=True),
    # stored or redirected (to article_url), dropped, not_article, before_since, robots
    Column("outcome", Text, nullable=False),
    Column("reason", Text),  # a drop's reason (the DropItem class)
    Column("article_url", Text),  # the article's own URL, when the page gave one
    Column("date_published", Text),  # the page's publication date, when it gave one
    Column("recorded_at", Text, nullable=False),
)

# URLs that `coverage --queue` asks the next run to fetch first.
crawl_queue = Table(
    "crawl_queue",
    metadata,
    Column("url", Text, primary_key=True),
    Column("reason", Text, nullable=False),
    Column("queued_at", Text, nullable=False),
)

FTS_TABLE = "articles_fts"  # SQLite; FTS5 adds its shadow tables articles_fts_data, _idx, ...
SEARCH_VECTOR = "search_vector"  # PostgreSQL, on articles, with the GIN index ix_articles_search_vector


def include_object(obj, name, type_, reflected, compare_to):
    """False for the full-text search objects, which no Table declares (Alembic's include_object hook)."""
    if type_ == "table":
        return not name.startswith(FTS_TABLE)
    if type_ == "column":
        return name != SEARCH_VECTOR
    return name != f"ix_articles_{SEARCH_VECTOR}"
