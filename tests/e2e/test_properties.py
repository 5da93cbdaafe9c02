"""Property-based tests: random and mutated pages, dates, bylines and URLs never crash
the page objects or the cleaning functions, and never give a malformed field."""

import asyncio
import json
import re
import unicodedata
from datetime import datetime
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from scrapy.http import HtmlResponse, XmlResponse

from conftest import FIXTURES
from newscrawl import processors as p
from newscrawl.extraction import extract_article
from newscrawl.loaders import ArticleLoader
from newscrawl.sites.kyivindependent import FeedPage, KyivIndependentLoader, ListingPage
from newscrawl.spiders.kyivindependent import analyse_article
from newscrawl.urls import host_of, normalize_url


FEW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MANY = settings(max_examples=300, deadline=None)

PAGES = FIXTURES / "kyivindependent"
ARTICLES = [
    (json.loads(path.read_text())["url"], path.with_suffix(".html").read_bytes())
    for path in sorted(PAGES.glob("article/*.json"))
]
LISTINGS = [
    (json.loads(path.read_text())["url"], path.with_suffix(".html").read_bytes())
    for path in sorted(PAGES.glob("section/*.json"))
]
FEED = (PAGES / "feed" / "news-archive-rss.xml").read_bytes()

ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
LOOKS_LIKE_DATE = re.compile(
    rf"\d{{4}}-\d\d?-\d\d?|\d{{1,2}}:\d\d|\b(1[89]|2\d)\d\d\b|\b{MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{MONTH}\b",
    re.IGNORECASE,
)
LOOKS_LIKE_URL = re.compile(r"\w+://|\bwww\.", re.IGNORECASE)
LOOKS_LIKE_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.\w+")

# -- strategies -------------------------------------------------------------------------

# Text that pages really carry, and the characters that break naive code.
ODD_CHARS = (
    "\x00\x01\x08\x0b\x0c\x1b\x7f\x85\x9f\u00a0\u00ad\u200b\u200e\u200f\u202a\u202e\u2028\u2029"
    "\u0301\u0308\u0336\ufeff\ufffd\U0001f1fa\U0001f1e6 \t\r\n"
)
ENTITIES = ["&#0;", "&#xD800;", "&#xDFFF;", "&#x110000;", "&#1;", "&#x7f;", "&#x85;", "&amp;", "&nbsp;", "&lt;b&gt;",
            "&#8203;", "&#x202E;", "&#9999999999;", "&", "&#"]
odd_text = st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(ODD_CHARS), max_size=40)
escaped_text = st.lists(odd_text | st.sampled_from(ENTITIES), max_size=6).map("".join)

MONTHS = ["January", "February", "Feb", "march", "SEPTEMBER", "Foo"]
number = st.integers(min_value=-5, max_value=10**6).map(str) | st.sampled_from(
    ["0", "00", "29", "30", "31", "32", "99", "24", "25", "61", "9999", "10000", "99999999999999999999", "-1", "1e9"])
date_text = st.one_of(
    st.builds("{} {}, {} {}:{} {}".format, st.sampled_from(MONTHS), number, number, number, number,
              st.sampled_from(["AM", "PM", "am", "", "XM"])),
    st.builds("{}-{}-{}T{}:{}:{}{}".format, number, number, number, number, number, number,
              st.sampled_from(["Z", "+00:00", "+03:00", "-05:00", "+25:00", "+99:99", "", ".000Z", " GMT"])),
    st.builds("{}, {} {} {} {}:{}:{} {}".format, st.sampled_from(["Mon", "Tue", "Xyz"]), number,
              st.sampled_from(["Jan", "Feb", "Dec", "Foo"]), number, number, number, number,
              st.sampled_from(["GMT", "+0000", "+9999", "-2400", "EST", ""])),
    st.builds("Tue Jun {} {} {}:{}:{} GMT{} (x)".format, number, number, number, number, number,
              st.sampled_from(["+0000", "+0300", "-9999", "+99999"])),
    odd_text,
)

NAMES = ["Martin Fornusek", "Olena Goncharova", "Kateryna Hodunova", "The Kyiv Independent news desk",
         "Tim Zadorozhnyy", "Анна Мирошниченко", "José Ñúñez", "O'Neil"]
BYLINE_PARTS = NAMES + [
    "by", "By", "BY", "by by", "By:", " and ", ", ", " & ", " | ", " · ", "\n", "\u00a0", "\t",
    "February 24, 2025", "24 February 2025", "2025-02-24", "10:45 AM", "Updated", "2025",
    "https://kyivindependent.com/author/martin/", "www.example.org", "news@kyivindependent.com",
    "(", ")", "@kyivindependent",
]
byline = st.lists(st.sampled_from(BYLINE_PARTS) | odd_text, min_size=1, max_size=8).map("".join)

host = st.from_regex(r"\A(www\.)?[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?(\.[a-z]{2,6}){1,2}\.?\Z")
segment = st.text(alphabet="abcz019-_.~%", min_size=1, max_size=8)
http_url = st.builds(
    "{}://{}{}{}/{}{}{}".format,
    st.sampled_from(["http", "https", "HTTPS"]),
    host.map(lambda h: h.upper() if len(h) % 3 == 0 else h),
    st.sampled_from(["", ":8000", ":443", ":65535"]),
    st.just(""),
    st.lists(segment, max_size=4).map("/".join),
    st.sampled_from(["", "/", "/amp", "/amp/", "/amp/amp", "/index.html"]),
    st.sampled_from(["", "?ref=rss", "#top", "?a=1&b=2#x"]),
)
any_url = http_url | st.sampled_from([
    "", "/news/foo", "news/foo", "//kyivindependent.com/x", "javascript:alert(1)", "mailto:a@b.c",
    "https://kyivindependent.com:99999/x", "https://kyivindependent.com:abc/x", "http://[::1]:8000/a",
    "http://[oops/", "https://user:pw@kyivindependent.com/x", "https://kyivindependent.com/%22x%22",
]) | odd_text

# -- checks ------------------------------------------------------------------------------


def check_date(value):
    assert value is None or ISO_UTC.match(value), value
    if value is not None:
        datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")


def check_text(value):
    """One line of clean text: no control characters, no surrounding or doubled spaces."""
    assert value is None or isinstance(value, str)
    if value:
        assert value == value.strip() and "  " not in value, repr(value)
        assert not any(unicodedata.category(c) == "Cc" for c in value), repr(value)
        assert "\u2028" not in value and "\u2029" not in value


def check_author(name):
    assert isinstance(name, str) and name and name == name.strip(), repr(name)
    check_text(name)
    assert not re.match(r"by(\s|:|$)", name, re.IGNORECASE), repr(name)
    assert not LOOKS_LIKE_DATE.search(name), repr(name)
    assert not LOOKS_LIKE_URL.search(name), repr(name)
    assert not LOOKS_LIKE_EMAIL.search(name), repr(name)


def check_web_url(value):
    if value is not None:
        parts = urlsplit(value)
        assert parts.scheme in ("http", "https") and parts.hostname, value


def check_item(item):
    """The Article contract, whatever the page looked like (item: an Article or a dict)."""
    for field in ("date_published", "date_modified"):
        check_date(item.get(field))
    for field in ("headline", "description", "section", "language", "date_published_raw"):
        check_text(item.get(field))
    for name in item.get("authors") or []:
        check_author(name)
    tags = item.get("tags") or []
    assert len({tag.casefold() for tag in tags}) == len(tags), tags
    for tag in tags:
        check_text(tag)
    check_web_url(item.get("url"))
    check_web_url(item.get("canonical_url"))
    image = item.get("main_image")
    if image is not None:
        assert set(image) == {"caption", "credit"} and (image["caption"] or image["credit"]), image
    reading_time = item.get("reading_time")
    assert reading_time is None or 0 <= reading_time < 2**31, reading_time
    body = item.get("article_body")
    assert body is None or (body.strip() == body and "\x00" not in body)


def extracted(url, body):
    """The record the crawl extracts from an article page; {} for a page that is not an article."""
    return analyse_article(HtmlResponse, url, body, "utf-8").get("record") or {}


# -- mutations of stored pages ------------------------------------------------------------

TAGS = [b"p", b"h1", b"h2", b"li", b"a", b"div", b"time", b"figure", b"figcaption", b"article", b"meta", b"script"]
SNIPPETS = [
    b'<meta property="article:published_time" content="{}">',
    b'<meta property="article:modified_time" content="{}">',
    b'<time class="c-post__date" datetime="{}">{}</time>',
    b'<div class="c-post__byline">{}</div>',
    b'<div class="c-post__byline"><a class="c-post__author">{}</a></div>',
    b'<div class="c-post__authors">Authors: {}</div>',
    b'<h1 class="c-post__title">{}</h1>',
    b'<link rel="canonical" href="{}">',
    b'<div class="c-post__tags"><a>{}</a><a>{}</a></div>',
    b'<figure class="c-post__image"><img src="{}"><figcaption>{}</figcaption></figure>',
    b'<span class="c-post__read-time">{} min read</span>',
    b'<div class="c-content"><p>{}</p><p>{}</p></div>',
    b'<article class="archiveCard" data-archive-id="{}"><a class="archiveCard__link" href="{}">x</a></article>',
    b'<link rel="next" href="{}">',
]


@st.composite
def mutated(draw, body):
    """body with a few random edits: deletions, duplications, truncation, tag swaps,
    attribute values and inserted snippets with random dates, bylines and text."""
    for _ in range(draw(st.integers(1, 6))):
        size = len(body)
        start = draw(st.integers(0, size))
        end = draw(st.integers(start, min(size, start + 2000)))
        action = draw(st.sampled_from(["delete", "duplicate", "truncate", "swap", "attribute", "insert", "insert"]))
        if action == "delete":
            body = body[:start] + body[end:]
        elif action == "duplicate":
            body = body[:end] + body[start:end] + body[end:]
        elif action == "truncate":
            body = body[:start]
        elif action == "swap":
            old, new = draw(st.sampled_from(TAGS)), draw(st.sampled_from(TAGS))
            body = body[:start] + body[start:].replace(b"<" + old, b"<" + new, draw(st.integers(1, 20)))
        elif action == "attribute":
            value = draw(escaped_text | date_text | any_url).replace('"', "&quot;").encode("utf-8", "surrogatepass")
            body = body[:start] + re.sub(rb'="[^"]*"', b'="' + value.replace(b"\\", b"\\\\") + b'"', body[start:], 1)
        else:
            snippet = draw(st.sampled_from(SNIPPETS))
            values = [draw(st.one_of(escaped_text, date_text, byline, any_url)).replace('"', "&quot;")
                      for _ in range(snippet.count(b"{}"))]
            body = body[:start] + snippet.replace(b"{}", b"%s") % tuple(v.encode("utf-8", "surrogatepass")
                                                                     for v in values) + body[start:]
    return body


@st.composite
def article_page(draw):
    url, body = draw(st.sampled_from(ARTICLES))
    return url, draw(mutated(body))


@st.composite
def listing_page(draw):
    url, body = draw(st.sampled_from(LISTINGS))
    return url, draw(mutated(body))


# -- the page objects ---------------------------------------------------------------------


@FEW
@given(article_page())
@example(("https://kyivindependent.com/news/x/",  # each of these once escaped or came out malformed
          b'<html lang="0 -"><link rel="canonical" href="/news/x/">'
          b'<meta property="article:published_time" content="0001-01-01T00:00:00">'
          b'<meta property="article:modified_time" content="2025-01-01T10:00:00+25:00">'
          b'<h1 class="c-post__title">Head&#1;line\x00</h1><span class="c-post__read-time">99999999999 min</span>'
          b'<div class="c-post__byline">By by Jane Doe, February 24, 2025 | jane@example.org</div>'))
@example(("https://kyivindependent.com/news/x/", b'<link rel="canonical" href="https://kyivindependent.com:abc/x">'))
def test_mutated_article_pages_give_wellformed_items(page):
    url, body = page
    check_item(extracted(url, body))


@FEW
@given(st.binary(max_size=3000) | escaped_text.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_random_bytes_as_an_article_page(body):
    response = HtmlResponse(url="https://kyivindependent.com/news/x/", body=body, encoding="utf-8")
    check_item(extracted(response.url, body))
    for link, _ in ListingPage(response).cards():
        check_web_url(link)


@FEW
@given(listing_page())
@example(("https://kyivindependent.com/news-archive/",
          b'<article class="archiveCard"><a class="archiveCard__link" href="http://[oops/">x</a></article>'
          b'<link rel="next" href="http://[::1">'))
def test_mutated_listing_pages_give_absolute_links(page):
    url, body = page
    listing = ListingPage(HtmlResponse(url=url, body=body, encoding="utf-8"))
    for link, published in listing.cards():
        assert urlsplit(link).scheme in ("http", "https"), link
        host_of(link)
        normalize_url(link)
    next_page = listing.next_page()
    assert next_page is None or urlsplit(next_page).scheme in ("http", "https")


@FEW
@given(st.integers(0, len(FEED)), st.integers(0, 3000), st.sampled_from(["delete", "truncate", "link"]),
       any_url | date_text)
@example(0, 0, "link", "http://[oops/")
@example(0, len(FEED), "truncate", "")
def test_mutated_feed_gives_parseable_links(start, length, action, text):
    if action == "delete":
        body = FEED[:start] + FEED[start + length:]
    elif action == "truncate":
        body = FEED[:start]
    else:
        body = FEED.replace(b"<link>", b"<link>" + text.replace("<", "&lt;").replace("&", "&amp;").encode(), 1)
    response = XmlResponse(url="https://kyivindependent.com/news-archive/rss/", body=body)
    for link, published in FeedPage(response).entries():
        assert link == link.strip()
        urlsplit(link)  # the spider splits every link it is given
        host_of(link)


@settings(FEW, max_examples=25)
@given(article_page())
@example(("https://kyivindependent.com/news/x/",  # each raised ValueError
          b'<meta property="article:published_time" content="2025-01-01T10:00:00+25:00">'
          b'<link rel="canonical" href="http://[oops/"><h1>Head</h1><p>Body text.</p>'))
def test_extract_article_on_mutated_pages(page):
    url, body = page
    check_item(extract_article(body.decode("utf-8", "replace"), url))


# -- the cleaning functions ---------------------------------------------------------------


@MANY
@given(escaped_text | odd_text)
@example("a\x00b\x01c")
@example("Headline&#1;with&#x7f;controls\x85")
def test_clean_text_gives_one_clean_line(value):
    cleaned = p.clean_text(value)
    check_text(cleaned)
    assert p.clean_text(cleaned) == cleaned


@MANY
@given(date_text)
@example("0001-01-01T00:00:00")  # Kyiv time before year 1 UTC
@example("9999-12-31T23:59:59-05:00")  # after year 9999 UTC
@example("0999-05-01T10:00:00Z")  # a three-digit year
@example("2025-01-01T10:00:00+25:00")  # an offset of a day or more
@example("February 30, 2025 25:61 PM")
def test_dates_are_utc_iso_or_none(value):
    check_date(p.to_utc_iso(value))


@MANY
@given(byline)
@example("By by Jane Doe")
@example("By Jane Doe, February 24, 2025")
@example("Jane Doe and news@kyivindependent.com, https://kyivindependent.com/author/jane/")
@example("By:")
def test_bylines_give_names_only(value):
    names = p.split_authors(value)
    for name in names:
        check_author(name)


@MANY
@given(st.lists(st.sampled_from(NAMES), min_size=1, max_size=4),
       st.sampled_from([", ", " and ", " & ", ",\n"]), st.sampled_from(["", "By ", "by  ", "BY\u00a0"]))
def test_bylines_keep_every_name(names, separator, prefix):
    assert p.split_authors(prefix + separator.join(names)) == names


@MANY
@given(escaped_text | odd_text | st.builds("{} ({})".format, odd_text, odd_text))
def test_captions_split_into_caption_and_credit(value):
    result = p.split_caption(value)
    if result is not None:
        assert set(result) == {"caption", "credit"}
        check_text(result["caption"])
        check_text(result["credit"])
        assert result["caption"] or result["credit"]


@MANY
@given(st.builds("{} min read".format, number) | odd_text)
@example("99999999999999999999 min read")
def test_reading_minutes_fit_a_database_integer(value):
    minutes = p.reading_minutes(value)
    assert minutes is None or 0 <= minutes < 2**31


@MANY
@given(http_url)
@example("https://kyivindependent.com/x/amp/amp")
@example("http://[::1]:8000/a")
@example("https://kyivindependent.com:99999/x")
def test_normalize_url_is_idempotent_and_keeps_host_and_path(url):
    normal = normalize_url(url)
    assert normalize_url(normal) == normal
    parts, original = urlsplit(normal), urlsplit(url)
    assert parts.scheme in ("http", "https")
    assert parts.hostname == host_of(url)
    assert parts.query == parts.fragment == ""
    kept = original.path.rstrip("/")
    while kept.endswith("/amp") and kept != "/amp":
        kept = kept[: -len("/amp")].rstrip("/")
    assert parts.path.rstrip("/") == kept


@MANY
@given(any_url)
def test_normalize_url_never_raises(url):
    normal = normalize_url(url)
    assert normal is None or normalize_url(normal) == normal


@MANY
@given(st.lists(st.one_of(escaped_text, date_text, byline, any_url), max_size=4), st.sampled_from(
    ["headline", "description", "authors", "date_published", "date_modified", "tags", "section",
     "main_image", "reading_time", "url", "canonical_url", "language", "article_body"]))
@example(["0"], "url")
def test_loaders_clean_any_raw_value(values, field):
    generic = ArticleLoader()  # leaves URLs as given: the generic layer has no site to normalise to
    generic.add_value(field, values)
    item = generic.load_item()
    check_item({**item, "url": None, "canonical_url": None})
    site = KyivIndependentLoader()
    site.add_value(field, values)
    check_item(site.load_item())


# -- security: the database password never reaches a log line or an error -----------------

PASSWORD = "s3cret-pw"
UNREACHABLE = f"postgresql+psycopg://newscrawl:{PASSWORD}@127.0.0.1:1/newscrawl"


def test_database_password_stays_out_of_pipeline_errors_and_logs(tmp_path, caplog):
    from scrapy import Spider
    from scrapy.utils.test import get_crawler

    from newscrawl.archive.state import Archive

    class NewsSpider(Spider):
        name = "kyivindependent"

    settings = {"NEWSCRAWL_DATABASE_URL": UNREACHABLE, "NEWSCRAWL_SPOOL_PATH": str(tmp_path / "spool.jsonl")}
    crawler = get_crawler(NewsSpider, settings)
    crawler.spider = crawler._create_spider()
    archive = Archive.from_crawler(crawler)
    with caplog.at_level("DEBUG"), pytest.raises(Exception) as error:
        asyncio.run(archive.open())
    import traceback
    text = caplog.text + "".join(traceback.format_exception(error.value)) + repr(error.value)
    assert "127.0.0.1" in text  # the error says where
    assert PASSWORD not in text


def test_database_password_stays_out_of_a_crawl_log(testsite, tmp_path):
    from conftest import run_crawl

    base_url, _ = testsite
    crawl = run_crawl(base_url, tmp_path, "max_pages=1", db_url=UNREACHABLE, timeout=120)
    assert crawl.returncode != 0
    assert "127.0.0.1:1" in crawl.log or "port 1" in crawl.log
    assert PASSWORD not in crawl.log
    assert PASSWORD not in json.dumps(crawl.stats)
