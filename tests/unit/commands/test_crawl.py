"""When a crawl counts as failed (exit status 3): from the stats its summary shows."""

from newscrawl.extensions import crawl_failure


def test_urls_that_failed_for_good_count_whatever_the_reason():
    # 54 URLs, 21 failed for good without a download error: loops, non-HTML, a missing browser.
    stats = {"downloader/request_count": 54, "item_scraped_count": 33, "newscrawl/failed/redirect_loop": 9,
             "newscrawl/failed/not_html": 8, "newscrawl/failed/browser_missing": 4}
    assert crawl_failure(stats, 0.2) == "21 of 54 URLs failed for good (more than 20%)"


def test_retried_attempts_are_not_failures():
    # 4 URLs timed out 4 times each (3 retries): 4 failures of 28 URLs, not 16 of 40 requests.
    stats = {"downloader/request_count": 40, "retry/count": 12, "downloader/exception_count": 16,
             "newscrawl/failed/timeout": 4, "item_scraped_count": 24}
    assert crawl_failure(stats, 0.2) is None


def test_no_item_despite_failures():
    stats = {"downloader/request_count": 4, "retry/count": 3, "newscrawl/failed/connection_refused": 1}
    assert crawl_failure(stats, 0.2) == "no item stored, 1 URLs failed for good, 0 errors logged"


def test_a_database_declared_hung_fails_the_crawl():
    stats = {"downloader/request_count": 40, "item_scraped_count": 30, "newscrawl/db/hung": 1}
    assert crawl_failure(stats, 0.2) == ("the database stopped answering: the run's later writes are in the spool, "
                                         "for the next run")
