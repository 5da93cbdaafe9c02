"""A request duplicate filter that remembers one run only, even with JOBDIR."""

from scrapy.dupefilters import RFPDupeFilter


class RunDupeFilter(RFPDupeFilter):
    """Filters duplicate requests within a run and keeps nothing in JOBDIR.

    Scrapy's filter writes requests.seen in JOBDIR as requests are scheduled.
    After an unclean stop (kill -9) that file names requests whose pages never
    reached the database, and a resumed run would skip them for good. The
    database is the record of what is done: the spider skips stored articles.
    """

    @classmethod
    def from_crawler(cls, crawler):
        return cls(None, crawler.settings.getbool("DUPEFILTER_DEBUG"), fingerprinter=crawler.request_fingerprinter)
