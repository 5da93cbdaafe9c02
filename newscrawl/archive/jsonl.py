"""The archive's JSON Lines file: each article version the database stored, one line, appended once.

Scrapy's feed exports cannot do this: after a crash they neither know what they
wrote nor cut a half-written line. This file is read back when the crawl opens it,
and a line that could not be written (a full disk) is written by the next run.
"""

import json
import logging
from pathlib import Path

from newscrawl.archive.spool import read_lines
from newscrawl.items import ARTICLE_FIELDS, BOOKKEEPING_FIELDS

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


def catch_up(jsonl, store):
    """Write to the open file the versions the store holds and it lacks (after a crash, a full disk, a
    re-extraction); how many."""
    missing = store.stored_versions() - jsonl.versions()
    if missing:
        jsonl.append(store.read_versions(missing))
    return len(missing)


def line_of(record):
    """A record's JSON line, its fields in the item's order."""
    fields = {name: record.get(name) for name in FIELD_ORDER if record.get(name) is not None}
    return (json.dumps(fields, ensure_ascii=False) + "\n").encode("utf-8")


class JsonLinesFile:
    """NEWSCRAWL_JSONL_PATH, appended to by the archive after each database write."""

    def __init__(self, path, stats):
        self.path = Path(path)
        self.stats = stats
        self.file = None

    def open(self):
        """Open for appending, after cutting an unfinished last line."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.exists():
            cut = repair_tail(self.path)
            if cut:
                logger.warning("Cut an unfinished last line (%d bytes) from %s", cut, self.path)
        # Unbuffered: each line goes to the file in one write() as soon as it is made, so a killed crawl
        # leaves whole lines. (Line buffering wrote a line longer than 8 KB in pieces.)
        self.file = self.path.open("ab", buffering=0)

    def versions(self):
        """(url, revision) of every line in the file."""
        return {(record.get("url"), record.get("revision")) for _, record in read_lines(self.path)}

    def append(self, records):
        """Write a line per record. Lines that the disk refuses are counted and logged, and the file is
        cut back to its last whole line: the next run writes them from the database."""
        records = list(records)
        for done, record in enumerate(records):
            end = self.file.tell()
            try:
                write_all(self.file, line_of(record))
            except OSError as error:
                self.file.truncate(end)
                self.stats.inc_value("newscrawl/write_failed/jsonl", len(records) - done)
                logger.error("Could not write %d lines to %s (%s), the first for %s: the next run writes them",
                             len(records) - done, self.path, error, record.get("url"))
                break
            self.stats.inc_value("newscrawl/jsonl/written")

    def close(self):
        if self.file:
            self.file.close()
