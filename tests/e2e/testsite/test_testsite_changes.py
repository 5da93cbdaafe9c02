"""The test site changing between crawls: POST /__testsite__/publish and /__testsite__/edit."""

import json
import re
import unicodedata
import urllib.request
from urllib.parse import urlsplit

import pytest
from lxml import html as lxml_html

from testsite import TestSite, process
from testsite.changes import Newsroom
from testsite.dates import iso_ms
from testsite.pages import Pages
from testsite.process import control

BASE = "http://127.0.0.1:8000"


def page(pages, path):
    status, _, body = pages.respond(path)
    assert status == 200, path
    return body.decode()


def visible(html):
    """Page text as a correct parser cleans it: NFC, no zero-width spaces, folded whitespace."""
    text = lxml_html.fromstring(html).text_content()
    return " ".join(unicodedata.normalize("NFC", text).replace("\u200b", "").split())


def update_paragraph(truth):
    return next(p for p in truth["article_body"].split("\n\n") if p.startswith("Update: "))


def manifest(pages):
    return json.loads(page(pages, "/__testsite__/manifest.json"))


def changed_site(*calls):
    """Pages of a fresh site after a sequence of ("publish"|"edit", count) calls, with every page cached first."""
    pages = Pages(TestSite(articles=300, seed=1), BASE)
    newsroom = Newsroom(pages.site)
    results = []
    for action, count in calls:
        for path in ["/", "/news-archive/", "/news-archive/rss/", "/sitemap-posts.xml",
                     "/__testsite__/manifest.json"] + [a.path for a in pages.site.articles]:
            pages.respond(path)
        changed = getattr(newsroom, action)(count)
        pages.update(changed)
        results.append(changed)
    return pages, results


def test_publish_puts_new_articles_first_everywhere():
    pages, (new,) = changed_site(("publish", 3))
    before = Pages(TestSite(articles=300, seed=1), BASE)
    newest_before = before.newest[0].published
    assert [a.published > newest_before for a in new] == [True] * 3
    assert pages.newest[:3] == new[::-1]
    top = new[-1]
    for path in ["/", "/news-archive/", f"/tag/{top.tags[0][1]}/", f"/author/{top.authors[0][1]}/"]:
        first = re.search(r'class="archiveCard__link" href="([^"]+)"', page(pages, path)).group(1)
        assert first.startswith((top.path.rstrip("/"), f"/news-feed/{top.slug}", "http")), path
        assert top.headline.split()[0] in page(pages, path)
    assert f"<link>{BASE}{top.path}</link>" in page(pages, "/news-archive/rss/").split("<item>")[1]
    assert f"<loc>{BASE}{top.path}</loc><lastmod>{iso_ms(top.modified)}</lastmod>" in page(pages, "/sitemap-posts.xml")
    truth = {a["url"]: a["expected"] for a in manifest(pages)["articles"]}
    assert len(truth) == 304 and all(truth[BASE + a.path]["headline"] == a.headline for a in new)
    assert page(pages, top.path).count(top.id) >= 1


def test_publish_leaves_other_pages_byte_identical():
    pages, _ = changed_site(("publish", 2))
    fresh = Pages(TestSite(articles=300, seed=1), BASE)
    for article in fresh.site.articles:
        assert page(pages, article.path) == page(fresh, article.path), article.path


def test_edit_changes_body_and_dates_of_older_articles():
    pages, (edited,) = changed_site(("edit", 4))
    fresh = Pages(TestSite(articles=300, seed=1), BASE)
    old = {a.path: a for a in fresh.site.articles}
    feed = {a.path for a in fresh.newest[:50]}
    truth = {urlsplit(a["url"]).path: a["expected"] for a in manifest(pages)["articles"]}
    assert len(edited) == 4 and not feed & {a.path for a in edited}
    for article in edited:
        before = old[article.path]
        assert article.modified > max(before.modified, fresh.newest[0].published)
        assert truth[article.path]["article_body"] != before.expected(BASE)["article_body"]
        assert truth[article.path]["date_modified"] == article.expected(BASE)["date_modified"]
        html = page(pages, article.path)
        stamp = iso_ms(article.modified)
        assert f'"article:modified_time" content="{stamp}"' in html and f'"dateModified": "{stamp}"' in html
        assert f"<loc>{BASE}{article.path}</loc><lastmod>{stamp}</lastmod>" in page(pages, "/sitemap-posts.xml")
        assert update_paragraph(truth[article.path]) in visible(html)
    unchanged = next(a for a in fresh.site.articles if a.path not in {e.path for e in edited})
    assert page(pages, unchanged.path) == page(fresh, unchanged.path)


def test_changes_are_deterministic():
    calls = (("publish", 2), ("edit", 3), ("publish", 1), ("edit", 2))
    first, results = changed_site(*calls)
    second, again = changed_site(*calls)
    assert [[a.path for a in r] for r in results] == [[a.path for a in r] for r in again]
    assert manifest(first) == manifest(second)
    assert len(manifest(first)["articles"]) == 304



def get(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


@pytest.fixture()
def server():
    base, proc = process.start(articles=60, seed=1)
    yield base
    process.stop(proc)


def test_http_publish_and_edit(server):
    get(server + "/news-archive/")
    published = control(server + "/__testsite__/publish?count=2")
    edited = control(server + "/__testsite__/edit?count=1")
    assert len(published) == 2 and len(edited) == 1
    archive = get(server + "/news-archive/")
    assert urlsplit(published[-1]).path.rstrip("/") in archive.split("archiveCard__link")[1]
    truth = {a["url"]: a["expected"] for a in json.loads(get(server + "/__testsite__/manifest.json"))["articles"]}
    assert len(truth) == 63 and set(published + edited) <= set(truth)
    assert truth[edited[0]]["date_modified"] > truth[published[-1]]["date_published"]
    assert update_paragraph(truth[edited[0]]) in visible(get(edited[0]))
