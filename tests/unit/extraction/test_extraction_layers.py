"""Each extraction layer on small stored pages, and the merged record."""

from pathlib import Path

import pytest

from newscrawl import sites
from newscrawl.extraction import extract_article
from newscrawl.extraction.sites import site_page
from newscrawl.loaders import ArticleLoader
from newscrawl.extraction.article import parse_html
from newscrawl.extraction.generic import generic_fields
from newscrawl.extraction.jsonld import jsonld_fields
from newscrawl.extraction.meta import meta_fields
from newscrawl.extraction.nextdata import nextdata_fields

FIXTURES = Path(__file__).parents[2] / "fixtures" / "extraction"
URL = "https://news.example/story"


def tree_of(name):
    return parse_html((FIXTURES / name).read_text(encoding="utf-8"))


def record_of(name):
    return extract_article((FIXTURES / name).read_text(encoding="utf-8"), URL)


def test_jsonld_finds_article_in_graph_with_list_type():
    fields = jsonld_fields(tree_of("jsonld_graph.html"))
    assert fields["headline"] == "Flood barrier opens early - Example Post"
    assert fields["authors"] == ["By Anna Berger", "Jo Lee and Sam Roe", "Example Post"]
    assert fields["date_published"] == "2024-05-03T17:47:42+02:00"
    assert fields["main_image_url"] == "/img/barrier.jpg"
    assert fields["publisher"] == "Example Post"


def test_meta_fields_skip_profile_urls_and_read_canonical():
    fields = meta_fields(tree_of("meta_only.html"))
    assert fields["authors"] == ["Maria Lopez"]
    assert fields["tags"] == ["Cycling", "Council"]
    assert fields["date_published"] == "2023-08-30T16:45:00+01:00"
    assert fields["canonical_url"] == "/transport/bike-lanes"
    assert fields["language"] == "en-GB"


def test_nextdata_finds_title_and_epoch_date():
    fields = nextdata_fields(tree_of("nextdata.html"))
    assert fields == {"headline": "Harbour ferry returns", "date_published": 1714741662000,
                      "date_modified": "2024-05-04T10:00:00Z", "description": "Repairs are finished."}


def test_generic_layer_reads_h1_byline_and_body():
    fields = generic_fields(tree_of("generic_only.html"), URL, need=("authors",))
    assert fields["headline"] == "Night market reopens"
    assert fields["authors"] == ["By Lena Park and Tom Weiss, staff reporters"]
    assert "renovation" in " ".join(fields["article_body"])  # one paragraph a line


def test_record_from_jsonld_page():
    record = record_of("jsonld_graph.html")
    assert record["headline"] == "Flood barrier opens early"
    assert record["authors"] == ["Anna Berger", "Jo Lee", "Sam Roe"]
    assert record["date_published"] == "2024-05-03T15:47:42Z"
    assert record["date_modified"] == "2024-05-04T06:00:00Z"
    assert record["language"] == "de"
    assert record["url"] == record["canonical_url"] == "https://news.example/flood-barrier"
    assert record["article_body"].split("\n\n")[0].startswith("The river barrier opened")
    assert record["_sources"]["headline"] == "structured"


def test_record_from_meta_page_has_standfirst_once_and_no_headline_in_body():
    record = record_of("meta_only.html")
    assert record["headline"] == "Council approves new bike lanes"
    assert record["authors"] == ["Maria Lopez"]
    paragraphs = record["article_body"].split("\n\n")
    assert paragraphs[0] == "Three streets get protected lanes by autumn."
    assert "Privacy" not in record["article_body"]
    assert record["_sources"]["article_body"] == "generic"


def test_record_from_nextdata_page():
    record = record_of("nextdata.html")
    assert record["headline"] == "Harbour ferry returns"
    assert record["date_published"] == "2024-05-03T13:07:42Z"


def test_record_from_generic_page():
    record = record_of("generic_only.html")
    assert record["authors"] == ["Lena Park", "Tom Weiss"]
    assert record["date_published"] == "2025-06-30T09:00:00Z"
    assert record["_sources"]["authors"] == "generic"
    assert not record["article_body"].startswith("Night market reopens")


class FakePage:
    """A site page object, as newscrawl.sites modules have, for a layout it does not recognise."""

    loader_class = ArticleLoader

    def __init__(self, selector, url):
        self.url = url

    def recognised(self):
        return False

    def raw_fields(self):
        return {"headline": "Site headline", "authors": ["Site Author"]}


@pytest.fixture
def registered_site():
    saved = dict(sites.PAGE_CLASSES)
    sites.register(FakePage, ["www.news.example"])
    yield
    sites.PAGE_CLASSES.clear()
    sites.PAGE_CLASSES.update(saved)


def test_site_layer_wins_where_it_gives_a_value(registered_site):
    record = record_of("jsonld_graph.html")
    assert record["headline"] == "Site headline"
    assert record["authors"] == ["Site Author"]
    assert record["_sources"]["headline"] == "site"
    assert record["_sources"]["date_published"] == "structured"


def test_no_site_page_for_unknown_hosts():
    assert site_page(parse_html("<html><p>x</p></html>"), URL) is None


def test_the_kyiv_independent_is_registered():
    assert sites.page_class_for("https://www.kyivindependent.com/some-story/").__name__ == "ArticlePage"


@pytest.mark.parametrize("html", ["", "   ", "no markup at all", "<html></html>"])
def test_empty_pages_give_an_empty_valid_record(html):
    record = extract_article(html, URL)
    assert record["url"] == URL
    assert record["authors"] == [] and record["headline"] is None


KNOWN_LAYOUT = ('<html lang="en"><head><meta property="article:published_time" content="{date}">'
                '<script type="application/ld+json">{{"@type": "NewsArticle", "datePublished": "2025-03-18T13:10:00Z",'
                ' "headline": "Another headline"}}</script></head><body><article class="c-post">'
                '<h1 class="c-post__title">The headline</h1><div class="c-content"><p>Body.</p></div></article>'
                "</body></html>")


@pytest.mark.parametrize("date", ["9999-12-31T00:00:00Z", "0001-01-01T00:00:00Z"])
def test_a_value_out_of_bounds_gives_way_to_a_lower_layer_for_that_field_only(date):
    record = extract_article(KNOWN_LAYOUT.format(date=date), "https://kyivindependent.com/a/")
    assert record["date_published"] == "2025-03-18T13:10:00Z"
    assert record["_sources"]["date_published"] == "structured"
    assert record["headline"] == "The headline" and record["date_published_raw"] is None


def test_a_value_out_of_bounds_stays_when_no_layer_has_a_better_one():
    page = KNOWN_LAYOUT.format(date="9999-12-31T00:00:00Z").replace("2025-03-18T13:10:00Z", "9998-01-01")
    record = extract_article(page, "https://kyivindependent.com/a/")
    assert record["date_published"] == "9999-12-31T00:00:00Z"  # for validation to count and clear
    assert record["_sources"]["date_published"] == "site"


def test_a_canonical_url_on_another_site_does_not_name_the_article():
    html = ('<html><head><link rel="canonical" href="https://elsewhere.example/story"></head>'
            '<body><h1>Title</h1><p>Some text of the story.</p></body></html>')
    record = extract_article(html, URL)
    assert record["url"] == URL and record["canonical_url"] == "https://elsewhere.example/story"
