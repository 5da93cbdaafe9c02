"""No article body carries text from any boilerplate block of the page anatomy."""

import pytest

BLOCKS = (
    "promo", "nav", "edit", "audio", "member_cta", "related", "authors_line", "author_box", "newsfeed",
    "most_popular", "more_news", "editors_picks", "ad", "newsletter", "membership", "tag_description",
    "gallery_caption",
)


@pytest.mark.parametrize("block", BLOCKS)
def test_no_body_contains_boilerplate(testsite, default_crawl, block):
    _, manifest = testsite
    text = manifest["boilerplate"][block]
    assert default_crawl.items, "the crawl produced no items"
    offenders = [item["url"] for item in default_crawl.items if text in (item.get("article_body") or "")]
    assert offenders == []
