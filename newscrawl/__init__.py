"""newscrawl: a polite, incremental news-site archiver built on Scrapy."""
