"""Archive: the one component that knows what the archive holds while a crawl runs.

An extension that the crawler holds (``crawler.get_extension(Archive)``). It owns
the database (Store), the index of stored articles, the run's record, failed URLs,
the spool of writes that found the database down, the JSON Lines file, what the crawl saw
on the site (``sightings``, newscrawl/archive/sightings.py), and (its Watch,
newscrawl/changes/watch.py) the articles' presence and re-checks. The spider asks it what
is stored and tells it what it saw; the database pipeline hands it articles. Its database
calls run in the DatabaseThread (newscrawl/archive/database_thread.py), never in the event loop;
what they answer comes back to the loop's thread, which keeps the index, the stats and the JSON
Lines file.
"""

import contextlib
import logging
import time

from itemadapter import ItemAdapter
from scrapy import signals
from sqlalchemy.exc import DBAPIError

from newscrawl.archive import database_url, error_line, safe_url
from newscrawl.archive.crawl_log import RUN_LOCK_STAT
from newscrawl.archive.database_thread import DatabaseHung, DatabaseThread
from newscrawl.archive.jsonl import JsonLinesFile, catch_up
from newscrawl.archive.sightings import Sightings
from newscrawl.archive.spool import Spool
from newscrawl.archive.store import Store, content_hash, utcnow
from newscrawl.changes.watch import Watch
from newscrawl.extensions import EXIT_FAILED, crawl_failure

logger = logging.getLogger(__name__)

# The Store methods write_or_keep may keep for later.
PENDING_WRITES = ("finish_run", "record_failure", "record_sightings", "unqueue", "record_checks")


class Archive:
    """The stored articles, runs, failures, spool and JSON Lines file of the crawl's archive."""

    def __init__(self, crawler):
        settings = crawler.settings
        self.crawler = crawler
        self.stats = crawler.stats
        self.url = database_url(settings.get("NEWSCRAWL_DATABASE_URL"))
        self.batch_size = settings.getint("NEWSCRAWL_DB_BATCH_SIZE", 100)
        self.flush_seconds = settings.getfloat("NEWSCRAWL_DB_FLUSH_SECONDS", 5.0)
        self.create_empty = settings.getbool("NEWSCRAWL_DB_CREATE_EMPTY", True)
        # A statement that takes longer (a lock held, a server that stopped answering) fails: its batch is spooled.
        self.timeout = settings.getfloat("NEWSCRAWL_DB_TIMEOUT", 60.0)
        self.run_lock = settings.get("NEWSCRAWL_RUN_LOCK")
        self.max_error_share = settings.getfloat("NEWSCRAWL_MAX_ERROR_SHARE")
        # Workers of a shared crawl write one database; each one's JSON Lines holds what it stored.
        self.shared = bool(settings.get("NEWSCRAWL_REDIS_URL"))
        self.spool = Spool(settings.get("NEWSCRAWL_SPOOL_PATH", "data/spool.jsonl"))
        # Writes other than articles that found the database down ({"method": {arguments}}): the next run makes them.
        self.pending = Spool(self.spool.path.with_name(f"{self.spool.path.stem}-pending.jsonl"))
        jsonl_path = settings.get("NEWSCRAWL_JSONL_PATH")
        self.jsonl = JsonLinesFile(jsonl_path, crawler.stats) if jsonl_path else None
        self.store = None
        self.captures = None  # the crawl's WARC captures (newscrawl/archive/captures.py), once they are open
        self.run_id = None
        self.index = {}
        self.held_at_start = 0  # articles the index held when it was loaded, at the start of the run
        self.watch = Watch.from_settings(settings, crawler.stats)  # presence of the articles, re-checks
        self.buffer = []
        self.last_flush = time.monotonic()
        self.sightings = Sightings(self)
        self.failed_before = []  # URLs that failed in earlier runs, unresolved, read at the start
        # Where every database call runs. A job past twice the timeout, and the 10 s a connect may take, waits for
        # a server that does not answer (each of its statements ends within the timeout on one that does): hung.
        self.database = DatabaseThread(crawler.stats, deadline=2 * self.timeout + 10)

    @classmethod
    def from_crawler(cls, crawler):
        archive = cls(crawler)
        crawler.signals.connect(archive.spider_closed, signal=signals.spider_closed)
        archive.sightings.connect(crawler)
        return archive

    async def open(self):
        """Refuse an outdated schema; replay what earlier runs left; load the index; record this run."""
        self.database.start()
        try:
            await self.database.run(self._open)
        except BaseException:
            self.database.stop()
            raise

    def _open(self):
        """open(), in the database thread, before the crawl's first request."""
        self.store = store = self._open_store()
        if self.jsonl:
            self.jsonl.open()
        if self.spool.path.exists():
            self._written(self._write_job([], []))
        self._replay_pending()
        spider = self.crawler.spider
        if self.run_lock:
            for run_id in store.close_killed_runs(spider.name, self.run_lock):
                logger.warning("Run %d of %s never ended (killed?): recorded as killed", run_id, spider.name)
        self.index = store.load_index()
        self.held_at_start = len(self.index)
        self.watch.load(*store.load_watch(self.watch.schedule, self.watch.budget))
        logger.info("Database %s holds %d articles", safe_url(self.url), len(self.index))
        if self.jsonl and not self.shared:
            self._catch_up()
        if self.run_lock:
            self.stats.set_value(RUN_LOCK_STAT, self.run_lock)  # kept in the run's final stats
        self.run_id = store.start_run(spider.name, getattr(spider, "mode", None), self.run_lock)
        self.failed_before = [row["url"] for row in store.pending_failures()]
        self.sightings.open()

    def _open_store(self):
        """The Store, once its schema is the newest (an empty database gets it when create_empty)."""
        store = Store(self.url, self.timeout)
        try:
            store.check_schema(create_empty=self.create_empty)
        except Exception as error:
            logger.error("Not crawling: %s", error)
            store.close()
            raise
        return store

    def link_captures(self, captures):
        """From now on, each write first has captures sync the WARC file and records each URL's last page
        record, so that no row links to a record not on the disk; they learn the last records stored."""
        self.captures = captures
        self.database.submit(self.store.load_captures, then=captures.remember)

    def _catch_up(self):
        """Write the stored versions that the JSON Lines file lacks (after a crash, a full disk)."""
        missing = catch_up(self.jsonl, self.store)
        if missing:
            logger.warning("%s lacked %d stored versions: written now", self.jsonl.path, missing)

    def stored(self, url):
        """(content_hash, date_modified, revision) of the stored article at url, else None."""
        return self.index.get(url)

    def add(self, item):
        """Queue a new or revised article (an item) for the database; its revision as far as this
        process knows, or None when it is stored unchanged already."""
        # A shallow copy, for the buffer (the values are plain JSON types; asdict() looks for nested items in
        # every one), taken first: the hash reads its fields from a dict faster than through the adapter.
        row = dict(ItemAdapter(item).items())
        url, digest = row["url"], content_hash(row)
        known = self.index.get(url)
        if known and known[0] == digest:
            self.stats.inc_value("newscrawl/db/unchanged")
            return None
        revision = known[2] + 1 if known else 1
        self.index[url] = (digest, row.get("date_modified"), revision)
        row.update(content_hash=digest, revision=revision)
        self.buffer.append(row)
        if len(self.buffer) >= self.batch_size or time.monotonic() - self.last_flush >= self.flush_seconds:
            self.flush()
        return revision

    def flush(self):
        """Write the queued articles, after any spooled ones, and what the crawl saw and checked meanwhile."""
        batch, self.buffer = self.buffer, []
        self.last_flush = time.monotonic()
        if batch:
            self._write(batch)
        self.sightings.flush()
        checks, changes = self.watch.take_writes()  # after the articles, whose rows they update
        if checks or changes:
            self.write_or_keep("record_checks", checks=checks, changes=changes)

    def _write(self, batch):
        """Have the database thread write the captures' new rows, then spool and batch."""
        captured = self.captures.unsaved_rows() if self.captures else []
        self.database.submit(self._write_job, captured, batch, then=self._written, refused=self._spool_job)

    def _write_job(self, captured, batch):
        """In the database thread: record the captures' rows, then write spool and batch in one transaction,
        or add the batch to the spool. (captured, None) when the database refused them, else (captured,
        (the items written, the database's answers, the changes it found))."""
        spooled = self.spool.read()
        try:
            if captured:
                self.store.record_captures(captured)
            answers = self.store.write_batch(spooled + batch)
        except DBAPIError as error:
            self._spool(batch, error, len(spooled))
            return captured, None
        with self.database.keeping():
            self.spool.clear()
        if spooled:
            self.database.job_stats.inc_value("newscrawl/db/replayed", len(spooled))
            logger.info("Replayed %d spooled items from %s into the database", len(spooled), self.spool.path)
        self.database.job_stats.inc_value("newscrawl/db/flushes")
        return captured, (spooled + batch, answers, self.store.changes_found)

    def _spool_job(self, captured, batch):
        """_write_job once the database is hung: the batch to the spool, at once (the hang was logged)."""
        if batch and self.spool.keep(batch, self.database.hung, self.database.job_stats):
            self.database.job_stats.inc_value("newscrawl/db/spooled", len(batch))
        return captured, None

    def _written(self, answer):
        """What a write job answered: the captures it could not record go with the next; the items it wrote."""
        captured, written = answer
        if written is None:
            if captured:
                self.captures.unsave(captured)
            return
        items, answers, changes = written
        self.watch.found(changes, stored=True)
        self._stored(items, answers)

    def _spool(self, batch, error, spooled):
        """Keep a batch that the database refused in the spool, for the next write."""
        with self.database.keeping():
            kept = self.spool.keep(batch, f"Database write failed ({error_line(error)})", self.database.job_stats)
        if kept:
            self.database.job_stats.inc_value("newscrawl/db/spooled", len(batch))
            logger.warning("Database write failed (%s): %d items spooled to %s, %d in all",
                           error_line(error), len(batch), self.spool.path, spooled + len(batch))

    def _stored(self, items, answers):
        """Take the database's answer for each written item: the index, the counts, the JSON Lines file."""
        written = []
        for item, (outcome, revision) in zip(items, answers):
            digest = item.get("content_hash") or content_hash(item)  # a spooled item may lack it
            queued = self.index.get(item["url"])
            if queued is None or queued[0] == digest:  # not a newer version queued since
                self.index[item["url"]] = (digest, item.get("date_modified"), revision)
            self.stats.inc_value(f"newscrawl/db/{'unchanged' if outcome == 'unchanged' else 'stored_' + outcome}")
            if outcome != "unchanged":
                written.append(dict(item, revision=revision))
        if self.jsonl and written:
            self.jsonl.append(written)

    def pending_failures(self):
        """URLs that failed in earlier runs and are still unresolved, to retry now."""
        return self.failed_before

    def record_failure(self, url, reason):
        """Count, log and (when the database is open) record a URL that failed for good."""
        self.stats.inc_value(f"newscrawl/failed/{reason}")
        logger.warning("Failed for good: %s (%s)", url, reason)
        if self.store:
            self.write_or_keep("record_failure", url=url, reason=reason, failed_at=utcnow())

    async def spider_closed(self, spider, reason):
        """Record how the run ended (or keep it for the next run), then close the database and the file."""
        if self.run_id is None:
            return
        self.sightings.close(reason)
        if self.captures:
            self.database.submit(self._record_last_captures, self.captures.unsaved_rows())
        await self.database.drain()  # the run's stats then hold what its writes counted
        stats = dict(self.stats.get_stats())
        # As the crawl command will exit, judged on the stats so far.
        exit_code = EXIT_FAILED if crawl_failure(stats, self.max_error_share) else 0
        self.write_or_keep("finish_run", run_id=self.run_id, status=reason, exit_code=exit_code,
                           finished_at=utcnow(), stats=stats)
        await self.database.drain()
        with contextlib.suppress(DatabaseHung):  # else the stuck thread holds the connection: left to the exit
            await self.database.run(self.store.close)
        self.database.stop()
        if self.jsonl:
            self.jsonl.close()

    def _record_last_captures(self, rows):
        """In the database thread: the captures' last rows, at the end of the run."""
        try:
            self.store.record_captures(rows)
        except DBAPIError as error:
            logger.warning("Could not record the last captures (%s): the next crawl stores those pages again",
                           error_line(error))

    def write_or_keep(self, method, **arguments):
        """Store.<method>(**arguments), one of PENDING_WRITES, in the database thread; kept for the next run
        if the database is down."""
        self.database.submit(self._write_or_keep_job, method, arguments, refused=self._keep_job)

    def _write_or_keep_job(self, method, arguments):
        """write_or_keep, in the database thread."""
        try:
            getattr(self.store, method)(**arguments)
        except DBAPIError as error:
            failure = f"Could not {method.replace('_', ' ')} ({error_line(error)})"
            with self.database.keeping():
                kept = self._keep_job(method, arguments, failure)
            if kept:
                logger.warning("%s: kept in %s for the next run", failure, self.pending.path)

    def _keep_job(self, method, arguments, failure=None):
        """Keep a write for the next run (straight away once the database is hung: the hang was logged); whether
        it was kept."""
        kept = self.pending.keep([{method: arguments}], failure or self.database.hung, self.database.job_stats)
        if kept:
            self.database.job_stats.inc_value("newscrawl/db/pending")
        return kept

    def _replay_pending(self):
        """Make the writes that earlier runs kept for the database."""
        writes = self.pending.read()
        if not writes:
            return
        try:
            for write in writes:
                (method, arguments), = write.items()
                if method not in PENDING_WRITES:
                    raise ValueError(f"{self.pending.path}: unknown write {method!r}")
                getattr(self.store, method)(**arguments)
        except DBAPIError as error:
            logger.warning("Could not make the writes kept in %s (%s); kept", self.pending.path, error_line(error))
            return
        with self.database.keeping():
            self.pending.clear()
        logger.info("Made %d writes that earlier runs kept in %s", len(writes), self.pending.path)
