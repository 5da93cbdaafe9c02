"""`python -m testsite.demo`: crawl the local test site into SQLite and JSON Lines, then summarise:
articles per section, the coverage line, and how to search and browse the archive."""

import argparse
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from newscrawl.archive.coverage import audit
from newscrawl.archive.coverage_report import summary as coverage_summary
from newscrawl.archive.store import Store
from testsite import process as testsite_process

# The local test site needs no politeness delays; robots.txt is still obeyed.
LOCAL_SITE_SETTINGS = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS": "16",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
}


def crawl_command(base_url, db_url, jsonl_path, *spider_args, settings=None):
    """The `scrapy crawl kyivindependent` command line for a crawl of base_url; WARC files go beside jsonl_path."""
    command = [sys.executable, "-m", "scrapy", "crawl", "kyivindependent", "-a", f"base_url={base_url}"]
    for arg in spider_args:
        command += ["-a", arg]
    settings = {**LOCAL_SITE_SETTINGS, "NEWSCRAWL_DATABASE_URL": db_url, "NEWSCRAWL_JSONL_PATH": jsonl_path,
                "NEWSCRAWL_WARC_DIR": Path(jsonl_path).parent / "warc", **(settings or {})}
    for key, value in settings.items():
        command += ["-s", f"{key}={value}"]
    return command


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m testsite.demo",
                                     description="crawl the local test site into data/demo.db and data/demo.jsonl")
    parser.add_argument("--articles", type=int, default=300, help="articles on the test site (default 300)")
    parser.add_argument("--data-dir", default="data", help="where the outputs go (default data/)")
    return parser.parse_args(argv)


def summary(db_path, jsonl_path):
    with sqlite3.connect(db_path) as connection:
        rows = connection.execute(
            "SELECT section, COUNT(*) FROM articles GROUP BY section ORDER BY COUNT(*) DESC, section"
        ).fetchall()
    lines = sum(1 for _ in open(jsonl_path, encoding="utf-8"))
    print(f"\n{sum(n for _, n in rows)} articles in {db_path}, {lines} lines in {jsonl_path}")
    print("articles per section:")
    for section, count in rows:
        print(f"  {count:5d}  {section}")


def coverage_and_browsing(db_url):
    """The crawl's coverage line (python -m newscrawl coverage), and the commands that look further."""
    store = Store(db_url)
    try:
        with store.engine.connect() as connection:
            print("\n" + coverage_summary(audit(connection)))
    finally:
        store.close()
    command = f"{sys.executable} -m newscrawl" if not Path(".venv").exists() else ".venv/bin/python -m newscrawl"
    print(f"each missing article and why:  {command} coverage --url {db_url}")
    print(f"search the articles:           {command} search '\"security guarantees\"' --url {db_url}")
    print(f"browse them in Datasette:      {command} browse --url {db_url}")


def main(argv=None):
    args = parse_args(argv)
    data = Path(args.data_dir)
    data.mkdir(parents=True, exist_ok=True)
    db_path, jsonl_path, log_path = data / "demo.db", data / "demo.jsonl", data / "demo.log"
    # Every file the demo's crawl keeps is in data, named for the demo, and starts afresh: a crawl of
    # the live site into data/ never shares its lock, spool, change events or captures.
    kept = {"NEWSCRAWL_LOCK_FILE": data / "demo.lock", "NEWSCRAWL_SPOOL_PATH": data / "demo-spool.jsonl",
            "NEWSCRAWL_CHANGES_PATH": data / "demo-changes.jsonl", "NEWSCRAWL_WARC_DIR": data / "demo-warc"}
    for path in (db_path, jsonl_path, kept["NEWSCRAWL_SPOOL_PATH"], kept["NEWSCRAWL_CHANGES_PATH"]):
        path.unlink(missing_ok=True)
    shutil.rmtree(kept["NEWSCRAWL_WARC_DIR"], ignore_errors=True)
    base_url, server = testsite_process.start(articles=args.articles)
    print(f"test site: {base_url} ({args.articles} articles); crawling, log in {log_path} ...")
    try:
        command = crawl_command(base_url, f"sqlite:///{db_path}", jsonl_path, settings={"LOG_FILE": log_path, **kept})
        returncode = subprocess.run(command).returncode
    finally:
        testsite_process.stop(server)
    if returncode != 0:
        print(f"the crawl failed with exit status {returncode}; see {log_path}", file=sys.stderr)
        return returncode
    summary(db_path, jsonl_path)
    coverage_and_browsing(f"sqlite:///{db_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
