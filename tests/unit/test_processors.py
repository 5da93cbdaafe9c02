"""Unit tests of the cleaning functions and the loader."""

from zoneinfo import ZoneInfo

import pytest

from newscrawl import processors as p
from newscrawl.loaders import ArticleLoader
from newscrawl.sites.kyivindependent import KyivIndependentLoader
from newscrawl.urls import normalize_url


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("  Kyiv\u00a0Independent  ", "Kyiv Independent"),
        ("Zelens\u200bkyy", "Zelenskyy"),
        ("Tom &amp; Jerry", "Tom & Jerry"),
        ("Caf\u0065\u0301", "Caf\u00e9"),  # NFD accent composed to NFC
        ("a \t  b", "a b"),
        ("\ufeffBOM", "BOM"),
        ("  Cafe\u0301 &amp;\n soft\u00adhyphen ", "Café & softhyphen"),
        ("Tom &amp;amp; Jerry", "Tom & Jerry"),  # escaped twice, as JSON-LD built from escaped HTML has it
        ("   ", None),
        (None, None),
    ],
)
def test_clean_text(raw, clean):
    assert p.clean_text(raw) == clean


@pytest.mark.parametrize(
    "raw, iso",
    [
        ("March 18, 2025 3:10 PM", "2025-03-18T13:10:00Z"),  # EET, UTC+2
        ("July 1, 2024 3:10 PM", "2024-07-01T12:10:00Z"),  # EEST, UTC+3
        ("March 30, 2025 2:59 AM", "2025-03-30T00:59:00Z"),  # just before the spring switch
        ("March 30, 2025 4:00 AM", "2025-03-30T01:00:00Z"),  # just after it
        ("October 26, 2025 3:30 AM", "2025-10-26T00:30:00Z"),  # ambiguous hour: first (summer) reading
        ("October 26, 2025 4:30 AM", "2025-10-26T02:30:00Z"),
        ("January 1, 2024 12:05 AM", "2023-12-31T22:05:00Z"),  # midnight hour, previous UTC day
        ("January 1, 2024 12:05 PM", "2024-01-01T10:05:00Z"),
        ("October 29, 2022 10:42 am", "2022-10-29T07:42:00Z"),  # WordPress-era lowercase
        ("2025-06-03T13:43:00.000Z", "2025-06-03T13:43:00Z"),
        ("Tue Jun 03 2025 13:18:00 GMT+0000 (Coordinated Universal Time)", "2025-06-03T13:18:00Z"),
        ("Thu, 24 Sep 2026 15:59:18 GMT", "2026-09-24T15:59:18Z"),
        ("2024-05-03T17:47:42+02:00", "2024-05-03T15:47:42Z"),
        ("Someday at noon", None),
        ("", None),
    ],
)
def test_to_utc_iso_in_a_local_zone(raw, iso):
    assert p.to_utc_iso(raw, ZoneInfo("Europe/Kyiv")) == iso  # Kyiv time when no zone is given


@pytest.mark.parametrize("raw, iso", [
    ("2024-05-03T17:47:42+02:00", "2024-05-03T15:47:42Z"),
    ("2024-05-03T15:47:42.389Z", "2024-05-03T15:47:42Z"),
    ("2024-04-24", "2024-04-24T00:00:00Z"),  # UTC when no zone is given
    ("Fri, 03 May 2024 17:47:42 +0200", "2024-05-03T15:47:42Z"),
    (1714741662000, "2024-05-03T13:07:42Z"),  # an epoch in milliseconds
    ("1714741662", "2024-05-03T13:07:42Z"),
    ("May 3, 2024 5:47 PM CEST", "2024-05-03T15:47:00Z"),  # a zone abbreviation
    ("3. Mai 2024 17:47", None),  # a month it does not know: not a date with its day 3 of January
    ("2024", None),  # a year alone is no date
    ("12", None),
    ("yesterday", None),
])
def test_to_utc_iso(raw, iso):
    assert p.to_utc_iso(raw) == iso


@pytest.mark.parametrize(
    "byline, names",
    [
        ("by Martin Fornusek", ["Martin Fornusek"]),
        ("by Anastasiia Lapatina and Jakub Parusinski", ["Anastasiia Lapatina", "Jakub Parusinski"]),
        ("By A Person, B Person and C Person", ["A Person", "B Person", "C Person"]),
        ("by Martin Fornusek and The Kyiv Independent news desk",
         ["Martin Fornusek", "The Kyiv Independent news desk"]),
        ("Authors:  Martin Fornusek ", ["Martin Fornusek"]),
        ("Von Anna Berger", ["Anna Berger"]),
        ("Written by Anna Kowalska", ["Anna Kowalska"]),
        ("Anna Kowalska · Updated 10:15 AM", ["Anna Kowalska"]),
        ("admin", []),
        ("05.06.2025 um 14:46 von Anna Berger", ["Anna Berger"]),
        ("Updated 10:15 AM by Anna Berger and Tom Weiss", ["Anna Berger", "Tom Weiss"]),
        ("Geschrieben von Anna Berger und Tom Weiss", ["Anna Berger", "Tom Weiss"]),
        ("Escrito por Ana García", ["Ana García"]),
        ("Jane Doe, Staff Reporter", ["Jane Doe"]),
        ("By Staff Reporter", ["Staff Reporter"]),
        ("AP Staff", ["AP Staff"]),
        ("Lena Park | 30.06.2025", ["Lena Park"]),
        ("BR24 Redaktion", ["BR24 Redaktion"]),
        ("https://example.com/jane", []),
        ("jane@example.com", []),
        ("", []),
        # the kind of story before "by", a place or an outlet after the name
        ("Analysis by Anna Berger", ["Anna Berger"]),
        ("Opinion by Anna Berger and Tom Weiss", ["Anna Berger", "Tom Weiss"]),
        ("Text and photos by Anna Berger", ["Anna Berger"]),
        ("Ein Kommentar von Anna Berger", ["Anna Berger"]),
        ("By Anna Berger in Kyiv", ["Anna Berger"]),
        ("Anna Berger for The Associated Press", ["Anna Berger"]),
        ("Von Anna Berger aus Berlin", ["Anna Berger"]),
        ("Anna Berger with additional reporting by Tom Weiss", ["Anna Berger", "Tom Weiss"]),
        ("Anna Berger Updated 10:15 AM", ["Anna Berger"]),
        ("Anna Berger, Tom Weiss Veröffentlicht am 3. Mai 2024", ["Anna Berger", "Tom Weiss"]),
        ("Anna Berger, [monthFull] [day]", ["Anna Berger"]),
        ("Anna Berger | 4 months ago", ["Anna Berger"]),
        ("Anna Berger vor 3 Stunden", ["Anna Berger"]),
        ("Anna Berger, Kyiv, Ukraine", ["Anna Berger"]),
        ("news.example, Frankfurt, Germany", ["news.example"]),
        # a pictograph, an outlet or place after a spaced dash, a capitalised "For"
        ("Anna Berger ❤️", ["Anna Berger"]),
        ("Anna Berger — Harbour Weekly", ["Anna Berger"]),
        ("Anna Berger - Berlin", ["Anna Berger"]),
        ("By Anna Berger For Harbour Weekly Australia", ["Anna Berger"]),
        # fields between bars with a date among them: the name, a place, the date; an agency stays
        ("Anna Berger | Palma de Mallorca | 08/01/2014", ["Anna Berger"]),
        ("Anna Berger | Reuters | 08/01/2014", ["Anna Berger", "Reuters"]),
        ("Anna_Berger", ["Anna Berger"]),  # an account's name
        # name particles stay
        ("Ursula von der Leyen", ["Ursula von der Leyen"]),
        ("Anna Berger, Lauren del Valle", ["Anna Berger", "Lauren del Valle"]),
        ("Anna Berger, Karl von Habsburg", ["Anna Berger", "Karl von Habsburg"]),
        ("Ana da Silva", ["Ana da Silva"]),
    ],
)
def test_split_authors(byline, names):
    assert p.split_authors(byline) == names


@pytest.mark.parametrize(
    "raw, parts",
    [
        ("Elon Musk leaves a meeting. (Samuel Corum/Getty Images)",
         {"caption": "Elon Musk leaves a meeting.", "credit": "Samuel Corum/Getty Images"}),
        ("Soldiers (left) walk in Kyiv. (Anastasia Vlasova)",
         {"caption": "Soldiers (left) walk in Kyiv.", "credit": "Anastasia Vlasova"}),
        ("A caption without credit.", {"caption": "A caption without credit.", "credit": None}),
        (None, None),
    ],
)
def test_split_caption(raw, parts):
    assert p.split_caption(raw) == parts


def test_small_processors():
    assert p.reading_minutes("2 min read") == 2
    assert p.reading_minutes("0 min read") == 0
    assert p.reading_minutes("soon") is None
    assert [p.language_code(tag) for tag in ("en-US", "de_AT", "FR", "", "0 -")] == ["en", "de", "fr", None, None]
    assert p.count_words("Two words") == 2 and p.count_words(None) is None
    assert p.unique(["News Feed", "Russia", "news feed", "Tech"]) == ["News Feed", "Russia", "Tech"]
    assert p.join_paragraphs([" One. ", "", "Two\u00a0two."]) == "One.\n\nTwo two."


@pytest.mark.parametrize(
    "variant",
    [
        "https://kyivindependent.com/russia-expects-talks-with-musk/",
        "https://kyivindependent.com/russia-expects-talks-with-musk",
        "https://www.kyivindependent.com/russia-expects-talks-with-musk/",
        "https://KyivIndependent.com./russia-expects-talks-with-musk/amp",
        "https://kyivindependent.com/russia-expects-talks-with-musk/amp/",
        "https://kyivindependent.com/russia-expects-talks-with-musk/?utm_source=twitter#x",
    ],
)
def test_normalize_url_variants(variant):
    assert normalize_url(variant) == "https://kyivindependent.com/russia-expects-talks-with-musk/"


def test_normalize_url_keeps_port_and_files():
    assert normalize_url("http://www.127.0.0.1:8080/a") == "http://127.0.0.1:8080/a/"
    assert normalize_url("http://127.0.0.1:8080/sitemap.xml") == "http://127.0.0.1:8080/sitemap.xml"


def test_generic_loader_reads_times_without_zone_as_utc_and_keeps_urls():
    loader = ArticleLoader(base_url="https://news.example/x")
    loader.add_value("date_published", "2025-03-18 13:10")
    loader.add_value("url", "https://news.example/story?id=7")
    loader.add_value("canonical_url", ["javascript:void(0)", "/a"])
    loader.add_value("main_image_url", "http://[oops/")
    loader.add_value("main_image", {"caption": " A\u00a0caption ", "credit": None})
    loader.add_value("reading_time", 4)
    loader.add_value("authors", ["Von Anna Berger", "anna berger", "dpa"])
    loader.add_value("tags", ["flood", " river", "Flood"])
    loader.add_value("article_body", ["One.", "", "  Two  ", "Three."])  # one paragraph a line
    item = loader.load_item()
    assert item["date_published"] == "2025-03-18T13:10:00Z"
    assert item["url"] == "https://news.example/story?id=7"
    assert item["canonical_url"] == "https://news.example/a"  # resolved against the page; no script links
    assert "main_image_url" not in item
    assert item["main_image"] == {"caption": "A caption", "credit": None}
    assert item["reading_time"] == 4
    assert item["authors"] == ["Anna Berger", "dpa"]
    assert item["tags"] == ["flood", "river"]
    assert item["article_body"] == "One.\n\nTwo\n\nThree."


def test_site_loader_cleans_every_field():
    loader = KyivIndependentLoader()
    loader.add_value("url", "https://www.kyivindependent.com/x?utm_source=a")
    loader.add_value("headline", "  A\u00a0headline ")
    loader.add_value("authors", ["by A One and B Two", "A One"])
    loader.add_value("date_published", ["March 18, 2025 3:10 PM", "2020-01-01T00:00:00Z"])
    loader.add_value("tags", ["News Feed", "Tech", "News Feed"])
    loader.add_value("main_image", "Caption. (Credit)")
    loader.add_value("reading_time", "0 min read")
    loader.add_value("article_body", ["First words here.", "  ", "Second."])
    item = loader.load_item()
    assert item["url"] == "https://kyivindependent.com/x/"
    assert item["headline"] == "A headline"
    assert item["authors"] == ["A One", "B Two"]
    assert item["date_published"] == "2025-03-18T13:10:00Z"
    assert item["tags"] == ["News Feed", "Tech"]
    assert item["main_image"] == {"caption": "Caption.", "credit": "Credit"}
    assert item["reading_time"] == 0
    assert item["article_body"] == "First words here.\n\nSecond."
