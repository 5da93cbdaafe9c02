"""What a crawl checks before its first request: its arguments."""

import pytest

from conftest import run_crawl


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
