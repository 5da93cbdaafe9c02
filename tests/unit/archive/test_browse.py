"""python -m newscrawl browse: the Datasette metadata's canned queries on a real SQLite archive, and what it refuses."""

import argparse
import json
import sqlite3

import pytest
from sqlalchemy import make_url

from newscrawl.archive import browse
from newscrawl.archive.store import Store

pytest.register_assert_rewrite("dbfixtures")
from dbfixtures import make_item, upgrade  # noqa: E402

pytest_plugins = ["dbfixtures"]


@pytest.fixture
def archive(tmp_path):
    """A SQLite archive of articles 0-9, article 3 revised once."""
    url = make_url(f"sqlite:///{tmp_path / 'archive.db'}")
    store = Store(url)
    store.check_schema(create_empty=True)
    store.write_batch([make_item(number) for number in range(10)])
    store.write_batch([make_item(3, headline="Headline 3, corrected", date_modified="2025-03-21T09:00:00Z")])
    store.close()
    return url


def canned(url, name):
    with sqlite3.connect(url.database) as connection:
        return connection.execute(browse.QUERIES[name][1]).fetchall()


def parse(*argv):
    parser = argparse.ArgumentParser()
    browse.add_parser(parser.add_subparsers())
    return parser.parse_args(["browse", *argv])


def test_canned_queries(archive):
    assert canned(archive, "articles_per_day") == [(f"2025-03-{day}", 2) for day in (14, 13, 12, 11, 10)]
    assert canned(archive, "articles_per_section") == [("News Feed", 5, "2025-03-10", "2025-03-14"),
                                                       ("Ukraine War", 5, "2025-03-10", "2025-03-14")]
    assert canned(archive, "articles_per_author")[0] == ("Martin Fornusek", 10, "2025-03-14")
    [change] = canned(archive, "latest_changes")
    assert change[1:5] == ("headline", make_item(3)["url"], "Headline 3, corrected", 2)
    assert json.loads(change[5])["fields"] == {
        "headline": {"old": "Headline 3", "new": "Headline 3, corrected"},
        "date_modified": {"old": make_item(3)["date_modified"], "new": "2025-03-21T09:00:00Z"}}


def test_metadata_wires_the_search_box():
    config = browse.metadata("archive")["databases"]["archive"]
    assert config["tables"]["articles"]["fts_table"] == "articles_fts"
    assert set(config["queries"]) == set(browse.QUERIES)


def test_command_line(archive):
    args = parse("--port", "8123", "--no-browser")
    command = browse.datasette_arguments(archive.database, "meta.json", args)
    assert command[:2] == ["serve", archive.database] and "--open" not in command
    assert command[command.index("--port") + 1] == "8123"
    assert "--open" in browse.datasette_arguments(archive.database, "meta.json", parse())


def test_what_it_refuses(tmp_path, postgres_url):
    assert "SQLite files only" in browse.check(postgres_url)[1]
    assert "No database at" in browse.check(make_url(f"sqlite:///{tmp_path / 'none.db'}"))[1]
    old = make_url(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(old, "0002")
    assert "Run: python -m newscrawl db upgrade" in browse.check(old)[1]
    assert browse.run(parse("--url", str(old), "--no-browser")) == 2
