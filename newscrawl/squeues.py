"""Scrapy's disk request queue (JOBDIR), opened safely after kill -9."""

import logging
import struct
from pathlib import Path

from scrapy.squeues import PickleLifoDiskQueue

logger = logging.getLogger(__name__)

SIZE = struct.Struct(">L")  # queuelib's LifoDiskQueue: a record count, then each record followed by its length


def intact(path):
    """Whether a LIFO queue file holds exactly the records its header counts, walking back from its end."""
    data = Path(path).read_bytes()
    if len(data) < SIZE.size:
        return False
    (count,) = SIZE.unpack_from(data)
    end = len(data)
    while end > SIZE.size and count:
        if end < 2 * SIZE.size:
            return False
        (length,) = SIZE.unpack_from(data, end - SIZE.size)
        end -= SIZE.size + length
        count -= 1
    return end == SIZE.size and count == 0


class KillSafeLifoDiskQueue(PickleLifoDiskQueue):
    """PickleLifoDiskQueue that starts afresh from a queue file an unclean stop left inconsistent.

    queuelib writes through Python's file buffer and updates the header's count only when
    the queue closes. After kill -9 a file may be empty (every later push of its requests then
    fails: "unpack requires a buffer of 4 bytes", and they are lost), count the wrong number
    of records, or end in a cut one (a pop then reads garbage). Such a file is deleted: the
    next run walks the listings again, and the database says which articles are done.
    """

    def __init__(self, crawler, key):
        path = Path(key)
        if path.exists() and not intact(path):
            logger.warning("%s: a request queue left inconsistent by an unclean stop (%d bytes); deleted, "
                           "started afresh", path, path.stat().st_size)
            crawler.stats.inc_value("newscrawl/jobdir/queues_restarted")
            path.unlink()
        super().__init__(crawler, key)
