"""What a check's answer says, the validators it sends, and the order and budget of re-checks."""

from scrapy.http import HtmlResponse, Request, Response
from scrapy.utils.test import get_crawler

from newscrawl.changes.checks import check_meta, conditional_headers, redirect_target, observation, validators
from newscrawl.changes.crawling import MAX_HOPS, ArticleChecks
from newscrawl.changes.vanish import Observation
from newscrawl.changes.watch import Watch
from newscrawl.spiders.kyivindependent import KyivIndependentSpider

URL = "https://kyivindependent.com/a/"
AT = "2026-03-20T12:00:00Z"


def answer(status, headers=None, url=URL):
    request = Request(url, meta=check_meta(URL))
    return Response(url, status=status, headers=headers or {}, request=request)


def test_check_meta_handles_the_answers_that_are_observations():
    meta = check_meta(URL)
    assert meta["dont_redirect"] and {304, 404, 410, 301, 308} <= set(meta["handle_httpstatus_list"])
    assert 503 not in meta["handle_httpstatus_list"] and 500 not in meta["handle_httpstatus_list"]


def test_validators_go_back_as_conditional_headers():
    sent = validators(answer(200, {"ETag": '"x1"', "Last-Modified": "Fri, 20 Mar 2026 10:00:00 GMT"}))
    assert sent == {"etag": '"x1"', "last_modified": "Fri, 20 Mar 2026 10:00:00 GMT"}
    assert conditional_headers(sent["etag"], sent["last_modified"]) == {
        "If-None-Match": '"x1"', "If-Modified-Since": "Fri, 20 Mar 2026 10:00:00 GMT"}
    assert validators(answer(200)) == {"etag": None, "last_modified": None}
    assert conditional_headers(None, None) == {}


def test_observations_of_each_answer():
    assert observation(answer(404), AT, False) == Observation("unpublished", AT, 404)
    assert observation(answer(410), AT, False) == Observation("unpublished", AT, 410)
    assert observation(answer(304), AT, False) == Observation("live", AT, 304)
    assert observation(answer(304), AT, True) == Observation("unlisted", AT, 304)
    moved = answer(301, {"Location": "/b/?utm=x"})
    assert redirect_target(moved) == "https://kyivindependent.com/b/"
    assert observation(moved, AT, False) == Observation("redirected", AT, 301, "https://kyivindependent.com/b/")
    # The same page under another spelling is followed, not an observation; so is a redirect without Location.
    assert observation(answer(301, {"Location": "https://www.kyivindependent.com/a"}), AT, False) is None
    assert observation(answer(302), AT, False) is None
    page = HtmlResponse(URL, status=200, body=b"<html></html>", request=Request(URL, meta=check_meta(URL)))
    assert observation(page, AT, False) == Observation("live", AT, 200)


def make_watch(budget, confirm_hours=1.0):
    return Watch(get_crawler().stats, "1,6,24,72,168", budget, confirm_hours)


def test_rechecks_suspects_first_then_absent_then_due_within_the_budget():
    watch = make_watch(budget=4)
    watch.stats.open_spider()
    suspect = {"state": "unpublished", "at": "2026-01-01T00:00:00Z", "status": 404, "redirected_to": None}
    watch.load({"s": {"suspect": suspect}, "fresh": {"suspect": dict(suspect, at="2999-01-01T00:00:00Z")}},
               [("d1", "2026-03-20T10:00:00Z", AT, '"e1"', None), ("a1", "2026-03-19T10:00:00Z", AT, None, "lm"),
                ("d2", "2026-03-18T10:00:00Z", AT, None, None)])
    watch.observe("d1", Observation("live", AT, 200))  # fetched otherwise in this run: not again
    assert watch.rechecks(["a1", "a2"]) == [("s", None, None), ("a1", None, None), ("a2", None, None),
                                            ("d2", None, None)]
    assert watch.stats.get_value("newscrawl/recheck/over_budget") == 0
    assert len(make_watch(budget=1).rechecks(["a1", "a2"])) == 1


def test_the_watch_turns_observations_into_checks_and_changes(tmp_path):
    watch = Watch(get_crawler().stats, "0", 10, 0, tmp_path / "changes.jsonl")
    watch.stats.open_spider()
    first = watch.observe(URL, Observation("unpublished", AT, 410), {"etag": None, "last_modified": None})
    assert first.suspected and watch.vanished(URL)
    second = watch.observe(URL, Observation("unpublished", AT, 410))
    assert second.event["kind"] == "unpublished" and watch.state(URL) == "unpublished"
    checks, changes = watch.take_writes()
    assert [check["last_checked"] for check in checks] == [AT, AT] and checks[1]["gone_status"] == 410
    assert changes == [second.event] and watch.take_writes() == ([], [])
    assert (tmp_path / "changes.jsonl").read_text().count('"kind": "unpublished"') == 1
    assert watch.stats.get_value("newscrawl/changes/unpublished") == 1
    back = watch.observe(URL, Observation("live", AT, 200))
    assert back.event["kind"] == "restored" and not watch.vanished(URL)


def test_redirects_between_spellings_of_one_url_are_followed_a_few_times_only():
    crawler = get_crawler(KyivIndependentSpider)
    crawler.stats.open_spider()
    spider = KyivIndependentSpider.from_crawler(crawler, base_url="https://kyivindependent.com")
    checks = ArticleChecks(spider, make_watch(budget=10), {URL: ("hash", None, 1)})
    request, hops = Request(URL, meta=check_meta(URL)), 0
    for _ in range(3 * MAX_HOPS):
        spelling = "https://www.kyivindependent.com/a" if hops % 2 == 0 else URL
        response = Response(request.url, status=301, headers={"Location": spelling}, request=request)
        followed = list(checks.answered(response))
        if not followed:
            break
        (request,), hops = followed, hops + 1
        assert request.url == spelling
    assert hops == MAX_HOPS and crawler.stats.get_value("newscrawl/recheck/transient") == 1
    assert checks.watch.checks == []  # no observation


def test_a_run_that_starts_with_an_empty_archive_watches_nothing_however_soon_it_stores_an_article():
    crawler = get_crawler(KyivIndependentSpider)
    crawler.stats.open_spider()
    spider = KyivIndependentSpider.from_crawler(crawler, base_url="https://kyivindependent.com")
    other, new = "https://kyivindependent.com/b/", "https://kyivindependent.com/c/"
    index = {}  # the archive was empty when the run started
    first = ArticleChecks(spider, make_watch(budget=10), index)
    index[URL] = ("hash", None, 1)  # its first article, stored before the post sitemap was read
    index[new] = ("hash", None, 1)  # found on a listing, in no sitemap
    first.sitemap_index(1)
    first.sitemap_read([URL, other])
    assert not first.watching and first.listed == set() and not first.complete()
    assert not first.unlisted(new) and first.recheck_requests() == []  # nothing to tell yet, nothing re-checked
    # The spider says how many articles the archive held at the start, whatever the index holds by now.
    assert not ArticleChecks(spider, make_watch(budget=10), index, held_at_start=0).watching
    # An archive that held articles: the sitemaps' URLs are kept, and an article they do not list has left them.
    later = ArticleChecks(spider, make_watch(budget=10), dict(index), held_at_start=2)
    later.sitemap_index(1)
    later.sitemap_read([URL, other])
    assert later.watching and later.complete() and later.listed == {URL, other}
    assert later.unlisted(new) and not later.unlisted(URL)
