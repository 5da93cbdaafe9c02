"""WARC files on disk: their names, one writer each, and the repair of files that a killed crawl left open.

A file is written as ``NAME.warc.gz.open`` and renamed to ``NAME.warc.gz`` when it is closed
(as Heritrix does). Links to captures name the final file; ``locate`` finds either. Its writer
holds an exclusive ``flock`` on it, which the kernel drops when the writer dies, even by kill -9:
an ``.open`` file that nobody locks was left by a killed crawl, and ``repair`` cuts its unfinished
last record (every record is one gzip member, written in one write) and closes it.
"""

import fcntl
import logging
import os
import re
import socket
import zlib
from datetime import datetime, timezone
from pathlib import Path

logger = logging.getLogger(__name__)

SUFFIX = ".warc.gz"
OPEN = ".open"
READ_SIZE = 1 << 20
GZIP = zlib.MAX_WBITS | 16  # zlib reads one gzip member


def worker_name():
    """This process, as a file name part: host and process id."""
    return safe_part(f"{socket.gethostname()}-{os.getpid()}")


def safe_part(text):
    """text with anything but letters, digits, '.', '_' and '-' turned into '_', for a file name."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", str(text))


def file_name(crawl, worker, serial, now=None):
    """NAME.warc.gz: the UTC time to the millisecond first, so that names sort by time; then crawl, worker, serial."""
    now = now or datetime.now(timezone.utc)
    stamp = now.strftime("%Y%m%d%H%M%S") + f"{now.microsecond // 1000:03d}"
    return f"{stamp}-{safe_part(crawl)}-{worker}-{serial:05d}{SUFFIX}"


def locate(directory, name):
    """The path of the WARC file called name (final or still open), or None."""
    for path in (Path(directory) / name, Path(directory) / (name + OPEN)):
        if path.exists():
            return path
    return None


def warc_paths(directory):
    """Every WARC file in directory, closed or open, in name order (by time)."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    paths = [p for p in directory.iterdir() if p.name.endswith(SUFFIX) or p.name.endswith(SUFFIX + OPEN)]
    return sorted(paths, key=lambda p: p.name)


def open_locked(path):
    """A new file at path, unbuffered, under an exclusive flock."""
    file = open(path, "xb", buffering=0)
    fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return file


def close_file(file, path):
    """Sync and close a file open_locked opened, and drop its .open suffix."""
    os.fsync(file.fileno())
    file.close()
    os.replace(path, final_path(path))


def final_path(path):
    path = Path(path)
    return path.with_name(path.name.removesuffix(OPEN))


def complete_length(path):
    """Bytes at the start of a .warc.gz file that hold whole gzip members; the rest is a cut last record."""
    end = position = 0  # after the last whole member; where data starts in the file
    decompressor = zlib.decompressobj(GZIP)
    with open(path, "rb") as file:
        for data in iter(lambda: file.read(READ_SIZE), b""):
            while data:
                try:
                    decompressor.decompress(data)
                except zlib.error:
                    return end
                if not decompressor.eof:
                    position += len(data)
                    break
                position += len(data) - len(decompressor.unused_data)
                end, data = position, decompressor.unused_data
                decompressor = zlib.decompressobj(GZIP)
    return end


def repair(directory, stats):
    """Close every .open WARC file that no live writer holds: cut its unfinished last record, count, log."""
    for path in warc_paths(directory):
        if not path.name.endswith(OPEN):
            continue
        with open(path, "rb+") as file:
            try:
                fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # another worker writes it now
            size, keep = os.fstat(file.fileno()).st_size, complete_length(path)
            if keep < size:
                file.truncate(keep)
                stats.inc_value("newscrawl/warc/cut_records")
                stats.inc_value("newscrawl/warc/cut_bytes", size - keep)
                logger.warning("Cut an unfinished last record (%d bytes) from %s, left by a killed crawl",
                               size - keep, path)
            os.fsync(file.fileno())
        os.replace(path, final_path(path))
        stats.inc_value("newscrawl/warc/files_repaired")
