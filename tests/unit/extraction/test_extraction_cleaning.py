"""Cleaning functions of newscrawl.extraction (to move into the loader later)."""

import pytest

from newscrawl.extraction import cleaning


@pytest.mark.parametrize("raw, expected", [
    ("2024-05-03T17:47:42+02:00", "2024-05-03T15:47:42Z"),
    ("2024-05-03T15:47:42.389Z", "2024-05-03T15:47:42Z"),
    ("2024-04-24", "2024-04-24T00:00:00Z"),
    ("Fri, 03 May 2024 17:47:42 +0200", "2024-05-03T15:47:42Z"),
    (1714741662000, "2024-05-03T13:07:42Z"),
    ("yesterday", None),
    ("", None),
])
def test_clean_date(raw, expected):
    assert cleaning.clean_date(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
    (["Von Anna Berger", "anna berger", "dpa"], ["Anna Berger", "dpa"]),
    ("Jane Doe, Staff Reporter", ["Jane Doe"]),
    (["https://example.com/jane", "jane@example.com", "Jane Doe"], ["Jane Doe"]),
    ("Lena Park | 30.06.2025", ["Lena Park"]),
    ("BR24 Redaktion", ["BR24 Redaktion"]),
    (None, []),
])
def test_clean_authors(raw, expected):
    assert cleaning.clean_authors(raw) == expected


def test_clean_text_normalises_unicode_entities_and_space():
    assert cleaning.clean_text("  Cafe\u0301 &amp;\n soft\u00adhyphen ") == "Café & softhyphen"


def test_clean_body_joins_paragraphs_with_blank_lines():
    assert cleaning.clean_body("One.\n\n\n  Two  \nThree.") == "One.\n\nTwo\n\nThree."


@pytest.mark.parametrize("raw, expected", [("de-AT", "de"), ("en_GB", "en"), ("FR", "fr"), ("", None)])
def test_clean_language(raw, expected):
    assert cleaning.clean_language(raw) == expected


def test_clean_list_splits_and_dedupes():
    assert cleaning.clean_list("flood, river, Flood") == ["flood", "river"]


def test_clean_url_resolves_relative_and_rejects_other_schemes():
    assert cleaning.clean_url("/a", "https://news.example/x") == "https://news.example/a"
    assert cleaning.clean_url("javascript:void(0)", "https://news.example/") is None


def test_clean_date_knows_common_zone_abbreviations():
    assert cleaning.clean_date("May 3, 2024 5:47 PM CEST") == "2024-05-03T15:47:00Z"


def test_clean_date_rejects_dates_with_unknown_parts():
    assert cleaning.clean_date("3. Mai 2024 17:47") is None
