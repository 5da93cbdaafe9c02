"""POST /__testsite__/change?kind=KIND&count=N: edits, silent edits, takedowns, redirects, restores, outages;
and the conditional GETs (ETag, Last-Modified, 304) that pages answer."""

import json
import re
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

from testsite import TestSite, process
from testsite.changes import Newsroom
from testsite.dates import iso_ms
from testsite.pages import Pages
from testsite.process import control

BASE = "http://127.0.0.1:8000"


def manifest(pages):
    return json.loads(pages.respond("/__testsite__/manifest.json")[2])


def truth(pages):
    return {urlsplit(a["url"]).path: a["expected"] for a in manifest(pages)["articles"]}


def changed(*calls, articles=80):
    """A site after ("kind", count) changes, with the truth before them and the articles of each call."""
    pages = Pages(TestSite(articles=articles, seed=1), BASE)
    before = truth(pages)
    newsroom = Newsroom(pages.site)
    results = []
    for kind, count in calls:
        results.append(newsroom.change(kind, count))
        pages.update(results[-1])
    return pages, before, results


def sitemap(pages):
    return pages.respond("/sitemap-posts.xml")[2].decode()


def lastmod(pages, path):
    return sitemap(pages).split(f"<loc>{BASE}{path}</loc><lastmod>")[1].split("<")[0]


def test_each_change_kind_takes_the_newest_articles_it_applies_to_once():
    pages, _, results = changed(("edit", 2), ("headline", 2), ("silent", 1))
    newest = [a for a in Pages(TestSite(articles=80, seed=1), BASE).newest if a.index > 1]
    touched = [a.path for result in results for a in result]
    assert len(set(touched)) == 5
    assert set(touched) <= {a.path for a in newest[:8]}  # at most three skipped: one paragraph only
    assert [a.path for a in results[0]] == [a.path for a in newest if len([1 for k, _ in a.blocks if k == "p"]) > 1][:2]
    assert [c["kind"] for c in manifest(pages)["changes"]] == ["edit", "edit", "headline", "headline", "silent"]
    assert [c["url"] for c in manifest(pages)["changes"]] == [BASE + path for path in touched]


def test_edit_headline_byline_move_date_modified_and_lastmod_a_silent_edit_moves_neither():
    pages, before, ((edit,), (headline,), (byline,), (silent,)) = changed(
        ("edit", 1), ("headline", 1), ("byline", 1), ("silent", 1))
    now = truth(pages)
    for article, field in ((edit, "article_body"), (headline, "headline"), (byline, "authors")):
        old, new = before[article.path], now[article.path]
        assert old[field] != new[field] and new["date_modified"] > old["date_modified"], field
        assert lastmod(pages, article.path) == iso_ms(article.modified)
        assert {k for k in new if new[k] != old[k]} <= {field, "date_modified", "reading_time", "word_count"}
    assert now[edit.path]["article_body"].startswith(before[edit.path]["article_body"] + "\n\nUpdate: ")
    assert now[byline.path]["authors"][:-1] == before[byline.path]["authors"]
    old, new = before[silent.path], now[silent.path]
    assert old["article_body"] != new["article_body"] and old["date_modified"] == new["date_modified"]
    assert new["article_body"].startswith(old["article_body"] + " ")  # a sentence added to the last paragraph
    assert new["article_body"].count("\n\n") == old["article_body"].count("\n\n")
    assert lastmod(pages, silent.path) == iso_ms(silent.modified) == old["date_modified"].replace("Z", ".000Z")
    assert f'"dateModified": "{iso_ms(silent.modified)}"' in pages.respond(silent.path)[2].decode()


def test_gone_and_redirected_articles_leave_the_sitemap_listings_and_feed_and_keep_their_last_truth():
    pages, before, ((g404,), (g410,), (moved,), (unlisted,)) = changed(
        ("gone404", 1), ("gone410", 1), ("redirect", 1), ("unlist", 1))
    assert pages.respond(g404.path)[0] == 404 and pages.override(g404.path) is None
    assert pages.override(g410.path).status == 410
    redirect = pages.override(moved.path)
    assert redirect.status == 301 and redirect.headers["Location"] != BASE + moved.path
    target = urlsplit(redirect.headers["Location"]).path
    assert pages.respond(target)[0] == 200 and target != unlisted.path
    cards = re.findall(r'class="archiveCard__link" href="([^"]+)"', pages.respond("/news-archive/")[2].decode())
    listed = sitemap(pages) + pages.respond("/news-archive/rss/")[2].decode() + " ".join(cards)
    for article in (g404, g410, moved):
        assert article.path not in listed and article.path not in truth(pages)
    assert unlisted.path not in sitemap(pages) and pages.respond(unlisted.path)[0] == 200
    assert unlisted.path in truth(pages)
    state = manifest(pages)
    assert [(g["url"], g["status"]) for g in state["gone"]] == sorted(
        [(BASE + g404.path, 404), (BASE + g410.path, 410), (BASE + moved.path, 301)],
        key=lambda pair: next(a.index for a in (g404, g410, moved) if BASE + a.path == pair[0]))
    assert all(g["expected"] == before[urlsplit(g["url"]).path] for g in state["gone"])
    assert [g.get("redirect_to") for g in state["gone"] if g["status"] == 301] == [BASE + target]
    assert state["unlisted"] == [BASE + unlisted.path]
    assert [c["kind"] for c in state["changes"]] == ["unpublished", "unpublished", "redirected", "unlisted"]


def test_restore_brings_the_newest_gone_articles_back_as_they_were():
    pages, before, (gone, _, restored) = changed(("gone410", 2), ("unlist", 1), ("restore", 2))
    newest_gone = sorted([*gone, *_], key=lambda a: a.published, reverse=True)[:2]
    assert {a.path for a in restored} == {a.path for a in newest_gone}
    now = truth(pages)
    for article in restored:
        assert now[article.path] == before[article.path] and article.path in sitemap(pages)
    assert [c["kind"] for c in manifest(pages)["changes"]][-2:] == ["restored", "restored"]


def test_outage_answers_503_until_recovered_and_is_no_change():
    pages, _, ((down,), recovered) = changed(("outage", 1), ("recover", 1))
    assert recovered == [down] and pages.override(down.path) is None
    pages, _, ((down,),) = changed(("outage", 1))
    assert pages.override(down.path).status == 503
    assert manifest(pages)["outages"] == [BASE + down.path] and manifest(pages)["changes"] == []
    assert down.path in sitemap(pages)


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown change kind 'typo'"):
        Newsroom(TestSite(articles=10, seed=1)).change("typo", 1)


def get(url, headers=None):
    """(status, headers, body) of a GET."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture()
def server():
    base, proc = process.start(articles=60, seed=1)
    yield base
    process.stop(proc)


def test_http_change_kinds_and_conditional_gets(server):
    (url,) = control(server + "/__testsite__/change?kind=silent&count=1")
    status, headers, _ = get(url)
    etag, modified = headers["ETag"], headers["Last-Modified"]
    assert status == 200 and etag.startswith('"') and modified.endswith("GMT")
    assert get(url, {"If-None-Match": etag})[0] == 304
    assert get(url, {"If-None-Match": "W/" + etag})[0] == 304
    assert get(url, {"If-Modified-Since": modified})[0] == 304
    control(server + "/__testsite__/change?kind=headline&count=1")
    (again,) = control(server + "/__testsite__/change?kind=silent&count=1")
    status, later, _ = get(again)
    assert later["Last-Modified"] and get(again, {"If-Modified-Since": later["Last-Modified"]})[0] == 304
    # The silent edit changed the page: a new ETag, the same Last-Modified (date_modified did not move).
    before = get(again, {"If-None-Match": etag})
    assert before[0] == 200
    (gone,) = control(server + "/__testsite__/change?kind=gone410&count=1")
    (moved,) = control(server + "/__testsite__/change?kind=redirect&count=1")
    assert get(gone)[0] == 410
    request = urllib.request.Request(moved, method="GET")
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(request, timeout=10)
    assert redirect.value.code == 301 and redirect.value.headers["Location"].startswith(server)
    (down,) = control(server + "/__testsite__/change?kind=outage&count=1")
    assert get(down)[0] == 503
    assert control(server + "/__testsite__/change?kind=recover&count=5") == [down] and get(down)[0] == 200
    kinds = [c["kind"] for c in json.loads(get(server + "/__testsite__/manifest.json")[2])["changes"]]
    assert kinds == ["silent", "headline", "silent", "unpublished", "redirected"]
    sitemap_etag = get(server + "/sitemap-posts.xml")[1]["ETag"]
    assert get(server + "/sitemap-posts.xml", {"If-None-Match": sitemap_etag})[0] == 304
    with pytest.raises(urllib.error.HTTPError) as refused:
        control(server + "/__testsite__/change?kind=nonsense")
    assert refused.value.code == 400


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
