"""Pages that need JavaScript: rendered in the real Chromium through scrapy-playwright, and only those."""

import asyncio
import json
import os
import re
import shutil
import urllib.request

import pytest
from playwright.async_api import async_playwright
from scrapy.http import HtmlResponse
from scrapy.settings import Settings

from conftest import fetch_json, run_crawl
from newscrawl import settings as project_settings
from newscrawl.rendering import (
    Rendering, article_needs_browser, chromium_args, click_show_more, listing_needs_browser, render_mode,
)
from newscrawl.sites.kyivindependent import SCRIPTED
from testsite import process

BROWSER = project_settings.NEWSCRAWL_PLAYWRIGHT_BROWSER
# Chromium's own look-ups (updates, safe browsing) stay on this machine.
OFFLINE = json.dumps(["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"])
AUTO = {"NEWSCRAWL_PLAYWRIGHT": "auto", "NEWSCRAWL_PLAYWRIGHT_ARGS": OFFLINE}
COMPARED = ("crawled_at", "discovered_via", "capture")  # bookkeeping, left out when comparing items


def get(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def page(url, html):
    return HtmlResponse(url=url, body=html.encode(), encoding="utf-8")


@pytest.fixture(scope="module")
def chromium():
    """The browser the settings name; the tests skip without it, except under CI=true where they fail."""
    if not shutil.which(BROWSER):
        message = f"Chromium is needed at {BROWSER} (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return BROWSER


@pytest.fixture(scope="module")
def js_site():
    base, proc = process.start(articles=200, seed=1, extra_args=["--js"])
    try:
        yield base, fetch_json(base + "/__testsite__/manifest.json")
    finally:
        process.stop(proc)


@pytest.fixture(scope="module")
def js_crawl(chromium, js_site, tmp_path_factory):
    """An `auto` crawl of the --js site, from the video section too; DEBUG logs which responses rendered."""
    base, _ = js_site
    return run_crawl(base, tmp_path_factory.mktemp("js"), "sections=war,video", settings={**AUTO, "LOG_LEVEL": "DEBUG"})


def mismatches(manifest, items):
    by_url = {item["url"]: item for item in items}
    return [(article["url"], field) for article in manifest["articles"]
            for field, value in article["expected"].items() if by_url.get(article["url"], {}).get(field) != value]


def test_modes_and_settings():
    assert [render_mode({"NEWSCRAWL_PLAYWRIGHT": v}) for v in ("", "off", "0", "auto", "AUTO", "on", "1")] == \
        ["off", "off", "off", "auto", "auto", "on", "on"]
    with pytest.raises(ValueError, match="off, auto or on"):
        render_mode({"NEWSCRAWL_PLAYWRIGHT": "sometimes"})
    settings = Settings({"NEWSCRAWL_PLAYWRIGHT": "off"})
    Rendering().update_settings(settings)
    assert not settings.getdict("DOWNLOAD_HANDLERS") and not settings.get("PLAYWRIGHT_LAUNCH_OPTIONS")
    settings = Settings({"NEWSCRAWL_PLAYWRIGHT": "auto", "NEWSCRAWL_PLAYWRIGHT_BROWSER": "/usr/bin/chromium",
                         "NEWSCRAWL_PLAYWRIGHT_MAX_PAGES": 3, "NEWSCRAWL_PLAYWRIGHT_ARGS": OFFLINE})
    Rendering().update_settings(settings)
    assert set(settings.getdict("DOWNLOAD_HANDLERS")) == {"http", "https"}
    options = settings.getdict("PLAYWRIGHT_LAUNCH_OPTIONS")
    assert options["executable_path"] == "/usr/bin/chromium" and options["headless"] is True
    assert options["args"][-1] == "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"
    assert settings.getint("PLAYWRIGHT_MAX_PAGES_PER_CONTEXT") == 3
    assert "--disable-background-networking" in chromium_args(Settings())


def test_which_raw_pages_need_a_browser(js_site):
    base, manifest = js_site
    js_article = next(a["url"] for a in manifest["articles"] if a.get("render") == "js")
    plain = next(a["url"] for a in manifest["articles"] if "render" not in a)
    assert article_needs_browser(page(js_article, get(js_article)).selector, SCRIPTED)
    assert not article_needs_browser(page(plain, get(plain)).selector, SCRIPTED)
    # An empty body with no script that could fill it is a broken page, not a script's job.
    broken = next(b["url"] for b in manifest["broken"] if b["reason"] == "empty body")
    assert not article_needs_browser(page(broken, get(broken)).selector, SCRIPTED)
    assert listing_needs_browser(page(base + "/tag/video/", get(base + "/tag/video/")).selector, SCRIPTED)
    assert not listing_needs_browser(page(base + "/tag/war/", get(base + "/tag/war/")).selector, SCRIPTED)


def test_auto_renders_exactly_the_pages_that_need_it(js_site, js_crawl):
    _, manifest = js_site
    js_articles = [a["url"] for a in manifest["articles"] if a.get("render") == "js"]
    stats = js_crawl.stats
    assert js_crawl.returncode == 0 and js_articles and "internal meta keys" not in js_crawl.log
    assert mismatches(manifest, js_crawl.items) == []
    assert stats["newscrawl/render/rendered"] == len(js_articles) + len(manifest["show_more"])
    assert stats["newscrawl/render/fallback/article"] == len(js_articles)
    assert stats["newscrawl/render/fallback/listing"] == 1
    rendered = re.findall(r"Crawled \(200\) <GET (\S+)>.*\['playwright'\]", js_crawl.log)
    assert sorted(rendered) == sorted(js_articles + [manifest["base_url"] + "/tag/video/"])
    # Every page closed; images, fonts and media never requested.
    assert stats["playwright/page_count/closed"] == stats["playwright/page_count"] == len(rendered)
    assert stats["playwright/request_count/aborted"] >= 1


def test_show_more_reaches_every_card(chromium, js_site):
    base, manifest = js_site
    videos = sorted(a["url"] for a in manifest["articles"] if "Video" in a["expected"]["tags"])
    assert len(videos) > 5  # more than the raw listing shows

    async def cards():
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=chromium, args=chromium_args(Settings(AUTO)))
            page = await browser.new_page()
            await page.goto(base + "/tag/video/")
            await click_show_more(page, SCRIPTED.show_more, SCRIPTED.card)
            hrefs = await page.eval_on_selector_all("a.archiveCard__link", "els => els.map((el) => el.href)")
            await browser.close()
            return sorted(hrefs)

    assert asyncio.run(cards()) == videos


def test_nothing_renders_when_off(js_site, tmp_path):
    base, manifest = js_site
    crawl = run_crawl(base, tmp_path, "sections=video")
    js_articles = [a for a in manifest["articles"] if a.get("render") == "js"]
    assert crawl.returncode == 0 and "newscrawl/render/rendered" not in crawl.stats
    assert crawl.stats["newscrawl/render/needed_off"] == len(js_articles) + 1
    assert "NEWSCRAWL_PLAYWRIGHT=auto renders such pages" in crawl.log


def test_missing_browser_fails_those_pages_only(js_site, tmp_path):
    base, manifest = js_site
    crawl = run_crawl(base, tmp_path, "sections=video",
                      settings={**AUTO, "NEWSCRAWL_PLAYWRIGHT_BROWSER": str(tmp_path / "no-chromium")})
    js_articles = {a["url"] for a in manifest["articles"] if a.get("render") == "js"}
    assert crawl.returncode == 0
    errors = [line for line in crawl.log.splitlines() if " ERROR: " in line]
    assert len(errors) == 1 and "NEWSCRAWL_PLAYWRIGHT_BROWSER" in errors[0] and "apt-get install chromium" in errors[0]
    assert crawl.stats["newscrawl/failed/browser_missing"] == len(js_articles) + 1
    assert {url for url, _ in mismatches(manifest, crawl.items)} == js_articles


def test_client_rendered_site_gives_the_same_items(chromium, tmp_path):
    items = {}
    for flag in ("--client-render", None):
        base, proc = process.start(articles=40, seed=3, extra_args=[flag] if flag else [])
        try:
            crawl = run_crawl(base, tmp_path / str(flag), settings=AUTO)
            manifest = fetch_json(base + "/__testsite__/manifest.json")
        finally:
            process.stop(proc)
        assert crawl.returncode == 0 and mismatches(manifest, crawl.items) == []
        items[flag] = sorted((json.dumps({k: v for k, v in item.items() if k not in COMPARED}, sort_keys=True)
                              .replace(base, "BASE") for item in crawl.items))
        if flag:
            assert crawl.stats["newscrawl/render/rendered"] == crawl.stats["newscrawl/render/fallback/article"] > 40
        else:
            assert "newscrawl/render/rendered" not in crawl.stats
    assert items["--client-render"] == items[None]
