"""Spider arguments: each converted once, each bad one refused with one line that names it."""

from datetime import date

import pytest

from newscrawl.spiders.arguments import MODES, SpiderArgumentError, parse_arguments
from newscrawl.spiders.kyivindependent import KyivIndependentSpider


def test_arguments_arrive_as_strings_and_are_converted():
    assert parse_arguments({"base_url": "http://127.0.0.1:8000/", "sections": " war, analysis ,",
                            "since": "2025-01-01", "max_pages": "3", "mode": "update"}) == {
        "base_url": "http://127.0.0.1:8000", "sections": ("war", "analysis"),
        "since": date(2025, 1, 1), "max_pages": 3, "mode": "update"}


def test_empty_values_are_defaults_and_scrapyd_and_redis_arguments_pass():
    assert parse_arguments({"since": "", "max_pages": None, "_job": "abc", "crawl_id": "full-1"}) == {
        "_job": "abc", "crawl_id": "full-1"}
    spider = KyivIndependentSpider(max_pages="", mode="feed")
    assert (spider.max_pages, spider.since, spider.crawls) == (None, None, MODES["feed"])
    assert spider.crawls.listings is False and spider.crawls.stop_at_known is True


@pytest.mark.parametrize("name, value, says", [
    ("since", "garbage", "YYYY-MM-DD"),
    ("since", "2025-13-40", "YYYY-MM-DD"),
    ("since", "20250101", "YYYY-MM-DD"),
    ("max_pages", "abc", "1 or more"),
    ("max_pages", "0", "1 or more"),
    ("max_pages", "-1", "1 or more"),
    ("max_pages", "2.5", "1 or more"),
    ("mode", "bogus", "full, update, feed"),
    ("base_url", "ftp://kyivindependent.com", "http(s) URL"),
    ("base_url", "kyivindependent.com", "http(s) URL"),
    ("base_url", "http://[oops/", "http(s) URL"),
    ("base_url", "http://127.0.0.1:99999", "http(s) URL"),
    ("base_url", "https://kyivindependent.com/?page=2", "http(s) URL"),
    ("sections", "war,news archive", "tag slugs"),
    ("sections", ",", "tag slugs"),
])
def test_a_bad_value_is_refused_with_one_line_naming_the_argument(name, value, says):
    with pytest.raises(SpiderArgumentError) as refused:
        parse_arguments({name: value})
    message = str(refused.value)
    assert message.startswith(f"-a {name}={value!r}: ") and says in message and "\n" not in message


def test_an_unknown_argument_is_refused_with_the_ones_there_are():
    with pytest.raises(SpiderArgumentError, match="^-a max_page: not an argument .* max_pages, mode, crawl_id$"):
        parse_arguments({"max_page": "3"})


def test_the_spider_refuses_what_the_command_refuses():
    assert KyivIndependentSpider.check_arguments is parse_arguments
    with pytest.raises(SpiderArgumentError):
        KyivIndependentSpider(since="yesterday")
