"""Scrapy's disk request queue (JOBDIR), opened safely after kill -9."""

import logging
import struct
from pathlib import Path

from scrapy.squeues import PickleLifoDiskQueue

logger = logging.getLogger(__name__)

HEADER = struct.calcsize(">L")  # queuelib's LifoDiskQueue: a count, then the records


class KillSafeLifoDiskQueue(PickleLifoDiskQueue):
    """PickleLifoDiskQueue that starts afresh from a queue file cut before its header.

    queuelib writes a new queue file's header through Python's file buffer. A crawl killed
    before that buffer filled leaves an empty file, and in the next run every request bound for
    that queue (there is one per download slot and priority) fails to enqueue ("unpack requires
    a buffer of 4 bytes") and is lost. Records come after the header, so such a file held none.
    """

    def __init__(self, crawler, key):
        path = Path(key)
        if path.exists() and path.stat().st_size < HEADER:
            logger.warning("%s: a request queue cut short by an unclean stop, holding no request; started afresh",
                           path)
            crawler.stats.inc_value("newscrawl/jobdir/queues_restarted")
            path.unlink()
        super().__init__(crawler, key)
