"""Shared fixtures: the local test site, crawls of it, and responses from stored pages."""

import asyncio
import functools
import json
import re
import sqlite3
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse

from testsite.demo import crawl_command
from testsite import process as testsite_process

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The real seed article (a copy of the shared seed): its capture as text and the exact record it must give.
SEED = FIXTURES / "kyivindependent" / "seed"


def in_event_loop(test):
    """An async test run in an event loop of its own (the Archive's database jobs report back to one)."""
    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))
    return run


def fetch_json(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


def response_from_file(path, url):
    """A Scrapy response for a stored page, as the spider would get it."""
    return HtmlResponse(url=url, body=Path(path).read_bytes(), encoding="utf-8")


@dataclass
class Crawl:
    """What one `scrapy crawl` subprocess left behind."""

    returncode: int
    items: list  # every line of the JSON Lines file after the run
    new_items: list  # the lines this run added
    stats: dict
    log: str
    db_url: str
    warc_dir: Path

    def rows(self, table="articles"):
        path = self.db_url.removeprefix("sqlite:///")
        with sqlite3.connect(path) as connection:
            connection.row_factory = sqlite3.Row
            return [dict(row) for row in connection.execute(f"SELECT * FROM {table}")]


def workdir_settings(workdir):
    """The files a crawl keeps beside its outputs, all in workdir: crawls running side by side share none."""
    return {"NEWSCRAWL_LOCK_FILE": str(workdir / "crawl.lock"), "NEWSCRAWL_SPOOL_PATH": str(workdir / "spool.jsonl"),
            "NEWSCRAWL_CHANGES_PATH": str(workdir / "changes.jsonl")}


def run_crawl(base_url, workdir, *spider_args, settings=None, db_url=None, timeout=600):
    """Run `scrapy crawl kyivindependent` against base_url in a subprocess."""
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    db_url = db_url or f"sqlite:///{workdir / 'newscrawl.db'}"
    output, stats_file, log_file = workdir / "articles.jsonl", workdir / "stats.json", workdir / "crawl.log"
    settings = {"NEWSCRAWL_STATS_FILE": str(stats_file), "LOG_FILE": str(log_file),
                **workdir_settings(workdir), **(settings or {})}
    command = crawl_command(base_url, db_url, output, *spider_args, settings=settings)
    before = len(read_jsonl(output))
    stats_file.unlink(missing_ok=True)
    log_file.unlink(missing_ok=True)
    process = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    items = read_jsonl(output)
    stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}
    log = (log_file.read_text() if log_file.exists() else "") + process.stderr
    warc_dir = Path(settings.get("NEWSCRAWL_WARC_DIR", workdir / "warc"))
    return Crawl(process.returncode, items, items[before:], stats, log, db_url, warc_dir)


def unique_phrase(records, index, length=6):
    """Words in a row from records[index]'s body that no other record's headline, description or body holds."""
    def words(text):
        return " ".join(re.findall(r"\w+", text.lower()))

    texts = [f" {words(' '.join(filter(None, (r['headline'], r['description'], r['article_body']))))} "
             for r in records]
    body = records[index]["article_body"].split()
    for start in range(len(body) - length):
        phrase = " ".join(body[start:start + length])
        holders = [n for n, text in enumerate(texts) if f" {words(phrase)} " in text]
        if len(words(phrase).split()) == length and holders == [index]:
            return phrase
    raise AssertionError(f"no phrase of {length} words is unique to record {index}")


def read_jsonl(path):
    path = Path(path)
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


@pytest.fixture(scope="session")
def testsite():
    """The default local test site (300 articles + the seed), and its manifest."""
    base_url, server = testsite_process.start()
    try:
        yield base_url, fetch_json(base_url + "/__testsite__/manifest.json")
    finally:
        testsite_process.stop(server)


@pytest.fixture(scope="session")
def default_crawl(testsite, tmp_path_factory):
    """One full crawl of the default test site, shared by the end-to-end checks."""
    base_url, _ = testsite
    return run_crawl(base_url, tmp_path_factory.mktemp("crawl"))


def start_crawl(base_url, workdir, settings):
    """A crawl of base_url in the background (to be killed): SQLite and JSON Lines in workdir."""
    command = crawl_command(base_url, f"sqlite:///{workdir / 'newscrawl.db'}", str(workdir / "articles.jsonl"),
                            settings={**workdir_settings(workdir), **settings})
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_for_lines(path, count, process, timeout=120):
    """Return once the file holds count lines; fail if the process ends first or the time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if Path(path).exists() and Path(path).read_bytes().count(b"\n") >= count:
            return
        time.sleep(0.02)
    raise AssertionError(f"the crawl ended or stalled before writing {count} lines")
