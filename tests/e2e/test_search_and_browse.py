"""A crawl of the test site, searched from the command line and browsed in Datasette with a real headless Chromium."""

import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT, unique_phrase
from services import free_port, unavailable, wait_port


@pytest.fixture(scope="module")
def phrase_article(testsite):
    """(phrase, manifest record): words from one article's body that no other article holds."""
    _, manifest = testsite
    records = [article["expected"] for article in manifest["articles"]]
    return unique_phrase(records, 42), records[42]


@pytest.fixture(scope="module")
def datasette(default_crawl, tmp_path_factory):
    """`python -m newscrawl browse` on the crawl's database; yields the database page's URL."""
    port = free_port()
    log = (tmp_path_factory.mktemp("browse") / "browse.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "newscrawl", "browse", "--url", default_crawl.db_url,
                                "--port", str(port), "--no-browser"], cwd=ROOT, stdout=log, stderr=log)
    try:
        wait_port(port)
        yield f"http://127.0.0.1:{port}/{Path(default_crawl.db_url).stem}"
    finally:
        process.terminate()
        process.wait(10)
        log.close()


@pytest.fixture(scope="module")
def page():
    """A page in a headless Chromium that reaches 127.0.0.1 only."""
    executable = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not executable:
        unavailable("Chromium is needed to browse Datasette: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=[
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1", "--no-sandbox"])
        yield browser.new_page()
        browser.close()


def test_search_command_finds_the_phrase(default_crawl, phrase_article):
    phrase, record = phrase_article
    done = subprocess.run([sys.executable, "-m", "newscrawl", "search", f'"{phrase}"', "--url", default_crawl.db_url],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:2] == [f"{record['date_published'][:10]}  {record['headline']}",
                                            f"            {record['url']}"]
    assert done.stdout.count("\n\n") == 1 and "1 matches" in done.stderr


def test_datasette_search_box_finds_the_article(datasette, page, phrase_article):
    phrase, record = phrase_article
    page.goto(datasette)
    page.click("a[href$='/articles']")
    page.wait_for_url("**/articles")
    page.fill("input[name=_search]", f'"{phrase}"')
    page.press("input[name=_search]", "Enter")
    page.wait_for_load_state()
    assert "1 row where search matches" in page.inner_text("h3")
    rows = page.locator("table.rows-and-columns tbody tr")
    assert rows.count() == 1
    assert record["headline"] in rows.first.inner_text() and record["url"] in rows.first.inner_text()


def test_canned_queries_answer(datasette, page, testsite):
    _, manifest = testsite
    sections = Counter(article["expected"]["section"] for article in manifest["articles"])
    page.goto(datasette)
    for name in ("articles_per_day", "articles_per_author", "latest_changes"):
        assert page.locator(f"a[href$='/{name}']").count() == 1, name
    # The test site lists three broken pages, which the crawl drops.
    page.goto(datasette + "/missing_articles")
    shown = dict(zip(page.locator("td.col-url").all_inner_texts(), page.locator("td.col-status").all_inner_texts()))
    assert shown == {broken["url"]: "dropped" for broken in manifest["broken"]}
    page.goto(datasette)
    page.click("a[href$='/articles_per_section']")
    page.wait_for_url("**/articles_per_section")
    shown = zip(page.locator("td.col-section").all_inner_texts(), page.locator("td.col-articles").all_inner_texts())
    assert {section: int(count) for section, count in shown} == dict(sections)
