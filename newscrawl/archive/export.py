"""python -m newscrawl export --since DATE [--until DATE] [--section S] -o FILE.

Writes stored articles, in item shape, to JSON Lines (.jsonl) or CSV (.csv,
lists and dicts as JSON text), chosen by the file's extension.
"""

import csv
import json
import logging
from datetime import date, timedelta

from sqlalchemy import select

from newscrawl.archive import database_url, safe_url
from newscrawl.archive.schema import articles
from newscrawl.archive.store import SchemaOutdated, Store
from newscrawl.items import ARTICLE_FIELDS, BOOKKEEPING_FIELDS

logger = logging.getLogger(__name__)

FIELDS = ARTICLE_FIELDS + BOOKKEEPING_FIELDS


def add_parser(subparsers):
    """Register the export command."""
    parser = subparsers.add_parser("export", help="write stored articles to .jsonl or .csv")
    parser.add_argument("--url", help="database URL (default: $NEWSCRAWL_DATABASE_URL, else data/newscrawl.db)")
    parser.add_argument("--since", type=date.fromisoformat, required=True, help="first publication day, YYYY-MM-DD")
    parser.add_argument("--until", type=date.fromisoformat, help="last publication day, YYYY-MM-DD (inclusive)")
    parser.add_argument("--section", help="only articles of this section, e.g. 'News Feed'")
    parser.add_argument("-o", "--output", required=True, help="output file, ending in .jsonl or .csv")


def query(since, until=None, section=None):
    """Articles published from day since through day until, oldest first."""
    columns = [articles.c[name] for name in FIELDS]
    statement = select(*columns).where(articles.c.date_published >= since.isoformat())
    if until:
        statement = statement.where(articles.c.date_published < (until + timedelta(days=1)).isoformat())
    if section:
        statement = statement.where(articles.c.section == section)
    return statement.order_by(articles.c.date_published, articles.c.url)


def write_jsonl(rows, file):
    """One JSON object per line; return how many."""
    count = 0
    for count, row in enumerate(rows, 1):
        file.write(json.dumps(row, ensure_ascii=False) + "\n")
    return count


def write_csv(rows, file):
    """A header, then a line per article with lists and dicts as JSON; return how many."""
    writer = csv.DictWriter(file, fieldnames=FIELDS)
    writer.writeheader()
    count = 0
    for count, row in enumerate(rows, 1):
        writer.writerow({name: _cell(value) for name, value in row.items()})
    return count


def _cell(value):
    """A CSV cell: lists and dicts as JSON, other values as they are."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


WRITERS = {".jsonl": write_jsonl, ".csv": write_csv}


def run(args):
    """Export; return the exit code."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    extension = "." + args.output.rpartition(".")[2].lower()
    if extension not in WRITERS:
        logger.error("Cannot tell the format of %s: name it .jsonl or .csv", args.output)
        return 2
    store = Store(database_url(args.url))
    try:
        store.check_schema()
        with store.engine.connect() as connection, open(args.output, "w", encoding="utf-8", newline="") as file:
            result = connection.execution_options(yield_per=1000).execute(query(args.since, args.until, args.section))
            count = WRITERS[extension]((dict(row._mapping) for row in result), file)
    except SchemaOutdated as error:
        logger.error("%s", error)
        return 1
    finally:
        store.close()
    logger.info("Wrote %d articles from %s to %s", count, safe_url(store.url), args.output)
    return 0
