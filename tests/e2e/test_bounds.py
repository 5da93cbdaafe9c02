"""since and max_pages bound every source: the feed, the listings, the sitemaps, and the article pages."""

from conftest import run_crawl
from newscrawl.spiders.kyivindependent import SITEMAP_PAGE
from testsite.render_feeds import FEED_SIZE
from testsite.render_listing import PAGE_SIZE


def published(article):
    return article["expected"]["date_published"]


def test_since_keeps_out_every_older_article(testsite, tmp_path):
    base_url, manifest = testsite
    # An article edited on a later day than it was published: with since on the day of the edit, the
    # sitemap's lastmod leads to it and its page's own date keeps it out.
    edited = [a for a in manifest["articles"] if a["expected"]["date_modified"][:10] > published(a)[:10]]
    since = next(a["expected"]["date_modified"][:10] for a in sorted(edited, key=published, reverse=True)
                 if sum(published(b)[:10] >= a["expected"]["date_modified"][:10] for b in manifest["articles"]) >= 5)
    crawl = run_crawl(base_url, tmp_path, f"since={since}")
    assert crawl.returncode == 0, crawl.log[-3000:]
    newer = {a["url"] for a in manifest["articles"] if published(a)[:10] >= since}
    assert {item["url"] for item in crawl.new_items} == newer
    assert crawl.stats["newscrawl/articles_before_since"] >= 1
    assert f"Published before since={since}, not stored: " in crawl.log
    assert crawl.stats["newscrawl/links_before_since"] > len(manifest["articles"]) - len(newer)


def test_max_pages_bounds_the_listings_and_the_sitemaps(testsite, tmp_path):
    base_url, manifest = testsite
    crawl = run_crawl(base_url, tmp_path, "max_pages=1", "sections=war")
    assert crawl.returncode == 0, crawl.log[-3000:]
    sources = [item["discovered_via"] for item in crawl.new_items]
    assert not [source for source in sources if "/page/" in source]
    assert sum(source.endswith(".xml") for source in sources) <= SITEMAP_PAGE
    # The feed, one page of the news archive, one of the war tag, one sitemap page.
    assert 0 < len(sources) <= FEED_SIZE + 2 * PAGE_SIZE + SITEMAP_PAGE < len(manifest["articles"])
    assert crawl.stats["newscrawl/links_beyond_max_pages"] == len(manifest["articles"]) - SITEMAP_PAGE
