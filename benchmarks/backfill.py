"""Is a backfill limited by newscrawl's own processing? python -m benchmarks.backfill

In one run, on a local test site whose pages are all rendered and cached first
(benchmarks/site.py; a warm-up crawl fetches every page once):
  1. the bare spider (benchmarks/bare_spider.py: same links, nothing else) vs the full
     `scrapy crawl kyivindependent` (extraction, loaders, validation, dedup, SQLite, JSON Lines),
     at the same concurrency, without politeness delays: pages/s, CPU per page, peak RSS.
     The two alternate for --rounds rounds and the fastest crawl of each kind counts, as
     timeit takes the best of its repeats: on a shared machine a crawl's speed varies by
     a third from one minute to the next, and only ever downwards;
  2. extraction alone on the site's article pages: the crawl's analyse_article vs trafilatura;
  3. the full crawl again on a site four times larger: peak RSS against the first.
Crawls run as subprocesses; CPU comes from each crawl's own rusage (os.wait4), peak RSS from
its stats (VmHWM: newscrawl/extensions.py says why not rusage), the test site's CPU from /proc.
--compare LABEL:SETTING=VALUE[,SETTING=VALUE...] (repeatable) adds a full crawl with those
settings to each round, against the full crawl with the project's settings (which is what the
targets and the memory run use). --profile FILE adds a cProfile run of the full crawl.
"""

import argparse
import json
import os
import platform
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from testsite.demo import LOCAL_SITE_SETTINGS, crawl_command
from testsite import process as testsite_process

from benchmarks import extraction, site

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"speed": 0.8, "extraction": 5.0, "memory": 1.25}


def bare_command(base_url, settings):
    command = [sys.executable, "-m", "scrapy", "runspider", str(ROOT / "benchmarks" / "bare_spider.py"),
               "-a", f"base_url={base_url}"]
    for key, value in {**LOCAL_SITE_SETTINGS, **settings}.items():
        command += ["-s", f"{key}={value}"]
    return command


def full_command(base_url, workdir, settings):
    settings = {"NEWSCRAWL_LOCK_FILE": workdir / "crawl.lock", "NEWSCRAWL_SPOOL_PATH": workdir / "spool.jsonl",
                **settings}
    return crawl_command(base_url, f"sqlite:///{workdir / 'archive.db'}", workdir / "articles.jsonl", "mode=full",
                         settings=settings)


def crawl(kind, base_url, server, workdir, profile=None, expected_items=None, settings=None):
    """Run one crawl in a fresh directory; its figures as a dict. A full crawl must store expected_items."""
    workdir.mkdir(parents=True)
    # WARC captures into the crawl's own directory: the bare spider's too, which would fill the checkout's data/.
    settings = {"NEWSCRAWL_STATS_FILE": workdir / "stats.json", "LOG_FILE": workdir / "crawl.log",
                "NEWSCRAWL_WARC_DIR": workdir / "warc", **(settings or {})}
    command = bare_command(base_url, settings) if kind == "bare" else full_command(base_url, workdir, settings)
    if profile:
        command[1:1] = ["-m", "cProfile", "-o", str(profile)]
    site_cpu, started = site.cpu_seconds(server.pid), time.monotonic()
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall, site_cpu = time.monotonic() - started, site.cpu_seconds(server.pid) - site_cpu
    if child.returncode != 0:
        raise RuntimeError(f"{kind} crawl exited with status {child.returncode}; see {workdir / 'crawl.log'}")
    stats = json.loads((workdir / "stats.json").read_text())
    pages, seconds, items = stats["downloader/response_count"], stats["elapsed_time_seconds"], stats.get("item_scraped_count", 0)
    if expected_items is not None and items != expected_items:
        raise RuntimeError(f"the {kind} crawl stored {items} of {expected_items} articles; see {workdir / 'crawl.log'}")
    # CPU: a reaped process's rusage adds that of its own reaped children (the extraction worker).
    # Peak RSS: each process's VmHWM, from the stats. Not rusage's ru_maxrss: Linux carries that over
    # exec from the parent, and this process, with the manifest and the extraction sample loaded,
    # is larger than a crawl.
    warc = sum(path.stat().st_size for path in (workdir / "warc").glob("*.warc.gz"))  # full crawls: captures on
    return {"pages": pages, "items": items, "seconds": seconds, "wall": wall, "warc_bytes": warc,
            "pages_per_s": pages / seconds, "cpu_ms_per_page": 1000 * (usage.ru_utime + usage.ru_stime) / pages,
            "peak_rss_mb": stats["newscrawl/peak_rss_mb"], "worker_rss_mb": stats.get("newscrawl/workers/peak_rss_mb", 0),
            "site_cpu_share": site_cpu / wall}


def row(label, r):
    return (f"{label:15} {r['pages']:7d} {r['items']:7d} {r['seconds']:8.1f} {r['pages_per_s']:8.1f} "
            f"{r['cpu_ms_per_page']:9.2f} {r['peak_rss_mb']:9.1f} {r['worker_rss_mb']:9.1f} "
            f"{100 * r['site_cpu_share']:9.0f}%")


def fastest(runs):
    return max(runs, key=lambda run: run["pages_per_s"])


def rounds(runs):
    """Pages per second, then CPU ms per page, of every round."""
    if len(runs) < 2:
        return ""
    return ("   (" + ", ".join(f"{run['pages_per_s']:.0f}" for run in runs) + "; CPU "
            + ", ".join(f"{run['cpu_ms_per_page']:.2f}" for run in runs) + ")")


def verdict(value, target, higher_is_better=True):
    met = value >= target if higher_is_better else value <= target
    return f"(target {'>=' if higher_is_better else '<='} {target:g}: {'met' if met else 'NOT met'})"


def serve_warm(articles, workdir):
    """Start the benchmark test site and fill its cache with a bare crawl.

    (base URL, server, seconds, the manifest's article count).
    ``workdir`` is the warm-up crawl's own, new directory.
    """
    base_url, server = site.start(articles)
    started = time.monotonic()
    try:
        crawl("bare", base_url, server, workdir)
    except BaseException:
        testsite_process.stop(server)
        raise
    return base_url, server, time.monotonic() - started, site.article_count(base_url)


def variant(text):
    """LABEL:SETTING=VALUE[,SETTING=VALUE...] as (label, settings)."""
    label, _, assignments = text.partition(":")
    pairs = [assignment.partition("=") for assignment in assignments.split(",")]
    if not label or any(not key or not equals for key, equals, _ in pairs):
        raise argparse.ArgumentTypeError(f"expected LABEL:SETTING=VALUE[,SETTING=VALUE...], not {text!r}")
    return label, {key: value for key, _, value in pairs}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.backfill", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000, help="articles on the test site (default 5000)")
    parser.add_argument("--large", type=int, default=20000, help="articles for the memory run (default 20000)")
    parser.add_argument("--sample", type=int, default=200, help="article pages for the extraction timing")
    parser.add_argument("--rounds", type=int, default=3, help="bare and full crawls, alternating (default 3)")
    parser.add_argument("--compare", type=variant, action="append", default=[], metavar="LABEL:SETTING=VALUE,...",
                        help="also run, in each round, a full crawl with these settings (repeatable)")
    parser.add_argument("--profile", type=Path, help="also run the full crawl under cProfile, writing this file")
    args = parser.parse_args(argv)
    print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform(terse=True)}; "
          f"{LOCAL_SITE_SETTINGS['CONCURRENT_REQUESTS']} concurrent requests, no delay, no AutoThrottle", flush=True)
    with tempfile.TemporaryDirectory(prefix="newscrawl-bench-") as tmp:
        workdir = Path(tmp)
        base_url, server, warm, expected = serve_warm(args.articles, workdir / "warm")
        try:
            print(f"test site: {args.articles} articles, cache filled by a warm-up crawl in {warm:.1f} s", flush=True)
            bares, fulls, compared = [], [], {label: [] for label, _ in args.compare}
            for number in range(args.rounds):
                bares.append(crawl("bare", base_url, server, workdir / f"bare-{number}"))
                fulls.append(crawl("full", base_url, server, workdir / f"full-{number}", expected_items=expected))
                for label, settings in args.compare:
                    compared[label].append(crawl("full", base_url, server, workdir / f"{label}-{number}",
                                                 expected_items=expected, settings=settings))
            bare, full = fastest(bares), fastest(fulls)
            timing = extraction.compare(base_url, args.sample)
            if args.profile:
                crawl("full", base_url, server, workdir / "profile", profile=args.profile.resolve(),
                      expected_items=expected)
        finally:
            testsite_process.stop(server)
        base_url, server, warm_large, expected = serve_warm(args.large, workdir / "warm-large")
        try:
            large = crawl("full", base_url, server, workdir / "full-large", expected_items=expected)
        finally:
            testsite_process.stop(server)
    print(f"\n{'crawl':15} {'pages':>7} {'items':>7} {'seconds':>8} {'pages/s':>8} {'CPU ms/pg':>9} "
          f"{'peak RSS':>9} {'worker':>9} {'site CPU':>10}")
    print(row("bare spider", bare) + rounds(bares))
    print(row("full pipeline", full) + rounds(fulls))
    for label, runs in compared.items():
        print(row(label, fastest(runs)) + rounds(runs))
    print(row(f"full, {args.large}", large) + f"   (cache warm-up {warm_large:.0f} s)")
    speed = full["pages_per_s"] / bare["pages_per_s"]
    print(f"\nfull / bare pages per second: {speed:.2f} {verdict(speed, TARGETS['speed'])}")
    for label, runs in compared.items():
        print(f"{label} / full pages per second: {fastest(runs)['pages_per_s'] / full['pages_per_s']:.2f}; "
              f"{label} / bare: {fastest(runs)['pages_per_s'] / bare['pages_per_s']:.2f}")
    print(extraction.report(timing) + " " + verdict(timing["ratio"], TARGETS["extraction"]))
    print(f"WARC captures of the full crawl: {full['warc_bytes'] / full['items']:.0f} bytes per article "
          f"({full['warc_bytes']} bytes, {full['pages']} pages)")
    # Against the smallest peak of the rounds: the ratio is not flattered by one large run.
    small_rss = min(run["peak_rss_mb"] for run in fulls)
    memory = large["peak_rss_mb"] / small_rss
    print(f"peak RSS, {args.large} vs {args.articles} articles: {large['peak_rss_mb']:.1f} / "
          f"{small_rss:.1f} MB = {memory:.2f} {verdict(memory, TARGETS['memory'], False)}; with the worker's: "
          f"{large['peak_rss_mb'] + large['worker_rss_mb']:.1f} / {small_rss + fulls[0]['worker_rss_mb']:.1f} MB")
    print("(seconds, pages/s: the crawl's own elapsed time; CPU: the crawl process and its extraction worker, "
          "start-up included; peak RSS: the crawl process; worker: its extraction worker's; "
          "site CPU: the test site's share of one core; in brackets: pages/s, then CPU ms/page, of every round)")
    if args.profile:
        print_profile(args.profile)
    return {"bare": bare, "full": full, "large": large, "extraction": timing,
            "rounds": {"bare": bares, "full": fulls, **compared}}


def print_profile(path, limit=25):
    print(f"\nprofile of the full crawl ({path}), by own time:")
    pstats.Stats(str(path), stream=sys.stdout).sort_stats("tottime").print_stats(limit)


if __name__ == "__main__":
    main()
