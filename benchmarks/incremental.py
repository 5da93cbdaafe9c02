"""Requests and seconds of three runs on a 2,000-article test site: full, update, update after changes.

    python -m benchmarks.incremental [--articles 2000]
"""

import argparse
import json
import subprocess
import tempfile
import time
from pathlib import Path

from testsite.demo import crawl_command
from testsite import process as testsite_process

ROOT = Path(__file__).resolve().parents[1]



def timed_run(base_url, workdir, mode):
    stats_file = workdir / "stats.json"
    settings = {"NEWSCRAWL_STATS_FILE": str(stats_file), "LOG_FILE": str(workdir / f"{mode}.log"),
                "NEWSCRAWL_LOCK_FILE": str(workdir / "lock"), "NEWSCRAWL_SPOOL_PATH": str(workdir / "spool.jsonl"),
                "NEWSCRAWL_CHANGES_PATH": str(workdir / "changes.jsonl")}
    command = crawl_command(base_url, f"sqlite:///{workdir / 'bench.db'}", str(workdir / "articles.jsonl"),
                            f"mode={mode}", settings=settings)
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True)
    seconds = time.perf_counter() - started
    stats = json.loads(stats_file.read_text())
    return stats.get("downloader/request_count", 0), stats.get("item_scraped_count", 0), seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    base_url, server = testsite_process.start(articles=args.articles)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            workdir = Path(tmp)
            rows = [("1 full", *timed_run(base_url, workdir, "full")),
                    ("2 update, nothing changed", *timed_run(base_url, workdir, "update"))]
            testsite_process.control(base_url + "/__testsite__/publish?count=20")
            testsite_process.control(base_url + "/__testsite__/edit?count=5")
            rows.append(("3 update, 20 new + 5 edited", *timed_run(base_url, workdir, "update")))
    finally:
        testsite_process.stop(server)
    first_requests = rows[0][1]
    print(f"\n{args.articles} articles on the test site")
    print(f"{'run':30} {'requests':>9} {'% of run 1':>11} {'items':>6} {'seconds':>8}")
    for name, requests, items, seconds in rows:
        print(f"{name:30} {requests:9d} {100 * requests / first_requests:10.1f}% {items:6d} {seconds:8.1f}")


if __name__ == "__main__":
    main()
