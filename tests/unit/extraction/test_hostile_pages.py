"""Hostile pages (deep nesting, huge values, odd encodings, lying structured data, broken URLs)
give a record, never an exception, both through extract_article and through the crawl's path."""

import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from scrapy.http import HtmlResponse

from newscrawl.extraction import extract_article
from newscrawl.items import ARTICLE_FIELDS
from newscrawl.spiders.kyivindependent import analyse_article

FEW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

JSONLD_KEYS = ["@type", "@graph", "mainEntity", "mainEntityOfPage", "itemListElement", "headline", "name",
               "description", "articleBody", "author", "creator", "datePublished", "dateCreated", "dateModified",
               "inLanguage", "articleSection", "keywords", "image", "thumbnailUrl", "url", "publisher", "@value"]
NEXT_KEYS = ["props", "pageProps", "post", "title", "headline", "publishedAt", "date", "updatedAt", "summary"]
ODD = st.sampled_from(["", " ", "\x00", "\ud800", "&amp;amp;", "9999-12-31", "0001-01-01T00:00:00", "+25:00",
                       "http://[oops/", "https://other.example/x", "NewsArticle", "by by", "x" * 5000, "١٢٣٤"])
scalar = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | ODD


def json_value(keys):
    """Any JSON value whose objects use ``keys``: the types a lying page puts where strings belong."""
    return st.recursive(scalar, lambda inner: st.lists(inner, max_size=4)
                        | st.dictionaries(st.sampled_from(keys), inner, max_size=5), max_leaves=20)


@st.composite
def nested(draw, keys):
    """JSON text nested deeper than any parser's recursion allows, or any value of ``keys``."""
    depth = draw(st.integers(0, 3000))
    key = draw(st.sampled_from(keys))
    opening, closing = draw(st.sampled_from([("[", "]"), (f'{{"{key}":', "}")]))
    inner = json.dumps(draw(json_value(keys)), ensure_ascii=draw(st.booleans()), allow_nan=True)
    return opening * depth + inner + closing * depth


URLS = st.sampled_from(["https://news.example/a", "http://[oops/", "http://[::1/x", "https://news.example:99999/a",
                        "", "news/a", "javascript:alert(1)", "https://kyivindependent.com/a/"])
attribute = (ODD | URLS | st.text(max_size=30)).map(lambda value: value.replace('"', "&quot;"))


@st.composite
def hostile_page(draw):
    """An HTML page whose every part may lie: JSON-LD, __NEXT_DATA__, meta tags, canonical, markup depth."""
    ld = "".join(f'<script type="application/ld+json">{draw(nested(JSONLD_KEYS))}</script>'
                 for _ in range(draw(st.integers(0, 3))))
    next_data = f'<script id="__NEXT_DATA__">{draw(nested(NEXT_KEYS))}</script>' if draw(st.booleans()) else ""
    metas = "".join(f'<meta property="{name}" content="{draw(attribute)}">' for name in draw(st.lists(st.sampled_from(
        ["og:title", "article:published_time", "article:modified_time", "og:url", "og:image", "author",
         "article:tag", "og:locale", "og:type"]), max_size=6)))
    depth = draw(st.integers(0, 2000))
    wrapper = draw(st.sampled_from(["div", "article class=c-post", "div class=c-content", "p", "li"]))
    body = draw(st.text(max_size=200)) * draw(st.sampled_from([1, 1000]))
    canonical = f'<link rel="canonical" href="{draw(attribute)}">'
    return (f'<html lang="{draw(attribute)}"><head>{ld}{next_data}{metas}{canonical}</head>'
            f"<body>{f'<{wrapper}>' * depth}<h1>{draw(st.text(max_size=50))}</h1><p>{body}</p>"
            f"{f'</{wrapper.split()[0]}>' * depth}</body></html>")


@FEW
@given(hostile_page(), URLS)
@example('<script type="application/ld+json">' + "[" * 5000 + "]" * 5000 + "</script><h1>x</h1><p>Body.</p>",
         "https://news.example/a")  # RecursionError
@example('<script id="__NEXT_DATA__">' + '{"props":' * 3000 + "1" + "}" * 3000 + "</script><h1>x</h1>",
         "https://news.example/a")  # RecursionError
@example('<script type="application/ld+json">{"@type": "NewsArticle", "author": ' + "[" * 900 + '"A"'
         + "]" * 900 + "}</script>", "https://news.example/a")  # RecursionError in the author names
@example("<h1>x</h1><p>Body.</p>", "http://[oops/")  # ValueError from urlsplit
def test_extract_article_gives_a_record_for_any_page(html, url):
    record = extract_article(html, url)
    assert set(ARTICLE_FIELDS) <= set(record)


@FEW
@given(hostile_page(), st.sampled_from(["utf-8", "latin-1", "utf-16", "cp1251"]), st.booleans())
def test_the_crawls_extraction_gives_a_record_for_any_page(html, encoding, lying_charset):
    body = html.encode(encoding, "surrogatepass" if encoding.startswith("utf") else "replace")
    declared = "utf-8" if lying_charset else encoding
    result = analyse_article(HtmlResponse, "https://kyivindependent.com/a/", body, declared)
    assert result.get("not_article") or set(ARTICLE_FIELDS) <= set(result["record"])
