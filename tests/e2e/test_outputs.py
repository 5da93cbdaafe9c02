"""The outputs on a full disk and with a damaged JSON Lines file: a failed write fails the run, the next catches up."""

import resource
import subprocess
from collections import Counter
from functools import partial

import pytest

from conftest import ROOT, fetch_json, read_jsonl, run_crawl
from newscrawl.archive.store import Store
from newscrawl.commands.crawl import EXIT_FAILED
from testsite import process as testsite_process
from testsite.demo import crawl_command

ARTICLES = 100  # about 240 KB of JSON Lines
# Room for the database's first articles, past its empty schema (whose size grows with the migrations).
DATABASE_ROOM = 40 * 1024


@pytest.fixture(scope="module")
def small_site():
    base_url, server = testsite_process.start(articles=ARTICLES)
    try:
        yield base_url, fetch_json(base_url + "/__testsite__/manifest.json")
    finally:
        testsite_process.stop(server)


def file_limit(workdir):
    """RLIMIT_FSIZE, as `ulimit -f`, for a crawl into workdir: the empty schema and DATABASE_ROOM fit, the
    JSON Lines file does not. A write past it raises OSError (File too large)."""
    store = Store(f"sqlite:///{workdir / 'empty.db'}")
    store.check_schema(create_empty=True)
    store.close()
    return (workdir / "empty.db").stat().st_size + DATABASE_ROOM


def limit_file_size(limit):
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def crawl(base_url, workdir, limit=None, **settings):
    """A crawl into workdir (run_crawl would not read a damaged JSON Lines file): the finished process."""
    settings = {"NEWSCRAWL_LOCK_FILE": workdir / "crawl.lock", "NEWSCRAWL_SPOOL_PATH": workdir / "spool.jsonl",
                **settings}
    command = crawl_command(base_url, f"sqlite:///{workdir / 'newscrawl.db'}", workdir / "articles.jsonl",
                            settings=settings)
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, preexec_fn=limit)


def test_a_full_disk_fails_the_run_and_the_next_run_brings_every_output_with_the_database(small_site, tmp_path):
    base_url, manifest = small_site
    expected = {article["url"] for article in manifest["articles"]}
    # Small batches, so that the database and the spool each take part of the crawl before the disk "fills".
    full = crawl(base_url, tmp_path, partial(limit_file_size, file_limit(tmp_path)), NEWSCRAWL_DB_BATCH_SIZE=5)
    assert full.returncode == EXIT_FAILED, full.stderr[-3000:]
    assert "Crawl failed" in full.stderr and "could not be written" in full.stderr
    assert len(read_jsonl(tmp_path / "articles.jsonl")) < len(expected)  # the limit did cut the outputs short

    rerun = run_crawl(base_url, tmp_path)
    assert rerun.returncode == 0, rerun.log[-3000:]
    lines = Counter(item["url"] for item in rerun.items)
    rows = Counter(row["url"] for row in rerun.rows())
    assert set(lines) == set(rows) == expected
    assert max(lines.values()) == max(rows.values()) == 1


def test_blank_and_damaged_lines_in_the_json_lines_file_are_reported_and_kept(small_site, tmp_path):
    base_url, manifest = small_site
    first = run_crawl(base_url, tmp_path)
    assert first.returncode == 0, first.log[-3000:]
    path = tmp_path / "articles.jsonl"
    damaged = path.read_bytes() + b"\n" + b"not json\n" + b'{"url": "\xff\xfe"}\n' + b"\n"
    path.write_bytes(damaged)

    second = crawl(base_url, tmp_path)
    assert second.returncode == 0, second.stderr[-3000:]
    lines = len(first.items)
    for number in (lines + 2, lines + 3):  # the two damaged lines, by number, each in one log line
        assert [line for line in second.stderr.splitlines() if f"{path}:{number}:" in line], second.stderr[-3000:]
    assert f"{path}:{lines + 1}:" not in second.stderr and f"{path}:{lines + 4}:" not in second.stderr  # blank
    assert path.read_bytes().startswith(damaged)  # the file is kept as it is
