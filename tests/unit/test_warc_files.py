"""WARC files: names, rotation, records read back at their offsets, cut tails, a full disk."""

import gzip
import os
import resource
from datetime import datetime, timezone

import pytest
from scrapy import Request, Spider
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler
from warcio.archiveiterator import ArchiveIterator

from newscrawl.archive.captures import CAPTURE, Captures
from newscrawl.archive.warc import WarcWriter, payload_digest, request_record, response_record, warc_date
from newscrawl.archive.warcfiles import complete_length, file_name, repair

URL = "http://127.0.0.1/a-story/"


def page(body=b"<html><body><p>Story</p></body></html>", url=URL):
    return HtmlResponse(url, body=body, headers={"Content-Type": "text/html; charset=utf-8"},
                        request=Request(url))


def read_at(path, offset):
    with open(path, "rb") as file:
        file.seek(offset)
        return next(iter(ArchiveIterator(file)))


def test_names_sort_by_time_and_say_crawl_and_worker():
    early = file_name("full-2026", "host-1", 2, datetime(2026, 1, 2, 3, 4, 5, 6000, timezone.utc))
    late = file_name("full-2026", "host-1", 1, datetime(2026, 1, 2, 3, 4, 5, 7000, timezone.utc))
    assert early == "20260102030405006-full-2026-host-1-00002.warc.gz" and early < late


def test_files_rotate_each_opening_with_warcinfo(tmp_path):
    writer = WarcWriter(tmp_path, "crawl", 2000, {"software": "test"})
    places = []
    for number in range(6):
        response = page(os.urandom(800).hex().encode(), f"{URL}{number}")
        digest, date = payload_digest(response.body), warc_date()
        places.append(writer.write([response_record(response, digest, date)])[0])
    writer.close()
    names = sorted(path.name for path in tmp_path.iterdir())
    assert len(names) >= 3 and {name for name, _, _ in places} == set(names)
    for name in names:
        assert read_at(tmp_path / name, 0).rec_type == "warcinfo"
    for number, (name, offset, length) in enumerate(places):
        record = read_at(tmp_path / name, offset)
        assert record.rec_headers.get_header("WARC-Target-URI") == f"{URL}{number}"
        assert len(gzip.decompress((tmp_path / name).read_bytes()[offset:offset + length])) > 1600


def test_the_links_into_one_file_share_its_name(tmp_path):
    """A crawl keeps a link for every URL it captured (Captures.last): one name string per file, not per link."""
    writer = WarcWriter(tmp_path, "crawl", 10**9, {"software": "test"})
    links = [writer.write([response_record(page(url=f"{URL}{number}"), payload_digest(b""), warc_date())])[0]
             for number in range(3)]
    writer.close()
    assert len({id(name) for name, _, _ in links}) == 1 and links[0][0] == next(tmp_path.iterdir()).name


def test_a_cut_last_record_is_found_cut_and_counted(tmp_path):
    writer = WarcWriter(tmp_path, "crawl", 10**9, {"software": "test"})
    response = page()
    writer.write([response_record(response, payload_digest(response.body), warc_date())])
    path = writer.path
    whole = path.stat().st_size
    with path.open("ab") as file:
        file.write(gzip.compress(os.urandom(3000))[:500])
    assert complete_length(path) == whole
    crawler = get_crawler()
    repair(tmp_path, crawler.stats)  # the writer still holds the file: left alone
    assert path.exists()
    writer.file.close()
    repair(tmp_path, crawler.stats)
    assert not path.exists() and path.with_name(path.name.removesuffix(".open")).stat().st_size == whole
    assert crawler.stats.get_value("newscrawl/warc/cut_records") == 1


@pytest.fixture
def file_size_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    yield lambda size: resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))
    resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


def test_a_full_disk_leaves_the_response_without_a_capture(tmp_path, file_size_limit):
    crawler = get_crawler(settings_dict={"NEWSCRAWL_WARC_DIR": str(tmp_path), "NEWSCRAWL_WARC_MAX_SIZE": 10**9})
    captures = Captures.from_crawler(crawler)
    captures.open_files(Spider("test"))
    first = page()
    captures.process_response(first.request, first)
    assert first.request.meta[CAPTURE]["record_id"]
    size = captures.writer.size
    file_size_limit(size + 100)
    second = page(os.urandom(4000).hex().encode(), URL + "2")
    captures.process_response(second.request, second)
    assert CAPTURE not in second.request.meta
    assert crawler.stats.get_value("newscrawl/warc/write_failed") == 1
    assert captures.writer.path.stat().st_size == size  # the failed write was cut off again


def test_a_file_whose_warcinfo_could_not_be_written_is_removed(tmp_path, file_size_limit):
    writer = WarcWriter(tmp_path, "crawl", 10**9, {"software": "test"})
    response = page()
    record = response_record(response, payload_digest(response.body), warc_date())
    file_size_limit(100)
    with pytest.raises(OSError):
        writer.write([record])
    assert list(tmp_path.iterdir()) == []
    file_size_limit(resource.RLIM_INFINITY)
    (name, offset, _), = writer.write([response_record(response, payload_digest(response.body), warc_date())])
    assert name.endswith("-00002.warc.gz") and read_at(writer.path, offset).rec_type == "response"
