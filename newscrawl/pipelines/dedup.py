"""Deduplicate articles within one crawl by their normalised URL."""

from scrapy.exceptions import DropItem


class DuplicateArticle(DropItem):
    """An article already seen in this crawl, not newer than the copy kept."""


class DedupPipeline:
    """Lets each article through once, or again only with a newer date_modified."""

    def __init__(self):
        self.seen = {}

    def process_item(self, item):
        url = item["url"]
        modified = item.get("date_modified") or ""
        if url in self.seen and modified <= self.seen[url]:
            raise DuplicateArticle(f"{url}: duplicate of an article already stored in this crawl")
        self.seen[url] = modified
        return item
