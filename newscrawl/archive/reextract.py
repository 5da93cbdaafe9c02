"""python -m newscrawl reextract: today's extraction, run again on the archive's captures, without the network.

    python -m newscrawl reextract [--since DATE] [--url URL] [--processes N] [--dry-run] [--all]

Reads the WARC files (newscrawl/archive/captures.py wrote them), takes each article's latest capture,
and runs on it what the crawl's callback runs (``analyse_article``, then ``article_item``), then the
crawl's validation and deduplication. A record that differs from the stored one is stored as a new
revision whose ``revision_reason`` is ``reextract``; the rest is left alone. Without ``--all``, the
articles are those the database holds, each through the capture it links to (the latest capture of
that URL); with ``--all``, every article capture in the files, so that an empty database gets the
rows the crawl gave it. ``--dry-run`` only prints which fields would change on how many articles.
Files are scanned and pages extracted in N processes (default: every core).
"""

import logging
import multiprocessing
import os
import sys
import time
from collections import Counter
from contextlib import nullcontext
from datetime import date

from scrapy.exceptions import DropItem
from scrapy.utils.project import get_project_settings

from newscrawl.archive import database_url
from newscrawl.archive.reextract_plan import chosen, latest_article_captures, scan_files
from newscrawl.archive.store import Store, content_hash
from newscrawl.archive.warcread import page_response, read_record
from newscrawl.changes.checks import validators
from newscrawl.items import ARTICLE_FIELDS
from newscrawl.pipelines.dedup import DedupPipeline
from newscrawl.pipelines.validate import ValidatePipeline
from newscrawl.spiders.kyivindependent import KyivIndependentSpider, analyse_article, article_item

logger = logging.getLogger(__name__)
EXIT_FAILED = 3
CHUNK = 8  # pages per job sent to a process
BATCH = 500  # items per database transaction
SUMMARY = (("WARC files", "files"), ("article captures", "captures"), ("unchanged", "unchanged"),
           ("revised", "revised"), ("new", "new"), ("not an article", "not_article"),
           ("unreadable captures", "unreadable"))


def add_parser(subparsers):
    parser = subparsers.add_parser("reextract", help="run today's extraction again on the archive's WARC captures")
    parser.add_argument("--since", metavar="DATE", type=day, help="only captures made on or after DATE (YYYY-MM-DD)")
    parser.add_argument("--url", action="append", default=[], help="only this article (repeatable)")
    parser.add_argument("--processes", type=positive, default=os.cpu_count(), help="processes (default: every core)")
    parser.add_argument("--dry-run", action="store_true", help="print which fields would change; store nothing")
    parser.add_argument("--all", action="store_true", help="every article capture, also those the database lacks")
    parser.add_argument("--warc-dir", help="the WARC files (default: NEWSCRAWL_WARC_DIR)")
    parser.add_argument("--database-url", help="the database (default: NEWSCRAWL_DATABASE_URL)")


def day(text):
    """A YYYY-MM-DD argument, as given."""
    return date.fromisoformat(text).isoformat()


def positive(text):
    number = int(text)
    if number < 1:
        raise ValueError(text)
    return number


def extract(warc_dir, capture):
    """("item", (dict, the page's HTTP validators)) for one capture, or (reason, message) when it gives no article."""
    try:
        record = read_record(warc_dir, capture["file"], capture["offset"], capture["length"])
    except (OSError, ValueError) as error:
        return "unreadable", f"{capture['url']}: {error}"
    response = page_response(record)
    result = analyse_article(type(response), response.url, response.body, getattr(response, "encoding", None),
                             capture.get("listed-date"), False)
    if result.get("not_article"):
        return "not_article", capture["url"]
    item = dict(article_item(result["record"], capture.get("discovered-via"), capture))
    # A rendered page's validators are in its metadata record (newscrawl/archive/captures.py).
    fetched = validators(response) if record.rec_type == "response" else {
        name: capture.get(name) for name in ("etag", "last_modified")}
    return "item", (item, fetched)


def _extract_chunk(arguments):
    warc_dir, captures = arguments
    return [extract(warc_dir, capture) for capture in captures]


class Progress:
    """A line on stderr at most every `every` seconds: done of total, per second."""

    def __init__(self, label, total, every=2.0):
        self.label, self.total, self.every = label, total, every
        self.started = self.shown = time.monotonic()
        self.done = 0

    def add(self, count=1):
        self.done += count
        now = time.monotonic()
        if now - self.shown >= self.every or self.done == self.total:
            self.shown = now
            rate = self.done / max(now - self.started, 1e-9)
            print(f"{self.label}: {self.done}/{self.total} ({rate:.0f}/s)", file=sys.stderr, flush=True)

    def rate(self):
        return self.done / max(time.monotonic() - self.started, 1e-9)


def extracted(pool, warc_dir, captures, progress):
    """(outcome, value) for each capture, in capture order (as the crawl met them), counted in progress."""
    chunks = [(warc_dir, captures[i:i + CHUNK]) for i in range(0, len(captures), CHUNK)]
    results = pool.imap(_extract_chunk, chunks) if pool else map(_extract_chunk, chunks)
    for chunk in results:
        yield from chunk
        progress.add(len(chunk))


class Counts(Counter):
    """What re-extraction counts, for its summary; the pipelines count here as in a crawl's stats."""

    def inc_value(self, key, count=1, start=0):
        self[key] += count


def pipeline_items(results, counts, settings, fetches):
    """The items that pass the crawl's validation and deduplication; what does not, counted and logged.
    fetches gets, for each article URL, its last fetch's time and HTTP validators, as a crawl's checks record
    them (for every page that gave the article, dropped ones too)."""
    validate = ValidatePipeline(counts, settings.get("NEWSCRAWL_EARLIEST_DATE"))
    dedup = DedupPipeline()
    for outcome, value in results:
        if outcome != "item":
            counts[outcome] += 1
            logger.warning("No article from the capture of %s (%s)", value, outcome)
            continue
        item, page_validators = value
        if item.get("url"):
            fetches[item["url"]] = {"url": item["url"], "last_checked": item["crawled_at"], **page_validators}
        try:
            yield dedup.process_item(validate.process_item(item))
        except DropItem as error:
            counts[f"dropped ({type(error).__name__})"] += 1
            logger.info("Dropped: %s", error)


def stored_changes(items, store, dry_run, counts, fetches):
    """Store each item that differs from its stored version (a revision, reason "reextract"; or a new article,
    whose row then gets its fetches', as from its crawl); with dry_run, store nothing and return {field:
    articles it would change}."""
    index, batch, created, would_change = store.load_index(), [], [], Counter()

    def flush():
        if dry_run:
            would_change.update(field_changes(batch, store))
        else:
            store.write_batch(batch)
        batch.clear()

    for item in items:
        known = index.get(item["url"])
        if known and known[0] == content_hash(item):
            counts["unchanged"] += 1
            continue
        counts["revised" if known else "new"] += 1
        item["revision_reason"] = "reextract" if known else None
        batch.append(item)
        if not known:
            created.append(item["url"])
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    if not dry_run:
        store.record_checks([fetches[url] for url in created], [])
    return would_change


def field_changes(items, store):
    """{field: how many of items differ from their stored row in it}; a new article counts in every field it has."""
    rows = store.articles([item["url"] for item in items])
    changes = Counter()
    for item in items:
        row = rows.get(item["url"], {})
        changes.update(name for name in ARTICLE_FIELDS if item.get(name) != row.get(name))
    return changes


def summary(counts, cut, rate, would_change=None):
    lines = [f"{label}: {counts.get(key, 0)}" for label, key in SUMMARY]
    lines += [f"{key}: {value}" for key, value in sorted(counts.items())
              if key.startswith(("dropped", "newscrawl/validate/"))]
    lines.append(f"files ending in a cut record: {len(cut)}" + (f" ({', '.join(cut)})" if cut else ""))
    lines.append(f"pages per second: {rate:.1f}")
    if would_change is not None:
        lines.append("would change (dry run, nothing stored):")
        lines += [f"  {name}: {count} articles" for name, count in sorted(would_change.items())] or ["  nothing"]
    return lines


def run(args):
    """Re-extract; print progress on stderr and a summary; exit 0, or EXIT_FAILED if a capture could not be read."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    settings = get_project_settings()
    KyivIndependentSpider.update_settings(settings)  # the spider's own, as in its crawls
    warc_dir = args.warc_dir or settings.get("NEWSCRAWL_WARC_DIR")
    # Forked before any connection is open: the processes run the code this one holds.
    context = multiprocessing.get_context("fork")
    with (context.Pool(args.processes) if args.processes > 1 else nullcontext()) as pool:
        scanned = Progress("scanned files", 0)
        entries, cut = scan_files(pool, warc_dir, scanned)
        store = Store(database_url(args.database_url or settings.get("NEWSCRAWL_DATABASE_URL")))
        try:
            store.check_schema(create_empty=True)
            captures = chosen(entries, latest_article_captures(entries), store.stored_captures(), args.all,
                              set(args.url), args.since)
            counts = Counts(files=scanned.total, captures=len(captures))
            progress = Progress("extracted", len(captures))
            fetches = {}
            items = pipeline_items(extracted(pool, warc_dir, captures, progress), counts, settings, fetches)
            would_change = stored_changes(items, store, args.dry_run, counts, fetches)
        finally:
            store.close()
    print("Re-extraction summary:\n  " + "\n  ".join(summary(counts, cut, progress.rate(),
                                                             would_change if args.dry_run else None)))
    return EXIT_FAILED if counts["unreadable"] else 0
