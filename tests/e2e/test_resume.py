"""Crash and overlap: kill -9 at several points, resume with JOBDIR; a second run meets the lock."""

import signal
import sqlite3
import struct
import subprocess
import time
from collections import Counter

import pytest
from scrapy import Request, Spider
from scrapy.squeues import PickleLifoDiskQueue
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from conftest import ROOT, read_jsonl, run_crawl, start_crawl, wait_for_lines, workdir_settings
from newscrawl.commands.crawl import EXIT_FAILED, EXIT_LOCKED
from testsite.demo import crawl_command
from newscrawl.squeues import KillSafeLifoDiskQueue, intact
from services import free_port

# Slow enough that the kill points fall in the middle of the crawl.
SLOW = {"CONCURRENT_REQUESTS": "2", "CONCURRENT_REQUESTS_PER_DOMAIN": "2", "NEWSCRAWL_DB_BATCH_SIZE": "25"}


def resume_settings(workdir):
    return {**SLOW, "JOBDIR": str(workdir / "job"), "LOG_FILE": str(workdir / "killed.log")}


def test_kill_9_at_several_points_then_resume(testsite, tmp_path):
    base_url, manifest = testsite
    expected = {article["url"] for article in manifest["articles"]}
    settings = resume_settings(tmp_path)
    for lines in (0, 40, 150, 260):
        process = start_crawl(base_url, tmp_path, settings)
        if lines:
            wait_for_lines(tmp_path / "articles.jsonl", lines, process)
        else:
            time.sleep(1.5)  # during start-up
        process.send_signal(signal.SIGKILL)
        process.wait()
        # Lines are written for what the database stored: never ahead of it (the next run writes what they lack).
        assert whole_lines(tmp_path / "articles.jsonl") <= stored_rows(tmp_path)
    crawl = run_crawl(base_url, tmp_path, settings={**settings, "LOG_FILE": str(tmp_path / "crawl.log")})
    assert crawl.returncode == 0, crawl.log[-2000:]
    line_counts = Counter(item["url"] for item in read_jsonl(tmp_path / "articles.jsonl"))
    assert set(line_counts) == expected and max(line_counts.values()) == 1
    rows = Counter(row["url"] for row in crawl.rows())
    assert set(rows) == expected and max(rows.values()) == 1
    # Each killed run that got as far as recording its start is closed as killed by the next run.
    runs = [row["status"] for row in sorted(crawl.rows("crawl_runs"), key=lambda row: row["id"])]
    assert len(runs) >= 4 and runs[-1] == "finished" and set(runs[:-1]) == {"killed"}, runs


def whole_lines(path):
    """Lines a killed crawl finished writing (the next run cuts an unfinished one)."""
    return path.read_bytes().count(b"\n") if path.exists() else 0


def stored_rows(workdir):
    path = workdir / "newscrawl.db"
    if not path.exists():
        return 0
    with sqlite3.connect(path) as connection:
        tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0] if "articles" in tables else 0


def test_a_run_that_overlaps_the_previous_one_exits_at_once(testsite, tmp_path):
    base_url, _ = testsite
    settings = {**resume_settings(tmp_path), "DOWNLOAD_DELAY": "0.5", "CONCURRENT_REQUESTS_PER_DOMAIN": "1"}
    first = start_crawl(base_url, tmp_path, settings)
    try:
        time.sleep(3)
        assert first.poll() is None
        started = time.monotonic()
        second = subprocess.run(
            crawl_command(base_url, f"sqlite:///{tmp_path / 'other.db'}", str(tmp_path / "other.jsonl"),
                          settings={"NEWSCRAWL_LOCK_FILE": workdir_settings(tmp_path)["NEWSCRAWL_LOCK_FILE"]}),
            cwd=ROOT, capture_output=True, text=True, timeout=60,
        )
        assert second.returncode == EXIT_LOCKED
        assert "another 'kyivindependent' crawl is running" in second.stderr
        assert time.monotonic() - started < 15
        assert not (tmp_path / "other.jsonl").exists()
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()


def test_a_crawl_that_fails_exits_non_zero(tmp_path):
    crawl = run_crawl(f"http://127.0.0.1:{free_port()}", tmp_path, settings={"RETRY_TIMES": "0"})
    assert crawl.returncode == EXIT_FAILED
    assert "Crawl failed: no item stored" in crawl.log
    assert crawl.stats["downloader/exception_count"] >= 1


def test_the_summary_is_logged(default_crawl):
    summary = default_crawl.log[default_crawl.log.index("Crawl summary"):]
    for label in ("requested:", "stored new: 301", "stored revised: 0", "unchanged:",
                  "dropped (MissingHeadline): 1"):
        assert label in summary


def queue_crawler():
    crawler = get_crawler(Spider)
    crawler.stats = MemoryStatsCollector(crawler)
    return crawler


def test_a_queue_file_cut_before_its_header_starts_afresh(tmp_path):
    """What kill -9 leaves when a run dies before a new queue's header reached the disk."""
    crawler = queue_crawler()
    path = tmp_path / "requests.queue" / "p1"
    path.parent.mkdir()
    path.write_bytes(b"")
    with pytest.raises(struct.error):  # Scrapy's own queue: every push to it would fail
        PickleLifoDiskQueue.from_crawler(crawler, str(path))
    queue = KillSafeLifoDiskQueue.from_crawler(crawler, str(path))
    queue.push(Request("http://127.0.0.1/a"))
    assert queue.pop().url == "http://127.0.0.1/a"
    queue.close()
    assert crawler.stats.get_value("newscrawl/jobdir/queues_restarted") == 1


def test_a_queue_closed_cleanly_is_kept_and_one_cut_in_a_record_is_not(tmp_path):
    crawler = queue_crawler()
    path = tmp_path / "p0"
    queue = KillSafeLifoDiskQueue.from_crawler(crawler, str(path))
    for name in "abc":
        queue.push(Request(f"http://127.0.0.1/{name}"))
    queue.close()  # as after Ctrl-C: the header counts 3
    assert intact(path)
    queue = KillSafeLifoDiskQueue.from_crawler(crawler, str(path))
    assert queue.pop().url == "http://127.0.0.1/c"
    queue.close()
    path.write_bytes(path.read_bytes()[:-7])  # a kill cut the last record short
    assert not intact(path)
    queue = KillSafeLifoDiskQueue.from_crawler(crawler, str(path))
    assert queue.pop() is None
    queue.close()
    assert crawler.stats.get_value("newscrawl/jobdir/queues_restarted") == 1
