"""python -m newscrawl reextract: today's extraction, run again on the archive's captures, without the network.

    python -m newscrawl reextract [--since DATE] [--url URL] [--processes N] [--dry-run] [--all]

Reads the WARC files (newscrawl/archive/captures.py wrote them), takes each article's latest capture,
and runs on it what the crawl's callback runs (``analyse_article``, then ``article_item``), then the
crawl's validation and deduplication (newscrawl/archive/reextract_worker.py does all but the last, in
N processes, and compares each record with the stored one there). A record that differs from the
stored one is stored as a new revision whose ``revision_reason`` is ``reextract``; the rest is left
alone. Without ``--all``, the articles are those the database holds, each through the capture it
links to (the latest capture of that URL); with ``--all``, every article capture in the files, so
that an empty database gets the rows the crawl gave it. The versions stored are appended to the
archive's JSON Lines file. ``--dry-run`` only prints which fields would change on how many articles.
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

from newscrawl.archive import database_url, reextract_worker
from newscrawl.archive.jsonl import JsonLinesFile, catch_up
from newscrawl.archive.reextract_plan import chosen, latest_article_captures, scan_files
from newscrawl.archive.reextract_worker import Counts, judge_chunk
from newscrawl.archive.store import Store
from newscrawl.extensions import EXIT_FAILED
from newscrawl.items import ARTICLE_FIELDS
from newscrawl.pipelines.dedup import DedupPipeline
from newscrawl.spiders.kyivindependent import KyivIndependentSpider

logger = logging.getLogger(__name__)
CHUNK = 8  # pages per job sent to a process
BATCH = 500  # items per database transaction
SUMMARY = (("WARC files", "files"), ("article captures", "captures"), ("unchanged", "unchanged"),
           ("revised", "revised"), ("new", "new"), ("not an article", "not_article"),
           ("unreadable captures", "unreadable"), ("versions written to JSON Lines", "jsonl"))


def add_parser(subparsers):
    parser = subparsers.add_parser("reextract", help="run today's extraction again on the archive's WARC captures")
    parser.add_argument("--since", metavar="DATE", type=day, help="only captures made on or after DATE (YYYY-MM-DD)")
    parser.add_argument("--url", action="append", default=[], help="only this article (repeatable)")
    parser.add_argument("--processes", type=positive, default=os.cpu_count(), help="processes (default: every core)")
    parser.add_argument("--dry-run", action="store_true", help="print which fields would change; store nothing")
    parser.add_argument("--all", action="store_true", help="every article capture, also those the database lacks")
    parser.add_argument("--warc-dir", help="the WARC files (default: NEWSCRAWL_WARC_DIR)")
    parser.add_argument("--database-url", help="the database (default: NEWSCRAWL_DATABASE_URL)")
    parser.add_argument("--jsonl", help="the JSON Lines file that gets the versions stored (default: "
                        "NEWSCRAWL_JSONL_PATH, unless --database-url is given; '' for none)")


def day(text):
    """A YYYY-MM-DD argument, as given."""
    return date.fromisoformat(text).isoformat()


def positive(text):
    number = int(text)
    if number < 1:
        raise ValueError(text)
    return number


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


def judged(pool, warc_dir, captures, progress):
    """reextract_worker.judge's (outcome, value, counts) for each capture, in capture order (as the crawl met
    them), counted in progress."""
    chunks = [(warc_dir, captures[i:i + CHUNK]) for i in range(0, len(captures), CHUNK)]
    results = pool.imap(judge_chunk, chunks) if pool else map(judge_chunk, chunks)
    for chunk in results:
        yield from chunk
        progress.add(len(chunk))


def changed_items(results, counts, fetches):
    """The items that passed validation in their process, differ from their stored version and pass the
    crawl's deduplication; what does not, counted (and logged when it gave no article).
    fetches gets, for each article URL, its last fetch (for every page that gave the article, dropped ones too)."""
    dedup = DedupPipeline()
    for outcome, value, validation_counts in results:
        counts.update(validation_counts)
        if outcome in ("unreadable", "not_article"):
            counts[outcome] += 1
            logger.warning("No article from the capture of %s (%s)", value, outcome)
            continue
        item, fetch = value
        if fetch["url"]:
            fetches[fetch["url"]] = fetch
        if outcome == "dropped":
            dropped(counts, item)
            continue
        try:
            dedup.process_item(item)
        except DropItem as error:
            dropped(counts, error)
            continue
        if outcome == "unchanged":
            counts["unchanged"] += 1
        else:
            yield item


def dropped(counts, error):
    """Count and log an item the pipelines dropped."""
    counts[f"dropped ({type(error).__name__})"] += 1
    logger.info("Dropped: %s", error)


def stored_changes(items, store, dry_run, counts, fetches, known):
    """Store each item (a revision, reason "reextract", of a known article; or a new article, whose row then
    gets its fetches', as from its crawl); with dry_run, store nothing and return {field: articles it would
    change}."""
    batch, created, would_change = [], [], Counter()

    def flush():
        if dry_run:
            would_change.update(field_changes(batch, store))
        else:
            store.write_batch(batch)
        batch.clear()

    for item in items:
        is_known = item["url"] in known
        counts["revised" if is_known else "new"] += 1
        item["revision_reason"] = "reextract" if is_known else None
        batch.append(item)
        if not is_known:
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
              if key.startswith(("dropped", "newscrawl/validate/", "newscrawl/write_failed/"))]
    lines.append(f"files ending in a cut record: {len(cut)}" + (f" ({', '.join(cut)})" if cut else ""))
    lines.append(f"pages per second: {rate:.1f}")
    if would_change is not None:
        lines.append("would change (dry run, nothing stored):")
        lines += [f"  {name}: {count} articles" for name, count in sorted(would_change.items())] or ["  nothing"]
    return lines


def run(args):
    """Re-extract; print progress on stderr and a summary; exit 0, or EXIT_FAILED if a capture could not be read
    or a line not written."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    settings = get_project_settings()
    KyivIndependentSpider.update_settings(settings)  # the spider's own, as in its crawls
    warc_dir = args.warc_dir or settings.get("NEWSCRAWL_WARC_DIR")
    url = database_url(args.database_url or settings.get("NEWSCRAWL_DATABASE_URL"))
    store = Store(url)
    try:
        store.check_schema(create_empty=True)
        known = {article: stored[0] for article, stored in store.load_index().items()}
        stored_captures = store.stored_captures()
    finally:
        store.close()
    # Forked with no connection open, each process given the stored hashes: they run the code this one holds.
    context, state = multiprocessing.get_context("fork"), (known, settings.get("NEWSCRAWL_EARLIEST_DATE"))
    if args.processes == 1:
        reextract_worker.start(*state)
    with (context.Pool(args.processes, reextract_worker.start, state) if args.processes > 1 else nullcontext()) as pool:
        scanned = Progress("scanned files", 0)
        entries, cut = scan_files(pool, warc_dir, scanned)
        captures = chosen(entries, latest_article_captures(entries), stored_captures, args.all, set(args.url),
                          args.since)
        counts = Counts(files=scanned.total, captures=len(captures))
        progress, fetches = Progress("extracted", len(captures)), {}
        store = Store(url)
        try:
            items = changed_items(judged(pool, warc_dir, captures, progress), counts, fetches)
            would_change = stored_changes(items, store, args.dry_run, counts, fetches, known)
            path = args.jsonl if args.jsonl is not None or args.database_url else settings.get("NEWSCRAWL_JSONL_PATH")
            if path and not args.dry_run:
                counts["jsonl"] = json_lines_caught_up(path, store, counts)
        finally:
            store.close()
    print("Re-extraction summary:\n  " + "\n  ".join(summary(counts, cut, progress.rate(),
                                                             would_change if args.dry_run else None)))
    return EXIT_FAILED if counts["unreadable"] or counts["newscrawl/write_failed/jsonl"] else 0


def json_lines_caught_up(path, store, counts):
    """Append to the JSON Lines file at path the versions the store holds and it lacks; how many."""
    jsonl = JsonLinesFile(path, counts)
    jsonl.open()
    try:
        return catch_up(jsonl, store)
    finally:
        jsonl.close()
