"""python -m newscrawl coverage [--since] [--until] [-o FILE] [--plot PNG] [--queue]: the coverage audit.

Prints, per publication day with a gap, the articles the site lists, the ones archived and each
missing one with its reason, then one summary line. Exit status 1 when articles are missing for
a reason that another run can fix (never fetched, failed), so that a scheduler can alert; 2 when
there is nothing to audit or the database needs `db upgrade`; else 0.
"""

import csv
import json
import logging
import sys
from datetime import date

from newscrawl.archive import database_url, safe_url
from newscrawl.archive.coverage import audit
from newscrawl.archive.store import SchemaOutdated, Store, utcnow

logger = logging.getLogger(__name__)

FIELDS = ("url", "day", "reason")


def add_parser(subparsers):
    """Register the coverage command."""
    parser = subparsers.add_parser("coverage", help="the articles the site lists that the archive lacks, and why")
    parser.add_argument("--url", help="database URL (default: $NEWSCRAWL_DATABASE_URL, else data/newscrawl.db)")
    parser.add_argument("--since", type=date.fromisoformat, help="first publication day, YYYY-MM-DD")
    parser.add_argument("--until", type=date.fromisoformat, help="last publication day, YYYY-MM-DD (inclusive)")
    parser.add_argument("-o", "--output", help="write each missing article to this .jsonl or .csv file")
    parser.add_argument("--plot", help="draw articles per day, site against archive, into this .png file")
    parser.add_argument("--queue", action="store_true", help="make the next crawl fetch the fixable ones first")


def summary(coverage):
    """One line: how much of what the site lists the archive holds, and why the rest is missing."""
    listed, archived = sum(coverage.listed.values()), sum(coverage.archived.values())
    share = f" ({archived / listed:.1%})" if listed else ""
    line = f"coverage: the archive holds {archived} of the {listed} articles the site lists{share}"
    if not coverage.missing:
        return line + "; none missing"
    reasons = ", ".join(f"{count} {status}" for status, count in sorted(coverage.reasons().items()))
    fixable = len(coverage.fixable())
    return f"{line}; missing {len(coverage.missing)}: {reasons} ({fixable or 'none'} that another run can fix)"


def print_days(coverage, file):
    """Each day with a gap: its counts, then its missing articles."""
    by_day = {}
    for entry in coverage.missing:
        by_day.setdefault(entry["day"], []).append(entry)
    if by_day:
        file.write(f"{'day':<12}{'listed':>8}{'archived':>10}{'missing':>9}\n")
    for day in sorted(by_day, key=lambda day: day or ""):
        entries = by_day[day]
        file.write(f"{day or '(unknown)':<12}{coverage.listed[day]:>8}{coverage.archived[day]:>10}{len(entries):>9}\n")
        for entry in entries:
            file.write(f"    {entry['reason']:<30} {entry['url']}\n")


def write_missing(coverage, path):
    """A line {"url", "day", "reason"} per missing article, as JSON Lines or CSV by the file's extension."""
    with open(path, "w", encoding="utf-8", newline="") as file:
        if path.lower().endswith(".csv"):
            writer = csv.DictWriter(file, fieldnames=FIELDS, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(coverage.missing)
        else:
            for entry in coverage.missing:
                file.write(json.dumps({name: entry[name] for name in FIELDS}, ensure_ascii=False) + "\n")


def bad_arguments(args):
    """What is wrong with the file names, or None."""
    if args.output and not args.output.lower().endswith((".jsonl", ".csv")):
        return f"Cannot tell the format of {args.output}: name it .jsonl or .csv"
    if args.plot and not args.plot.lower().endswith(".png"):
        return f"--plot writes PNG: name it .png, not {args.plot}"
    return None


def run(args):
    """Audit; return the exit code."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    problem = bad_arguments(args)
    if problem:
        logger.error("%s", problem)
        return 2
    store = Store(database_url(args.url))
    try:
        store.check_schema()
        with store.engine.connect() as connection:
            coverage = audit(connection, args.since, args.until)
        if args.queue and coverage.fixable():
            now = utcnow()
            store.queue([{"url": e["url"], "reason": e["reason"], "queued_at": now} for e in coverage.fixable()])
            logger.info("Queued %d articles for the next crawl to fetch first", len(coverage.fixable()))
    except SchemaOutdated as error:
        logger.error("%s", error)
        return 2
    finally:
        store.close()
    if not coverage.listed:
        logger.error("No listing of the site recorded in %s%s: crawl first", safe_url(store.url),
                     " for these days" if args.since or args.until else "")
        return 2
    print_days(coverage, sys.stdout)
    print(summary(coverage))
    if args.output:
        write_missing(coverage, args.output)
        logger.info("Wrote %d missing articles to %s", len(coverage.missing), args.output)
    if args.plot:
        from newscrawl.archive.coverage_plot import plot  # here: matplotlib takes a second to load

        plot(coverage, args.plot)
        logger.info("Drew %s", args.plot)
    return 1 if coverage.fixable() else 0
