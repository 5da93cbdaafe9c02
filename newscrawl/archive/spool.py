"""JSON Lines files that the archive writes and reads back: the spool, and how a damaged line is read."""

import json
import logging
import os
from pathlib import Path

logger = logging.getLogger(__name__)


def read_lines(path):
    """(line number, object) for each line of a JSON Lines file, in order.

    Blank lines are skipped; a line that is not JSON (cut short by a crash, edited, not UTF-8)
    is logged with the file and its number and skipped. The file is left as it is.
    """
    with Path(path).open("rb") as file:
        for number, line in enumerate(file, 1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except ValueError as error:  # JSONDecodeError, UnicodeDecodeError
                logger.warning("%s:%d: not a JSON line, skipped and kept (%s)", path, number, error)


def ends_mid_line(file):
    """Whether a file open in binary mode ends in a line without its newline."""
    if not file.seek(0, os.SEEK_END):
        return False
    file.seek(-1, os.SEEK_END)
    return file.read(1) != b"\n"


class Spool:
    """Records the database could not take, as JSON Lines, kept until replayed."""

    def __init__(self, path):
        self.path = Path(path)

    def append(self, records):
        """Add records and fsync, so that they survive a crash of the crawl too; OSError when the disk is full."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # default=str: what JSON lacks (the stats' datetimes) becomes text, as Store.finish_run stores it.
        lines = "".join(json.dumps(record, ensure_ascii=False, default=str) + "\n" for record in records)
        with self.path.open("a+b") as file:
            # Start a new line after one cut short by a crash, so that only that one is lost.
            if ends_mid_line(file):
                lines = "\n" + lines
            file.write(lines.encode())
            file.flush()
            os.fsync(file.fileno())

    def keep(self, records, failure, stats):
        """Append records after failure (the database was down); False, counted and logged, when the disk
        refuses them too: articles lost so are fetched again by the next run, which finds them not stored."""
        try:
            self.append(records)
        except OSError as error:
            stats.inc_value(f"newscrawl/write_failed/{self.path.stem}", len(records))
            first = json.dumps(records[0], ensure_ascii=False, default=str)[:200]
            logger.error("%s, and %d records could not be kept in %s (%s), the first %s", failure, len(records),
                         self.path, error, first)
            return False
        return True

    def read(self):
        """The spooled records, oldest first."""
        return [record for _, record in read_lines(self.path)] if self.path.exists() else []

    def clear(self):
        """Forget the spooled records, once they are in the database."""
        self.path.unlink(missing_ok=True)
