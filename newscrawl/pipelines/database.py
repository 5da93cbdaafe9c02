"""DatabasePipeline: new and revised articles into the archive; unchanged ones dropped."""

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem, NotConfigured

from newscrawl.archive.state import Archive


class UnchangedArticle(DropItem):
    """The archive already holds this article with the same content."""


class DatabasePipeline:
    """Hands each article to the crawl's Archive, which writes it in batches; drops unchanged ones."""

    def __init__(self, archive):
        self.archive = archive

    @classmethod
    def from_crawler(cls, crawler):
        archive = crawler.get_extension(Archive)
        if archive is None:
            raise NotConfigured("the newscrawl.archive.state.Archive extension is off")
        return cls(archive)

    async def open_spider(self):
        """Open the archive: it refuses an outdated schema, and replays what earlier runs left."""
        await self.archive.open()

    async def process_item(self, item):
        """Drop an unchanged article; give a new or revised one its revision number. Waits while the
        database falls behind (DatabaseThread.keep_up)."""
        revision = self.archive.add(item)
        adapter = ItemAdapter(item)
        if revision is None:
            raise UnchangedArticle(f"Unchanged since revision {self.archive.stored(adapter['url'])[2]}: "
                                   f"{adapter['url']}", log_level="DEBUG")
        adapter["revision"] = revision
        await self.archive.database.keep_up()
        return item

    async def close_spider(self):
        """Write what is still queued, and wait for it."""
        self.archive.flush()
        await self.archive.database.drain()
