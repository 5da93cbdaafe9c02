"""Change tracking: each article's last check, its HTTP validators and presence; a table of changes.

Revision ID: change_tracking
Revises: site_listings

Articles gain the time of their last check, the ETag and Last-Modified the site sent, and
their presence (``unpublished_at``, ``gone_status``, ``redirected_to``, ``unlisted_at``, and a
removal seen once, ``suspect``). ``article_changes`` records each change found: a revision
with its diff, or an article that was unpublished, redirected, unlisted or restored. The
revisions already stored get their changes (and diffs) now, found when they were replaced.
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

from newscrawl.changes.diff import change_kind, diff

revision = "change_tracking"
down_revision = "site_listings"
branch_labels = None
depends_on = None

Json = sa.JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")
NEW_COLUMNS = (
    ("last_checked", sa.Text),
    ("etag", sa.Text),
    ("last_modified", sa.Text),
    ("unpublished_at", sa.Text),
    ("gone_status", sa.Integer),
    ("redirected_to", sa.Text),
    ("unlisted_at", sa.Text),
    ("suspect", Json),
)


def upgrade():
    with op.batch_alter_table("articles") as batch:
        for name, type_ in NEW_COLUMNS:
            batch.add_column(sa.Column(name, type_))
    op.create_table(
        "article_changes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.Text, nullable=False, index=True),
        sa.Column("kind", sa.Text, nullable=False, index=True),
        sa.Column("found_at", sa.Text, nullable=False, index=True),
        sa.Column("revision", sa.Integer),
        sa.Column("diff", Json),
        sa.Column("status", sa.Integer),
        sa.Column("redirected_to", sa.Text),
        sa.Column("since", sa.Text),
    )
    backfill_changes()


def backfill_changes():
    """A change, with its diff, for every revision already stored."""
    connection = op.get_bind()
    meta = sa.MetaData()
    articles = sa.Table("articles", meta, autoload_with=connection)
    revisions = sa.Table("article_revisions", meta, autoload_with=connection)
    changes = sa.Table("article_changes", meta, autoload_with=connection)
    rows = connection.execute(sa.select(revisions).order_by(revisions.c.url, revisions.c.revision)).mappings().all()
    versions = {}
    for row in rows:
        versions.setdefault(row["url"], []).append(row)
    current = {row["url"]: row for row in connection.execute(
        sa.select(articles).where(articles.c.url.in_(list(versions)))).mappings()} if versions else {}
    events = []
    for url, older in versions.items():
        items = [row["item"] for row in older] + [dict(current[url])]
        for replaced, old, new in zip(older, items, items[1:]):
            changed = diff(old, new)
            events.append({"url": url, "kind": change_kind(changed), "found_at": replaced["replaced_at"],
                           "revision": replaced["revision"] + 1, "diff": changed})
    if events:
        connection.execute(sa.insert(changes), events)


def downgrade():
    op.drop_table("article_changes")
    # Not in batch mode: SQLite (3.35 on) drops a column in place, so the articles table is not copied
    # and keeps its full-text triggers (fulltext_search).
    for name, _ in reversed(NEW_COLUMNS):
        op.drop_column("articles", name)
