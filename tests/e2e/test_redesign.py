"""A simulated redesign (--layout 2026): the same records, the fall-through counted, and a warning."""

from collections import Counter

import pytest

from conftest import fetch_json, run_crawl
from testsite import process as testsite_process

# The page shows no date any more: the raw string is now the metadata's, by definition different.
LAYOUT_DEPENDENT = {"date_published_raw"}


@pytest.fixture(scope="module")
def redesign(tmp_path_factory):
    base_url, server = testsite_process.start(extra_args=["--layout", "2026"])
    try:
        manifest = fetch_json(base_url + "/__testsite__/manifest.json")
        yield manifest, run_crawl(base_url, tmp_path_factory.mktemp("redesign"))
    finally:
        testsite_process.stop(server)


def test_every_article_once_with_the_same_fields(redesign):
    manifest, crawl = redesign
    assert manifest["layout"] == "2026"
    counts = Counter(item["url"] for item in crawl.items)
    assert set(counts) == {a["url"] for a in manifest["articles"]} and max(counts.values()) == 1
    items = {item["url"]: item for item in crawl.items}
    mismatches = [(a["url"], field) for a in manifest["articles"] for field, value in a["expected"].items()
                  if field not in LAYOUT_DEPENDENT and items[a["url"]].get(field) != value]
    assert mismatches == []


def test_fall_through_is_counted_and_the_layout_change_reported(redesign):
    manifest, crawl = redesign
    stats = crawl.stats
    pages = stats["newscrawl/extraction/pages"]
    assert stats["newscrawl/extraction/layout_unrecognised"] == pages >= len(manifest["articles"])
    assert stats["newscrawl/extraction/fallthrough/headline/structured"] >= len(manifest["articles"])
    assert stats["newscrawl/extraction/fallthrough/article_body/generic"] >= len(manifest["articles"])
    assert stats["newscrawl/extraction/fallthrough/authors/structured"] >= len(manifest["articles"])
    assert "Layout changed?" in crawl.log and "article_body" in crawl.log


def test_the_default_layout_needs_no_fall_through(default_crawl):
    stats = default_crawl.stats
    assert stats.get("newscrawl/extraction/layout_unrecognised", 0) == 0
    assert not [key for key in stats if key.startswith("newscrawl/extraction/fallthrough/")]
    assert "Layout changed?" not in default_crawl.log
