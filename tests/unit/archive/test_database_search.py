"""python -m newscrawl search: full-text search on SQLite (FTS5) and PostgreSQL (tsvector), the same matches."""

import argparse
import csv
import json

import pytest
from alembic import command
from sqlalchemy import make_url

from conftest import unique_phrase
from newscrawl.archive import search
from newscrawl.archive.migrations import alembic_config
from newscrawl.archive.store import Store
from testsite.content import TestSite

pytest.register_assert_rewrite("dbfixtures")
from dbfixtures import make_item, upgrade  # noqa: E402

pytest_plugins = ["dbfixtures"]

BASE = "https://kyivindependent.com"


def site_items(articles=40):
    """The test site's truth records, as stored items."""
    return [dict(record, crawled_at="2025-03-20T08:00:00Z", discovered_via=BASE + "/news-archive/")
            for record in TestSite(articles=articles).expected(BASE)]


def run_search(url, *argv):
    """Run the search command; return its exit code."""
    parser = argparse.ArgumentParser()
    search.add_parser(parser.add_subparsers())
    url = make_url(url).render_as_string(hide_password=False)
    return search.run(parser.parse_args(["search", *argv, "--url", url]))


def matches(url, query, **filters):
    store = Store(url)
    try:
        return list(search.search(store.engine, search.parse_query(query), **filters))
    finally:
        store.close()


@pytest.fixture
def filled_url(db_url):
    store = Store(db_url)
    store.write_batch(site_items())
    store.close()
    return db_url


def test_parse_query():
    assert search.parse_query('"security guarantees" Zelensky attack* -- "Kyiv’s') == [
        ("phrase", "security guarantees"), ("phrase", "Zelensky"), ("prefix", "attack"), ("phrase", "Kyiv’s")]
    assert search.parse_query('  "" -- ') == []


def test_snippet_is_cut_on_words_around_the_first_hit():
    body = " ".join(f"w{n}" for n in range(100)) + " the security guarantees were " + "x " * 100
    pattern = search.hit_pattern(search.parse_query('"security guarantees"'))
    cut = search.snippet(body, "Standfirst.", pattern)
    assert cut.startswith("…w") and cut.endswith("x…") and "the [security guarantees] were" in cut
    assert len(cut) <= search.SNIPPET_BEFORE + len("security guarantees") + search.SNIPPET_AFTER + 4
    assert search.snippet("No hit here.", "The standfirst.", pattern) == "The standfirst."


def test_a_phrase_from_one_body_finds_that_article(filled_url, capsys):
    items = site_items()
    phrase = unique_phrase(items, 7)
    assert run_search(filled_url, f'"{phrase}"') == 0
    printed = capsys.readouterr().out
    assert printed.count("\n\n") == 1
    headline_line, url_line, snippet_line = printed.splitlines()[:3]
    assert headline_line == f"{items[7]['date_published'][:10]}  {items[7]['headline']}"
    assert url_line.strip() == items[7]["url"] and f"[{phrase}]" in snippet_line
    # The same words out of order are no phrase, but each of them is in the article.
    shuffled = " ".join(reversed(phrase.split()))
    assert matches(filled_url, f'"{shuffled}"') == []
    assert items[7]["url"] in [match["url"] for match in matches(filled_url, shuffled)]


@pytest.fixture
def both_urls(tmp_path, postgres_url):
    """A SQLite and a PostgreSQL database holding the same articles."""
    urls = make_url(f"sqlite:///{tmp_path / 'search.db'}"), postgres_url
    for url in urls:
        upgrade(url)
        store = Store(url)
        store.write_batch(site_items(60))
        store.close()
    return urls


QUERIES = (
    ('"security guarantees"', {}),
    ("Zelensky sanctions", {}),
    ("attack*", {"section": "News Feed"}),
    ("U.S.", {}),
    ("Russia", {"author": "Martin Fornusek"}),
    ('"Ukraine’s"', {"since": TestSite(60).articles[30].published.date()}),
)


@pytest.mark.parametrize("query, filters", QUERIES)
def test_sqlite_and_postgresql_give_the_same_matches(both_urls, query, filters):
    sqlite_matches, postgres_matches = (matches(url, query, **filters) for url in both_urls)
    assert sqlite_matches and sqlite_matches == postgres_matches
    dates = [match["date_published"] for match in sqlite_matches]
    assert dates == sorted(dates, reverse=True)


def test_filters(filled_url):
    found = matches(filled_url, "Russia", section="News Feed", author="The Kyiv Independent news desk")
    items = {item["url"]: item for item in site_items()}
    assert found and len(found) < len(matches(filled_url, "Russia"))
    for match in found:
        item = items[match["url"]]
        assert item["section"] == "News Feed" and "The Kyiv Independent news desk" in item["authors"]


def test_the_index_follows_revisions(db_url):
    store = Store(db_url)
    store.write_batch([make_item(1, article_body="The old wording of the story.")])
    store.write_batch([make_item(1, article_body="The corrected wording of the story.")])
    store.close()
    assert matches(db_url, '"old wording"') == []
    assert [match["url"] for match in matches(db_url, '"corrected wording"')] == [make_item(1)["url"]]


def test_articles_stored_before_the_migration_are_indexed(empty_url):
    upgrade(empty_url)
    store = Store(empty_url)
    store.write_batch([make_item(n) for n in range(3)])
    store.close()
    # Back to before full-text search: the rows stay (the store writes the newest schema's columns only).
    command.downgrade(alembic_config(empty_url), "0002")
    upgrade(empty_url)
    assert {match["url"] for match in matches(empty_url, '"paragraph one of 2"')} == {make_item(2)["url"]}
    upgrade(empty_url, "0002")
    upgrade(empty_url)
    assert len(matches(empty_url, "paragraph two")) == 3


def test_output_files_and_exit_codes(filled_url, tmp_path):
    jsonl, table = tmp_path / "found.jsonl", tmp_path / "found.csv"
    assert run_search(filled_url, "Zelensky", "-o", str(jsonl)) == 0
    assert run_search(filled_url, "Zelensky", "-o", str(table)) == 0
    lines = [json.loads(line) for line in jsonl.read_text().splitlines()]
    assert lines == matches(filled_url, "Zelensky") and list(lines[0]) == list(search.FIELDS)
    assert list(csv.DictReader(table.open(newline=""))) == lines
    assert run_search(filled_url, '"no such words anywhere"') == 1
    assert run_search(filled_url, '""') == 2
    assert run_search(filled_url, "Zelensky", "-o", str(tmp_path / "found.xml")) == 2
