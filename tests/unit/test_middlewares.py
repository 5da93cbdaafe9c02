"""Retry delays, charset repair and redirects, on hand-built responses."""

from datetime import datetime, timezone

import pytest
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from newscrawl.middlewares import (BackoffRetryMiddleware, MislabelledUtf8Middleware, SafeRedirectMiddleware,
                                   retry_after_seconds)

TEXT = "Zelensky’s “plan” – für Kyiv"


def test_retry_after_seconds():
    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=timezone.utc)
    assert retry_after_seconds(b"7") == 7.0
    assert retry_after_seconds("Thu, 01 Jan 2026 12:00:30 GMT", now=now) == 30.0
    assert retry_after_seconds("Thu, 01 Jan 2026 11:00:00 GMT", now=now) == 0.0
    assert retry_after_seconds(b"soon") is None
    assert retry_after_seconds(None) is None


def test_backoff_doubles_and_honours_retry_after():
    crawler = get_crawler(settings_dict={"NEWSCRAWL_RETRY_BACKOFF_BASE": 1, "NEWSCRAWL_RETRY_BACKOFF_MAX": 10})
    middleware = BackoffRetryMiddleware.from_crawler(crawler)
    request = Request("http://127.0.0.1/a/")
    assert [middleware.delay_for(request.replace(meta={"retry_times": n})) for n in (1, 2, 3, 5)] == [1, 2, 4, 10]
    busy = HtmlResponse("http://127.0.0.1/a/", status=429, headers={"Retry-After": "3"}, body=b"")
    assert middleware.delay_for(request.replace(meta={"retry_times": 1}), busy) == 3


def response(body, content_type):
    return HtmlResponse("http://127.0.0.1/a/", body=body, headers={"Content-Type": content_type})


def relabel(resp):
    return MislabelledUtf8Middleware(get_crawler().stats).process_response(None, resp)


def test_mislabelled_utf8_is_read_as_utf8():
    fixed = relabel(response(f"<p>{TEXT}</p>".encode(), "text/html; charset=iso-8859-1"))
    assert TEXT in fixed.text


def test_real_cp1251_and_declared_utf8_are_kept():
    cyrillic = "<p>Київ</p>".encode("cp1251")
    assert "Київ" in relabel(response(cyrillic, "text/html; charset=windows-1251")).text
    latin = "<p>für</p>".encode("latin-1")
    assert "für" in relabel(response(latin, "text/html; charset=iso-8859-1")).text
    assert TEXT in relabel(response(f"<p>{TEXT}</p>".encode(), "text/html; charset=utf-8")).text


def redirect(location, url="http://127.0.0.1:8000/a/"):
    """What the redirect middleware makes of a 302 to location."""
    middleware = SafeRedirectMiddleware.from_crawler(get_crawler())
    moved = HtmlResponse(url, status=302, headers={"Location": location}, body=b"")
    return middleware.process_response(Request(url), moved)


def test_a_redirect_to_another_port_or_scheme_of_the_host_fails_the_request():
    for location in ("http://127.0.0.1:8001/a/", "https://127.0.0.1:8000/a/", "http://127.0.0.2:8000/a/"):
        with pytest.raises(IgnoreRequest, match="^offsite redirect to "):
            redirect(location)
    assert redirect("/b/").url == "http://127.0.0.1:8000/b/"
