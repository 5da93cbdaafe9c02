"""JavaScript pages (--js, --client-render), checked in a real Chromium through Playwright."""

import json
import os
import re
import shutil
import urllib.request
from urllib.parse import urlsplit

import pytest
from lxml import html as lxml_html

from testsite import process
from test_testsite import _parse, clean

BODY = "Array.from(document.querySelectorAll('.c-content > p:not([class]), .c-content > h2, .c-content > ul > li'))" \
       ".map((el) => el.textContent)"


def get(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


@pytest.fixture(scope="module")
def browser():
    """Chromium (found on PATH or in $CHROMIUM); skipped when missing, except under CI=true where it fails."""
    executable = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        executable = None
    if not executable:
        message = "Chromium and the playwright package are needed for the JavaScript page tests"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=[
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1", "--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def js_site():
    base, proc = process.start(articles=600, seed=1, extra_args=["--js"])
    yield base, json.loads(get(base + "/__testsite__/manifest.json"))
    process.stop(proc)


def test_js_bodies(browser, js_site):
    base, manifest = js_site
    js_articles = [a for a in manifest["articles"] if a.get("render") == "js"]
    assert 0.01 < len(js_articles) / len(manifest["articles"]) < 0.03
    page = browser.new_page()
    for article in js_articles:
        raw = get(article["url"])
        assert '<div class="c-content"></div>' in raw and "/__testsite__/api/post/" in raw
        page.goto(article["url"])
        page.wait_for_selector(".c-content p")
        body = "\n\n".join(clean(text) for text in page.evaluate(BODY))
        assert body == article["expected"]["article_body"], article["url"]
    page.close()


def test_show_more(browser, js_site):
    base, manifest = js_site
    videos = [a["url"] for a in manifest["articles"] if "Video" in a["expected"]["tags"]]
    assert manifest["show_more"] == ["/tag/video/"] and len(videos) > 10
    raw = get(base + "/tag/video/")
    assert raw.count("archiveCard__link") == 5 and 'class="js-show-more"' in raw and 'rel="next"' not in raw
    page = browser.new_page()
    page.goto(base + "/tag/video/")
    clicks = 0
    while page.locator("button.js-show-more").count():
        before = page.locator("a.archiveCard__link").count()
        page.click("button.js-show-more")
        page.wait_for_function(f"document.querySelectorAll('a.archiveCard__link').length > {before}")
        clicks += 1
    hrefs = page.eval_on_selector_all("a.archiveCard__link", "els => els.map((el) => el.getAttribute('href'))")
    assert clicks >= 2 and sorted(base + urlsplit(h).path.rstrip("/") + "/" for h in hrefs) == sorted(videos)
    page.close()


def test_client_render(browser):
    base, proc = process.start(articles=25, seed=1, extra_args=["--client-render"])
    try:
        manifest = json.loads(get(base + "/__testsite__/manifest.json"))
        assert manifest["client_render"] is True
        page = browser.new_page()
        for article in manifest["articles"]:
            raw = get(article["url"])
            assert '<article class="c-post post"></article>' in raw and not lxml_html.fromstring(raw).xpath("//h1")
            assert '<script id="__NEXT_DATA__" type="application/json">' in raw
            assert f'<link rel="canonical" href="{article["url"]}">' in raw and "application/ld+json" in raw
            page.goto(article["url"])
            page.wait_for_selector("h1.c-post__title")
            parsed = _parse(lxml_html.fromstring(page.content()))
            truth = article["expected"]
            for key, value in parsed.items():
                assert value == truth[key], (article["url"], key)
        page.close()
    finally:
        process.stop(proc)


def test_js_flags_leave_other_pages_alone(js_site):
    base, manifest = js_site
    plain = next(a for a in manifest["articles"] if "render" not in a)
    assert re.search(r'<div class="c-content">\s*<', get(plain["url"]))
