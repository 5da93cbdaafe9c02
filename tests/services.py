"""Real services for the deployment tests: Redis, PostgreSQL, free ports, and article rows.

In CI (CI=true) a missing service fails the test; elsewhere it skips it.
"""

import os
import socket
import uuid
from contextlib import contextmanager

import pytest
import redis
from sqlalchemy import create_engine, select, text

from newscrawl.db.schema import articles
from newscrawl.db.store import Store
from newscrawl.items import ARTICLE_FIELDS

REDIS_URL = "redis://127.0.0.1:6379/13"  # a database number of its own, for tests
POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def unavailable(reason):
    """Fail in CI, skip elsewhere."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: required)")
    pytest.skip(reason)


def redis_client(url=REDIS_URL):
    """A client of the test Redis database, or fail/skip when Redis is down."""
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.RedisError as error:
        unavailable(f"Redis is not available at {url}: {error}")
    return client


@contextmanager
def postgres_database():
    """A new, empty PostgreSQL database with the newest schema; dropped afterwards."""
    name = f"newscrawl_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # any driver error: the server is not there
        admin.dispose()
        unavailable(f"PostgreSQL is not available at 127.0.0.1:5432: {error}")
    url = POSTGRES_URL.rsplit("/", 1)[0] + "/" + name
    # Workers started together would race to create the schema of an empty database.
    store = Store(url)
    store.check_schema(create_empty=True)
    store.close()
    try:
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def article_rows(db_url):
    """{url: {article field: value}} of every stored article."""
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(select(articles)).mappings().all()
    finally:
        engine.dispose()
    return {row["url"]: {field: row[field] for field in ARTICLE_FIELDS} for row in rows}
