"""The real seed article: a page built from its capture gives the exact shared record, through the crawl's callback."""

import json

from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from capture import capture_lines, found_in_order
from conftest import FIXTURES, SEED
from newscrawl.spiders.kyivindependent import KyivIndependentSpider

PAGE = FIXTURES / "kyivindependent" / "article" / "seed-capture.html"


def test_the_page_shows_every_line_of_the_capture_in_order():
    lines = capture_lines((SEED / "kyivindependent-article.txt").read_text())
    assert len(lines) == 70
    assert found_in_order(lines, PAGE.read_text()) == lines


def test_the_page_gives_the_shared_record_exactly():
    expected = json.loads((SEED / "expected-item.json").read_text())
    crawler = get_crawler(KyivIndependentSpider)
    spider = KyivIndependentSpider.from_crawler(crawler)  # the live site's base URL, as in the capture
    request = Request(expected["url"], cb_kwargs={"discovered_via": "capture"})
    response = HtmlResponse(expected["url"], body=PAGE.read_bytes(), encoding="utf-8", request=request,
                            headers={"Content-Type": "text/html; charset=utf-8"})
    items = list(spider.parse_article(response, discovered_via="capture"))
    assert len(items) == 1
    assert {field: items[0].get(field) for field in expected} == expected
    # Nothing from the page's other blocks (related card, sidebar, forms) reaches a field.
    assert not {"description", "editor_note", "canonical_url"} & set(items[0])
