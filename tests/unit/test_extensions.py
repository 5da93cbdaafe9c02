"""What the crawl counts and logs about extracted pages."""

import logging

from scrapy.utils.test import get_crawler

from newscrawl.extensions import count_text_findings


def test_rejected_bodies_and_repaired_mojibake_are_counted_and_logged_with_the_url(caplog):
    crawler = get_crawler()
    stats = crawler.stats
    caplog.set_level(logging.INFO, logger="newscrawl.extensions")
    count_text_findings(stats, {"_rejected": {"article_body": "links"}, "_repaired": []}, "https://news.example/")
    count_text_findings(stats, {"_rejected": {}, "_repaired": ["headline"]}, "https://news.example/cafe")
    count_text_findings(stats, {"_rejected": {}, "_repaired": []}, "https://news.example/fine")
    assert stats.get_value("newscrawl/extraction/rejected/article_body/links") == 1
    assert stats.get_value("newscrawl/extraction/mojibake_repaired") == 1
    assert [r.getMessage() for r in caplog.records] == [
        "No article text (links), article_body left empty: https://news.example/",
        "Mojibake repaired in headline: https://news.example/cafe",
    ]
