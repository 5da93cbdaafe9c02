"""One worker vs two, sharing a crawl through Redis: python -m benchmarks.scale_out

Crawls a local test site whose every page answers 50 ms late, first with one
worker, then with two started together, and prints the wall time from start to
the last worker's exit and the speed-up. Each worker is capped at 1 concurrent
request, as a polite production worker is: the site's
latency, not this machine's CPU, bounds a worker. Each worker writes its own
SQLite file (the shared-database case is in tests/e2e/test_redis.py).
Needs Redis on 127.0.0.1:6379 (database 14 is used).
"""

import argparse
import json
import os
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

from testsite.demo import LOCAL_SITE_SETTINGS, crawl_command
from testsite import process as testsite_process

ROOT = Path(__file__).resolve().parents[1]
REDIS_URL = "redis://127.0.0.1:6379/14"


def run_workers(base_url, workers, workdir, per_worker_concurrency, idle_seconds):
    """Start `workers` workers on one new crawl id; (seconds until all exited, [stats])."""
    crawl_id = f"bench-{uuid.uuid4().hex[:8]}"
    env = dict(os.environ, NEWSCRAWL_REDIS_URL=REDIS_URL, NEWSCRAWL_REDIS_IDLE_SECONDS=str(idle_seconds))
    processes, dirs = [], []
    started = time.monotonic()
    for number in range(workers):
        directory = workdir / f"{workers}-{number}"
        directory.mkdir(parents=True)
        settings = {
            **LOCAL_SITE_SETTINGS, "CONCURRENT_REQUESTS": per_worker_concurrency,
            "CONCURRENT_REQUESTS_PER_DOMAIN": per_worker_concurrency,
            "NEWSCRAWL_STATS_FILE": directory / "stats.json", "LOG_FILE": directory / "crawl.log",
            "NEWSCRAWL_LOCK_FILE": directory / "crawl.lock", "NEWSCRAWL_SPOOL_PATH": directory / "spool.jsonl",
        }
        command = crawl_command(base_url, f"sqlite:///{directory / 'archive.db'}", directory / "articles.jsonl",
                                f"crawl_id={crawl_id}", settings=settings)
        processes.append(subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL))
        dirs.append(directory)
    for process in processes:
        process.wait()
    elapsed = time.monotonic() - started
    stats = [json.loads((directory / "stats.json").read_text()) for directory in dirs]
    return elapsed, stats


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale_out", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--delay-ms", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=1, help="concurrent requests per worker (production: 1)")
    parser.add_argument("--idle-seconds", type=float, default=1.0, help="NEWSCRAWL_REDIS_IDLE_SECONDS")
    args = parser.parse_args(argv)
    base_url, server = testsite_process.start(articles=args.articles, extra_args=("--delay-ms", str(args.delay_ms)))
    results = {}
    try:
        with tempfile.TemporaryDirectory(prefix="newscrawl-bench-") as workdir:
            for workers in (1, 2):
                results[workers] = run_workers(base_url, workers, Path(workdir), args.concurrency, args.idle_seconds)
    finally:
        testsite_process.stop(server)
    print(f"test site: {args.articles} articles, {args.delay_ms} ms per page; "
          f"{args.concurrency} concurrent requests per worker; idle wait {args.idle_seconds:g} s")
    for workers, (elapsed, stats) in results.items():
        shares = " + ".join(str(s.get("downloader/request_count", 0)) for s in stats)
        items = sum(s.get("item_scraped_count", 0) for s in stats)
        print(f"{workers} worker{'s' if workers > 1 else ' '}: {elapsed:6.2f} s  requests {shares}, items {items}")
    print(f"speed-up: {results[1][0] / results[2][0]:.2f}x")


if __name__ == "__main__":
    main()
