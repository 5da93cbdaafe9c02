"""Articles, with their authors and tags one per row.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

Json = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade():
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("canonical_url", sa.Text),
        sa.Column("headline", sa.Text),
        sa.Column("description", sa.Text),
        sa.Column("article_body", sa.Text),
        sa.Column("authors", Json),
        sa.Column("date_published", sa.Text),
        sa.Column("date_published_raw", sa.Text),
        sa.Column("date_modified", sa.Text),
        sa.Column("language", sa.Text),
        sa.Column("section", sa.Text),
        sa.Column("tags", Json),
        sa.Column("main_image", Json),
        sa.Column("main_image_url", sa.Text),
        sa.Column("reading_time", sa.Integer),
        sa.Column("editor_note", sa.Text),
        sa.Column("word_count", sa.Integer),
        sa.Column("crawled_at", sa.Text),
        sa.Column("discovered_via", sa.Text),
        sa.UniqueConstraint("url", name="uq_articles_url"),
    )
    op.create_index("ix_articles_date_published", "articles", ["date_published"])
    op.create_index("ix_articles_section", "articles", ["section"])
    for table, column in (("article_authors", "name"), ("article_tags", "tag")):
        op.create_table(
            table,
            sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), primary_key=True),
            sa.Column("position", sa.Integer, primary_key=True),
            sa.Column(column, sa.Text, nullable=False),
        )
        op.create_index(f"ix_{table}_{column}", table, [column])


def downgrade():
    op.drop_table("article_tags")
    op.drop_table("article_authors")
    op.drop_table("articles")
