"""Which capture re-extraction reads for each article: the latest one, found by scanning the WARC files.

An article capture is a page record (or a revisit of one) that has a ``metadata`` record beside
it: the crawl writes one for article requests only (newscrawl/archive/captures.py, ``NOTES``).
"""

import logging

from newscrawl.archive.warcfiles import warc_paths
from newscrawl.archive.warcread import PAGE_TYPES, scan

logger = logging.getLogger(__name__)


def scan_files(pool, warc_dir, progress):
    """Every indexed record of every WARC file in warc_dir, in file order; files that end in a cut record, logged."""
    paths = warc_paths(warc_dir)
    progress.total = len(paths)
    entries, cut = [], []
    results = pool.imap(scan, paths) if pool else map(scan, paths)
    for path, (file_entries, was_cut) in zip(paths, results):
        entries += file_entries
        if was_cut:
            cut.append(path.name)
            logger.warning("%s ends in a cut record (a killed crawl): read up to it", path)
        progress.add()
    return entries, cut


def latest_article_captures(entries):
    """{capture URL: capture} of the latest article capture of each URL; a capture is its payload record's
    file, offset, length, record_id and digest, the date it was fetched, and the metadata record's fields."""
    pages = {entry["record_id"]: entry for entry in entries if entry["type"] in PAGE_TYPES}
    notes = {entry["refers_to"]: entry["fields"] for entry in entries if entry["type"] == "metadata"}
    latest = {}
    for entry in entries:
        if entry["record_id"] not in notes or entry["type"] not in PAGE_TYPES + ("revisit",):
            continue
        payload = pages.get(entry["refers_to"]) if entry["type"] == "revisit" else entry
        if payload is None:
            logger.warning("Revisit of %s refers to %s, which no file holds", entry["url"], entry["refers_to"])
            continue
        known = latest.get(entry["url"])
        if known is None or entry["date"] >= known["date"]:
            latest[entry["url"]] = {
                "url": entry["url"], "date": entry["date"], **notes[entry["record_id"]],
                **{key: payload[key] for key in ("file", "offset", "length", "record_id", "digest")},
            }
    return latest


def chosen(entries, latest, stored_captures, everything, urls=(), since=None):
    """The captures to re-extract, oldest first.

    Of the stored articles ({article URL: record id its capture names}): the latest capture of
    the URL that record was fetched from; or, everything, every article's. Only of urls (article
    or fetched URLs) and fetched on or after since (YYYY-MM-DD), when given."""
    if everything:
        captures = {url: capture for url, capture in latest.items() if not urls or url in urls}
    else:
        fetched_from = {entry["record_id"]: entry["url"] for entry in entries if entry["type"] in PAGE_TYPES}
        captures = {}
        for url, record_id in stored_captures.items():
            capture = latest.get(fetched_from.get(record_id))
            if capture is not None and (not urls or url in urls or capture["url"] in urls):
                captures[capture["url"]] = capture
    selected = [capture for capture in captures.values() if not since or capture["date"][:10] >= since]
    return sorted(selected, key=lambda capture: capture["date"])
