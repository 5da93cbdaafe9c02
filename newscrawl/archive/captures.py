"""Captures: every HTTP response the crawl receives, with its request, written to WARC files (newscrawl/archive/warc.py).

A downloader middleware next to the downloader: it sees each response as it came off the wire
(before decompression, redirects and retries), writes it and its request as a ``response`` +
``request`` record pair, and puts where the payload's record is into ``request.meta[CAPTURE]``,
which the response shares; the spider copies it into the item. A response whose payload equals
the last capture of its URL becomes a ``revisit`` record, and its capture names the record that
holds the payload. A page a browser rendered becomes a ``resource`` record. Requests whose meta
has ``NOTES`` get a ``metadata`` record beside the pair (what led to the page, the date its
listing gave): what re-extraction needs besides the page.

On unless ``NEWSCRAWL_WARC`` is off; files go to ``NEWSCRAWL_WARC_DIR``, rotated past
``NEWSCRAWL_WARC_MAX_SIZE`` bytes. The writes run in the event loop's thread: an article page's three
records cost about 0.4 ms (``python -m benchmarks.warc_write``), a sixth of the crawl's CPU per page.
A write that fails (a full disk) is counted and logged, and leaves the response without a capture,
so that no item links to it.
"""

import json
import logging
from importlib.metadata import version

import scrapy
from scrapy import signals
from scrapy.exceptions import NotConfigured

import newscrawl
from newscrawl.archive.state import Archive
from newscrawl.archive.warc import (WarcWriter, metadata_record, payload_digest, request_record, resource_record,
                            response_record, revisit_record, warc_date)
from newscrawl.archive.warcfiles import repair
from newscrawl.changes.checks import validators

logger = logging.getLogger(__name__)

CAPTURE = "newscrawl_capture"  # request meta: {url, date, file, offset, length, record_id, digest} of the payload
CAPTURE_LINK = ("file", "offset", "length", "record_id", "digest")  # what an item keeps of its capture
LAST = ("digest", "record_id", "date", "file", "offset", "length")  # a URL's last page record, as Captures keeps it
NOTES = "newscrawl_capture_notes"  # request meta: {field: text} for a metadata record beside the capture
OFF = ("off", "0", "false", "no", "")
# What shapes a crawl, for each file's warcinfo record.
INFO_SETTINGS = ("USER_AGENT", "ROBOTSTXT_OBEY", "DOWNLOAD_DELAY", "AUTOTHROTTLE_ENABLED", "CONCURRENT_REQUESTS",
                 "CONCURRENT_REQUESTS_PER_DOMAIN", "DOWNLOAD_TIMEOUT", "DOWNLOAD_MAXSIZE", "NEWSCRAWL_PLAYWRIGHT")
INFO_SPIDER_ATTRIBUTES = ("base_url", "mode", "sections", "since", "max_pages")


def warc_enabled(settings):
    return str(settings.get("NEWSCRAWL_WARC", "on")).strip().lower() not in OFF


def warcinfo(spider, settings):
    """The warcinfo fields: the software, and the spider's arguments and settings that shape the crawl."""
    arguments = {name: getattr(spider, name) for name in INFO_SPIDER_ATTRIBUTES if hasattr(spider, name)}
    return {
        "software": f"newscrawl/{newscrawl.__version__} (Scrapy {scrapy.__version__}, warcio {version('warcio')})",
        "format": "WARC File Format 1.1",
        "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
        "isPartOf": crawl_name(spider, settings),
        "spider": spider.name,
        "spider-arguments": json.dumps(arguments, default=str, sort_keys=True),
        "settings": json.dumps({name: settings.get(name) for name in INFO_SETTINGS}, default=str, sort_keys=True),
    }


def crawl_name(spider, settings):
    """Which crawl this is: the spider argument crawl_id, else NEWSCRAWL_CRAWL_ID, else the spider's name."""
    return getattr(spider, "crawl_id", None) or settings.get("NEWSCRAWL_CRAWL_ID") or spider.name


class Captures:
    """Downloader middleware: writes each response and its request as WARC records; links them in the request's meta."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.directory = crawler.settings.get("NEWSCRAWL_WARC_DIR") or "data/warc"
        self.max_size = crawler.settings.getint("NEWSCRAWL_WARC_MAX_SIZE")
        self.writer = None
        # url ("METHOD url" if not GET): LAST of its last page record. The database keeps them across runs
        # (the captures table): a crawl loads them (remember) and saves the ones it changed (save).
        self.last = {}
        self.unsaved = set()

    @classmethod
    def from_crawler(cls, crawler):
        if not warc_enabled(crawler.settings):
            raise NotConfigured("NEWSCRAWL_WARC is off: no captures")
        captures = cls(crawler)
        crawler.signals.connect(captures.open, signal=signals.spider_opened)
        crawler.signals.connect(captures.close, signal=signals.spider_closed)
        return captures

    def open(self, spider):
        """Open the files, and take the last captures from the crawl's database, if it has one."""
        self.open_files(spider)
        archive = self.crawler.get_extension(Archive)
        if archive is not None and archive.store is not None:  # open by now: pipelines open before spider_opened
            archive.link_captures(self)

    def open_files(self, spider):
        """Repair the files a killed crawl left open; this run writes files of its own."""
        repair(self.directory, self.stats)
        self.writer = WarcWriter(self.directory, crawl_name(spider, self.crawler.settings), self.max_size,
                                 warcinfo(spider, self.crawler.settings))

    def remember(self, stored):
        """Take each URL's last page record from the database ({url: LAST values}, Store.load_captures),
        unless this run captured the URL already."""
        for url, last in stored.items():
            self.last.setdefault(url, last)

    def unsaved_rows(self):
        """Before the database links items to captures: make the files durable, and give the rows of the
        URLs' last page records not yet handed out (for Store.record_captures)."""
        try:
            if self.writer is not None:
                self.writer.sync()
        except OSError as error:  # written, not yet durable: only a power cut would lose them now
            self.stats.inc_value("newscrawl/warc/sync_failed")
            logger.error("Could not sync the WARC file %s: %s", self.writer.path, error)
        rows = [{"url": url, **dict(zip(LAST, self.last[url]))} for url in self.unsaved]
        self.unsaved.clear()
        return rows

    def unsave(self, rows):
        """Rows the database did not take: their URLs go with the next unsaved_rows()."""
        self.unsaved.update(row["url"] for row in rows)

    def close(self, spider):
        if self.writer is not None:
            self.writer.close()

    def process_response(self, request, response):
        request.meta.pop(CAPTURE, None)  # a retry or a redirect carries its predecessor's
        try:
            request.meta[CAPTURE] = self.capture(request, response)
        except OSError as error:
            self.stats.inc_value("newscrawl/warc/write_failed")
            logger.error("Could not write the capture of %s to %s (%s): its item will not link to one",
                         response.url, self.directory, error)
        return response

    def capture(self, request, response):
        """Write the records for one response; return its capture (where its payload is, when it was fetched)."""
        url, digest, date = response.url, payload_digest(response.body), warc_date()
        key = url if request.method == "GET" else f"{request.method} {url}"  # a HEAD's empty payload apart
        last = self.last.get(key)
        if request.meta.get("playwright"):  # rendered by scrapy-playwright (newscrawl/rendering.py)
            kind, record = "resource", resource_record(response, digest, date)
        elif last is not None and last[0] == digest:
            kind, record = "revisit", revisit_record(response, digest, date, url, last[1], last[2])
        else:
            kind, record = "response", response_record(response, digest, date)
        record_id = record.rec_headers.get_header("WARC-Record-ID")
        records = [record] if kind == "resource" else [record, request_record(request, date, record_id)]
        if request.meta.get(NOTES):
            notes = request.meta[NOTES]
            if kind == "resource":  # a resource record has no HTTP headers: keep what the browser's response sent
                notes = {**notes, **validators(response)}
            records.append(metadata_record(url, notes, date, record_id))
        (file, offset, length), *_ = self.writer.write(records)
        self.stats.inc_value(f"newscrawl/warc/{kind}")
        if kind != "revisit":
            last = self.last[key] = (digest, record_id, date, file, offset, length)
            self.unsaved.add(key)
        return {"url": url, **dict(zip(LAST, last)), "date": date}
