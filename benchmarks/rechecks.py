"""Requests of update runs with nothing changed on a 2,000-article archive, re-checks on and within their budget.

    python -m benchmarks.rechecks [--articles 2000] [--budget 100]

A full crawl, then update runs: with the default schedule (the test site's articles are months old, so
none is due), with every article due at every run (NEWSCRAWL_RECHECK_AFTER=0) and the default budget,
and with a budget that covers the whole archive. Each re-check is a conditional GET; nothing changed,
so each is answered 304. The run fails if an update run asks for more than its base cost plus the budget.
"""

import argparse
import json
import subprocess
import tempfile
import time
from pathlib import Path

from testsite import process as testsite_process
from testsite.demo import crawl_command

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = ("downloader/request_count", "newscrawl/recheck/requested", "newscrawl/recheck/not_modified",
           "newscrawl/recheck/candidates")


def crawl(base_url, workdir, mode, **settings):
    """Stats and seconds of one crawl of the benchmark's archive."""
    stats_file = workdir / "stats.json"
    settings = {"NEWSCRAWL_STATS_FILE": str(stats_file), "LOG_FILE": str(workdir / f"{mode}.log"),
                "NEWSCRAWL_LOCK_FILE": str(workdir / "lock"), "NEWSCRAWL_SPOOL_PATH": str(workdir / "spool.jsonl"),
                "NEWSCRAWL_CHANGES_PATH": str(workdir / "changes.jsonl"), **settings}
    command = crawl_command(base_url, f"sqlite:///{workdir / 'bench.db'}", str(workdir / "articles.jsonl"),
                            f"mode={mode}", settings=settings)
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True)
    return json.loads(stats_file.read_text()), time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--budget", type=int, default=100, help="NEWSCRAWL_RECHECK_BUDGET of the second update run")
    args = parser.parse_args()
    base_url, server = testsite_process.start(articles=args.articles)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            workdir = Path(tmp)
            runs = [("full", None, crawl(base_url, workdir, "full")),
                    ("update, default schedule", None, crawl(base_url, workdir, "update"))]
            for budget in (args.budget, args.articles + 1):
                runs.append((f"update, all due, budget {budget}", budget, crawl(
                    base_url, workdir, "update", NEWSCRAWL_RECHECK_AFTER="0", NEWSCRAWL_RECHECK_BUDGET=str(budget))))
    finally:
        testsite_process.stop(server)
    report(args.articles, runs)


def report(articles, runs):
    """Print the table; raise SystemExit when an update run asked for more than its base cost and budget."""
    base = runs[1][2][0].get("downloader/request_count", 0)
    print(f"\n{articles + 1} articles archived; an update run with nothing due costs {base} requests")
    print(f"{'run':34} {'requests':>9} {'re-checks':>10} {'304':>6} {'candidates':>10} {'seconds':>8}")
    for name, budget, (stats, seconds) in runs:
        requests, rechecks, not_modified, candidates = (stats.get(key, 0) for key in COLUMNS)
        print(f"{name:34} {requests:9d} {rechecks:10d} {not_modified:6d} {candidates:10d} {seconds:8.1f}")
        if budget is not None and requests > base + budget:
            raise SystemExit(f"{name}: {requests} requests, more than {base} + the budget of {budget}")


if __name__ == "__main__":
    main()
