"""CrawlSummary: one readable summary at the end of every crawl, a layout-change warning, the stats as JSON.

The stats gain ``newscrawl/peak_rss_mb``, the crawl process's peak memory."""

import json
import logging
import resource
from pathlib import Path

from scrapy import signals

logger = logging.getLogger(__name__)

SUMMARY_LINES = (
    ("requested", "downloader/request_count"),
    ("items scraped", "item_scraped_count"),
    ("stored new", "newscrawl/db/stored_new"),
    ("stored revised", "newscrawl/db/stored_revised"),
    ("unchanged", "newscrawl/db/unchanged"),
)
EXIT_FAILED = 3  # the exit status of a crawl that failed (crawl_failure), and of a command that lost data
FAILED = "newscrawl/failed/"  # URLs that failed for good, per reason (newscrawl/failures.py)
WRITE_FAILED = "newscrawl/write_failed/"  # records an output could not take, per output (a full disk)
DB_HUNG = "newscrawl/db/hung"  # database jobs that ran past their deadline (newscrawl/archive/database_thread.py)
PER_REASON = (
    ("dropped", "item_dropped_reasons_count/"),
    ("failed", FAILED),
    ("not written", WRITE_FAILED),
    ("download errors", "downloader/exception_type_count/"),
)


def count_layers(stats, sources, recognised):
    """Count an extracted page: whether the site layer knew its layout, and each field that fell through."""
    stats.inc_value("newscrawl/extraction/pages")
    if not recognised:
        stats.inc_value("newscrawl/extraction/layout_unrecognised")
    for field, layer in sources.items():
        if layer != "site":
            stats.inc_value(f"newscrawl/extraction/fallthrough/{field}/{layer}")


def count_text_findings(stats, record, url):
    """Count and log what the extraction found wrong with a page's text: a body that was no article's
    text (left empty, with the reason), mojibake repaired."""
    for field, reason in record.get("_rejected", {}).items():
        stats.inc_value(f"newscrawl/extraction/rejected/{field}/{reason}")
        logger.warning("No article text (%s), %s left empty: %s", reason, field, url)
    if record.get("_repaired"):
        stats.inc_value("newscrawl/extraction/mojibake_repaired")
        logger.info("Mojibake repaired in %s: %s", ", ".join(record["_repaired"]), url)


def layout_warning(stats, max_share):
    """A "layout changed?" message when the site layer missed fields on too many pages, else None."""
    pages = stats.get("newscrawl/extraction/pages", 0)
    if not pages:
        return None
    prefix = "newscrawl/extraction/fallthrough/"
    fell = {}
    for key, count in stats.items():
        if key.startswith(prefix):
            field = key[len(prefix):].split("/")[0]
            fell[field] = fell.get(field, 0) + count
    fields = sorted(field for field, count in fell.items() if count / pages > max_share)
    unrecognised = stats.get("newscrawl/extraction/layout_unrecognised", 0)
    if not fields and unrecognised / pages <= max_share:
        return None
    return (f"Layout changed? The site's page object did not recognise {unrecognised} of {pages} article pages; "
            f"these fields came from lower layers on more than {max_share:.0%} of pages: {', '.join(fields) or 'none'}")


def counted(stats, prefix):
    """The sum of the stats under prefix: FAILED (URLs that failed for good) or WRITE_FAILED (records not written)."""
    return sum(value for key, value in stats.items() if key.startswith(prefix))


def requested_urls(stats):
    """How many URLs were requested, each once: requests less their retries."""
    return stats.get("downloader/request_count", 0) - stats.get("retry/count", 0)


def crawl_failure(stats, max_error_share):
    """Why a crawl counts as failed, from its stats, or None: a record that an output could not take,
    a database that stopped answering, no item despite failures, or more than max_error_share of URLs failed
    for good (the summary's "failed")."""
    unwritten = counted(stats, WRITE_FAILED)
    if unwritten:
        outputs = ", ".join(key.removeprefix(WRITE_FAILED) for key in sorted(stats) if key.startswith(WRITE_FAILED))
        return f"{unwritten} records could not be written ({outputs}; a full disk?): the next run catches up"
    if stats.get(DB_HUNG):
        return "the database stopped answering: the run's later writes are in the spool, for the next run"
    failed, urls, errors = counted(stats, FAILED), requested_urls(stats), stats.get("log_count/ERROR", 0)
    if stats.get("item_scraped_count", 0) == 0 and (failed or errors):
        return f"no item stored, {failed} URLs failed for good, {errors} errors logged"
    if urls and failed / urls > max_error_share:
        return f"{failed} of {urls} URLs failed for good (more than {max_error_share:.0%})"
    return None


def summarize(stats):
    """Text lines: the counts, then one line per drop or failure reason."""
    lines = [f"{label}: {stats.get(key, 0)}" for label, key in SUMMARY_LINES]
    for label, prefix in PER_REASON:
        for key in sorted(k for k in stats if k.startswith(prefix)):
            lines.append(f"{label} ({key[len(prefix):]}): {stats[key]}")
    return lines


def peak_rss_mb():
    """This process's peak resident memory in MB: VmHWM where Linux gives it.

    Not getrusage's ru_maxrss (as Scrapy's memusage stats use): Linux carries that over exec
    from the process that started this one, so a crawl started by a large process reports at
    least that process's peak.
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


class CrawlSummary:
    """Logs the summary and, when NEWSCRAWL_STATS_FILE is set, writes the stats there as JSON."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.stats_file = crawler.settings.get("NEWSCRAWL_STATS_FILE")
        self.layout_share = crawler.settings.getfloat("NEWSCRAWL_LAYOUT_CHANGE_SHARE")

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, spider, reason):
        self.crawler.stats.set_value("newscrawl/peak_rss_mb", round(peak_rss_mb(), 1))
        stats = self.crawler.stats.get_stats()
        warning = layout_warning(stats, self.layout_share)
        if warning:
            logger.warning(warning)
        logger.info("Crawl summary (%s):\n  %s", reason, "\n  ".join(summarize(stats)))
        if self.stats_file:
            path = Path(self.stats_file)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(stats, default=str, indent=1, sort_keys=True))
