"""Tests of the local test site: determinism, truth vs. rendered pages, varieties, HTTP."""

import json
import re
import unicodedata
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import timedelta
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import html as lxml_html

from capture import capture_lines, found_in_order
from conftest import SEED
from testsite import TestSite, catalog, process
from testsite.dates import KYIV, last_sunday
from testsite.manifest import build
from testsite.pages import Pages

BASE = "http://127.0.0.1:8000"
SEED_PATH = "/russia-expects-talks-with-musk/"


@pytest.fixture(scope="module")
def pages():
    return Pages(TestSite(articles=300, seed=1), BASE)


@pytest.fixture(scope="module")
def manifest(pages):
    return json.loads(pages.respond("/__testsite__/manifest.json")[2])


def page(pages, path):
    status, _, body = pages.respond(path)
    assert status == 200, path
    return body.decode()


def clean(text):
    """What a correct parser does to rendered text: NFC, no zero-width spaces, folded whitespace."""
    return " ".join(unicodedata.normalize("NFC", text).replace("\u200b", "").split())


def test_same_seed_same_manifest(manifest):
    again = build(Pages(TestSite(articles=300, seed=1), BASE))
    assert json.loads(json.dumps(again, ensure_ascii=False)) == manifest
    other = build(Pages(TestSite(articles=300, seed=2), BASE))
    assert other["articles"][1:] != manifest["articles"][1:]


def test_counts(manifest):
    assert len(manifest["articles"]) == 301
    assert len({a["url"] for a in manifest["articles"]}) == 301
    assert [b["reason"] for b in manifest["broken"]] == ["no headline", "bad date", "empty body"]
    assert len(manifest["non_articles"]) == 9
    assert manifest["base_url"] == BASE


def test_the_seed_page_shows_the_blocks_of_the_real_capture_in_order(server):
    """Every line of the capture: nav cards, the related card's excerpt and label, "Author:", the News Feed
    item, the footer, every newsletter form and its success message (the seed record stays exact: test_crawl_e2e)."""
    lines = capture_lines((SEED / "kyivindependent-article.txt").read_text())
    status, body = fetch(server + SEED_PATH)
    assert status == 200
    assert found_in_order(lines, body) == lines


def test_seed_truth_matches_shared_expected_item(manifest):
    expected = json.loads((SEED / "expected-item.json").read_text())
    truth = next(a["expected"] for a in manifest["articles"] if a["url"] == BASE + SEED_PATH)
    for key, value in expected.items():
        if key == "url":
            assert urlsplit(truth["url"]).path == urlsplit(value).path
        else:
            assert truth[key] == value, key
    assert truth["date_published_raw"] == "March 18, 2025 3:10 PM"


def test_truth_is_clean_text(manifest):
    for article in manifest["articles"]:
        truth = article["expected"]
        for text in (truth["headline"], truth["description"], *truth["article_body"].split("\n\n")):
            assert text == clean(text) and text, article["url"]
        assert truth["word_count"] == len(truth["article_body"].split())


def _parse(tree):
    """A minimal parser of the 2025 layout, written from the spec, to check the truth against the HTML."""
    content = tree.cssselect(".c-content")[0]
    own = [el for el in content.xpath("./p[not(@class)] | ./h2 | ./ul/li")]
    credit = None
    caption = tree.xpath("string(//figcaption[@class='c-post__caption'])")
    if caption.endswith(")"):
        caption, credit = caption[:-1].rsplit(" (", 1)
    note = content.xpath("string(./p[@class='c-editor-note'])") or None
    return {
        "canonical_url": tree.xpath("string(//link[@rel='canonical']/@href)"),
        "headline": clean(tree.xpath("string(//h1)")),
        "description": tree.xpath("string(//meta[@name='description']/@content)"),
        "article_body": "\n\n".join(clean(el.text_content()) for el in own),
        "authors": [clean(a.text_content()) for a in tree.cssselect(".c-post__byline a")],
        "date_published_raw": tree.xpath("string(//time[@class='c-post__date'])"),
        "tags": list(dict.fromkeys(a.text_content() for a in tree.cssselect(".c-post__tags a"))),
        "reading_time": int(tree.xpath("string(//span[@class='c-post__read-time'])").split()[0]),
        "editor_note": note,
        "main_image": {"caption": caption, "credit": credit} if caption else None,
    }


def test_rendered_pages_carry_the_truth(pages, manifest):
    for article in manifest["articles"]:
        truth = article["expected"]
        tree = lxml_html.fromstring(page(pages, urlsplit(article["url"]).path))
        for key, value in _parse(tree).items():
            assert value == truth[key], (article["url"], key)


def test_noise_is_rendered(pages):
    html = "".join(page(pages, a.path) for a in pages.site.articles)
    for noise in ("&nbsp;", "\u00a0", "\u200b", "&#8203;", "&#39;", "&quot;", "\u0301"):
        assert html.count(noise) >= 3, repr(noise)
    assert re.search(r"<p>[^<]*\S  \S", html)


def test_listing_url_variants(pages):
    archive = "".join(page(pages, f"/news-archive/page/{n}/") for n in range(1, 17))
    tags = "".join(page(pages, f"/tag/{slug}/") for slug in pages.by_tag)
    for variant in ("?utm_source=facebook&amp;utm_medium=social", 'amp/"', '#comments"', 'href="/news-feed/'):
        assert variant in archive, variant
    assert "http://www." not in archive and "http://www.127.0.0.1:8000/" in tags
    alias = next(a for a in pages.site.articles if a.hints["variant"] == "news-feed")
    assert page(pages, f"/news-feed/{alias.slug}/") == page(pages, alias.path)


def test_every_variety_present(pages):
    articles = pages.site.articles
    counts = Counter()
    for a in articles[1:]:
        local = a.published.astimezone(KYIV)
        raw = a.byline_date()
        counts.update({
            "type:" + a.type: 1,
            f"authors:{len(a.authors)}": 1,
            "person+desk": [n for n, _ in a.authors] == ["Martin Fornusek", "The Kyiv Independent news desk"],
            "desk": [n for n, _ in a.authors] == ["The Kyiv Independent news desk"],
            "masthead": [n for n, _ in a.authors] == ["The Kyiv Independent"],
            "dst": any(abs(a.published.replace(tzinfo=None) - last_sunday(a.published.year, m).replace(hour=1))
                       < timedelta(hours=1) for m in (3, 10)),
            "12am": " 12:" in raw and raw.endswith("AM"), "12pm": " 12:" in raw and raw.endswith("PM"),
            "kyiv-early": local.hour < 3 and local.date() != a.published.date(),
            "no-image": a.image is None, "no-credit": bool(a.image and a.image["credit"] is None),
            "caption-parens": bool(a.image and a.image["credit"] and "(" in a.image["caption"]),
            "culture": ("Ukraine & Culture", "culture") in a.tags, "repeat-tag": a.hints["repeat_tag"],
            "quote": '"' in a.headline or "“" in a.headline, "amp": "&" in a.headline, "curly": "’" in a.headline,
            "note": a.editor_note is not None, "legacy-path": a.path.count("/") > 2,
            "variant:" + str(a.hints["variant"]): 1, "member-cta": a.hints["member_cta"],
        })
    for name in [*("type:" + t for t in catalog.TYPES), "authors:1", "authors:2", "authors:3", "person+desk",
                 "desk", "masthead", "dst", "12am", "12pm", "kyiv-early", "no-image", "no-credit",
                 "caption-parens", "culture", "repeat-tag", "quote", "amp", "curly", "note", "legacy-path",
                 "variant:noslash", "variant:utm", "variant:amp", "variant:fragment", "variant:www",
                 "variant:news-feed", "member-cta"]:
        assert counts[name] >= 3, name
    assert 0.02 < counts["legacy-path"] / len(articles) < 0.1


def test_type_specific_shapes(pages):
    for a in pages.site.articles[1:]:
        body = a.body_texts()
        assert any(slug in catalog.NAV_SECTIONS for _, slug in a.tags), a.path
        if a.type == "opinion":
            assert a.editor_note.startswith(("Editor’s note:", "Editor's Note:"))
        if a.type == "digest":
            assert re.fullmatch(r"Key developments on [A-Z][a-z]+ \d{1,2}:", body[0])
        if a.type == "photo":
            assert a.headline.endswith("(Photos)") and any(kind == "figure" for kind, _ in a.blocks)
        if a.type == "micro":
            assert (len(body), a.reading_time, a.published.year) == (1, 0, 2022)
            assert a.byline_date().endswith(("am", "pm"))
    for section in catalog.NAV_SECTIONS:
        assert pages.by_tag[section], section


def test_broken_pages(pages):
    no_headline = page(pages, "/broken-no-headline/")
    assert "<h1" not in no_headline and "<title>" not in no_headline and "og:title" not in no_headline
    assert '"headline"' not in no_headline
    bad_date = page(pages, "/broken-bad-date/")
    assert "Someday at noon" in bad_date and "published_time" not in bad_date and "datePublished" not in bad_date
    assert '<div class="c-content"></div>' in page(pages, "/broken-empty-body/")
    archive = "".join(page(pages, f"/news-archive/page/{n}/") for n in range(1, 17))
    assert archive.count('data-archive-id=""') == 3
    assert "broken-" not in page(pages, "/news-archive/rss/") + page(pages, "/sitemap-posts.xml")


def test_boilerplate_on_pages_never_in_bodies(pages, manifest):
    photo = next(a for a in pages.site.articles if a.type == "photo")
    shown = {name: unescape(page(pages, SEED_PATH)) for name in manifest["boilerplate"]}
    shown["gallery_caption"] = unescape(page(pages, photo.path))
    shown["tag_description"] = unescape(page(pages, "/tag/russias-war/"))
    shown["author_box"] = unescape(page(pages, next(a.path for a in pages.site.articles if a.legacy)))
    shown["member_cta"] = unescape(page(pages, next(a.path for a in pages.site.articles if a.hints["member_cta"])))
    bodies = [a["expected"]["article_body"] for a in manifest["articles"]]
    for name, string in manifest["boilerplate"].items():
        assert string in shown[name], name
        assert not any(string in body for body in bodies), name


@pytest.fixture(scope="module")
def server():
    base, proc = process.start(articles=300, seed=1)
    yield base
    process.stop(proc)


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_http_round_trip(server):
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", server)
    status, home = fetch(server + "/")
    assert status == 200 and home.count("archiveCard__link") == 20 and 'href="/news-archive/rss/"' in home
    status, article = fetch(server + SEED_PATH)
    assert status == 200 and f'<link rel="canonical" href="{server}{SEED_PATH}">' in article
    assert fetch(server + SEED_PATH.rstrip("/"))[1] == article
    assert fetch(server + SEED_PATH + "amp/")[1] == article
    assert fetch(server + SEED_PATH + "?utm_source=facebook&utm_medium=social")[1] == article
    status, archive = fetch(server + "/news-archive/page/2/")
    assert status == 200 and '<link rel="next" href="/news-archive/page/3/">' in archive
    assert fetch(server + "/no-such-page/")[0] == 404
    assert fetch(server + "/news-archive/page/999/")[0] == 404


def test_http_feed_robots_sitemaps(server):
    status, feed = fetch(server + "/news-archive/rss/")
    items = ET.fromstring(feed.encode()).findall("./channel/item")
    assert status == 200 and len(items) == 50
    assert items[0].findtext("link").startswith(server + "/")
    assert re.fullmatch(r"\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:00 GMT", items[0].findtext("pubDate"))
    assert items[0].findtext("{http://purl.org/dc/elements/1.1/}creator")
    robots = fetch(server + "/robots.txt")[1]
    assert robots.splitlines()[:3] == ["User-agent: *", "Disallow: /ghost/", "Disallow: /p/"]
    assert f"Sitemap: {server}/sitemap.xml" in robots
    index = ET.fromstring(fetch(server + "/sitemap.xml")[1].encode())
    locs = [el.text for el in index.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs == [f"{server}/sitemap-{name}.xml" for name in ("pages", "posts", "tags", "authors")]
    posts = ET.fromstring(fetch(locs[1])[1].encode())
    assert len(posts) == 301


def test_http_request_log(server):
    fetch(server + "/about/?x=1")
    log = json.loads(fetch(server + "/__testsite__/requests.json")[1])
    assert ["GET", "/about/?x=1", urlsplit(server).netloc] in log
    assert not any(path.startswith("/__testsite__/") for _, path, _ in log)
