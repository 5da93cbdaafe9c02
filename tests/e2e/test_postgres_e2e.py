"""End-to-end on PostgreSQL: the test site's crawl stored as on SQLite, and through database outages.

The outages stop a throwaway cluster of the test's own (services.ThrowawayCluster),
never the shared server on 5432 that other tests use meanwhile.
"""

import contextlib
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import create_engine, func, make_url, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from conftest import run_crawl
from newscrawl.archive.schema import article_authors, article_tags, articles
from newscrawl.archive.store import Store
from newscrawl.extensions import EXIT_FAILED
from services import freezing_proxy, postgres_database, throwaway_postgres

# Columns that differ between two crawls of the same site.
VARYING = {"id", "crawled_at", "first_seen", "last_seen", "last_checked", "capture"}  # each crawl's own
# One request at a time: the order of the crawl, and so each article's discovered_via, is fixed.
IN_ORDER = {"CONCURRENT_REQUESTS": "1", "CONCURRENT_REQUESTS_PER_DOMAIN": "1"}
# Small batches, written often, so that an outage finds the crawl writing.
SMALL_BATCHES = {"NEWSCRAWL_DB_BATCH_SIZE": "5", "NEWSCRAWL_DB_FLUSH_SECONDS": "1"}
# About 0.07 s per request, 350 requests: a crawl of 25 s or more, whatever the machine.
SLOW = {**SMALL_BATCHES, "CONCURRENT_REQUESTS": "2", "CONCURRENT_REQUESTS_PER_DOMAIN": "2", "DOWNLOAD_DELAY": "0.07"}
OUTAGE_SECONDS = 10.5
LOCK_SECONDS = 6


@pytest.fixture
def cluster():
    with throwaway_postgres() as cluster:
        yield cluster


def stored(db_url):
    """Every article row by URL, less the varying columns, with its authors and tags rows."""
    engine = create_engine(db_url)
    with engine.connect() as connection:
        rows = {row["url"]: dict(row) for row in connection.execute(select(articles)).mappings()}
        for table, column in ((article_authors, "name"), (article_tags, "tag")):
            query = select(articles.c.url, table.c[column]).join(articles).order_by(articles.c.url, table.c.position)
            for url, value in connection.execute(query):
                rows[url].setdefault(table.name, []).append(value)
    engine.dispose()
    return {url: {name: value for name, value in row.items() if name not in VARYING} for url, row in rows.items()}


def article_count(db_url):
    """How many articles the database holds: 0 before the crawl made the table, None when it is down."""
    connect_args = {"connect_timeout": 3} if db_url.startswith("postgresql") else {}
    engine = create_engine(db_url, poolclass=NullPool, connect_args=connect_args)
    try:
        with engine.connect() as connection:
            if not engine.dialect.has_table(connection, "articles"):
                return 0
            return connection.execute(select(func.count()).select_from(articles)).scalar()
    except DBAPIError:
        return None
    finally:
        engine.dispose()


def wait_for_articles(db_url, crawl, at_least, timeout=60):
    """Wait until the running crawl has stored at_least articles."""
    deadline = time.monotonic() + timeout
    while (article_count(db_url) or 0) < at_least:
        assert not crawl.done(), f"the crawl ended before storing {at_least} articles: {crawl.result().log[-3000:]}"
        assert time.monotonic() < deadline, f"fewer than {at_least} articles stored after {timeout} s"
        time.sleep(0.1)


def spool_sizes(path, seconds):
    """Sizes of the spool file, sampled every 0.2 s for seconds."""
    sizes, end = [], time.monotonic() + seconds
    while time.monotonic() < end:
        sizes.append(path.stat().st_size if path.exists() else 0)
        time.sleep(0.2)
    return sizes


def warc_size(directory):
    """Bytes in the crawl's WARC files so far."""
    return sum(path.stat().st_size for path in directory.iterdir()) if directory.exists() else 0


@contextlib.contextmanager
def articles_locked(db_url):
    """The articles table locked by another session (ACCESS EXCLUSIVE: no read, no write) until the block ends."""
    engine = create_engine(db_url, poolclass=NullPool)
    with engine.connect() as connection:
        connection.execute(text("LOCK TABLE articles IN ACCESS EXCLUSIVE MODE"))  # held until the rollback
        yield
        connection.rollback()
    engine.dispose()


def assert_each_article_once(manifest, crawls, db_url):
    """Every manifest article once in the database, and once in the JSON Lines file."""
    expected = {article["url"] for article in manifest["articles"]}
    counts = Counter(item["url"] for item in crawls[-1].items)
    assert [url for url, n in counts.items() if n > 1] == []
    assert set(counts) == expected
    assert set(stored(db_url)) == expected
    assert article_count(db_url) == len(expected)
    assert [crawl.returncode for crawl in crawls] == [0] * len(crawls), crawls[-1].log[-3000:]


def test_postgres_stores_the_same_rows_as_sqlite(testsite, tmp_path):
    base_url, manifest = testsite
    with postgres_database(migrate=False) as postgres_url, ThreadPoolExecutor() as pool:
        targets = {"postgresql": postgres_url, "sqlite": f"sqlite:///{tmp_path / 'sqlite' / 'newscrawl.db'}"}
        futures = {
            name: pool.submit(run_crawl, base_url, tmp_path / name, settings=IN_ORDER, db_url=url)
            for name, url in targets.items()
        }
        crawls = {name: future.result() for name, future in futures.items()}
        for name, url in targets.items():
            assert_each_article_once(manifest, [crawls[name]], url)
        # The crawl gave the empty database the newest schema.
        Store(postgres_url).check_schema()
        rows = {name: stored(url) for name, url in targets.items()}
    differences = [
        (url, column, value, rows["sqlite"][url][column])
        for url, row in rows["postgresql"].items()
        for column, value in row.items()
        if value != rows["sqlite"][url][column]
    ]
    assert differences == [], f"{len(differences)} differences, first: {differences[:5]}"
    assert rows["postgresql"] == rows["sqlite"]


def test_an_outage_in_mid_crawl_is_replayed_when_the_database_is_back(testsite, cluster, tmp_path):
    base_url, manifest = testsite
    db_url, spool = cluster.create_database("newscrawl"), tmp_path / "spool.jsonl"
    with ThreadPoolExecutor(1) as pool:
        crawl = pool.submit(run_crawl, base_url, tmp_path, settings=SLOW, db_url=db_url)
        wait_for_articles(db_url, crawl, 20)
        cluster.stop()
        sizes = spool_sizes(spool, OUTAGE_SECONDS)
        assert not crawl.done(), "the crawl ended during the outage: slow it down"
        cluster.start()
        result = crawl.result(timeout=300)
    spooling = sorted(set(sizes) - {0})
    assert len(spooling) >= 2, f"the spool did not grow during the outage: {sizes}"
    assert result.stats["newscrawl/db/spooled"] > 0
    assert result.stats["newscrawl/db/replayed"] >= result.stats["newscrawl/db/spooled"]
    assert "Database write failed" in result.log
    assert not spool.exists()
    assert_each_article_once(manifest, [result], db_url)


def test_a_spool_left_by_a_crawl_is_replayed_by_the_next(testsite, cluster, tmp_path):
    base_url, manifest = testsite
    db_url, spool = cluster.create_database("newscrawl"), tmp_path / "spool.jsonl"
    with ThreadPoolExecutor(1) as pool:
        crawl = pool.submit(run_crawl, base_url, tmp_path, settings={**SMALL_BATCHES, "DOWNLOAD_DELAY": "0.02"},
                            db_url=db_url)
        wait_for_articles(db_url, crawl, 20)
        cluster.stop()
        first = crawl.result(timeout=300)
    assert first.stats["newscrawl/db/spooled"] > 0
    assert spool.exists() and len(spool.read_text().splitlines()) == first.stats["newscrawl/db/spooled"]
    cluster.start()
    update = run_crawl(base_url, tmp_path, "mode=update", settings=SMALL_BATCHES, db_url=db_url)
    assert update.stats["newscrawl/db/replayed"] == first.stats["newscrawl/db/spooled"]
    # The spooled articles reach the JSON Lines file once the database has stored them.
    assert len(update.new_items) == first.stats["newscrawl/db/spooled"]
    assert not spool.exists()
    assert_each_article_once(manifest, [first, update], db_url)


def test_a_database_that_stalls_does_not_stall_the_crawl(testsite, tmp_path):
    """Another session holds the articles table locked: the crawl's writes wait for it in their own
    thread, its downloads do not (its WARC files keep growing), and nothing is lost. Were the writes
    made in the event loop's thread, the whole crawl would wait with them."""
    base_url, manifest = testsite
    with postgres_database(migrate=False) as db_url, ThreadPoolExecutor(1) as pool:
        crawl = pool.submit(run_crawl, base_url, tmp_path, settings=SLOW, db_url=db_url)
        wait_for_articles(db_url, crawl, 20)
        with articles_locked(db_url):
            time.sleep(2)  # a write is waiting for the lock by now (batches go every second)
            before = warc_size(tmp_path / "warc")
            time.sleep(LOCK_SECONDS)
            grown = warc_size(tmp_path / "warc") - before
            assert not crawl.done(), "the crawl ended while the table was locked: slow it down"
        result = crawl.result(timeout=300)
        assert_each_article_once(manifest, [result], db_url)
    assert grown > 20 * 4000, f"the crawl's captures grew by {grown} bytes in {LOCK_SECONDS} s of the lock"


def test_a_lock_held_past_the_timeout_spools_the_writes_and_the_crawl_ends(testsite, tmp_path):
    """Another session holds the articles table locked until after the crawl: each write gives up after
    NEWSCRAWL_DB_TIMEOUT and spools its batch, so the crawl ends while the lock is held (without the timeout
    it waits for the lock), and the next run, the lock gone, stores every spooled article."""
    base_url, manifest = testsite
    settings = {"NEWSCRAWL_DB_BATCH_SIZE": "50", "NEWSCRAWL_DB_FLUSH_SECONDS": "1", "DOWNLOAD_DELAY": "0.02",
                "NEWSCRAWL_DB_TIMEOUT": "1"}
    with postgres_database(migrate=False) as db_url, ThreadPoolExecutor(1) as pool:
        crawl = pool.submit(run_crawl, base_url, tmp_path, settings=settings, db_url=db_url)
        wait_for_articles(db_url, crawl, 20)
        with articles_locked(db_url):
            first = crawl.result(timeout=240)
        assert first.stats["newscrawl/db/spooled"] > 0, first.log[-3000:]
        assert "canceling statement due to statement timeout" in first.log
        update = run_crawl(base_url, tmp_path, "mode=update", settings=SMALL_BATCHES, db_url=db_url)
        assert update.stats["newscrawl/db/replayed"] > 0
        assert not (tmp_path / "spool.jsonl").exists()
        assert_each_article_once(manifest, [first, update], db_url)


def test_a_server_that_stops_answering_is_declared_hung_and_the_next_run_stores_what_was_spooled(testsite, tmp_path):
    """The crawl reaches PostgreSQL through a proxy that, in mid-crawl, stops forwarding while it keeps the
    connections open: no timeout of the driver's or the server's fires. The job past its deadline (2 x 1 s + 10 s)
    is declared hung, the crawl spools the rest and ends, as failed; the next run, straight to the server,
    stores every spooled article. (Without the deadline the crawl waits for the server for ever.)"""
    base_url, manifest = testsite
    settings = {**SMALL_BATCHES, "DOWNLOAD_DELAY": "0.02", "NEWSCRAWL_DB_TIMEOUT": "1"}
    with postgres_database(migrate=False) as db_url, ThreadPoolExecutor(1) as pool:
        with freezing_proxy(make_url(db_url).port or 5432) as proxy:
            proxied = make_url(db_url).set(port=proxy.port).render_as_string(hide_password=False)
            crawl = pool.submit(run_crawl, base_url, tmp_path, settings=settings, db_url=proxied, timeout=150)
            wait_for_articles(db_url, crawl, 20)
            proxy.freeze()
            first = crawl.result(timeout=180)
        assert first.returncode == EXIT_FAILED, first.log[-3000:]
        assert "Database did not answer within 12 s" in first.log
        assert "Crawl failed: the database stopped answering" in first.log
        assert first.stats["newscrawl/db/hung"] == 1
        assert first.stats["newscrawl/db/spooled"] > 0
        assert first.stats["newscrawl/db/pending"] > 0  # what the crawl saw, how the run ended
        assert (tmp_path / "spool.jsonl").exists()
        update = run_crawl(base_url, tmp_path, "mode=update", settings=SMALL_BATCHES, db_url=db_url)
        assert update.stats["newscrawl/db/replayed"] >= first.stats["newscrawl/db/spooled"]
        assert "writes that earlier runs kept" in update.log
        assert not (tmp_path / "spool.jsonl").exists()
        assert_each_article_once(manifest, [update], db_url)
