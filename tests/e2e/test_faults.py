"""A misbehaving site: every fault on, then off; nothing lost, nothing off-site, every failure explained."""

from collections import Counter
from urllib.parse import urlsplit

import pytest

from conftest import fetch_json, run_crawl
from testsite import process as testsite_process

# Short timeouts and backoff so the faulty crawl stays quick; Retry-After is still honoured.
FAULT_SETTINGS = {"DOWNLOAD_TIMEOUT": "3", "NEWSCRAWL_RETRY_BACKOFF_BASE": "0.2", "RETRY_TIMES": "3"}
# The reason recorded for each permanent fault on a URL the crawler requests.
PERMANENT_REASONS = {"500": "http_500", "redirect-loop": "redirect_loop", "redirect-offsite": "offsite_redirect",
                     "non-html": "not_html", "huge": "too_large"}



@pytest.fixture(scope="module")
def faulty_site():
    base_url, server = testsite_process.start(articles=300, extra_args=["--faults"])
    try:
        yield base_url, fetch_json(base_url + "/__testsite__/manifest.json")
    finally:
        testsite_process.stop(server)


@pytest.fixture(scope="module")
def crawls(faulty_site, tmp_path_factory):
    base_url, _ = faulty_site
    workdir = tmp_path_factory.mktemp("faults")
    faulty = run_crawl(base_url, workdir, "mode=full", settings=FAULT_SETTINGS)
    requests_during_faults = fetch_json(base_url + "/__testsite__/requests.json")
    failures = {row["url"]: row for row in faulty.rows("failed_urls")}
    testsite_process.control(base_url + "/__testsite__/faults?modes=none")
    healed = run_crawl(base_url, workdir, "mode=update", settings=FAULT_SETTINGS)
    return faulty, failures, requests_during_faults, healed


def test_the_faulty_crawl_finishes_with_every_recoverable_article_once(faulty_site, crawls):
    _, manifest = faulty_site
    faulty = crawls[0]
    lost = {f["url"] for f in manifest["faults"] if f["article"] and not f["recoverable"]}
    expected = {a["url"] for a in manifest["articles"]} - lost
    counts = Counter(item["url"] for item in faulty.new_items)
    assert faulty.returncode == 0, faulty.log[-3000:]
    assert expected <= set(counts) and max(counts.values()) == 1
    items = {item["url"]: item for item in faulty.new_items}
    for article in manifest["articles"]:
        if article["url"] in expected:
            assert items[article["url"]]["article_body"] == article["expected"]["article_body"], article["url"]
            assert items[article["url"]]["headline"] == article["expected"]["headline"], article["url"]


def test_every_permanent_failure_is_recorded_with_its_reason(faulty_site, crawls):
    _, manifest = faulty_site
    faulty, failures = crawls[0], crawls[1]
    for fault in manifest["faults"]:
        reason = PERMANENT_REASONS.get(fault["mode"])
        if reason:
            assert failures.get(fault["url"], {}).get("reason") == reason, fault
            assert faulty.stats[f"newscrawl/failed/{reason}"] >= 1
    summary = faulty.log[faulty.log.index("Crawl summary"):]
    assert "failed (http_500)" in summary and "failed (too_large)" in summary


def test_no_request_leaves_the_site_or_hits_a_disallowed_path(faulty_site, crawls):
    base_url, manifest = faulty_site
    faulty, _, requests, _ = crawls
    host = urlsplit(base_url).netloc
    # The other-port fault links to the same site on another port of the host: requests there say so.
    assert requests and {request_host for _, _, request_host in requests} == {host}
    assert [item["url"] for item in faulty.new_items if not item["url"].startswith(base_url + "/")] == []
    disallowed = [path for _, path, _ in requests if path.startswith(tuple(manifest["disallowed"]))]
    assert disallowed == []
    assert faulty.stats.get("newscrawl/failed/dns", 0) == 0
    assert faulty.stats.get("newscrawl/failed/offsite_redirect", 0) >= 1


def test_a_feed_that_parses_to_no_entries_is_logged_and_counted(faulty_site, crawls):
    base_url, _ = faulty_site
    faulty = crawls[0]
    assert faulty.stats["newscrawl/feed_empty"] == 1  # it declares entities: the XML parser refuses them
    assert f"WARNING: Feed with no entries: {base_url}/news-archive/rss/" in faulty.log


def test_retries_honour_retry_after_and_back_off(crawls):
    stats = crawls[0].stats
    assert stats["retry/count"] >= 10
    assert stats["newscrawl/retry/delayed"] == stats["retry/count"]


def test_a_second_run_with_the_faults_off_stores_the_rest(faulty_site, crawls):
    base_url, faulty_manifest = faulty_site
    healed = crawls[3]
    manifest = fetch_json(base_url + "/__testsite__/manifest.json")
    rows = Counter(row["url"] for row in healed.rows())
    assert set(rows) == {a["url"] for a in manifest["articles"]} and max(rows.values()) == 1
    # Every failed article was retried and resolved; what is left are the fault-only URLs, gone now.
    unresolved = {row["url"] for row in healed.rows("failed_urls") if row["resolved_at"] is None}
    fault_only = {f["url"] for f in faulty_manifest["faults"]
                  if f["mode"] in ("redirect-loop", "redirect-offsite", "non-html")}
    assert unresolved == fault_only
