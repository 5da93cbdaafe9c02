"""The change-tracking rows of the archive: SQLAlchemy Core statements on a connection, any dialect.

Changes go to ``article_changes``; each check updates its article's row (``last_checked``,
the validators the site sent, its presence: see vanish.py). Nothing here opens a connection:
the archive's Store calls these inside its own transactions.
"""

from sqlalchemy import bindparam, func, insert, or_, select, update

from newscrawl.changes.diff import change_kind, diff
from newscrawl.changes.schedule import due, horizon
from newscrawl.archive.schema import article_changes, articles

PRESENCE = ("unpublished_at", "gone_status", "redirected_to", "unlisted_at", "suspect")
CHANGE_FIELDS = ("url", "kind", "found_at", "revision", "status", "redirected_to", "since", "diff")
# How many more candidates than the budget a re-check query reads (some get fetched otherwise in the run).
SPARE = 2


def revision_change(url, old, new, revision, found_at):
    """The change (a dict) that revision ``revision`` of the article at ``url`` makes, from ``old`` to ``new``."""
    changed = diff(old, new)
    return {"url": url, "kind": change_kind(changed), "found_at": found_at, "revision": revision, "diff": changed}


def insert_changes(connection, changes):
    """Add changes (dicts with CHANGE_FIELDS keys, missing ones None) to article_changes."""
    if changes:
        connection.execute(insert(article_changes), [{name: c.get(name) for name in CHANGE_FIELDS} for c in changes])


def record_checks(connection, checks):
    """Update the rows that checks ({"url": ..., column: value, ...}) name; checks with the same columns together."""
    groups = {}
    for check in checks:
        groups.setdefault(tuple(sorted(set(check) - {"url"})), []).append(check)
    for columns, group in groups.items():
        statement = (update(articles).where(articles.c.url == bindparam("u"))
                     .values({name: bindparam(f"v_{name}") for name in columns}))
        connection.execute(statement, [{"u": c["url"], **{f"v_{name}": c[name] for name in columns}} for c in group])


def load_presence(connection):
    """{url: {column: value}} of the articles that are not simply live: vanished, unlisted or suspected."""
    columns = [articles.c[name] for name in PRESENCE]
    marks = ("unpublished_at", "unlisted_at", "suspect")
    query = select(articles.c.url, *columns).where(or_(*(articles.c[name].is_not(None) for name in marks)))
    return {row.url: {name: row._mapping[name] for name in PRESENCE} for row in connection.execute(query)}


def recheck_candidates(connection, schedule, now, budget):
    """Up to SPARE * budget live articles due for a re-check, newest first:
    (url, date_published, last checked or first seen, etag, last_modified) tuples."""
    checked = func.coalesce(articles.c.last_checked, articles.c.first_seen)
    query = (select(articles.c.url, articles.c.date_published, checked, articles.c.etag, articles.c.last_modified)
             .where(articles.c.unpublished_at.is_(None), articles.c.date_published.is_not(None))
             .order_by(articles.c.date_published.desc()))
    oldest = horizon(schedule, now)
    if oldest is None:
        query = query.limit(SPARE * budget)  # every article is due: the newest are enough
    else:
        query = query.where(articles.c.date_published >= oldest.strftime("%Y-%m-%dT%H:%M:%SZ"))
    return due([tuple(row) for row in connection.execute(query)], schedule, now)[:SPARE * budget]


def changes_query(since=None, kinds=None, url=None):
    """The changes found from ``since`` (ISO 8601 text) on, of ``kinds``, of one ``url``, oldest first."""
    query = select(*(article_changes.c[name] for name in CHANGE_FIELDS))
    if since:
        query = query.where(article_changes.c.found_at >= since)
    if kinds:
        query = query.where(article_changes.c.kind.in_(kinds))
    if url:
        query = query.where(article_changes.c.url == url)
    return query.order_by(article_changes.c.found_at, article_changes.c.id)


def change_dict(row):
    """A change row as the feed writes it: its CHANGE_FIELDS, without the empty ones."""
    return {name: row._mapping[name] for name in CHANGE_FIELDS if row._mapping[name] is not None}
