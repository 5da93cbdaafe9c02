"""Database fixtures and helpers for the database tests: a pytest plugin.

Test modules load it with ``pytest_plugins = ["dbfixtures"]``. PostgreSQL
tests run on 127.0.0.1:5432 as user postgres (override the server with
NEWSCRAWL_TEST_POSTGRES_URL) in a fresh database made for the test session
and dropped after it, one schema per test. Where PostgreSQL is unreachable
they are skipped, except under CI=true, where they fail.
"""

import contextlib
import uuid

import pytest
from alembic import command
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

import services
from newscrawl.archive.migrations import alembic_config
from newscrawl.items import Article


@pytest.fixture(scope="session")
def postgres_database():
    """URL of a fresh, uniquely named database, dropped after the session."""
    with services.postgres_database(migrate=False) as url:
        yield make_url(url)


@pytest.fixture
def postgres_url(postgres_database):
    """URL of an empty schema of its own in the session's PostgreSQL database."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    # No pool: a test may have cut every connection to this database.
    engine = create_engine(postgres_database, poolclass=NullPool)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    yield postgres_database.update_query_dict({"options": f"-csearch_path={schema}"})
    with engine.begin() as connection:
        # A connection that a test left open would otherwise make this wait forever.
        connection.execute(text("SET lock_timeout = '10s'"))
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request, tmp_path):
    """URL of an empty database: a SQLite file, then a PostgreSQL schema."""
    if request.param == "sqlite":
        return make_url(f"sqlite:///{tmp_path / 'newscrawl.db'}")
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def db_url(empty_url):
    """URL of a database migrated to the newest schema."""
    upgrade(empty_url)
    return empty_url


def upgrade(url, revision="head"):
    """Migrate the database at url up to revision."""
    command.upgrade(alembic_config(url), revision)


def make_item(number, **fields):
    """A complete Article, the number'th of a run, with fields overridden."""
    item = Article(
        url=f"https://kyivindependent.com/article-{number}/",
        canonical_url=f"https://kyivindependent.com/article-{number}/",
        headline=f"Headline {number}",
        description=f"Standfirst {number}.",
        article_body=f"Paragraph one of {number}.\n\nParagraph two.",
        authors=["Martin Fornusek", "Kyiv Independent news desk"][: 1 + number % 2],
        date_published=f"2025-03-{10 + number % 5:02d}T13:10:00Z",
        date_published_raw=f"March {10 + number % 5}, 2025 3:10 PM",
        date_modified=f"2025-03-{10 + number % 5:02d}T14:00:00Z",
        language="en",
        section=["News Feed", "Ukraine War"][number % 2],
        tags=[["News Feed", "Ukraine War"][number % 2], "Russia", f"Topic {number % 3}"],
        main_image={"caption": f"Caption {number}", "credit": None},
        main_image_url=f"https://kyivindependent.com/content/images/{number}.jpg",
        reading_time=2,
        editor_note=None,
        word_count=7,
        crawled_at="2025-03-20T08:00:00Z",
        discovered_via="https://kyivindependent.com/news-feed/",
        capture={"file": "20250320080000000-kyivindependent-host-1-00001.warc.gz", "offset": 1000 * number,
                 "length": 900, "record_id": f"<urn:uuid:00000000-0000-4000-8000-{number:012d}>",
                 "digest": f"sha1:{number:032d}"},
        revision_reason=None,
    )
    item.update(fields)
    return item


@contextlib.contextmanager
def database_outage(url):
    """Make the PostgreSQL database at url refuse all connections, then come back.

    Open connections are terminated and new ones refused, as when the server
    goes away, while the rest of the server keeps running.
    """
    name = make_url(url).database
    engine = services.admin_engine()
    with engine.connect() as connection:
        connection.execute(text(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS false'))
        connection.execute(
            text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"),
            {"name": name},
        )
    try:
        yield
    finally:
        with engine.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true'))
        engine.dispose()
