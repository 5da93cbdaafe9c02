"""What the archive already holds, as the spider sees it while it decides what to fetch."""

from newscrawl.pipelines.database import DatabasePipeline


def stored_articles(crawler):
    """{url: (content_hash, date_modified, revision)} of the stored articles; empty without a database."""
    pipeline = crawler.get_item_pipeline(DatabasePipeline)
    return pipeline.index if pipeline is not None else {}
