"""Crawl state: content hashes and revisions, previous versions, runs, failed URLs.

Revision ID: 0002
Revises: 0001

Existing articles get their content hash computed, revision 1, and their
crawl time as first and last seen, so a downgrade and upgrade keeps them whole.
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

from newscrawl.archive.store import content_hash, utcnow

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

Json = sa.JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")
NEW_COLUMNS = (
    ("content_hash", sa.Text),
    ("first_seen", sa.Text),
    ("last_seen", sa.Text),
    ("revision", sa.Integer),
)


def upgrade():
    with op.batch_alter_table("articles") as batch:
        for name, type_ in NEW_COLUMNS:
            batch.add_column(sa.Column(name, type_))
    backfill_articles()
    with op.batch_alter_table("articles") as batch:
        for name, type_ in NEW_COLUMNS:
            batch.alter_column(name, existing_type=type_, nullable=False)
    op.create_table(
        "article_revisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("item", Json, nullable=False),
        sa.Column("content_hash", sa.Text, nullable=False),
        sa.Column("date_modified", sa.Text),
        sa.Column("replaced_at", sa.Text, nullable=False),
    )
    op.create_index("ix_article_revisions_url_revision", "article_revisions", ["url", "revision"], unique=True)
    op.create_table(
        "crawl_runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("spider", sa.Text, nullable=False),
        sa.Column("mode", sa.Text),
        sa.Column("started_at", sa.Text, nullable=False),
        sa.Column("finished_at", sa.Text),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("exit_code", sa.Integer),
        sa.Column("stats", Json),
    )
    op.create_table(
        "failed_urls",
        sa.Column("url", sa.Text, primary_key=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("first_failed", sa.Text, nullable=False),
        sa.Column("last_failed", sa.Text, nullable=False),
        sa.Column("resolved_at", sa.Text),
    )


def backfill_articles():
    """Fill the new columns of the articles already stored."""
    connection = op.get_bind()
    articles = sa.Table("articles", sa.MetaData(), autoload_with=connection)
    now = utcnow()
    rows = connection.execute(sa.select(articles)).mappings().all()
    params = [
        {"row_id": row["id"], "hash": content_hash(row), "seen": row["crawled_at"] or now}
        for row in rows
    ]
    if params:
        connection.execute(
            articles.update()
            .where(articles.c.id == sa.bindparam("row_id"))
            .values(
                content_hash=sa.bindparam("hash"),
                first_seen=sa.bindparam("seen"),
                last_seen=sa.bindparam("seen"),
                revision=1,
            ),
            params,
        )


def downgrade():
    op.drop_table("failed_urls")
    op.drop_table("crawl_runs")
    op.drop_table("article_revisions")
    with op.batch_alter_table("articles") as batch:
        for name, _ in reversed(NEW_COLUMNS):
            batch.drop_column(name)
