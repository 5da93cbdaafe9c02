"""Article pages parsed in worker processes (newscrawl/workers.py): real processes, real crawls."""

import asyncio
import contextlib
import json
import operator
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from conftest import ROOT, read_jsonl, run_crawl
from newscrawl.workers import WorkerKilled, WorkerLost, WorkerPool, WorkerTimeout
from test_resume import SLOW, start_crawl, wait_for_lines


async def with_pool(processes, work, **options):
    pool = WorkerPool(processes, MemoryStatsCollector(get_crawler()), **options)
    pool.start()
    try:
        return await work(pool), pool.stats.get_stats()
    finally:
        await pool.close()


def test_jobs_run_in_the_workers_and_answer_in_order():
    async def work(pool):
        return await asyncio.gather(*(pool.run(operator.add, n, 1) for n in range(50)),
                                    *(pool.run(os.getpid) for _ in range(4)))

    results, stats = asyncio.run(with_pool(2, work))
    assert results[:50] == list(range(1, 51))
    assert os.getpid() not in results[50:]
    assert stats["newscrawl/workers/processes"] == 2 and stats["newscrawl/workers/peak_rss_mb"] > 5


def test_an_error_in_a_job_comes_back_as_itself():
    async def work(pool):
        with pytest.raises(ZeroDivisionError):
            await pool.run(operator.truediv, 1, 0)
        return await pool.run(operator.truediv, 1, 2)

    assert asyncio.run(with_pool(1, work))[0] == 0.5


def test_a_worker_that_dies_fails_its_job_and_is_replaced():
    async def work(pool):
        first = await pool.run(os.getpid)
        with pytest.raises(WorkerLost, match="status 3"):
            await pool.run(os._exit, 3)
        return first, await pool.run(os.getpid)

    (first, second), stats = asyncio.run(with_pool(1, work))
    assert first != second and stats["newscrawl/workers/restarted"] == 1


def test_no_more_workers_after_the_last_restart():
    async def work(pool):
        for _ in range(3):
            with pytest.raises(WorkerLost, match="status 3"):
                await pool.run(os._exit, 3)
        with pytest.raises(WorkerLost, match="no worker process"):
            await pool.run(os.getpid)

    stats = asyncio.run(with_pool(1, work, max_restarts=2))[1]
    assert stats["newscrawl/workers/restarted"] == 2


def test_a_job_that_runs_too_long_is_killed_with_its_worker():
    async def work(pool):
        first = await pool.run(os.getpid)
        stuck, behind = await asyncio.gather(pool.run(time.sleep, 600), pool.run(os.getpid), return_exceptions=True)
        return first, stuck, behind, await pool.run(os.getpid)

    (first, stuck, behind, after), stats = asyncio.run(with_pool(1, work, timeout=1))
    assert isinstance(stuck, WorkerTimeout) and str(stuck) == "no answer within 1 s"
    assert type(behind) is WorkerKilled and "status -9, killed for another job's timeout" in str(behind)
    assert first != after and stats["newscrawl/workers/timed_out"] == stats["newscrawl/workers/restarted"] == 1


def in_a_thread(coroutine, timeout):
    """asyncio.run(coroutine) in a thread of its own, so that an event loop blocked for good fails the
    test instead of hanging it (a signal may not interrupt a blocked write while other threads run)."""
    outcome = []

    def run():
        try:
            outcome.append((True, asyncio.run(coroutine)))
        except BaseException as error:
            outcome.append((False, error))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout)
    assert outcome, f"no answer after {timeout} s: the event loop blocked, or a job was never answered"
    ok, value = outcome[0]
    if not ok:
        raise value
    return value


def test_jobs_and_replies_as_large_as_download_maxsize_pass_both_ways():
    pages = [bytes([65 + n]) * (16 * 2**20) for n in range(4)]

    async def work(pool):
        return await asyncio.gather(*(pool.run(bytes.lower, page) for page in pages))

    assert in_a_thread(with_pool(1, work), timeout=120)[0] == [page.lower() for page in pages]


class TwoArgumentError(Exception):
    """An error whose pickle does not load: Python rebuilds it from its message alone."""

    def __init__(self, message, detail):
        super().__init__(message)
        self.detail = detail


def raise_two_argument_error():
    raise TwoArgumentError("odd", "detail")


def test_a_reply_that_cannot_be_read_fails_its_job_alone():
    async def work(pool):
        with pytest.raises(RuntimeError, match="unreadable reply from the worker: TypeError"):
            await pool.run(raise_two_argument_error)
        return await pool.run(operator.add, 1, 1)

    assert in_a_thread(with_pool(1, work), timeout=120)[0] == 2


def comparable(items):
    """The records, less what depends on timing: when, and from which listing, a page was reached first."""
    timing = ("crawled_at", "discovered_via", "capture")  # this crawl's own
    return sorted(({k: v for k, v in item.items() if k not in timing} for item in items), key=lambda i: i["url"])


@pytest.mark.parametrize("processes", [0, 2])
def test_the_same_records_without_workers_and_with_two(testsite, default_crawl, tmp_path, processes):
    crawl = run_crawl(testsite[0], tmp_path, settings={"NEWSCRAWL_EXTRACT_PROCESSES": str(processes)})
    assert crawl.returncode == 0, crawl.log[-2000:]
    assert comparable(crawl.items) == comparable(default_crawl.items)
    assert crawl.stats.get("newscrawl/workers/processes") == (processes or None)
    assert default_crawl.stats["newscrawl/workers/processes"] == 1


def worker_pid(crawl_pid):
    """The crawl's worker process (multiprocessing's spawn_main), not its resource tracker."""
    children = Path(f"/proc/{crawl_pid}/task/{crawl_pid}/children").read_text().split()
    workers = [pid for pid in children if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()]
    assert len(workers) == 1, children
    return int(workers[0])


def slow_settings(workdir, **extra):
    """A slow crawl's settings, its files in workdir."""
    return {**SLOW, "LOG_FILE": str(workdir / "crawl.log"), "NEWSCRAWL_STATS_FILE": str(workdir / "stats.json"),
            **extra}


def test_a_killed_worker_loses_no_article(testsite, tmp_path):
    base_url, manifest = testsite
    process = start_crawl(base_url, tmp_path, slow_settings(tmp_path))
    wait_for_lines(tmp_path / "articles.jsonl", 60, process)
    os.kill(worker_pid(process.pid), signal.SIGKILL)
    assert process.wait(timeout=300) == 0
    stats = json.loads((tmp_path / "stats.json").read_text())
    assert stats["newscrawl/workers/restarted"] == 1
    assert "A worker process exited with status -9; starting another" in (tmp_path / "crawl.log").read_text()
    expected = sorted(article["url"] for article in manifest["articles"])
    assert sorted(item["url"] for item in read_jsonl(tmp_path / "articles.jsonl")) == expected
    with sqlite3.connect(tmp_path / "newscrawl.db") as connection:
        assert sorted(url for url, in connection.execute("SELECT url FROM articles")) == expected


def test_peak_memory_is_the_process_own_not_its_parent_s(default_crawl):
    """ru_maxrss would report this test process's 300 MB for a small child; VmHWM does not."""
    ballast = bytearray(300 * 2**20)
    for offset in range(0, len(ballast), 4096):
        ballast[offset] = 1
    child = subprocess.run([sys.executable, "-c", "from newscrawl.extensions import peak_rss_mb; print(peak_rss_mb())"],
                           capture_output=True, text=True, check=True, cwd=ROOT)
    assert 5 < float(child.stdout) < 150
    assert 30 < default_crawl.stats["newscrawl/peak_rss_mb"] < 1000
    assert 30 < default_crawl.stats["newscrawl/workers/peak_rss_mb"] < 1000


def test_a_stuck_worker_is_killed_and_loses_no_article(testsite, tmp_path):
    base_url, manifest = testsite
    process = start_crawl(base_url, tmp_path, slow_settings(tmp_path, NEWSCRAWL_EXTRACT_TIMEOUT="2"))
    wait_for_lines(tmp_path / "articles.jsonl", 60, process)
    stopped = worker_pid(process.pid)
    os.kill(stopped, signal.SIGSTOP)
    try:
        assert process.wait(timeout=120) == 0
    finally:  # without a timeout, the crawl would wait for the stopped worker forever
        process.kill()
        with contextlib.suppress(ProcessLookupError):  # the crawl killed it
            os.kill(stopped, signal.SIGKILL)
    stats = json.loads((tmp_path / "stats.json").read_text())
    assert stats["newscrawl/workers/timed_out"] == stats["newscrawl/workers/restarted"] == 1
    assert stats["newscrawl/workers/failed/WorkerTimeout"] == 1
    log = (tmp_path / "crawl.log").read_text()
    assert "A worker process gave no answer within 2 s (NEWSCRAWL_EXTRACT_TIMEOUT); killing it" in log
    timed_out = re.findall(r"WARNING: (\S+): WorkerTimeout\('no answer within 2 s'\) in the worker", log)
    expected = sorted(article["url"] for article in manifest["articles"])
    assert len(timed_out) == 1 and timed_out[0].startswith(base_url + "/")  # the page, perhaps under an alias
    assert sorted(item["url"] for item in read_jsonl(tmp_path / "articles.jsonl")) == expected
