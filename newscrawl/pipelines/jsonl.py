"""Append each stored article version to the archive's JSON Lines file, exactly once."""

import json
import logging
from pathlib import Path

from itemadapter import ItemAdapter
from scrapy.exceptions import NotConfigured

from newscrawl.archive.store import content_hash
from newscrawl.items import ARTICLE_FIELDS, BOOKKEEPING_FIELDS
from newscrawl.state import stored_articles

logger = logging.getLogger(__name__)
FIELD_ORDER = ARTICLE_FIELDS + BOOKKEEPING_FIELDS


def repair_tail(path):
    """Cut a last line that a killed crawl left unfinished; return how many bytes went."""
    with path.open("rb+") as file:
        data = file.read()
        keep = data.rfind(b"\n") + 1
        if keep < len(data):
            file.truncate(keep)
        return len(data) - keep


def write_all(file, data):
    """Write data to an unbuffered file; write() may take less than all of it (a full disk, a signal)."""
    view = memoryview(data)
    while view:
        view = view[file.write(view):]


def written_versions(path):
    """The content hash of every line already in the file (it covers the URL: one per version)."""
    with path.open(encoding="utf-8") as file:
        return {content_hash(json.loads(line)) for line in file}


class JsonLinesPipeline:
    """Writes new and revised articles to NEWSCRAWL_JSONL_PATH, one flushed line each, never twice.

    Scrapy's feed exports cannot do this: after a crash they neither know what
    they wrote nor cut a half-written line, so a resumed crawl would write
    some articles twice. This pipeline reads the file back when it opens.
    """

    def __init__(self, crawler, path):
        self.crawler = crawler
        self.stats = crawler.stats
        self.path = Path(path)
        self.file = None
        self.written = set()

    @classmethod
    def from_crawler(cls, crawler):
        path = crawler.settings.get("NEWSCRAWL_JSONL_PATH")
        if not path:
            raise NotConfigured("NEWSCRAWL_JSONL_PATH is empty")
        return cls(crawler, path)

    def open_spider(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.exists():
            cut = repair_tail(self.path)
            if cut:
                logger.warning("Cut an unfinished last line (%d bytes) from %s", cut, self.path)
            self.written = written_versions(self.path)
        # Unbuffered: each line goes to the file in one write() as soon as it is made, so a killed crawl
        # leaves whole lines. (Line buffering wrote a line longer than 8 KB in pieces.)
        self.file = self.path.open("ab", buffering=0)

    def process_item(self, item):
        adapter = ItemAdapter(item)
        key = self.digest(adapter)  # not (url, digest): a set of tuples cost 100 bytes more per article
        if key in self.written:
            self.stats.inc_value("newscrawl/jsonl/already_written")
            return item
        record = {name: adapter.get(name) for name in FIELD_ORDER if adapter.get(name) is not None}
        write_all(self.file, (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
        self.written.add(key)
        self.stats.inc_value("newscrawl/jsonl/written")
        return item

    def digest(self, adapter):
        """The content hash the database pipeline recorded for this version, else computed here."""
        stored = stored_articles(self.crawler).get(adapter["url"])
        if stored and adapter.get("revision") and stored[2] == adapter["revision"]:
            return stored[0]
        return content_hash(adapter)

    def close_spider(self):
        if self.file:
            self.file.close()
