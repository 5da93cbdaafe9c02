"""The test site's --long-bodies: article bodies of a given size, on the newest plain posts."""

from testsite import TestSite
from testsite.pages import Pages

BASE = "http://127.0.0.1:8000"


def test_long_bodies_lengthen_the_newest_plain_posts_and_nothing_else():
    plain, long = TestSite(articles=40), TestSite(articles=40, long_bodies=(300, 1000))
    changed = [(before, after) for before, after in zip(plain.articles, long.articles) if before != after]
    assert len(changed) == 2
    newest_first = sorted(changed, key=lambda pair: pair[0].published, reverse=True)
    for size, (before, after) in zip((300_000, 1_000_000), newest_first):
        body = after.expected(BASE)["article_body"]
        assert size <= len(body) < size + 1000 and body.startswith(before.expected(BASE)["article_body"])
        status, _, page = Pages(long, BASE).respond(after.path)
        assert status == 200 and len(page) > size
