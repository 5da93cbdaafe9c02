"""End to end: a crawl keeps every response it received in WARC files that standard tools accept."""

import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import urllib.request
from collections import Counter
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from conftest import read_jsonl, run_crawl, start_crawl, wait_for_lines
from newscrawl.archive.warcread import read_record

SLOW = {"CONCURRENT_REQUESTS": "2", "CONCURRENT_REQUESTS_PER_DOMAIN": "2", "NEWSCRAWL_DB_BATCH_SIZE": "25"}


def warc_files(directory):
    return sorted(Path(directory).glob("*.warc.gz*"))


def records(path):
    """(type, target URI, decoded payload) of every record in a WARC file."""
    with open(path, "rb") as file:
        return [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI"), r.content_stream().read())
                for r in ArchiveIterator(file)]


def warcio_check(path):
    return subprocess.run([sys.executable, "-m", "warcio.cli", "check", str(path)], capture_output=True, text=True)


def test_every_warc_file_passes_warcio_check(default_crawl):
    files = warc_files(default_crawl.warc_dir)
    assert files and all(path.name.endswith(".warc.gz") for path in files)  # closed: none left .open
    for path in files:
        checked = warcio_check(path)
        assert checked.returncode == 0, checked.stdout + checked.stderr


def test_each_file_opens_with_warcinfo(default_crawl):
    for path in warc_files(default_crawl.warc_dir):
        kind, _, block = records(path)[0]
        assert kind == "warcinfo"
        assert b"software: newscrawl/" in block and b'"ROBOTSTXT_OBEY": true' in block


def test_every_response_is_captured_with_its_request(testsite, default_crawl):
    base_url, _ = testsite
    captured = [record for path in warc_files(default_crawl.warc_dir) for record in records(path)]
    kinds = Counter(kind for kind, _, _ in captured)
    assert kinds["response"] == kinds["request"] == default_crawl.stats["downloader/response_count"]
    pages = {uri: payload for kind, uri, payload in captured if kind == "response"}
    for url in [base_url + "/news-archive/", base_url + "/news-archive/rss/", base_url + "/sitemap.xml"]:
        assert pages[url] == fetch(url)


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def test_kill_9_then_rerun_repairs_the_cut_file_and_stores_each_article_once(testsite, tmp_path):
    base_url, manifest = testsite
    settings = {**SLOW, "LOG_FILE": str(tmp_path / "killed.log")}
    process = start_crawl(base_url, tmp_path, settings)
    wait_for_lines(tmp_path / "articles.jsonl", 100, process)
    process.send_signal(signal.SIGKILL)
    process.wait()
    (killed,) = warc_files(tmp_path / "warc")
    assert killed.name.endswith(".warc.gz.open")
    # What a kill in the middle of a write leaves: the first part of a record.
    with killed.open("ab") as file:
        file.write(gzip.compress(b"WARC/1.1\r\nWARC-Type: response\r\n" + os.urandom(5000))[:700])
    crawl = run_crawl(base_url, tmp_path)
    assert crawl.returncode == 0, crawl.log[-2000:]
    assert crawl.stats["newscrawl/warc/cut_records"] == 1
    assert f"Cut an unfinished last record (700 bytes) from {killed}" in crawl.log
    files = warc_files(tmp_path / "warc")
    assert len(files) == 2 and files[0].name == killed.name.removesuffix(".open")
    for path in files:
        checked = warcio_check(path)
        assert checked.returncode == 0, checked.stdout + checked.stderr
    expected = {article["url"] for article in manifest["articles"]}
    lines = Counter(item["url"] for item in read_jsonl(tmp_path / "articles.jsonl"))
    assert set(lines) == expected and max(lines.values()) == 1
    rows = Counter(row["url"] for row in crawl.rows())
    assert set(rows) == expected and max(rows.values()) == 1
    for row in crawl.rows():
        capture = json.loads(row["capture"])
        record = read_record(tmp_path / "warc", capture["file"], capture["offset"], capture["length"])
        assert record.rec_headers.get_header("WARC-Record-ID") == capture["record_id"] and record.payload


def test_off_writes_nothing(testsite, tmp_path):
    base_url, _ = testsite
    crawl = run_crawl(base_url, tmp_path, "max_pages=1", settings={"NEWSCRAWL_WARC": "off"})
    assert crawl.returncode == 0 and crawl.items
    assert warc_files(tmp_path / "warc") == []


def test_an_update_run_over_unchanged_pages_writes_revisits_only(testsite, default_crawl, tmp_path):
    base_url, _ = testsite
    workdir = default_crawl.warc_dir.parent
    before = set(warc_files(default_crawl.warc_dir))
    shutil.copytree(workdir, tmp_path / "copy")  # the shared crawl stays as it was
    update = run_crawl(base_url, tmp_path / "copy", "mode=update")
    assert update.returncode == 0 and update.new_items == []
    new_files = [tmp_path / "copy" / "warc" / path.name for path in warc_files(update.warc_dir)
                 if path.name not in {old.name for old in before}]
    kinds = Counter(kind for path in new_files for kind, _, _ in records(path))
    assert kinds["revisit"] == update.stats["downloader/response_count"] > 0, kinds
    assert kinds["response"] == 0
