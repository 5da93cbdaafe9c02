"""What a crawl checks before its first request: its arguments and that base_url answers; no remote control."""

import pytest

from conftest import run_crawl
from services import free_port


@pytest.mark.parametrize("argument", ["since=garbage", "max_pages=abc", "max_pages=0", "max_pages=-1", "mode=bogus",
                                      "base_url=ftp://127.0.0.1/", "max_page=3"])
def test_a_bad_argument_is_one_line_and_exit_1(testsite, tmp_path, argument):
    base_url, _ = testsite
    crawl = run_crawl(base_url, tmp_path, argument)
    name = argument.split("=")[0]
    errors = [line for line in crawl.log.splitlines() if " ERROR: " in line]
    assert crawl.returncode == 1
    assert len(errors) == 1 and f"Bad spider argument -a {name}" in errors[0], crawl.log[-3000:]
    assert "Traceback" not in crawl.log
    assert crawl.stats == {}  # the crawl never started


def test_a_base_url_that_does_not_answer_fails_fast(tmp_path):
    base_url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    crawl = run_crawl(base_url, tmp_path, settings={"NEWSCRAWL_RETRY_BACKOFF_BASE": "0.05"})
    assert crawl.returncode == 3
    errors = [line for line in crawl.log.splitlines() if " ERROR: " in line and "Crawl failed" not in line]
    assert len(errors) == 1 and f"base_url {base_url} does not answer (connection_refused" in errors[0], errors
    assert "Traceback" not in crawl.log
    # One request and its retries, not one for every feed, sitemap and listing.
    assert crawl.stats["downloader/request_count"] == 1 + 3
    assert crawl.stats["newscrawl/base_url_unreachable"] == 1


def test_remote_control_is_off_unless_asked_for(testsite, tmp_path):
    base_url, _ = testsite
    jobs = tmp_path / "jobs"
    settings = {"REMOTE_CONTROL_JOBS_DIR": str(jobs), "LOG_LEVEL": "INFO"}
    crawl = run_crawl(base_url, tmp_path / "off", "mode=feed", settings=settings)
    assert crawl.returncode == 0 and crawl.stats["item_scraped_count"] > 0
    assert "Remote control HTTP server" not in crawl.log and not jobs.exists()
    asked = run_crawl(base_url, tmp_path / "on", "mode=feed", settings={**settings, "REMOTE_CONTROL_ENABLED": "True"})
    assert asked.returncode == 0 and "Remote control HTTP server listening" in asked.log
