"""Article pages parsed in worker processes (newscrawl/workers.py): real processes, real crawls."""

import asyncio
import json
import operator
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from conftest import ROOT, read_jsonl, run_crawl
from newscrawl.workers import WorkerLost, WorkerPool
from test_resume import SLOW, start_crawl, wait_for_lines


async def with_pool(processes, work, **options):
    pool = WorkerPool(processes, MemoryStatsCollector(get_crawler()), **options)
    pool.start()
    try:
        return await work(pool), pool.stats.get_stats()
    finally:
        pool.close()


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


def test_a_killed_worker_loses_no_article(testsite, tmp_path):
    base_url, manifest = testsite
    settings = {**SLOW, "NEWSCRAWL_LOCK_FILE": str(tmp_path / "crawl.lock"), "LOG_FILE": str(tmp_path / "crawl.log"),
                "NEWSCRAWL_SPOOL_PATH": str(tmp_path / "spool.jsonl"), "NEWSCRAWL_STATS_FILE": str(tmp_path / "stats.json")}
    process = start_crawl(base_url, tmp_path, settings)
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
