"""The 2026 layout (--layout 2026): same head, content and listings as the default, another body."""

import json
import re
import unicodedata
import urllib.request
from html import unescape
from urllib.parse import urlsplit

import pytest
from lxml import html as lxml_html

from testsite import TestSite, process
from testsite.pages import Pages

BASE = "http://127.0.0.1:8000"
CLASS = re.compile(r'class="([^"]*)"')
NOTE_PREFIXES = ("Editor’s note:", "Editor's Note:")


@pytest.fixture(scope="module")
def layouts():
    site = TestSite(articles=300, seed=1)
    return Pages(site, BASE), Pages(site, BASE, layout="2026")


def page(pages, path):
    status, _, body = pages.respond(path)
    assert status == 200, path
    return body.decode()


def clean(text):
    return " ".join(unicodedata.normalize("NFC", text).replace("\u200b", "").split())


def all_pages(pages):
    return {a.path: page(pages, a.path) for a in pages.site.articles + pages.site.broken}


def classes(html):
    return {name for match in CLASS.findall(html) for name in match.split()}


def test_same_head_and_manifest_other_body(layouts):
    old, new = layouts
    before, after = all_pages(old), all_pages(new)
    for path, html in after.items():
        assert html.split("</head>")[0] == before[path].split("</head>")[0], path
        assert html.split("</head>")[1] != before[path].split("</head>")[1], path
    manifest_2025 = json.loads(page(old, "/__testsite__/manifest.json"))
    manifest_2026 = json.loads(page(new, "/__testsite__/manifest.json"))
    assert "layout" not in manifest_2025 and manifest_2026.pop("layout") == "2026"
    assert manifest_2026 == manifest_2025


def test_no_2025_article_class_is_used(layouts):
    old, new = layouts
    used_2025 = set().union(*map(classes, all_pages(old).values()))
    used_2026 = set().union(*map(classes, all_pages(new).values()))
    assert {"c-post__title", "c-content", "post", "post-template", "c-newsfeed"} <= used_2025
    assert used_2026 & used_2025 == set()
    assert {"post-layout", "post-header", "post-header__title-repeat"} <= used_2026


def test_listings_and_feed_unchanged(layouts):
    old, new = layouts
    for path in ("/", "/news-archive/", "/news-archive/page/3/", "/tag/war/", "/author/martin/",
                 "/news-archive/rss/", "/sitemap-posts.xml", "/about/"):
        assert page(new, path) == page(old, path), path


def parse_2026(tree):
    """A minimal parser of the 2026 layout, written from section 4.2 of the site notes."""
    body = tree.cssselect(".post-body")[0]
    own = [clean(el.text_content()) for el in body.xpath("./p[not(@class)] | ./h2 | ./ul/li")]
    notes = [text for text in own if text.startswith(NOTE_PREFIXES)]
    caption = tree.xpath("string(//figure[@class='post-hero']/figcaption)")
    credit = None
    if caption.endswith(")"):
        caption, credit = caption[:-1].rsplit(" (", 1)
    return {
        "headline": clean(tree.xpath("string(//h1)")),
        "article_body": "\n\n".join(text for text in own if text not in notes),
        "editor_note": notes[0] if notes else None,
        "reading_time": int(tree.xpath("string(//span[@class='post-header__reading'])").split()[0]),
        "main_image": {"caption": caption, "credit": credit} if caption else None,
    }


def test_2026_pages_carry_the_truth(layouts):
    _, new = layouts
    for article in new.site.articles:
        truth = article.expected(BASE)
        tree = lxml_html.fromstring(page(new, article.path))
        for key, value in parse_2026(tree).items():
            assert value == truth[key], (article.path, key)
        header = tree.cssselect(".post-header")[0]
        texts = [clean(el.text_content()) for el in header]
        label = "KI logo" if header[0].get("class") == "post-header__logo" else truth["section"]
        assert texts[0] == label and texts[1] == truth["headline"]
        assert texts[-2:] == [f"{truth['reading_time']} min read", truth["headline"]]
        assert (texts[2] == "by The Kyiv Independent") == (article.type == "editorial")


def test_no_visible_dates_or_authors(layouts):
    _, new = layouts
    for article in new.site.articles:
        html = page(new, article.path)
        body = unescape(html.split("</head>")[1])
        text = clean(lxml_html.fromstring(html).cssselect("body")[0].text_content())
        assert "<time" not in body and "datetime=" not in body
        assert article.byline_date() not in text
        assert not re.search(r"\b\d{1,2}:\d\d ?(AM|PM|am|pm)\b", text), article.path
        assert "Authors:" not in text and "Avatar" not in text and 'href="/author/' not in body


def test_inline_images_and_boilerplate(layouts):
    old, new = layouts
    photo = next(a for a in new.site.articles if a.type == "photo")
    tree = lxml_html.fromstring(page(new, photo.path))
    figures = tree.cssselect(".post-body figure")
    assert figures and all(clean(f.text_content()).startswith("Article image ") for f in figures)
    assert all(clean(f.text_content()).endswith(")") for f in figures)
    manifest = json.loads(page(old, "/__testsite__/manifest.json"))
    shown = unescape(page(new, "/russia-expects-talks-with-musk/"))
    for name, string in manifest["boilerplate"].items():
        if name not in ("authors_line", "author_box", "gallery_caption", "tag_description", "member_cta"):
            assert string in shown, name
    cta = next(a for a in new.site.articles if a.hints["member_cta"])
    assert manifest["boilerplate"]["member_cta"] in page(new, cta.path)


def test_http_layout_flag():
    base, proc = process.start(articles=20, seed=1, extra_args=["--layout", "2026"])
    try:
        manifest = json.loads(urllib_get(base + "/__testsite__/manifest.json"))
        assert manifest["layout"] == "2026"
        seed = urllib_get(base + urlsplit(manifest["articles"][0]["url"]).path)
        assert '<main id="content" class="post-layout">' in seed and "c-post" not in seed
    finally:
        process.stop(proc)


def urllib_get(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()
