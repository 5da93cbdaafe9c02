"""Change tracking end to end: a crawl, rounds of changes on the test site, update runs; then `changes`
lists exactly the changes made, `history` shows each diff, vanished articles keep their last version,
and an article that answers 503 during its re-check is not taken for removed."""

import csv
import json
import subprocess
import sys
from collections import Counter
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, fetch_json, read_jsonl, run_crawl
from testsite import process as testsite_process

# Every article due at every run, room for all of them, and a removal confirmed by a second check at once.
SETTINGS = {"NEWSCRAWL_RECHECK_AFTER": "0", "NEWSCRAWL_RECHECK_BUDGET": "200", "NEWSCRAWL_GONE_CONFIRM_HOURS": "0",
            "NEWSCRAWL_RETRY_BACKOFF_BASE": "0"}
ROUND_1 = (("edit", 2), ("headline", 2), ("silent", 2), ("byline", 2), ("gone404", 1), ("gone410", 1),
           ("redirect", 1), ("unlist", 1), ("outage", 1))
ROUND_2 = (("recover", 1), ("restore", 2), ("edit", 1))


def newscrawl(*args):
    return subprocess.run([sys.executable, "-m", "newscrawl", *args], cwd=ROOT, capture_output=True, text=True)


def change(base, kind, count):
    return testsite_process.control(f"{base}/__testsite__/change?kind={kind}&count={count}")


@pytest.fixture(scope="module")
def tracked(tmp_path_factory):
    """Full crawl; round 1 of changes; update; round 2; update. The manifests and crawls of each step."""
    base, server = testsite_process.start(articles=60)
    workdir = tmp_path_factory.mktemp("changes")
    try:
        manifests, crawls = [fetch_json(base + "/__testsite__/manifest.json")], []
        crawls.append(run_crawl(base, workdir, "mode=full", settings=SETTINGS))
        for round_ in (ROUND_1, ROUND_2):
            outage = [url for kind, count in round_ for url in change(base, kind, count) if kind == "outage"]
            crawls.append(run_crawl(base, workdir, "mode=update", settings=SETTINGS))
            crawls[-1].snapshot = {row["url"]: row for row in crawls[-1].rows()}
            manifests.append(dict(fetch_json(base + "/__testsite__/manifest.json"), outage=outage))
        yield base, workdir, manifests, crawls, fetch_json(base + "/__testsite__/requests.json")
    finally:
        testsite_process.stop(server)


def made(manifest):
    return Counter((c["url"], c["kind"]) for c in manifest["changes"])


def test_changes_lists_exactly_the_changes_made(tracked):
    base, workdir, manifests, crawls, _ = tracked
    assert [crawl.returncode for crawl in crawls] == [0, 0, 0]
    assert len(manifests[2]["changes"]) == 15
    output = workdir / "changes.out.jsonl"
    db = crawls[-1].db_url
    assert newscrawl("changes", "--url", db, "-o", str(output)).returncode == 0
    found = read_jsonl(output)
    assert Counter((c["url"], c["kind"]) for c in found) == made(manifests[2])
    # Every change also went to the changes file as it was found, the same ones.
    assert Counter((c["url"], c["kind"]) for c in read_jsonl(workdir / "changes.jsonl")) == made(manifests[2])
    first_round = {c["found_at"] for c in found[:len(manifests[1]["changes"])]}
    since = newscrawl("changes", "--url", db, "--since", max(first_round), "--kind", "restored,edit")
    assert [line.split()[1] for line in since.stdout.splitlines()].count("restored") == 2


def test_the_csv_feed_and_the_kinds(tracked):
    _, workdir, manifests, crawls, _ = tracked
    output = workdir / "changes.csv"
    assert newscrawl("changes", "--url", crawls[-1].db_url, "--kind", "silent", "-o", str(output)).returncode == 0
    rows = list(csv.DictReader(output.open()))
    assert {row["url"] for row in rows} == {url for url, kind in made(manifests[2]) if kind == "silent"}
    assert all(json.loads(row["diff"])["silent"] is True for row in rows)
    bad = newscrawl("changes", "--kind", "typo")
    assert bad.returncode == 2 and "unknown kind typo" in bad.stderr


def history(db, url):
    result = newscrawl("history", url, "--url", db, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_history_shows_each_diff(tracked):
    _, _, manifests, crawls, _ = tracked
    before = {a["url"]: a["expected"] for a in manifests[0]["articles"]}
    after = {a["url"]: a["expected"] for a in manifests[1]["articles"]}
    for url, kind in made(manifests[1]):
        if kind not in ("edit", "headline", "silent", "byline"):
            continue
        (revision,) = [c for c in history(crawls[-1].db_url, url)["changes"] if c["kind"] == kind]
        old, new, diff = before[url], after[url], revision["diff"]
        assert revision["revision"] == 2
        if kind == "headline":
            assert diff["fields"]["headline"] == {"old": old["headline"], "new": new["headline"]}
        if kind == "byline":
            assert diff["authors"] == {"added": [new["authors"][-1]]}
        if kind == "edit":
            paragraphs = new["article_body"].split("\n\n")
            assert diff["body"] == [{"op": "added", "position": len(paragraphs), "new": paragraphs[-1]}]
        if kind == "silent":
            assert diff["silent"] is True and [entry["op"] for entry in diff["body"]] == ["changed"]
            assert "date_modified" not in diff.get("fields", {})
        else:
            assert diff["fields"]["date_modified"] == {"old": old["date_modified"], "new": new["date_modified"]}
    text = newscrawl("history", next(url for url, kind in made(manifests[1]) if kind == "edit"),
                     "--url", crawls[-1].db_url).stdout
    assert " edit " in text and "paragraph" in text and "added: Update: " in text


def test_vanished_articles_keep_their_last_version(tracked):
    _, _, manifests, crawls, _ = tracked
    rows = crawls[1].snapshot
    gone = manifests[1]["gone"]
    assert sorted(g["status"] for g in gone) == [301, 404, 410]
    for entry in gone:
        row = rows[entry["url"]]
        for field in ("headline", "article_body", "date_modified"):
            assert row[field] == entry["expected"][field], (entry["url"], field)
        assert row["unpublished_at"] and row["gone_status"] == entry["status"]
        assert row["redirected_to"] == entry.get("redirect_to")
    (unlisted,) = manifests[1]["unlisted"]
    assert rows[unlisted]["unlisted_at"] and rows[unlisted]["unpublished_at"] is None
    assert len(rows) == len(manifests[0]["articles"])  # nothing deleted
    restored = {url for url, kind in made(manifests[2]) if kind == "restored"}
    rows = crawls[2].snapshot
    assert all(rows[url]["unpublished_at"] is None and rows[url]["unlisted_at"] is None for url in restored)


def test_a_503_during_a_recheck_marks_nothing_removed(tracked):
    _, _, manifests, crawls, requests = tracked
    (down,) = manifests[1]["outage"]
    assert crawls[1].stats["newscrawl/recheck/transient"] == 1
    assert crawls[1].stats["retry/reason_count/HTTP 503"] >= 1
    row = crawls[1].snapshot[down]
    assert row["unpublished_at"] is None and row["suspect"] is None
    assert all(c["url"] != down for c in manifests[2]["changes"])
    assert [path for _, path, _ in requests].count(urlsplit(down).path) >= 4  # the re-check and its retries


def test_rechecks_are_conditional_and_within_the_budget(tracked):
    _, _, _, crawls, _ = tracked
    update = crawls[1]
    assert 0 < update.stats["newscrawl/recheck/requested"] <= int(SETTINGS["NEWSCRAWL_RECHECK_BUDGET"])
    assert update.stats["newscrawl/recheck/not_modified"] >= 40


def test_every_stored_article_keeps_what_the_site_sent(default_crawl):
    """Also an article first found under another URL (/news-feed/...): its row is its canonical URL's."""
    rows = default_crawl.rows()
    assert len(rows) == 301
    assert [row["url"] for row in rows if not (row["etag"] and row["last_modified"] and row["last_checked"])] == []


@pytest.mark.parametrize("setting", ["NEWSCRAWL_RECHECK_AFTER=1,x", "NEWSCRAWL_RECHECK_BUDGET=lots",
                                     "NEWSCRAWL_GONE_CONFIRM_HOURS=-2"])
def test_a_bad_change_setting_is_one_line_and_exit_1(tmp_path, setting):
    name, value = setting.split("=")
    crawl = run_crawl("http://127.0.0.1:9", tmp_path, settings={name: value})
    errors = [line for line in crawl.log.splitlines() if " ERROR: " in line]
    assert crawl.returncode == 1 and len(errors) == 1 and f"Bad setting: {name} must be" in errors[0]
    assert "Traceback" not in crawl.log and crawl.stats == {}
