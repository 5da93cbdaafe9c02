"""End to end: every stored version links its capture, and re-extraction rebuilds or revises the archive from the
captures alone."""

import argparse
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from conftest import run_crawl
from newscrawl.archive import reextract
from newscrawl import settings as project_settings
from newscrawl.sites.kyivindependent import ArticlePage
from newscrawl.archive.warcread import read_record
from testsite import process as testsite_process

# Chromium for a client-rendered site, with its own look-ups kept on this machine.
RENDERING = {"NEWSCRAWL_PLAYWRIGHT": "auto",
             "NEWSCRAWL_PLAYWRIGHT_BROWSER": project_settings.NEWSCRAWL_PLAYWRIGHT_BROWSER,
             "NEWSCRAWL_PLAYWRIGHT_ARGS": json.dumps(["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"])}


def reextract_args(*argv):
    parser = argparse.ArgumentParser()
    reextract.add_parser(parser.add_subparsers())
    return parser.parse_args(["reextract", *argv])


def rows(db_path, table="articles"):
    with sqlite3.connect(db_path) as connection:
        connection.row_factory = sqlite3.Row
        return {row["url"]: dict(row) for row in connection.execute(f"SELECT * FROM {table}")}


def fetch(url):
    import urllib.request
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def test_every_stored_article_links_a_record_that_holds_its_page(default_crawl):
    lines = {item["url"]: item for item in default_crawl.items}
    for row in default_crawl.rows():
        capture = json.loads(row["capture"])
        record = read_record(default_crawl.warc_dir, capture["file"], capture["offset"], capture["length"])
        headers = record.rec_headers
        assert record.rec_type == "response"
        assert (headers.get_header("WARC-Record-ID"), headers.get_header("WARC-Payload-Digest")) == \
            (capture["record_id"], capture["digest"])
        assert record.payload == fetch(headers.get_header("WARC-Target-URI"))
        assert lines[row["url"]]["capture"]["record_id"] == capture["record_id"]


@pytest.fixture(scope="module")
def stopped_site_crawl(tmp_path_factory):
    """A full crawl of a test site of its own, which is then stopped."""
    base_url, server = testsite_process.start()
    try:
        crawl = run_crawl(base_url, tmp_path_factory.mktemp("stopped"))
    finally:
        testsite_process.stop(server)
    assert crawl.returncode == 0
    return crawl


def test_reextract_all_rebuilds_the_rows_with_the_site_stopped(stopped_site_crawl, tmp_path, capsys):
    crawl = stopped_site_crawl
    rebuilt = tmp_path / "rebuilt.db"
    assert reextract.run(reextract_args("--all", "--processes", "2", "--warc-dir", str(crawl.warc_dir),
                                        "--database-url", f"sqlite:///{rebuilt}")) == 0
    assert "new: 301" in capsys.readouterr().out
    crawled, again = rows(crawl.db_url.removeprefix("sqlite:///")), rows(rebuilt)
    assert set(again) == set(crawled)
    differences = [(url, name) for url, row in crawled.items() for name in row
                   if name != "id" and again[url][name] != row[name]]
    assert differences == []


def test_a_changed_rule_revises_exactly_the_affected_articles(default_crawl, tmp_path, monkeypatch, capsys):
    database = tmp_path / "archive.db"
    shutil.copy(default_crawl.db_url.removeprefix("sqlite:///"), database)
    before = rows(database)
    affected = {url for url, row in before.items() if "Ukraine" in row["headline"]}
    assert 0 < len(affected) < len(before)
    headline = ArticlePage.headline
    monkeypatch.setattr(ArticlePage, "headline", lambda page: (headline(page) or "").replace("Ukraine", "Ukraina"))
    lines = tmp_path / "articles.jsonl"
    shutil.copy(Path(default_crawl.db_url.removeprefix("sqlite:///")).with_name("articles.jsonl"), lines)
    crawled_lines = lines.read_text()
    args = ["--processes", "2", "--warc-dir", str(default_crawl.warc_dir), "--database-url", f"sqlite:///{database}",
            "--jsonl", str(lines)]

    assert reextract.run(reextract_args(*args, "--dry-run")) == 0
    assert f"headline: {len(affected)} articles" in capsys.readouterr().out
    assert rows(database) == before

    assert reextract.run(reextract_args(*args)) == 0
    assert f"revised: {len(affected)}" in capsys.readouterr().out
    after = rows(database)
    revised = {url for url, row in after.items() if row["revision"] == 2}
    assert revised == affected
    assert {after[url]["revision_reason"] for url in revised} == {"reextract"}
    assert all(after[url]["headline"] == before[url]["headline"].replace("Ukraine", "Ukraina") for url in revised)
    assert {url: row for url, row in after.items() if url not in revised} == \
        {url: row for url, row in before.items() if url not in revised}
    kept = rows(database, "article_revisions")
    assert set(kept) == affected and all(json.loads(kept[url]["item"])["headline"] == before[url]["headline"]
                                         for url in affected)
    # The JSON Lines file gets each new version once, after the lines it had.
    text = lines.read_text()
    assert text.startswith(crawled_lines)
    added = [json.loads(line) for line in text[len(crawled_lines):].splitlines()]
    assert sorted((line["url"], line["revision"], line["headline"]) for line in added) == \
        sorted((url, 2, after[url]["headline"]) for url in affected)


def test_url_and_since_choose_the_captures(default_crawl, tmp_path, monkeypatch, capsys):
    database = tmp_path / "archive.db"
    shutil.copy(default_crawl.db_url.removeprefix("sqlite:///"), database)
    (url, *_) = sorted(url for url, row in rows(database).items() if "Ukraine" in row["headline"])
    headline = ArticlePage.headline
    monkeypatch.setattr(ArticlePage, "headline", lambda page: (headline(page) or "").replace("Ukraine", "Ukraina"))
    args = ["--processes", "1", "--warc-dir", str(default_crawl.warc_dir), "--database-url", f"sqlite:///{database}"]
    assert reextract.run(reextract_args(*args, "--since", "2999-01-01")) == 0
    assert "article captures: 0" in capsys.readouterr().out
    assert reextract.run(reextract_args(*args, "--url", url)) == 0
    out = capsys.readouterr().out
    assert "article captures: 1" in out and "revised: 1" in out
    assert {u for u, row in rows(database).items() if row["revision"] == 2} == {url}


def test_pages_rendered_in_chromium_are_reextracted_from_their_rendering(tmp_path, capsys):
    """A client-rendered site: the crawl's items came from Chromium's HTML, kept as resource records."""
    if not shutil.which(RENDERING["NEWSCRAWL_PLAYWRIGHT_BROWSER"]):
        pytest.fail("Chromium is needed (apt-get install chromium)")
    base_url, server = testsite_process.start(articles=20, seed=3, extra_args=["--client-render"])
    try:
        crawl = run_crawl(base_url, tmp_path / "crawl", settings=RENDERING)
    finally:
        testsite_process.stop(server)
    assert crawl.returncode == 0 and crawl.stats["newscrawl/warc/resource"] > 20
    rebuilt = tmp_path / "rebuilt.db"
    assert reextract.run(reextract_args("--all", "--warc-dir", str(crawl.warc_dir),
                                        "--database-url", f"sqlite:///{rebuilt}")) == 0
    crawled, again = rows(crawl.db_url.removeprefix("sqlite:///")), rows(rebuilt)
    assert set(again) == set(crawled) and len(crawled) == 21
    assert [(url, name) for url, row in crawled.items() for name in row
            if name != "id" and again[url][name] != row[name]] == []
