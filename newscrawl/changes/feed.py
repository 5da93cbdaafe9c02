"""python -m newscrawl changes [--since WHEN] [--kind KIND ...] [-o FILE.jsonl|.csv]: the changes found.

Without -o, one line per change; with -o, one JSON object per change (JSON Lines) or a CSV row
(the diff as JSON text), chosen by the file's extension.
"""

import argparse
import csv
import json
import logging
import sys
from datetime import datetime, timezone

from newscrawl.changes.describe import event_line
from newscrawl.changes.records import CHANGE_FIELDS, change_dict, changes_query
from newscrawl.archive import database_url, safe_url
from newscrawl.archive.store import SchemaOutdated, Store

logger = logging.getLogger(__name__)

KINDS = ("edit", "headline", "silent", "byline", "unpublished", "redirected", "unlisted", "restored")


def add_parser(subparsers):
    """Register the changes command."""
    parser = subparsers.add_parser("changes", help="list the changes found: edits, silent edits, removals, returns")
    parser.add_argument("--url", help="database URL (default: $NEWSCRAWL_DATABASE_URL, else data/newscrawl.db)")
    parser.add_argument("--since", type=since_text, help="found from this day or time on (YYYY-MM-DD or ISO 8601)")
    parser.add_argument("--kind", action="append", type=_kinds, metavar="KIND",
                        help=f"only these kinds (repeat, or separate by commas): {', '.join(KINDS)}")
    parser.add_argument("-o", "--output", help="a file ending in .jsonl or .csv (default: lines on stdout)")


def _kinds(text):
    """The kinds in a comma-separated list."""
    kinds = [kind.strip() for kind in text.split(",") if kind.strip()]
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown kind {', '.join(unknown)}: one of {', '.join(KINDS)}")
    return kinds


def since_text(text):
    """A day or a time as the ISO 8601 UTC text that found_at holds (a time without a zone is in UTC)."""
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a day or time (YYYY-MM-DD or ISO 8601): {text!r}") from None
    when = when.replace(tzinfo=when.tzinfo or timezone.utc).astimezone(timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def write_lines(changes, file):
    """One readable line per change."""
    for change in changes:
        file.write(event_line(change) + "\n")


def write_jsonl(changes, file):
    """One JSON object per change."""
    for change in changes:
        file.write(json.dumps(change, ensure_ascii=False) + "\n")


def write_csv(changes, file):
    """A header, then a row per change, its diff as JSON text."""
    writer = csv.DictWriter(file, fieldnames=CHANGE_FIELDS)
    writer.writeheader()
    for change in changes:
        writer.writerow({**change, "diff": json.dumps(change["diff"], ensure_ascii=False) if "diff" in change else ""})


WRITERS = {".jsonl": write_jsonl, ".csv": write_csv}


def run(args):
    """List the changes; return the exit code."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    extension = "." + args.output.rpartition(".")[2].lower() if args.output else None
    if args.output and extension not in WRITERS:
        logger.error("Cannot tell the format of %s: name it .jsonl or .csv", args.output)
        return 2
    kinds = [kind for group in args.kind or () for kind in group]
    store = Store(database_url(args.url))
    try:
        store.check_schema()
        with store.engine.connect() as connection:
            changes = [change_dict(row) for row in connection.execute(changes_query(args.since, kinds))]
    except SchemaOutdated as error:
        logger.error("%s", error)
        return 1
    finally:
        store.close()
    if not args.output:
        write_lines(changes, sys.stdout)
        return 0
    with open(args.output, "w", encoding="utf-8", newline="") as file:
        WRITERS[extension](changes, file)
    logger.info("Wrote %d changes from %s to %s", len(changes), safe_url(store.url), args.output)
    return 0
