"""python -m newscrawl export, from a database on SQLite and on PostgreSQL."""

import argparse
import csv
import json

import pytest

from newscrawl.archive import export
from newscrawl.archive.store import Store

pytest.register_assert_rewrite("dbfixtures")
from dbfixtures import make_item  # noqa: E402

pytest_plugins = ["dbfixtures"]


def run_export(url, *argv):
    """Run the export command with argv; return its exit code."""
    parser = argparse.ArgumentParser()
    export.add_parser(parser.add_subparsers())
    return export.run(parser.parse_args(["export", "--url", url.render_as_string(hide_password=False), *argv]))


@pytest.fixture
def filled_url(db_url):
    """A database holding articles 0-9, published 10-14 March 2025."""
    store = Store(db_url)
    store.write_batch([make_item(number) for number in range(10)])
    store.close()
    return db_url


def test_jsonl(filled_url, tmp_path):
    output = tmp_path / "out.jsonl"
    assert run_export(filled_url, "--since", "2025-03-11", "--until", "2025-03-12", "-o", str(output)) == 0
    rows = [json.loads(line) for line in output.read_text().splitlines()]
    assert [row["url"] for row in rows] == [make_item(n)["url"] for n in (1, 6, 2, 7)]
    assert rows[0] == dict(make_item(1), revision=1)


def test_csv_with_section(filled_url, tmp_path):
    output = tmp_path / "out.csv"
    assert run_export(filled_url, "--since", "2025-03-01", "--section", "Ukraine War", "-o", str(output)) == 0
    rows = list(csv.DictReader(output.open(newline="")))
    assert [row["url"] for row in rows] == [make_item(n)["url"] for n in (5, 1, 7, 3, 9)]
    assert json.loads(rows[1]["tags"]) == make_item(1)["tags"]
    assert json.loads(rows[1]["main_image"]) == make_item(1)["main_image"]
    assert (rows[1]["headline"], rows[1]["reading_time"], rows[1]["editor_note"]) == ("Headline 1", "2", "")


def test_unknown_extension(filled_url, tmp_path):
    assert run_export(filled_url, "--since", "2025-03-01", "-o", str(tmp_path / "out.xml")) == 2
