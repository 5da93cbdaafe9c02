"""newscrawl: a polite, incremental news-site archiver built on Scrapy."""

__version__ = "0.1"
