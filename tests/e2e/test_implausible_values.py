"""A crawl of pages with values no real article has: each such field is cleared, or its item dropped,
counted per field and reason and logged with the URL; the plausible rest is stored."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import run_crawl


def site_page(base, path, headline="A plausible headline", published="2025-03-18T13:10:00.000Z",
              tags=("War",), authors=("Martin Fornusek",), canonical=None):
    """An article page in the site's own layout (the page object recognises it)."""
    tag_links = "".join(f'<a href="/tag/t/">{tag}</a>' for tag in tags)
    author_links = "".join(f'<a class="c-post__author" href="#">{name}</a>' for name in authors)
    return (f'<html lang="en"><head><link rel="canonical" href="{canonical or base + path}">'
            f'<meta property="og:type" content="article">'
            f'<meta property="article:published_time" content="{published}"></head><body>'
            f'<article class="c-post"><h1 class="c-post__title">{headline}</h1>'
            f'<div class="c-post__byline">by {author_links}</div><div class="c-post__tags">{tag_links}</div>'
            f'<div class="c-content"><p>The article says what happened.</p></div></article></body></html>')


def generic_page(base, path, published="2025-03-18T13:10:00Z", canonical=None):
    """An article page in a layout the page object does not know: its JSON-LD says everything."""
    return (f'<html lang="en"><head><script type="application/ld+json">{{"@type": "NewsArticle", '
            f'"headline": "A generic headline", "datePublished": "{published}", '
            f'"url": "{canonical or base + path}", "author": {{"name": "Olena Goncharova"}}}}</script>'
            f'<meta property="og:type" content="article"></head><body><main><h1>A generic headline</h1>'
            f'<p>The article says what happened, in a paragraph long enough to be its body.</p>'
            f'<p>A second paragraph says more about it, as articles do.</p></main></body></html>')


def pages(base):
    """Path -> page; the other host is 127.0.0.2, on the same port."""
    other = base.replace("127.0.0.1", "127.0.0.2")
    return {
        "/fine/": site_page(base, "/fine/"),
        "/far-future/": site_page(base, "/far-future/", published="9999-12-31T00:00:00Z"),
        "/year-one/": site_page(base, "/year-one/", published="0001-01-01T00:00:00Z"),
        # The feed's date stands in for a JSON-LD date no article has.
        "/listed-year-one/": generic_page(base, "/listed-year-one/", published="0001-01-01"),
        "/huge-headline/": site_page(base, "/huge-headline/", headline="Long " * 20_000),
        "/many-tags/": site_page(base, "/many-tags/", tags=[f"t{n}" for n in range(2000)],
                                 authors=[f"Author Number{n}" for n in range(2000)]),
        "/off-site-canonical/": site_page(base, "/off-site-canonical/", canonical=other + "/elsewhere/"),
        "/generic-off-site/": generic_page(base, "/generic-off-site/", canonical=other + "/elsewhere/"),
    }


def feed(base):
    """The feed lists every page; only /listed-year-one/ with a date."""
    items = "".join(f"<item><title>x</title><link>{base}{path}</link>"
                    + ("<pubDate>Tue, 18 Mar 2025 13:15:00 GMT</pubDate>" if path == "/listed-year-one/" else "")
                    + "</item>" for path in pages(base))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'


@pytest.fixture(scope="module")
def implausible_site():
    """A small site on 127.0.0.1 whose feed lists the pages above."""
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            base = f"http://127.0.0.1:{self.server.server_port}"
            if self.path == "/news-archive/rss/":
                body, kind = feed(base), "application/rss+xml"
            elif self.path in pages(base):
                body, kind = pages(base)[self.path], "text/html; charset=utf-8"
            else:
                self.send_error(404)
                return
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def crawl(implausible_site, tmp_path_factory):
    return run_crawl(implausible_site, tmp_path_factory.mktemp("implausible"), "mode=feed")


def test_plausible_articles_are_stored_without_the_implausible_fields(implausible_site, crawl):
    items = {item["url"]: item for item in crawl.items}
    base = implausible_site
    assert set(items) == {base + path for path in ("/fine/", "/many-tags/", "/off-site-canonical/",
                                                   "/generic-off-site/", "/listed-year-one/")}
    assert items[base + "/fine/"]["tags"] == ["War"]
    assert items[base + "/listed-year-one/"]["date_published"] == "2025-03-18T13:15:00Z"
    assert "tags" not in items[base + "/many-tags/"] and "authors" not in items[base + "/many-tags/"]
    assert "canonical_url" not in items[base + "/off-site-canonical/"]
    assert "canonical_url" not in items[base + "/generic-off-site/"]
    assert len(crawl.rows()) == len(items)


def test_each_cleared_field_is_counted_per_reason_and_logged_with_the_url(implausible_site, crawl):
    stats, base = crawl.stats, implausible_site
    assert stats["newscrawl/validate/date_published/too_late"] == 1
    assert stats["newscrawl/validate/date_published/too_early"] == 1
    assert stats["newscrawl/validate/headline/too_long"] == 1
    assert stats["newscrawl/validate/tags/too_many"] == stats["newscrawl/validate/authors/too_many"] == 1
    assert stats["newscrawl/validate/canonical_url/off_site"] == 2
    assert stats["item_dropped_reasons_count/MissingDate"] == 2
    assert stats["item_dropped_reasons_count/MissingHeadline"] == 1
    assert f"{base}/far-future/: date_published cleared" in crawl.log
    assert f"{base}/many-tags/: tags cleared" in crawl.log
