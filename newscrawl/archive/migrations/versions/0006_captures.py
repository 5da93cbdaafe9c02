"""WARC captures: each stored version names the record that holds its page; the latest capture of each URL.

Revision ID: captures
Revises: change_tracking

``articles.capture`` (and so each revision's item) is {file, offset, length, record_id, digest}
of the WARC record the version was extracted from; ``revision_reason`` says "reextract" for a
version re-extraction stored. ``captures`` holds each URL's latest page record, so that a later
crawl writes an identical page as a revisit record. Existing articles have no capture.
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "captures"
down_revision = "change_tracking"
branch_labels = None
depends_on = None

Json = sa.JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")


# Plain ALTER TABLE, on SQLite too (3.35 and later drop columns): batch mode would copy the table and lose
# the full-text triggers on it.
def upgrade():
    op.add_column("articles", sa.Column("capture", Json))
    op.add_column("articles", sa.Column("revision_reason", sa.Text))
    op.create_table(
        "captures",
        sa.Column("url", sa.Text, primary_key=True),
        sa.Column("date", sa.Text, nullable=False),
        sa.Column("file", sa.Text, nullable=False),
        sa.Column("offset", sa.BigInteger, nullable=False),
        sa.Column("length", sa.Integer, nullable=False),
        sa.Column("record_id", sa.Text, nullable=False),
        sa.Column("digest", sa.Text, nullable=False),
    )


def downgrade():
    op.drop_table("captures")
    op.drop_column("articles", "revision_reason")
    op.drop_column("articles", "capture")
