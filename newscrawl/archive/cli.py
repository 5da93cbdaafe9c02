"""python -m newscrawl db upgrade|downgrade REV|current: migrate the database."""

import logging

from alembic import command

from newscrawl.archive import database_url, safe_url
from newscrawl.archive.migrations import alembic_config, head_revision
from newscrawl.archive.store import SchemaOutdated, Store

logger = logging.getLogger(__name__)


def add_parser(subparsers):
    """Register the db command and its three actions."""
    parser = subparsers.add_parser("db", help="migrate the SQL database")
    parser.add_argument("--url", help="database URL (default: $NEWSCRAWL_DATABASE_URL, else data/newscrawl.db)")
    actions = parser.add_subparsers(dest="action", required=True)
    actions.add_parser("upgrade", help="migrate to the newest schema")
    downgrade = actions.add_parser("downgrade", help="migrate back to revision REV")
    downgrade.add_argument("revision", metavar="REV", help="e.g. 0001, -1 or base")
    actions.add_parser("current", help="print the database's schema revision")


def run(args):
    """Run the chosen action; return the exit code."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    url = database_url(args.url)
    config = alembic_config(url)
    logger.info("database: %s", safe_url(url))
    if args.action == "upgrade":
        command.upgrade(config, "head")
    elif args.action == "downgrade":
        command.downgrade(config, args.revision)
    else:
        print(describe_revision(url))
    return 0


def describe_revision(url):
    """The database's schema revision as one line: the newest, or what it is and what to run."""
    store = Store(url)
    try:
        store.check_schema()
    except SchemaOutdated as outdated:
        return str(outdated)
    finally:
        store.close()
    return f"{head_revision()} (head)"
