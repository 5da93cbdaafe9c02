"""Polite by default: robots.txt, one request at a time with a delay, an honest User-Agent."""

import re
from datetime import datetime

from scrapy.utils.project import get_project_settings

from conftest import run_crawl


def test_default_settings_are_polite():
    settings = get_project_settings()
    assert settings.getbool("ROBOTSTXT_OBEY")
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 1
    assert settings.getfloat("DOWNLOAD_DELAY") >= 1
    assert settings.getbool("AUTOTHROTTLE_ENABLED")
    assert re.fullmatch(r"newscrawl/[\d.]+ \(\+https?://\S+\)", settings["USER_AGENT"])
    assert not settings.getbool("COOKIES_ENABLED")


def test_a_crawl_with_the_defaults_spaces_its_requests(testsite, tmp_path):
    base_url, _ = testsite
    polite = {"DOWNLOAD_DELAY": "1", "AUTOTHROTTLE_ENABLED": "True", "CONCURRENT_REQUESTS": "2",
              "CONCURRENT_REQUESTS_PER_DOMAIN": "1", "CLOSESPIDER_PAGECOUNT": "4", "LOG_LEVEL": "DEBUG"}
    crawl = run_crawl(base_url, tmp_path, settings=polite)
    times = [datetime.strptime(line[:19], "%Y-%m-%d %H:%M:%S")
             for line in crawl.log.splitlines() if "DEBUG: Crawled (" in line]
    assert len(times) >= 4
    # Scrapy randomises the delay between 0.5 and 1.5 times DOWNLOAD_DELAY (1 s here); seconds are whole.
    assert (times[-1] - times[0]).total_seconds() >= 0.5 * (len(times) - 1) - 1
