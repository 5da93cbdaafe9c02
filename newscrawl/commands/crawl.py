"""`scrapy crawl` with a run lock and an exit status a scheduler can act on.

Exit status: 0 success; 1 Scrapy could not start the crawl (for a bad spider argument or
change-tracking setting, one line says which and what it takes); EXIT_FAILED when the crawl
failed (crawl_failure); EXIT_LOCKED when another run of the same spider holds the lock.
"""

import fcntl
import logging
import socket
import sys
from pathlib import Path

from scrapy.commands.crawl import Command as ScrapyCrawl

from newscrawl.changes.watch import check_settings as check_change_settings
from newscrawl.extensions import EXIT_FAILED, crawl_failure
from newscrawl.spiders.arguments import SpiderArgumentError

EXIT_LOCKED = 75  # EX_TEMPFAIL: try again later

logger = logging.getLogger(__name__)


class Command(ScrapyCrawl):
    """Run a spider of this project, once at a time, and report failure in the exit status."""

    def lock_path(self, spider_name):
        configured = self.settings.get("NEWSCRAWL_LOCK_FILE")
        return Path(configured or f"data/{spider_name}.lock")

    def run(self, args, opts):
        if not args:
            return super().run(args, opts)
        crawler = self._create_crawler(args[0])
        try:
            # The spider's own check (spiders/arguments.py), before the lock and any request.
            getattr(crawler.spidercls, "check_arguments", dict)(opts.spargs)
        except SpiderArgumentError as error:
            logger.error("Bad spider argument %s", error)
            self.exitcode = 1
            return
        try:
            check_change_settings(self.settings)
        except ValueError as error:
            logger.error("Bad setting: %s", error)
            self.exitcode = 1
            return
        path = self.lock_path(args[0])
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                print(f"newscrawl: another '{args[0]}' crawl is running (lock {path}); exiting.", file=sys.stderr)
                self.exitcode = EXIT_LOCKED
                return
            # The archive closes as killed the runs still 'running' that held this lock.
            crawler.settings.set("NEWSCRAWL_RUN_LOCK", f"{socket.gethostname()}:{path.resolve()}", "cmdline")
            self.crawler_process.crawl(crawler, **opts.spargs)
            self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
            return
        reason = crawl_failure(crawler.stats.get_stats(), self.settings.getfloat("NEWSCRAWL_MAX_ERROR_SHARE"))
        if reason:
            logger.error("Crawl failed: %s", reason)
            self.exitcode = EXIT_FAILED
