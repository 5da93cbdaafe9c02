"""python -m newscrawl history ARTICLE_URL [--json]: an article's revisions as diffs, and its removals and returns."""

import json
import logging
import sys

from sqlalchemy import select

from newscrawl.changes.describe import history_text
from newscrawl.changes.records import change_dict, changes_query
from newscrawl.changes.vanish import state_of
from newscrawl.archive import database_url
from newscrawl.archive.schema import articles
from newscrawl.archive.store import SchemaOutdated, Store
from newscrawl.urls import normalize_url

logger = logging.getLogger(__name__)

SUMMARY = ("url", "headline", "revision", "first_seen", "last_checked", "unpublished_at", "gone_status",
           "redirected_to", "unlisted_at")


def add_parser(subparsers):
    """Register the history command."""
    parser = subparsers.add_parser("history", help="show an article's revisions as diffs, and its removals")
    parser.add_argument("article", metavar="ARTICLE_URL", help="the article's URL")
    parser.add_argument("--url", help="database URL (default: $NEWSCRAWL_DATABASE_URL, else data/newscrawl.db)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")


def read_history(connection, url):
    """(summary dict, changes) of the stored article at url, or None when the archive lacks it."""
    row = connection.execute(select(*(articles.c[name] for name in SUMMARY)).where(articles.c.url == url)).first()
    if row is None:
        return None
    summary = dict(row._mapping)
    summary["state"], _ = state_of(summary)
    summary["state_since"] = summary["unpublished_at"] or summary["unlisted_at"]
    return summary, [change_dict(change) for change in connection.execute(changes_query(url=url))]


def run(args):
    """Print the history; return the exit code."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    url = normalize_url(args.article)
    store = Store(database_url(args.url))
    try:
        store.check_schema()
        with store.engine.connect() as connection:
            found = read_history(connection, url)
    except SchemaOutdated as error:
        logger.error("%s", error)
        return 1
    finally:
        store.close()
    if found is None:
        logger.error("The archive holds no article at %s", url)
        return 1
    summary, changes = found
    if args.json:
        json.dump({**summary, "changes": changes}, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print(history_text(summary, changes))
    return 0
