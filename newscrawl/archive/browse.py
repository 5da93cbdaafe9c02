"""python -m newscrawl browse [--url URL] [--host H] [--port P] [--no-browser]: the SQLite archive in Datasette.

Datasette (https://datasette.io) serves the database read as it is, with a metadata file
made here: the articles table searches through the FTS5 index articles_fts from its search
box, and canned queries count articles per day, section and author, list the latest changes,
and the missing articles with their reasons (as `coverage` finds them).
"""

import json
import logging
import tempfile
from pathlib import Path

import click
from sqlalchemy import make_url
from sqlalchemy.dialects import sqlite

from newscrawl.archive import database_url, safe_url
from newscrawl.archive.coverage import missing_statement
from newscrawl.archive.schema import FTS_TABLE
from newscrawl.archive.store import SchemaOutdated, Store

logger = logging.getLogger(__name__)

QUERIES = {
    "articles_per_day": ("Articles per day", """
SELECT substr(date_published, 1, 10) AS day, count(*) AS articles FROM articles
WHERE date_published IS NOT NULL GROUP BY day ORDER BY day DESC"""),
    "articles_per_section": ("Articles per section", """
SELECT section, count(*) AS articles, min(substr(date_published, 1, 10)) AS first_day,
max(substr(date_published, 1, 10)) AS last_day FROM articles GROUP BY section ORDER BY articles DESC, section"""),
    "articles_per_author": ("Articles per author", """
SELECT au.name AS author, count(*) AS articles, max(substr(a.date_published, 1, 10)) AS last_day
FROM article_authors au JOIN articles a ON a.id = au.article_id GROUP BY au.name ORDER BY articles DESC, au.name"""),
    # What `python -m newscrawl changes` lists: edits field by field, removals, returns, redirects.
    "latest_changes": ("Latest changes: edits, removals and returns of archived articles", """
SELECT c.found_at, c.kind, c.url, a.headline, c.revision, c.diff, c.status, c.redirected_to
FROM article_changes c LEFT JOIN articles a ON a.url = c.url ORDER BY c.found_at DESC, c.id DESC LIMIT 200"""),
    # The coverage audit's own query (newscrawl/archive/coverage.py), one row per missing article.
    "missing_articles": ("Missing articles: listed by the site, not in the archive, and why", str(
        missing_statement().compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))),
}


def metadata(name):
    """Datasette metadata for the database called ``name`` (its file name less .db)."""
    queries = {key: {"title": title, "sql": sql.strip()} for key, (title, sql) in QUERIES.items()}
    return {
        "title": "newscrawl archive",
        "description": "Articles as newscrawl stored them; search the articles table, or open a query below.",
        "databases": {name: {
            "tables": {"articles": {"fts_table": FTS_TABLE, "fts_pk": "id", "sort_desc": "date_published",
                                    "label_column": "headline"}},
            "queries": queries,
        }},
    }


def add_parser(subparsers):
    """Register the browse command."""
    parser = subparsers.add_parser("browse", help="open the SQLite archive in Datasette")
    parser.add_argument("--url", help="SQLite database URL (default: $NEWSCRAWL_DATABASE_URL, else data/newscrawl.db)")
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1: this machine)")
    parser.add_argument("--port", type=int, default=8001, help="TCP port (default 8001)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a web browser")


def datasette_arguments(path, metadata_file, args):
    """The arguments of `datasette serve`."""
    # Cells cut to 300 characters: a table of article bodies is unreadable otherwise (default 2,048).
    command = ["serve", str(path), "--metadata", str(metadata_file),
               "--setting", "truncate_cells_html", "300",
               "--host", args.host, "--port", str(args.port)]
    return command if args.no_browser else [*command, "--open"]


def check(url):
    """The database file's path, or an error message: SQLite only, at the newest schema."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None, f"Datasette reads SQLite files only, not {safe_url(url)}"
    if not Path(url.database).is_file():
        return None, f"No database at {url.database}: crawl first, or name one with --url"
    store = Store(url)
    try:
        store.check_schema()
    except SchemaOutdated as error:
        return None, str(error)
    finally:
        store.close()
    return Path(url.database), None


def run(args):
    """Serve the archive until Datasette stops (Ctrl-C, SIGTERM); return the exit code.

    Datasette runs in this process, so that a signal to the command stops it too."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    path, error = check(make_url(database_url(args.url)))
    if error:
        logger.error("%s", error)
        return 2
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        logger.warning("Listening on %s: anyone who reaches it reads the archive, which is not yours to publish",
                       args.host)
    from datasette.cli import cli as datasette_cli  # here: loading Datasette takes half a second

    with tempfile.TemporaryDirectory(prefix="newscrawl-browse-") as folder:
        metadata_file = Path(folder) / "metadata.json"
        metadata_file.write_text(json.dumps(metadata(path.stem), indent=1))
        logger.info("Datasette on http://%s:%d/%s (Ctrl-C stops it)", args.host, args.port, path.stem)
        try:
            datasette_cli.main(datasette_arguments(path, metadata_file, args), "datasette", standalone_mode=False)
        except click.ClickException as error:
            logger.error("Datasette: %s", error.format_message())
            return 2
    return 0
