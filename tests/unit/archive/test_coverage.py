"""The coverage audit on SQLite and PostgreSQL: what the site lists against what is stored, and why each gap."""

import argparse
import csv
from datetime import date
import json
import sqlite3

import pytest
from matplotlib import image
from sqlalchemy import make_url

from newscrawl.archive import browse, coverage_report
from newscrawl.archive.coverage import Coverage, audit, reason
from newscrawl.archive.coverage_plot import series
from newscrawl.archive.store import Store

pytest.register_assert_rewrite("dbfixtures")
from dbfixtures import make_item  # noqa: E402

pytest_plugins = ["dbfixtures"]

SITE = "https://kyivindependent.com"
SITEMAP, ARCHIVE = SITE + "/sitemap-posts.xml", SITE + "/news-archive/"
# url: (listings it is on, with their date), what happened to it, the expected status
CASES = {
    "archived": ("2025-03-12", "archived"),
    "old-url": ("2025-03-13", "archived"),  # stored as article-2 (its page's URL), which the sitemap lists too
    "failed": ("2025-03-13", "failed: http_500"),
    "dropped": ("2025-03-14", "dropped: MissingHeadline"),
    "not-article": ("2025-03-14", "not an article"),
    "pdf": ("2025-03-14", "not an article: not_html"),
    "disallowed": ("2025-03-15", "disallowed by robots.txt"),
    "too-old": ("2024-01-02", "outside since"),
    "never": ("2025-03-15", "never fetched"),
}


def url(name):
    return f"{SITE}/{name}/"


def listing(name, kind, day, run_id, seen, before_since=False):
    where = {"sitemap": SITEMAP, "listing": ARCHIVE, "feed": SITE + "/news-archive/rss/"}[kind]
    return {"url": url(name), "listing": where, "kind": kind, "page": 2 if kind == "listing" else None,
            "listed_date": f"{day}T10:00:00Z", "before_since": before_since, "seen": seen, "run_id": run_id}


def fill(db_url):
    """An archive after three runs: the first saw a URL that the second (full, finished) did not; the third
    (feed) saw one more."""
    store = Store(db_url)
    store.write_batch([make_item(1, url=url("archived"), date_published="2025-03-12T10:00:00Z"),
                       make_item(2, url=url("article-2"), date_published="2025-03-13T08:00:00Z")])
    first = store.start_run("kyivindependent", "full")
    store.record_sightings(listings=[listing("gone", "listing", "2025-03-01", first, "2000-01-01T00:00:00Z")])
    store.finish_run(first, "finished")
    second = store.start_run("kyivindependent", "full")
    store.finish_run(second, "finished")
    third = store.start_run("kyivindependent", "feed")
    seen = "2100-01-01T00:00:00Z"  # after the second run's start
    rows = [listing(name, "listing", day, second, seen, before_since=name == "too-old")
            for name, (day, _) in CASES.items()]
    rows += [listing("article-2", "sitemap", "2025-03-13", second, seen),
             listing("never", "feed", "2025-03-15", third, seen)]
    store.record_failure(url("failed"), "http_500")
    store.record_failure(url("pdf"), "not_html")
    store.record_failure(url("dropped"), "http_503")  # an earlier run's; the outcome below resolves it
    outcome = {"recorded_at": seen}
    store.record_sightings(listings=rows, outcomes=[
        dict(outcome, url=url("old-url"), outcome="stored", article_url=url("article-2")),
        dict(outcome, url=url("dropped"), outcome="dropped", reason="MissingHeadline", article_url=url("dropped")),
        dict(outcome, url=url("not-article"), outcome="not_article"),
        dict(outcome, url=url("disallowed"), outcome="robots")])
    store.close()


@pytest.fixture
def filled(db_url):
    fill(db_url)
    return db_url


def run(db_url, *argv):
    parser = argparse.ArgumentParser()
    coverage_report.add_parser(parser.add_subparsers())
    return coverage_report.run(parser.parse_args(["coverage", "--url", make_url(db_url).render_as_string(
        hide_password=False), *argv]))


def test_every_listed_article_has_its_status(filled):
    store = Store(filled)
    with store.engine.connect() as connection:
        coverage = audit(connection)
    store.close()
    missing = {entry["url"]: (entry["day"], entry["reason"]) for entry in coverage.missing}
    assert missing == {url(name): (day, status) for name, (day, status) in CASES.items() if status != "archived"}
    assert sum(coverage.listed.values()) == len(CASES) and sum(coverage.archived.values()) == 2
    assert coverage.archived["2025-03-13"] == coverage.listed["2025-03-13"] - 1 == 1  # old-url and article-2: one
    assert {entry["url"] for entry in coverage.fixable()} == {url("failed"), url("never")}


def test_days_bound_the_audit(filled):
    store = Store(filled)
    with store.engine.connect() as connection:
        coverage = audit(connection, since=date(2025, 3, 14), until=date(2025, 3, 14))
    store.close()
    assert set(coverage.listed) == {"2025-03-14"} and len(coverage.missing) == 3


def test_command_prints_writes_queues_and_fails(filled, tmp_path, capsys):
    report, table, picture = tmp_path / "missing.jsonl", tmp_path / "missing.csv", tmp_path / "coverage.png"
    assert run(filled, "-o", str(report), "--plot", str(picture), "--queue") == 1
    printed = capsys.readouterr().out
    assert printed.splitlines()[-1] == (
        "coverage: the archive holds 2 of the 9 articles the site lists (22.2%); missing 7: 1 disallowed by robots.txt,"
        " 1 dropped, 1 failed, 1 never fetched, 2 not an article, 1 outside since (2 that another run can fix)")
    assert f"    {'failed: http_500':<30} {url('failed')}\n" in printed
    lines = [json.loads(line) for line in report.read_text().splitlines()]
    assert {line["url"]: line["reason"] for line in lines}[url("dropped")] == "dropped: MissingHeadline"
    assert all(list(line) == ["url", "day", "reason"] for line in lines) and len(lines) == 7
    assert run(filled, "-o", str(table)) == 1
    assert list(csv.DictReader(table.open(newline=""))) == [{k: v or "" for k, v in line.items()} for line in lines]
    store = Store(filled)
    assert store.queued() == sorted([url("failed"), url("never")])
    store.unqueue([url("never")])
    assert store.queued() == [url("failed")]
    store.close()
    height, width, _ = image.imread(picture).shape
    assert (width, height) == (1200, 450)


def test_exit_codes(db_url, tmp_path):
    assert run(db_url) == 2  # nothing listed yet
    assert run(db_url, "-o", str(tmp_path / "report.txt")) == 2
    store = Store(db_url)
    run_id = store.start_run("kyivindependent", "full")
    store.finish_run(run_id, "finished")
    store.write_batch([make_item(1, url=url("archived"))])
    store.record_sightings(listings=[listing("archived", "sitemap", "2025-03-11", run_id, "2100-01-01T00:00:00Z")])
    store.close()
    assert run(db_url) == 0


def test_the_canned_query_lists_the_same_missing_articles(tmp_path):
    db_url = make_url(f"sqlite:///{tmp_path / 'archive.db'}")
    Store(db_url).check_schema(create_empty=True)
    fill(db_url)
    with sqlite3.connect(db_url.database) as connection:
        rows = connection.execute(browse.QUERIES["missing_articles"][1]).fetchall()
    shown = {row[0]: reason(row[3], row[4]) for row in rows}
    assert shown == {url(name): status for name, (_, status) in CASES.items() if status != "archived"}



def test_the_plot_bins_long_spans_by_week_and_month():
    coverage = Coverage()
    coverage.listed.update({"2025-03-03": 2, "2025-03-05": 1, "2025-03-12": 4, None: 1})
    coverage.archived.update({"2025-03-03": 2, "2025-03-12": 3})
    unit, width, bins, listed, archived = series(coverage)
    assert (unit, width, len(bins), bins[0], listed[:3], archived[-1]) == ("day", 1, 10, date(2025, 3, 3), [2, 0, 1], 3)
    coverage.listed["2025-09-03"] = 1
    unit, _, bins, listed, archived = series(coverage)
    assert (unit, bins[:2], listed[:2], archived[:2], listed[-1]) == (
        "week", [date(2025, 3, 3), date(2025, 3, 10)], [3, 4], [2, 3], 1)
    coverage.listed["2027-06-30"] = 1
    unit, _, bins, listed, _ = series(coverage)
    assert (unit, len(bins), bins[1], listed[0], sum(listed)) == ("month", 28, date(2025, 4, 1), 7, 9)
