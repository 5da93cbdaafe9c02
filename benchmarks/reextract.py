"""Re-extraction speed and the disk a capture costs: python -m benchmarks.reextract [--articles 2000] [--rounds 5]

Crawls a local test site once (captures on), then runs ``python -m newscrawl reextract --all``
into an empty database with --processes 1 and with --processes 2, alternating for --rounds
rounds; the fastest of each counts (pages per second as reextract reports them: extraction,
validation and the database writes, the scan of the files aside). Prints the ratio (target
>= 1.7 on 2 cores) and the WARC bytes per stored article.
"""

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from testsite.demo import crawl_command
from testsite import process as testsite_process

ROOT = Path(__file__).resolve().parents[1]
TARGET = 1.7


def reextract(workdir, processes, number):
    """(pages per second, wall seconds) of one reextract --all into a new database."""
    database = workdir / f"rebuilt-{processes}-{number}.db"
    command = [sys.executable, "-m", "newscrawl", "reextract", "--all", "--processes", str(processes),
               "--warc-dir", str(workdir / "warc"), "--database-url", f"sqlite:///{database}"]
    started = time.monotonic()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    rate = float(re.search(r"pages per second: ([\d.]+)", done.stdout).group(1))
    return rate, time.monotonic() - started


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.reextract")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newscrawl-reextract-") as tmp:
        workdir = Path(tmp)
        base_url, server = testsite_process.start(articles=args.articles)
        try:
            subprocess.run(crawl_command(base_url, f"sqlite:///{workdir / 'crawl.db'}", workdir / "articles.jsonl",
                                         settings={"LOG_FILE": workdir / "crawl.log"}), cwd=ROOT, check=True)
        finally:
            testsite_process.stop(server)
        articles = sum(1 for _ in open(workdir / "articles.jsonl"))
        warc_bytes = sum(path.stat().st_size for path in (workdir / "warc").iterdir())
        runs = {1: [], 2: []}
        for number in range(args.rounds):
            for processes in runs:
                runs[processes].append(reextract(workdir, processes, number))
    one, two = max(runs[1]), max(runs[2])
    ratio = two[0] / one[0]
    for processes, (rate, wall) in ((1, one), (2, two)):
        every = ", ".join(f"{r:.0f}" for r, _ in runs[processes])
        print(f"reextract --all --processes {processes}: {rate:.0f} pages/s, {wall:.1f} s in all (rounds: {every})")
    print(f"--processes 2 / --processes 1: {ratio:.2f} (target >= {TARGET}: {'met' if ratio >= TARGET else 'NOT met'})")
    print(f"WARC: {warc_bytes} bytes for {articles} articles, {warc_bytes / articles:.0f} bytes per article "
          "(listings, feeds and sitemaps included)")


if __name__ == "__main__":
    main()
