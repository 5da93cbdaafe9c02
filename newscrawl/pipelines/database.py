"""DatabasePipeline: new and revised articles into the SQL database, in batches."""

import json
import logging
import os
import time
from pathlib import Path

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import DropItem
from sqlalchemy.exc import DBAPIError

from newscrawl.archive import database_url, safe_url
from newscrawl.archive.store import Store, content_hash, utcnow

logger = logging.getLogger(__name__)


PENDING_WRITES = ("finish_run", "record_failure")  # the Store methods write_or_keep may keep for later


class UnchangedArticle(DropItem):
    """The database already holds this article with the same content."""


class Spool:
    """Items the database could not take, as JSON Lines, kept until replayed."""

    def __init__(self, path):
        self.path = Path(path)

    def append(self, items):
        """Add items and fsync, so that they survive a crash of the crawl too."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # default=str: what JSON lacks (the stats' datetimes) becomes text, as Store.finish_run stores it.
        lines = "".join(json.dumps(item, ensure_ascii=False, default=str) + "\n" for item in items)
        with self.path.open("a+b") as file:
            # Start a new line after one cut short by a crash, so that only that one is lost.
            if _ends_mid_line(file):
                lines = "\n" + lines
            file.write(lines.encode())
            file.flush()
            os.fsync(file.fileno())

    def read(self):
        """The spooled items, oldest first, skipping a line cut short by a crash."""
        if not self.path.exists():
            return []
        items = []
        with self.path.open(encoding="utf-8") as file:
            for number, line in enumerate(file, 1):
                try:
                    items.append(json.loads(line))
                except json.JSONDecodeError:
                    logger.error("Skipping unreadable line %d of spool %s", number, self.path)
        return items

    def clear(self):
        """Forget the spooled items, once they are in the database."""
        self.path.unlink(missing_ok=True)


def _ends_mid_line(file):
    """Whether a file open in binary mode ends in a line without its newline."""
    if not file.seek(0, os.SEEK_END):
        return False
    file.seek(-1, os.SEEK_END)
    return file.read(1) != b"\n"


def _reason(error):
    """The driver's first message line, leaving out the SQL and its parameters."""
    return str(error.orig or error).strip().splitlines()[0]


class DatabasePipeline:
    """Stores new and revised articles in the SQL database; drops unchanged ones."""

    def __init__(self, crawler, url, batch_size, flush_seconds, spool_path, create_empty=True):
        self.crawler = crawler
        self.stats = crawler.stats
        self.url = url
        self.batch_size = batch_size
        self.flush_seconds = flush_seconds
        self.spool = Spool(spool_path)
        # Writes other than articles that found the database down ({"method": {arguments}}): the next run makes them.
        self.pending = Spool(self.spool.path.with_name(f"{self.spool.path.stem}-pending.jsonl"))
        self.create_empty = create_empty
        self.store = None
        self.run_id = None
        self.index = {}
        self.buffer = []
        self.last_flush = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        pipeline = cls(
            crawler,
            url=database_url(settings.get("NEWSCRAWL_DATABASE_URL")),
            batch_size=settings.getint("NEWSCRAWL_DB_BATCH_SIZE", 100),
            flush_seconds=settings.getfloat("NEWSCRAWL_DB_FLUSH_SECONDS", 5.0),
            spool_path=settings.get("NEWSCRAWL_SPOOL_PATH", "data/spool.jsonl"),
            create_empty=settings.getbool("NEWSCRAWL_DB_CREATE_EMPTY", True),
        )
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self):
        """Refuse an outdated schema, replay any spool, load the URL index."""
        self.store = Store(self.url)
        try:
            self.store.check_schema(create_empty=self.create_empty)
        except Exception as error:
            logger.error("Not crawling: %s", error)
            self.store.close()
            raise
        if self.spool.path.exists():
            self._write([])
        self._replay_pending()
        self.index = self.store.load_index()
        logger.info("Database %s holds %d articles", safe_url(self.url), len(self.index))
        spider = self.crawler.spider
        self.run_id = self.store.start_run(spider.name, getattr(spider, "mode", None))

    def process_item(self, item):
        """Drop an unchanged article; number and buffer a new or revised one."""
        adapter = ItemAdapter(item)
        url, digest = adapter["url"], content_hash(adapter)
        known = self.index.get(url)
        if known and known[0] == digest:
            self.stats.inc_value("newscrawl/db/unchanged")
            raise UnchangedArticle(f"Unchanged since revision {known[2]}: {url}", log_level="DEBUG")
        adapter["revision"] = known[2] + 1 if known else 1
        self.index[url] = (digest, adapter.get("date_modified"), adapter["revision"])
        # A shallow copy: the values are plain JSON types; asdict() looks for nested items in every one.
        self.buffer.append(dict(adapter.items(), content_hash=digest))
        if len(self.buffer) >= self.batch_size or time.monotonic() - self.last_flush >= self.flush_seconds:
            self.flush()
        return item

    def flush(self):
        """Write the buffered items, after any spooled ones."""
        batch, self.buffer = self.buffer, []
        self.last_flush = time.monotonic()
        if batch:
            self._write(batch)

    def _write(self, batch):
        """Write spool and batch in one transaction, or add the batch to the spool."""
        spooled = self.spool.read()
        try:
            outcomes = self.store.write_batch(spooled + batch)
        except DBAPIError as error:
            self.spool.append(batch)
            self.stats.inc_value("newscrawl/db/spooled", len(batch))
            logger.warning(
                "Database write failed (%s): %d items spooled to %s, %d in all",
                _reason(error), len(batch), self.spool.path, len(spooled) + len(batch),
            )
            return
        self.spool.clear()
        if spooled:
            self.stats.inc_value("newscrawl/db/replayed", len(spooled))
            logger.info("Replayed %d spooled items from %s into the database", len(spooled), self.spool.path)
        self.stats.inc_value("newscrawl/db/flushes")
        self.stats.inc_value("newscrawl/db/stored_new", outcomes["new"])
        self.stats.inc_value("newscrawl/db/stored_revised", outcomes["revised"])

    def close_spider(self):
        """Write what is still buffered."""
        self.flush()

    def spider_closed(self, spider, reason):
        """Record how the run ended (or keep it for the next run), then close the connections."""
        if self.run_id is None:
            return
        self.write_or_keep("finish_run", run_id=self.run_id, status=reason, finished_at=utcnow(),
                           stats=self.stats.get_stats())
        self.store.close()

    def write_or_keep(self, method, **arguments):
        """Store.<method>(**arguments), one of PENDING_WRITES; kept for the next run if the database is down."""
        try:
            getattr(self.store, method)(**arguments)
        except DBAPIError as error:
            self.pending.append([{method: arguments}])
            self.stats.inc_value("newscrawl/db/pending")
            logger.warning("Could not %s (%s): kept in %s for the next run",
                           method.replace("_", " "), _reason(error), self.pending.path)

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
            logger.warning("Could not make the writes kept in %s (%s); kept", self.pending.path, _reason(error))
            return
        self.pending.clear()
        logger.info("Made %d writes that earlier runs kept in %s", len(writes), self.pending.path)
