"""Scrapy settings for newscrawl: polite by default.

Scrapy's default is noted beside each value we change. Our own settings
start with NEWSCRAWL_. Optional integrations sit at the bottom.
"""

import os

from newscrawl.items import ARTICLE_FIELDS, BOOKKEEPING_FIELDS, EARLIEST

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"

# An honest User-Agent with a way to reach whoever runs the crawl.
NEWSCRAWL_CONTACT_URL = os.environ.get("NEWSCRAWL_CONTACT_URL", "https://github.com/newscrawl/newscrawl")
USER_AGENT = f"newscrawl/0.1 (+{NEWSCRAWL_CONTACT_URL})"  # default "Scrapy/VERSION (+https://scrapy.org)"

# Politeness toward the publisher.
ROBOTSTXT_OBEY = True  # default False
CONCURRENT_REQUESTS_PER_DOMAIN = 1  # default 8
DOWNLOAD_DELAY = 2  # default 0; public scrapers of this site pause 2 s per page
AUTOTHROTTLE_ENABLED = True  # default False
AUTOTHROTTLE_START_DELAY = 2  # default 5
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0  # default 1.0
# News pages need no cookies; this also keeps tldextract from fetching its suffix list.
COOKIES_ENABLED = False  # default True
DOWNLOAD_TIMEOUT = 30  # default 180
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024  # default 1 GiB
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024  # default 32 MiB
# Pages whose items wait for a database write (in its own thread) hold their responses this long;
# at 5 MB a 20,000-article backfill peaked 50 MB higher, at the same speed (benchmarks/backfill.py).
SCRAPER_SLOT_MAX_ACTIVE_SIZE = 1_000_000  # default 5_000_000

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "newscrawl.middlewares.WaitingRobotsTxtMiddleware": 100,  # Scrapy's RobotsTxtMiddleware slot
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "newscrawl.middlewares.BackoffRetryMiddleware": 550,  # Scrapy's RetryMiddleware slot
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "newscrawl.middlewares.SafeRedirectMiddleware": 600,  # Scrapy's RedirectMiddleware slot
    "newscrawl.middlewares.MislabelledUtf8Middleware": 560,
    # Last to see a response: article pages are parsed in a worker process before their callback.
    "newscrawl.workers.WorkerMiddleware": 50,
    # Next to the downloader: every response as received, into WARC files (newscrawl/archive/captures.py).
    "newscrawl.archive.captures.Captures": 950,
}
NEWSCRAWL_WARC = os.environ.get("NEWSCRAWL_WARC", "on")  # off: no WARC captures
NEWSCRAWL_WARC_DIR = os.environ.get("NEWSCRAWL_WARC_DIR", "data/warc")
NEWSCRAWL_WARC_MAX_SIZE = 1_000_000_000  # bytes per WARC file, then the next one (a file ends past it by a record)
NEWSCRAWL_EXTRACT_PROCESSES = 1  # worker processes for article pages (newscrawl/workers.py); 0: none
NEWSCRAWL_EXTRACT_TIMEOUT = 120  # seconds a worker may spend on a page; then it is killed, the page tried once more
RETRY_TIMES = 3  # default 2
RETRY_GIVE_UP_LOG_LEVEL = "WARNING"  # default "ERROR"; the spider logs and records every final failure
NEWSCRAWL_RETRY_BACKOFF_BASE = 2  # seconds before the first retry, doubled for each next one
NEWSCRAWL_RETRY_BACKOFF_MAX = 120  # the longest wait, Retry-After included

ITEM_PIPELINES = {
    "newscrawl.pipelines.validate.ValidatePipeline": 100,
    "newscrawl.pipelines.dedup.DedupPipeline": 200,
    "newscrawl.pipelines.database.DatabasePipeline": 800,  # into the archive (newscrawl/archive/state.py)
}
NEWSCRAWL_JSONL_PATH = "data/articles.jsonl"  # every version the database stored, one line each; empty: off
NEWSCRAWL_EARLIEST_DATE = EARLIEST  # older dates are cleared (pipelines/validate.py); a spider sets its site's founding

# One-off outputs with `scrapy crawl ... -O file.jsonl` (Scrapy's feed exports).
FEED_EXPORT_FIELDS = list(ARTICLE_FIELDS + BOOKKEEPING_FIELDS)
# Resumable with JOBDIR even after kill -9: see newscrawl/dupefilter.py.
DUPEFILTER_CLASS = "newscrawl.dupefilter.RunDupeFilter"
SCHEDULER_DISK_QUEUE = "newscrawl.squeues.KillSafeLifoDiskQueue"  # default scrapy.squeues.PickleLifoDiskQueue

NEWSCRAWL_DATABASE_URL = os.environ.get("NEWSCRAWL_DATABASE_URL", "sqlite:///data/newscrawl.db")
NEWSCRAWL_DB_CREATE_EMPTY = True  # give an empty database the schema; never migrate one silently
NEWSCRAWL_DB_BATCH_SIZE = 100  # items per transaction
NEWSCRAWL_DB_FLUSH_SECONDS = 5  # write a partial batch after this long
# A database call past twice the timeout plus 10 s declares the database hung: the run's later writes are spooled.
NEWSCRAWL_DB_TIMEOUT = 60  # seconds a database statement may take, lock waits included; then its batch is spooled
NEWSCRAWL_SPOOL_PATH = "data/spool.jsonl"  # items kept here while the database is unreachable

# Change tracking (newscrawl/changes/): update runs re-check recently published articles at these hours after
# publication (0: every article at every run), at most this many requests a run, with If-None-Match and
# If-Modified-Since; a removal (404, 410, a redirect, out of the sitemaps) counts when two consecutive checks
# this many hours apart see it. Every change found goes to NEWSCRAWL_CHANGES_PATH too (empty: not).
NEWSCRAWL_RECHECK_AFTER = os.environ.get("NEWSCRAWL_RECHECK_AFTER", "1,6,24,72,168")
NEWSCRAWL_RECHECK_BUDGET = os.environ.get("NEWSCRAWL_RECHECK_BUDGET", "100")  # checked by the crawl command
NEWSCRAWL_GONE_CONFIRM_HOURS = 1
NEWSCRAWL_CHANGES_PATH = "data/changes.jsonl"

LOG_LEVEL = "INFO"  # default "DEBUG"
# default True: Scrapy reads and parses a generator callback's source again whenever its cache misses, and
# it misses for most responses (it keys on the bound method, a new object for each request). That cost
# a tenth of a backfill's CPU; tests/unit/spiders/test_kyivindependent_spider.py makes the same check once instead.
WARN_ON_GENERATOR_RETURN_VALUE = False
TELNETCONSOLE_ENABLED = False  # default True: a Python shell on 127.0.0.1 whose password is in the log
# default True: an HTTP endpoint on 127.0.0.1 whose /execute runs Python in the crawl, its token in a
# job file (left behind by kill -9); -s REMOTE_CONTROL_ENABLED=True when you want it.
REMOTE_CONTROL_ENABLED = False

COMMANDS_MODULE = "newscrawl.commands"  # `scrapy crawl` with a run lock and exit status
NEWSCRAWL_LOCK_FILE = None  # default data/<spider>.lock
NEWSCRAWL_RUN_LOCK = None  # set by the crawl command: the lock it holds, so that runs killed holding it are closed
NEWSCRAWL_MAX_ERROR_SHARE = 0.2  # a crawl with a larger share of failed requests exits non-zero

# The archive's state (database, stored-article index, runs, failures, spool, JSON Lines): after the summary,
# so that the run's record gets the final stats.
EXTENSIONS = {"newscrawl.extensions.CrawlSummary": 500, "newscrawl.archive.state.Archive": 600}
NEWSCRAWL_STATS_FILE = None  # a path: the crawl's stats as JSON, written at the end
# Warn "layout changed?" when the site's page object misses a field on more than this share of pages.
NEWSCRAWL_LAYOUT_CHANGE_SHARE = 0.2

# Optional: scale out through Redis (README, "Scale out with Redis"): workers started with the same
# NEWSCRAWL_REDIS_URL and crawl id share one request queue and dupefilter. The ScaleOut add-on (ADDONS,
# below) reads it after -s and Scrapyd's setting= overrides and installs scrapy-redis's scheduler.
NEWSCRAWL_REDIS_URL = os.environ.get("NEWSCRAWL_REDIS_URL")  # unset: one process
NEWSCRAWL_CRAWL_ID = os.environ.get("NEWSCRAWL_CRAWL_ID")  # default: the spider argument crawl_id, else the spider name
NEWSCRAWL_REDIS_IDLE_SECONDS = float(os.environ.get("NEWSCRAWL_REDIS_IDLE_SECONDS", 10))

# Scrapyd runs the project from a zipped egg; this unpacks the migrations there (a no-op elsewhere).
EXTENSIONS["newscrawl.egg.UnzippedMigrations"] = 0

# Optional: render pages that need JavaScript in Chromium through scrapy-playwright (README, "Pages that
# need a browser"). The add-on reads these after -s and Scrapyd's setting= overrides, and installs the
# Playwright download handlers unless rendering is off; they render only requests whose meta asks for it.
NEWSCRAWL_PLAYWRIGHT = os.environ.get("NEWSCRAWL_PLAYWRIGHT", "off")  # off, auto (pages that need it) or on (all)
NEWSCRAWL_PLAYWRIGHT_BROWSER = os.environ.get("NEWSCRAWL_PLAYWRIGHT_BROWSER", "/usr/bin/chromium")  # Debian's chromium
NEWSCRAWL_PLAYWRIGHT_HEADLESS = True
NEWSCRAWL_PLAYWRIGHT_MAX_PAGES = 4  # pages open at once in the browser
NEWSCRAWL_PLAYWRIGHT_ARGS = []  # extra Chromium flags (a JSON list with -s)
ADDONS = {"newscrawl.rendering.Rendering": 0, "newscrawl.distributed.ScaleOut": 0}  # default {}
