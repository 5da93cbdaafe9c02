"""The coverage audit of a real crawl of a misbehaving test site: every missing article with its reason, then
--queue and a clean run, and full coverage."""

import json
import subprocess
import sys
from urllib.parse import urlsplit

import numpy
import pytest
from matplotlib import image

from conftest import ROOT, fetch_json, run_crawl
from testsite import process as testsite_process

FAULT_SETTINGS = {"DOWNLOAD_TIMEOUT": "3", "NEWSCRAWL_RETRY_BACKOFF_BASE": "0.2", "RETRY_TIMES": "3"}
# What coverage must say of each fault's URL that the faulty crawl cannot store.
FAULT_REASONS = {"500": "failed: http_500", "huge": "failed: too_large", "robots": "disallowed by robots.txt",
                 "redirect-loop": "failed: redirect_loop", "redirect-offsite": "failed: offsite_redirect",
                 "non-html": "not an article: not_html"}
LISTED_NON_ARTICLES = ("redirect-loop", "redirect-offsite", "non-html")  # the archive lists them as cards
BROKEN_REASONS = {"no headline": "dropped: MissingHeadline", "bad date": "dropped: MissingDate",
                  "empty body": "dropped: MissingBody"}


def coverage(db_url, workdir, name, *argv):
    """Run `python -m newscrawl coverage -o NAME.jsonl ...`; (exit code, stdout, {url: missing line})."""
    report = workdir / f"{name}.jsonl"
    done = subprocess.run([sys.executable, "-m", "newscrawl", "coverage", "--url", db_url, "-o", str(report), *argv],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    lines = [json.loads(line) for line in report.read_text().splitlines()]
    return done.returncode, done.stdout, {line["url"]: line for line in lines}


@pytest.fixture(scope="module")
def audits(tmp_path_factory):
    """A faulty full crawl and its audit (with --queue and --plot); the faults off, a full crawl and its audit."""
    base_url, server = testsite_process.start(articles=300, extra_args=["--faults"])
    workdir = tmp_path_factory.mktemp("coverage")
    try:
        manifest = fetch_json(base_url + "/__testsite__/manifest.json")
        faulty = run_crawl(base_url, workdir, "mode=full", settings=FAULT_SETTINGS)
        first = coverage(faulty.db_url, workdir, "faulty", "--plot", str(workdir / "coverage.png"), "--queue")
        queued = [row["url"] for row in faulty.rows("crawl_queue")]
        stored = {row["url"] for row in faulty.rows()}  # the database is the clean run's too
        before = len(fetch_json(base_url + "/__testsite__/requests.json"))
        testsite_process.control(base_url + "/__testsite__/faults?modes=none")
        clean = run_crawl(base_url, workdir, "mode=full", settings=FAULT_SETTINGS)
        requests = fetch_json(base_url + "/__testsite__/requests.json")[before:]
        second = coverage(clean.db_url, workdir, "clean")
    finally:
        testsite_process.stop(server)
    return {"manifest": manifest, "faulty": faulty, "stored": stored, "first": first, "queued": queued, "clean": clean,
            "requests": requests, "second": second, "plot": workdir / "coverage.png"}


def expected_missing(manifest, stored):
    """{url: reason} of every listed URL that the faulty crawl cannot store, from the manifest alone."""
    expected = {fault["url"]: FAULT_REASONS[fault["mode"]] for fault in manifest["faults"]
                if fault["mode"] in FAULT_REASONS and fault["url"] not in stored
                and (fault["article"] or fault["mode"] in LISTED_NON_ARTICLES)}
    expected.update({page["url"]: BROKEN_REASONS[page["reason"]] for page in manifest["broken"]})
    return expected


def test_coverage_lists_exactly_what_is_missing_with_its_reason(audits):
    manifest, faulty = audits["manifest"], audits["faulty"]
    code, printed, missing = audits["first"]
    stored = audits["stored"]
    articles = {article["url"]: article["expected"] for article in manifest["articles"]}
    assert faulty.returncode == 0, faulty.log[-3000:]
    lost = set(articles) - stored
    assert lost and {url for url in missing if url in articles} == lost
    assert {url: line["reason"] for url, line in missing.items()} == expected_missing(manifest, stored)
    for url in lost:
        assert missing[url]["day"] == articles[url]["date_published"][:10], url
    assert code == 1 and printed.splitlines()[-1].endswith("(5 that another run can fix)"), printed


def test_the_plot_shows_the_gaps(audits):
    picture = image.imread(audits["plot"])
    assert picture.shape[:2] == (450, 1200)
    red = numpy.all(numpy.abs(picture[:, :, :3] - (0xD6 / 255, 0x27 / 255, 0x28 / 255)) < 0.02, axis=2)
    assert red.sum() > 200  # the legend's patch and the gaps' bars


def test_after_queue_and_a_clean_run_coverage_is_full(audits):
    manifest, clean = audits["manifest"], audits["clean"]
    code, printed, missing = audits["second"]
    assert clean.returncode == 0, clean.log[-3000:]
    assert {row["url"] for row in clean.rows()} == {article["url"] for article in manifest["articles"]}
    assert {url: line["reason"] for url, line in missing.items()} == {
        page["url"]: BROKEN_REASONS[page["reason"]] for page in manifest["broken"]}
    assert code == 0 and printed.splitlines()[-1].endswith("(none that another run can fix)"), printed
    # The clean run asked for the queued URLs before any other article, and finishing emptied the queue.
    queued = {urlsplit(url).path for url in audits["queued"]}
    pages = [path for method, path, _ in audits["requests"] if method == "GET"]
    articles = {urlsplit(article["url"]).path for article in manifest["articles"]}
    # Other articles' pages (not listings, feeds, sitemaps, nor a page that a queued URL led to).
    others = [n for n, path in enumerate(pages) if path in articles - queued]
    assert len(queued) == 5 and max(pages.index(path) for path in queued) < others[0], pages[:12]
    assert clean.rows("crawl_queue") == []
