"""The publication date of the article itself, with the zone the page gives it."""

import json

import pytest

from newscrawl.extraction import extract_article
from newscrawl.extraction.article import parse_html
from newscrawl.extraction.times import shown_time

URL = "https://news.example/story"
STORY = "<p>" + "The council met on Tuesday and decided to keep the harbour open. " * 8 + "</p>"


def published(head="", body="", ld=None):
    """date_published of a small page: JSON-LD objects, extra <head> markup, a body before the story."""
    scripts = "".join(f'<script type="application/ld+json">{json.dumps(obj)}</script>' for obj in ld or [])
    html = (f"<html><head>{scripts}{head}</head><body>{body}"
            f"<article><h1>Harbour stays open</h1>{STORY}</article></body></html>")
    return extract_article(html, URL)["date_published"]


def test_a_meta_time_with_an_offset_wins_over_the_same_day_in_jsonld_without_a_zone():
    ld = [{"@type": "NewsArticle", "headline": "Harbour stays open", "datePublished": "2024-05-03T10:00:00"}]
    head = '<meta property="article:published_time" content="2024-05-03T10:00:00+02:00">'
    assert published(head, ld=ld) == "2024-05-03T08:00:00Z"


def test_a_meta_time_with_an_offset_wins_over_the_same_time_in_jsonld_on_the_next_day():
    ld = [{"@type": "NewsArticle", "headline": "Harbour stays open", "datePublished": "2024-05-04T00:30:00"}]
    head = '<meta property="article:published_time" content="2024-05-03T22:30:00Z">'
    assert published(head, ld=ld) == "2024-05-03T22:30:00Z"


def test_a_zoneless_jsonld_time_stays_when_no_zoned_time_falls_on_its_day():
    ld = [{"@type": "NewsArticle", "headline": "Harbour stays open", "datePublished": "2024-05-03T10:00:00"}]
    head = '<meta property="article:published_time" content="2024-05-01T10:00:00+02:00">'
    assert published(head, ld=ld) == "2024-05-03T10:00:00Z"


def test_a_related_teasers_time_is_not_the_articles():
    story_time = '<time datetime="2024-05-03T10:00:00+02:00">3 May</time>'
    related = ('<div class="related-stories"><div><time datetime="2023-01-02T08:00:00Z">2 Jan</time>'
               "<h3>Older story</h3></div></div>")
    assert published(body=related + story_time) == "2024-05-03T08:00:00Z"
    linked = ('<ul><li><a href="/older"><time class="published" datetime="2023-01-03T08:00:00Z">3 Jan</time>'
              "Another older story</a></li></ul>")
    assert published(body=linked + story_time) == "2024-05-03T08:00:00Z"


def test_a_teaser_list_in_jsonld_is_not_the_article():
    teasers = {"@type": "ItemList", "itemListElement": [
        {"@type": "NewsArticle", "headline": "Older story", "datePublished": "2023-01-02T08:00:00Z"}]}
    article = {"@type": "NewsArticle", "headline": "Harbour stays open", "datePublished": "2024-05-03T08:00:00Z"}
    assert published(ld=[teasers, article]) == "2024-05-03T08:00:00Z"


def test_a_permalink_around_the_storys_own_time_keeps_it():
    permalink = '<a href="/story" rel="bookmark"><time datetime="2024-05-03T10:00:00+02:00">3 May 2024</time></a>'
    assert published(body=permalink) == "2024-05-03T08:00:00Z"


def test_a_teasers_time_before_the_story_yields_to_the_time_beside_its_headline():
    teaser = ('<section class="more-stories"><h3>Older story</h3><time datetime="2023-01-02T08:00:00Z">2 Jan</time>'
              "</section>")
    story = ('<article><header><h1>Harbour stays open</h1><time datetime="2024-05-03T10:00:00+02:00">3 May</time>'
             f"</header>{STORY}</article>")
    html = f"<html><body>{teaser}{story}</body></html>"
    assert extract_article(html, URL)["date_published"] == "2024-05-03T08:00:00Z"


def test_of_several_articles_in_jsonld_the_one_of_the_pages_own_url_is_the_article():
    other = {"@type": "NewsArticle", "headline": "Older story", "url": "https://news.example/older",
             "datePublished": "2023-01-02T08:00:00Z"}
    own = {"@type": "NewsArticle", "headline": "Harbour stays open", "url": "https://news.example/story/",
           "datePublished": "2024-05-03T08:00:00Z"}
    head = '<link rel="canonical" href="https://www.news.example/story">'
    assert published(head, ld=[{"@graph": [other, own]}]) == "2024-05-03T08:00:00Z"


def record_in(language, date):
    """The record of a small page in ``language`` whose only date is ``date``, a time without a zone."""
    html = (f'<html lang="{language}"><head><meta property="article:published_time" content="{date}">'
            '<meta property="article:modified_time" content="2023-04-28T20:05:00"></head>'
            f"<body><article><h1>Harbour stays open</h1>{STORY}</article></body></html>")
    return extract_article(html, URL)


def test_a_time_without_a_zone_is_the_time_of_the_pages_language_where_it_has_one_zone():
    summer = record_in("de", "2023-04-28 19:50:30")
    assert summer["date_published"] == "2023-04-28T17:50:30Z"
    assert summer["date_modified"] == "2023-04-28T18:05:00Z"  # its modified time in the same zone
    assert summer["date_published_raw"] == "2023-04-28 19:50:30"  # as the page wrote it
    assert record_in("de-AT", "2024-01-10T10:00:00")["date_published"] == "2024-01-10T09:00:00Z"
    assert record_in("ja", "2025-01-31T11:30:00")["date_published"] == "2025-01-31T02:30:00Z"
    assert record_in("en-GB", "2024-07-01T10:00:00")["date_published"] == "2024-07-01T09:00:00Z"


def test_a_time_without_a_zone_in_a_language_of_many_zones_and_a_date_alone_stay_as_they_are():
    assert record_in("en-US", "2024-07-01T10:00:00")["date_published"] == "2024-07-01T10:00:00Z"
    assert record_in("es", "2024-07-01T10:00:00")["date_published"] == "2024-07-01T10:00:00Z"
    assert record_in("de", "2024-07-01")["date_published"] == "2024-07-01T00:00:00Z"  # the day, not 22:00 before it
    assert record_in("de", "2024-07-01T10:00:00+00:00")["date_published"] == "2024-07-01T10:00:00Z"


def test_the_raw_date_string_is_the_one_the_date_was_read_from():
    # a <time> whose text is no date the loader reads (a month in Spanish), and a byline's date it does
    html = ('<html><head></head><body><time datetime="jueves, 09 enero 2014 10:21">jueves, 09 enero 2014</time>'
            "<h1>Council keeps the harbour open</h1><p>Anna Berger | 2014-01-08</p>"
            + "<p>The council met on Tuesday and decided to keep the harbour open.</p>" * 5 + "</body></html>")
    record = extract_article(html, "https://news.example/story")
    assert (record["date_published"], record["date_published_raw"]) == ("2014-01-08T00:00:00Z", "2014-01-08")


@pytest.mark.parametrize("line, shown", [
    ("<span>30.04.2024, 18:58</span>", "2024-04-30T18:58"),
    ("<p>Posted April 30, 2024 6:58 pm</p>", "2024-04-30T18:58"),
    ('<div class="date-line"><span>April 30, 2024</span><span>7:55 AM UTC</span></div>', "2024-04-30T07:55 UTC"),
    ("<time>Di 30.04.24 | 18:58 Uhr</time>", "2024-04-30T18:58"),
    ("<p>2024年4月30日 10:01</p>", "2024-04-30T10:01"),
    # an update's time, another story's, another day's, a sentence that mentions a time: none
    ("<p>Updated 30.04.2024, 18:58</p>", None),
    ('<ul class="related-list"><li>30.04.2024, 18:58</li></ul>', None),
    ("<span>29.04.2024, 18:58</span>", None),
    ('<p><span style="display: none">Update: <span>30.04.2024 23:49</span></span> <span>30.04.2024 21:52</span></p>',
     "2024-04-30T21:52"),
    ("<p>The council met on 30 April 2024 and voted at 18:58, after a debate that lasted the whole day long, "
     "on the harbour.</p>", None),
])
def test_the_time_shown_beside_the_day(line, shown):
    tree = parse_html(f"<html><body><h1>Harbour stays open</h1>{line}{STORY}</body></html>")
    found = shown_time(tree, "2024-04-30")
    assert (found[0] if found else None) == shown


def test_without_metadata_the_time_beside_the_day_is_read_in_the_page_languages_zone():
    html = (f'<html lang="de"><body><h1>Hafen bleibt offen</h1><span class="date">30.04.2024, 18:58</span>{STORY}'
            "</body></html>")
    record = extract_article(html, URL)
    assert (record["date_published"], record["date_published_raw"]) == ("2024-04-30T16:58:00Z", "30.04.2024, 18:58")
