"""The archive's JSON Lines file: reading back damaged lines, writing on a disk that refuses part of a line."""

import io

from newscrawl.archive.jsonl import JsonLinesFile, write_all
from newscrawl.archive.spool import Spool, read_lines
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler


def test_blank_lines_are_skipped_and_damaged_ones_reported_by_number(tmp_path, caplog):
    path = tmp_path / "articles.jsonl"
    path.write_bytes(b'{"url": "a", "revision": 1}\n\n  \nnot json\n{"url": "\xff"}\n{"url": "b", "revision": 2}\n\n')
    assert list(read_lines(path)) == [(1, {"url": "a", "revision": 1}), (6, {"url": "b", "revision": 2})]
    warnings = [record.getMessage() for record in caplog.records]
    assert len(warnings) == 2
    assert warnings[0].startswith(f"{path}:4: not a JSON line") and warnings[1].startswith(f"{path}:5: not a JSON line")
    assert JsonLinesFile(path, None).versions() == {("a", 1), ("b", 2)}


def test_spool_skips_a_line_cut_short(tmp_path, caplog):
    spool = Spool(tmp_path / "spool.jsonl")
    spool.append([{"url": "a"}])
    with spool.path.open("a") as file:
        file.write('{"url": "b", "head')
    spool.append([{"url": "c"}])
    assert spool.read() == [{"url": "a"}, {"url": "c"}]
    assert f"{spool.path}:2: not a JSON line" in caplog.text
    spool.clear()
    assert spool.read() == []


class FullDisk(io.RawIOBase):
    """An unbuffered file that takes limit bytes, then refuses more as a full disk does."""

    def __init__(self, limit):
        self.data, self.limit = bytearray(), limit

    def writable(self):
        return True

    def seekable(self):
        return True

    def tell(self):
        return len(self.data)

    def truncate(self, size=None):
        del self.data[size:]
        return size

    def write(self, chunk):
        room = self.limit - len(self.data)
        if not room:
            raise OSError(27, "File too large")
        self.data += bytes(chunk[:room])
        return min(room, len(chunk))


def test_lines_the_disk_refuses_are_counted_and_no_part_of_them_kept(tmp_path, caplog):
    stats = MemoryStatsCollector(get_crawler())
    jsonl = JsonLinesFile(tmp_path / "articles.jsonl", stats)
    jsonl.file = FullDisk(limit=60)
    records = [{"url": f"https://kyivindependent.com/{n}/", "revision": 1} for n in range(3)]
    jsonl.append(records)
    assert bytes(jsonl.file.data) == b'{"url": "https://kyivindependent.com/0/", "revision": 1}\n'
    assert (stats.get_value("newscrawl/jsonl/written"), stats.get_value("newscrawl/write_failed/jsonl")) == (1, 2)
    assert "Could not write 2 lines" in caplog.text and "https://kyivindependent.com/1/" in caplog.text


class TrickleFile(io.RawIOBase):
    """An unbuffered file whose write() takes at most three bytes, as a full disk or a signal can make it."""

    def __init__(self):
        self.data = bytearray()

    def writable(self):
        return True

    def write(self, chunk):
        self.data += bytes(chunk[:3])
        return min(3, len(chunk))


def test_write_all_finishes_a_line_that_write_takes_in_pieces():
    file, line = TrickleFile(), '{"headline": "Київ"}\n'.encode("utf-8")
    write_all(file, line)
    assert bytes(file.data) == line
