"""Page objects on stored pages: every field against its reviewed expectation."""

import json

import pytest
from scrapy.http import HtmlResponse, XmlResponse

from conftest import FIXTURES, SEED, response_from_file
from newscrawl.sites.kyivindependent import ArticlePage, FeedPage, ListingPage
from newscrawl.spiders.kyivindependent import analyse_article

PAGES = FIXTURES / "kyivindependent"
ARTICLES = sorted(PAGES.glob("article/*.json"))


def load(path):
    record = json.loads(path.read_text())
    return record, response_from_file(path.with_suffix(".html"), record["url"])


def extracted(response):
    """The fields the crawl extracts from an article page (as parse_article gets them), the empty ones left out."""
    record = analyse_article(type(response), response.url, response.body, response.encoding)["record"]
    return {field: value for field, value in record.items() if value not in (None, []) and not field.startswith("_")}


@pytest.mark.parametrize("fixture", ARTICLES, ids=[path.stem for path in ARTICLES])
def test_article_fields(fixture):
    record, response = load(fixture)
    item = extracted(response)
    for field, expected in record["expected"].items():
        assert item.get(field) == expected, field
    # Nothing beyond the expectation, but the derived fields.
    assert set(item) - set(record["expected"]) <= {"word_count"}


def test_seed_fixture_matches_the_shared_record():
    record, response = load(PAGES / "article" / "seed.json")
    shared = json.loads((SEED / "expected-item.json").read_text())
    item = extracted(response)
    for field, value in shared.items():
        if field != "url":
            assert item[field] == value, field


@pytest.mark.parametrize("name", ["news-archive-page-2", "tag-war"])
def test_listing_pages(name):
    record, response = load(PAGES / "section" / f"{name}.json")
    page, expected = ListingPage(response), record["expected"]
    cards = list(page.cards())
    assert len(cards) == expected["card_count"]
    if "first_card" in expected:
        assert list(cards[0]) == expected["first_card"]
    if "last_card" in expected:
        assert list(cards[-1]) == expected["last_card"]
    assert page.next_page() == expected["next_page"]


def test_feed_page():
    path = PAGES / "feed" / "news-archive-rss.json"
    record = json.loads(path.read_text())
    response = XmlResponse(url=record["url"], body=path.with_suffix(".xml").read_bytes())
    entries = list(FeedPage(response).entries())
    assert len(entries) == record["expected"]["entry_count"]
    assert list(entries[0]) == record["expected"]["first_entry"]


def test_non_article_page_is_not_an_article():
    html = b'<html><head><meta property="og:type" content="website"></head><body><h1>About</h1></body></html>'
    assert not ArticlePage(HtmlResponse(url="https://kyivindependent.com/about/", body=html)).is_article()


ODD_BODY = b"""<html><body><article class="c-post post">
<div class="c-post__byline">by <a class="c-post__author">A</a> and <span><a class="x c-post__author">B</a></span>
<a class="c-post__author-box">not an author</a></div>
<div class="c-content"><p>One <span class="kg-card">inline card stays</span>.</p>
<ul><li><p>Nested block counted once</p></li></ul>
<div class="c-content"><p>Inner container, read once</p></div>
<figure><figcaption><p>Figure text</p></figcaption></figure>
<div class="c-member-cta"><p>Join us</p></div><form><p>Email</p></form>
<div\tclass="wrap\tc-related"><h2>Related</h2></div><blockquote><p>Quote</p></blockquote></div>
<aside><div class="c-content"><p>Aside container</p></div></aside>
<div class="c-content kg-card"><p>Excluded container</p></div>
</article></body></html>"""


def test_article_queries_follow_css_and_body_rules():
    page = ArticlePage(HtmlResponse(url="https://kyivindependent.com/odd/", body=ODD_BODY))
    assert page.authors() == ["A", "B"]
    assert page.article_body() == ["One inline card stays.", "Nested block counted once", "Inner container, read once",
                                   "Quote"]


def test_post_index_selects_like_css():
    page = ArticlePage(HtmlResponse(url="https://kyivindependent.com/odd/", body=ODD_BODY))
    assert [element.text for element in page.index.select("ul p")] == ["Nested block counted once"]
    for css in ("div.c-content p", ".c-post__byline a.c-post__author", "div p", "article.c-post"):
        assert page.index.select(css) == [selector.root for selector in page.sel.css(css)], css
