"""Scale-out through Redis: two `scrapy crawl` workers share one crawl of the local test site."""

import json
import os
import subprocess
import uuid
from collections import Counter
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, fetch_json, read_jsonl, run_crawl
from testsite.demo import crawl_command
from newscrawl.distributed import crawl_keys
from testsite import process as testsite_process
from services import REDIS_URL, article_rows, postgres_database, redis_client

# Enough that some articles are listed under a second URL (/news-feed/<slug>/) that one worker may fetch
# while the other fetches the article's own URL from the sitemap.
ARTICLES = 300
DELAY_MS = 20  # long enough that the second worker finds work while the first one still has some
# Fetched by every worker (Scrapy's robots.txt middleware bypasses the scheduler).
PER_WORKER_PATHS = {"/robots.txt"}


def start_worker(base_url, workdir, db_url, crawl_id):
    """One `scrapy crawl` worker of the shared crawl, with its own lock, spool, outputs and log.

    Redis is switched on by -s alone, as Scrapyd's setting= does: no environment variable."""
    workdir.mkdir(parents=True, exist_ok=True)
    settings = {
        "NEWSCRAWL_STATS_FILE": workdir / "stats.json", "LOG_FILE": workdir / "crawl.log",
        "NEWSCRAWL_LOCK_FILE": workdir / "crawl.lock", "NEWSCRAWL_SPOOL_PATH": workdir / "spool.jsonl",
        "NEWSCRAWL_REDIS_URL": REDIS_URL, "NEWSCRAWL_REDIS_IDLE_SECONDS": 1,
    }
    command = crawl_command(base_url, db_url, workdir / "articles.jsonl", f"crawl_id={crawl_id}", settings=settings)
    env = {name: value for name, value in os.environ.items() if not name.startswith("NEWSCRAWL_REDIS")}
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def worker_result(process, workdir, timeout=300):
    _, stderr = process.communicate(timeout=timeout)
    stats_file = workdir / "stats.json"
    return {
        "returncode": process.returncode,
        "stats": json.loads(stats_file.read_text()) if stats_file.exists() else {},
        "items": read_jsonl(workdir / "articles.jsonl"),
        "log": (workdir / "crawl.log").read_text() if (workdir / "crawl.log").exists() else stderr,
    }


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """Two workers crawl one test site into one PostgreSQL database; then one plain crawl of it."""
    client = redis_client()
    crawl_id = f"test-{uuid.uuid4().hex[:8]}"
    base_url, server = testsite_process.start(articles=ARTICLES, extra_args=("--delay-ms", str(DELAY_MS)))
    try:
        manifest = fetch_json(base_url + "/__testsite__/manifest.json")
        with postgres_database() as db_url:
            workdirs = [tmp_path_factory.mktemp(f"worker{n}") for n in (1, 2)]
            processes = [start_worker(base_url, workdir, db_url, crawl_id) for workdir in workdirs]
            workers = [worker_result(process, workdir) for process, workdir in zip(processes, workdirs)]
            requests = fetch_json(base_url + "/__testsite__/requests.json")
            rows = article_rows(db_url)
        single = run_crawl(base_url, tmp_path_factory.mktemp("single"))
        leftover_keys = [key for key in crawl_keys(crawl_id).values() if client.exists(key)]
    finally:
        testsite_process.stop(server)
    return {"manifest": manifest, "workers": workers, "requests": requests, "rows": rows,
            "single": single, "leftover_keys": leftover_keys}


def test_both_workers_finish_and_share_the_work(shared):
    workers = shared["workers"]
    for worker in workers:
        assert worker["returncode"] == 0, worker["log"][-3000:]
        assert worker["stats"].get("finish_reason") == "finished"
    # Each did some of the work, and only one yielded the start requests.
    assert all(worker["stats"].get("item_scraped_count", 0) > 0 for worker in workers)
    assert sorted(worker["stats"].get("newscrawl/redis/seeded") for worker in workers) == [0, 1]


def test_every_page_requested_exactly_once_across_workers(shared):
    article_paths = {urlsplit(article["url"]).path for article in shared["manifest"]["articles"]}
    counts = Counter(path for method, path, host in shared["requests"] if method == "GET")
    assert {path: n for path, n in counts.items() if n > 1 and path not in PER_WORKER_PATHS} == {}
    # Every article fetched: under its own URL, or only under its /news-feed/ copy when a worker stored it from
    # there before either worker met its own URL (in the sitemap), which is then known as stored. Which of the
    # two comes first is a race between the feed's pages and the sitemap's.
    assert {path for path in article_paths if not counts[path] and not counts["/news-feed" + path]} == set()


def test_each_article_is_in_exactly_one_workers_json_lines(shared):
    """Also one reached under two URLs by both workers: the database's answer to each write says who stored it."""
    expected = {article["url"] for article in shared["manifest"]["articles"]}
    counts = Counter(item["url"] for worker in shared["workers"] for item in worker["items"])
    assert [url for url, n in counts.items() if n > 1] == []
    assert set(counts) == expected


def test_database_equals_a_single_process_crawl(shared):
    single = shared["single"]
    assert single.returncode == 0, single.log[-3000:]
    single_rows = article_rows(single.db_url)
    assert set(single_rows) == {article["url"] for article in shared["manifest"]["articles"]}
    assert set(shared["rows"]) == set(single_rows)
    different = [url for url in single_rows if shared["rows"][url] != single_rows[url]]
    assert different == []


def test_the_finished_crawl_leaves_no_keys(shared):
    assert shared["leftover_keys"] == []
