"""The archive: the SQL database (schema, migrations, store), the db and export commands, and the crawl's state.

The database URL comes from ``--url``, else the ``NEWSCRAWL_DATABASE_URL``
environment variable, else a SQLite file under ``data/``.
"""

import os
from pathlib import Path

from sqlalchemy import make_url

DEFAULT_URL = "sqlite:///data/newscrawl.db"


def database_url(explicit=None):
    """Return the URL to use, creating a SQLite file's directory if needed."""
    url = make_url(explicit or os.environ.get("NEWSCRAWL_DATABASE_URL") or DEFAULT_URL)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    return url


def safe_url(url):
    """The URL as text fit for a log line or an error message: no password."""
    return make_url(url).render_as_string(hide_password=True)


def error_line(error):
    """An error's first message line; for a database error, the driver's, leaving out the SQL and its parameters."""
    return (str(getattr(error, "orig", None) or error).strip().splitlines() or [type(error).__name__])[0]
