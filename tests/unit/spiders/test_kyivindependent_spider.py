"""The spider's callbacks on stored pages, without a crawl."""

import gc
import json
import weakref
from types import SimpleNamespace

import pytest

from scrapy import Request
from scrapy.exceptions import DontCloseSpider
from scrapy.http import HtmlResponse, XmlResponse
from scrapy.utils.misc import is_generator_with_return_value
from scrapy.utils.test import get_crawler

from conftest import FIXTURES
from newscrawl.spiders.kyivindependent import SITEMAP_CHUNK, KyivIndependentSpider

PAGES = FIXTURES / "kyivindependent"


def stored_response(kind, name, callback, **cb_kwargs):
    """A stored page as the downloader hands it to a callback."""
    record = json.loads((PAGES / kind / f"{name}.json").read_text())
    request = Request(record["url"], callback=callback, cb_kwargs=cb_kwargs)
    body = (PAGES / kind / f"{name}.html").read_bytes()
    return HtmlResponse(record["url"], body=body, encoding="utf-8", request=request,
                        headers={"Content-Type": "text/html; charset=utf-8"})


def test_a_parsed_article_page_is_freed_when_its_callback_ends():
    """No response-selector reference cycle: the page goes without waiting for the cyclic garbage collector."""
    crawler = get_crawler(KyivIndependentSpider)
    spider = KyivIndependentSpider.from_crawler(crawler, base_url="http://127.0.0.1:8123")  # the stored pages' host
    gc.disable()
    try:
        response = stored_response("article", "seed", spider.parse_article, discovered_via="test")
        items = list(spider.parse_article(response, discovered_via="test"))
        assert [item["headline"] for item in items] == [json.loads((PAGES / "article" / "seed.json").read_text())
                                                         ["expected"]["headline"]]
        freed = weakref.ref(response)
        del response
        assert freed() is None
    finally:
        gc.enable()


def test_no_callback_is_a_generator_that_returns_a_value():
    """What Scrapy's WARN_ON_GENERATOR_RETURN_VALUE checks for every response, checked here once (settings.py)."""
    spider = KyivIndependentSpider()
    callbacks = [getattr(spider, name) for name in dir(spider) if name.startswith("parse_")]
    assert len(callbacks) >= 4
    assert not [callback.__name__ for callback in callbacks if is_generator_with_return_value(callback)]


def test_post_sitemaps_go_ahead_of_the_article_pages():
    """Their links wait for the crawl to run dry anyway; read early, the memory that reading them takes is
    reused by the per-article state that follows (SITEMAP_PRIORITY)."""
    crawler = get_crawler(KyivIndependentSpider)
    spider = KyivIndependentSpider.from_crawler(crawler, base_url="http://127.0.0.1:8123")
    index = (b'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             b"<sitemap><loc>http://127.0.0.1:8123/sitemap-posts.xml</loc></sitemap>"
             b"<sitemap><loc>http://127.0.0.1:8123/sitemap-tags.xml</loc></sitemap></sitemapindex>")
    response = XmlResponse("http://127.0.0.1:8123/sitemap.xml", body=index,
                           request=Request("http://127.0.0.1:8123/sitemap.xml"))
    requests = list(spider.parse_sitemap(response))
    article = spider.article_request("http://127.0.0.1:8123/a-story/", "test")
    assert [request.url for request in requests] == ["http://127.0.0.1:8123/sitemap-posts.xml"]
    assert requests[0].priority > article.priority


def test_sitemap_links_wait_for_the_crawl_to_run_dry_then_go_out_a_chunk_at_a_time():
    crawler = get_crawler(KyivIndependentSpider)
    spider = KyivIndependentSpider.from_crawler(crawler, base_url="http://127.0.0.1:8123")
    # An archive that holds nothing and notes nothing; the engine, what the spider asks it to crawl.
    spider.archive = SimpleNamespace(store=None, stored=lambda url: None,
                                     sightings=SimpleNamespace(listed=lambda *args, **kwargs: None))
    crawler.engine = SimpleNamespace(crawl=(crawled := []).append)
    urls = [f"http://127.0.0.1:8123/story-{number}/" for number in range(SITEMAP_CHUNK + 50)]
    body = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + "".join(f"<url><loc>{url}</loc><lastmod>2026-03-31T20:59:00.000Z</lastmod></url>" for url in urls)
            + "</urlset>").encode()
    sitemap = "http://127.0.0.1:8123/sitemap-posts.xml"
    assert list(spider.parse_sitemap(XmlResponse(sitemap, body=body, request=Request(sitemap)))) == []
    assert crawled == []
    for expected in (SITEMAP_CHUNK, len(urls)):
        with pytest.raises(DontCloseSpider):
            spider.feed_sitemap_links()
        assert [request.url for request in crawled] == urls[:expected]
    spider.feed_sitemap_links()  # nothing left: the crawl may close
    assert len(crawled) == len(urls) and {request.cb_kwargs["discovered_via"] for request in crawled} == {sitemap}
