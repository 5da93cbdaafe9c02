"""Items per second written by Store.write_batch, batched and one per transaction.

python -m benchmarks.db_write [--items 5000] [--postgres URL]

Each case writes the same synthetic articles into a fresh, migrated database:
a SQLite file in a temporary directory, and a throwaway database on the
PostgreSQL server (default: the local one, user postgres), dropped afterwards.
"""

import argparse
import os
import tempfile
import time
import uuid

from alembic import command
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import OperationalError

from newscrawl.archive.migrations import alembic_config
from newscrawl.archive.store import Store

BATCH_SIZES = (100, 500, 1)
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def synthetic_item(number):
    """An article of realistic size: ~600 words, three authors, six tags."""
    return {
        "url": f"https://kyivindependent.com/benchmark-{number}/",
        "canonical_url": f"https://kyivindependent.com/benchmark-{number}/",
        "headline": f"Benchmark headline number {number}",
        "description": "A standfirst of a couple of dozen words. " * 2,
        "article_body": "\n\n".join(f"Paragraph {p} of article {number}. " * 12 for p in range(10)),
        "authors": [f"Author {number % 40}", f"Author {number % 7}", "Kyiv Independent news desk"],
        "date_published": f"2025-03-{1 + number % 28:02d}T13:10:00Z",
        "date_published_raw": "March 1, 2025 3:10 PM",
        "date_modified": f"2025-03-{1 + number % 28:02d}T14:00:00Z",
        "language": "en",
        "section": "News Feed",
        "tags": ["News Feed", "Russia", "Ukraine", f"Tag {number % 50}", f"Tag {number % 13}", "War"],
        "main_image": {"caption": f"Caption {number}", "credit": "Photographer/Agency"},
        "main_image_url": f"https://kyivindependent.com/content/images/{number}.jpg",
        "reading_time": 3,
        "editor_note": None,
        "word_count": 600,
        "crawled_at": "2025-03-30T08:00:00Z",
        "discovered_via": "https://kyivindependent.com/news-feed/",
    }


def measure(url, items, batch_size):
    """Migrate the empty database at url, write items in batches; return seconds."""
    command.upgrade(alembic_config(url), "head")
    store = Store(url)
    started = time.perf_counter()
    for start in range(0, len(items), batch_size):
        store.write_batch(items[start : start + batch_size])
    elapsed = time.perf_counter() - started
    store.close()
    return elapsed


def sqlite_cases(items, directory):
    """(label, seconds) for each batch size on a fresh SQLite file."""
    for batch_size in BATCH_SIZES:
        url = f"sqlite:///{directory}/bench-{batch_size}.db"
        yield f"sqlite      batch {batch_size:>3}", measure(url, items, batch_size)


def postgres_cases(items, admin_url):
    """(label, seconds) for each batch size on a throwaway PostgreSQL database."""
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    for batch_size in BATCH_SIZES:
        name = f"newscrawl_bench_{uuid.uuid4().hex[:12]}"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            url = make_url(admin_url).set(database=name)
            yield f"postgresql  batch {batch_size:>3}", measure(url, items, batch_size)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.db_write", description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--postgres", default=os.environ.get("NEWSCRAWL_BENCH_POSTGRES_URL", DEFAULT_POSTGRES))
    args = parser.parse_args(argv)
    items = [synthetic_item(number) for number in range(args.items)]
    print(f"{args.items} new articles per case (batch 1 = one row per transaction)")
    with tempfile.TemporaryDirectory() as directory:
        for label, seconds in sqlite_cases(items, directory):
            print(f"{label}  {seconds:7.2f} s  {args.items / seconds:8.0f} items/s", flush=True)
    try:
        for label, seconds in postgres_cases(items, args.postgres):
            print(f"{label}  {seconds:7.2f} s  {args.items / seconds:8.0f} items/s", flush=True)
    except OperationalError as error:
        print(f"postgresql  skipped: {make_url(args.postgres).render_as_string()} unreachable ({error.orig})")


if __name__ == "__main__":
    main()
