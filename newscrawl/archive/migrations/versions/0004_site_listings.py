"""What the site lists, what became of each listed URL the archive lacks, and URLs queued for the next run.

Revision ID: site_listings
Revises: fulltext_search

site_listings: each article URL a run saw in a sitemap, the feed or a listing, one row per
URL and listing (a paginated listing by its first page), with the date it showed and when it
was first and last seen. url_outcomes: what a fetch of a listed URL gave when it stored nothing
under that URL (stored under another URL, dropped, not an article, ...). crawl_queue: URLs
that `coverage --queue` wants the next run to fetch first.
"""

import sqlalchemy as sa
from alembic import op

revision = "site_listings"
down_revision = "fulltext_search"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "site_listings",
        sa.Column("url", sa.Text, primary_key=True),
        sa.Column("listing", sa.Text, primary_key=True),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("page", sa.Integer),
        sa.Column("listed_date", sa.Text),
        sa.Column("before_since", sa.Boolean, nullable=False),
        sa.Column("first_seen", sa.Text, nullable=False),
        sa.Column("last_seen", sa.Text, nullable=False),
        sa.Column("run_id", sa.Integer),
    )
    op.create_index("ix_site_listings_last_seen", "site_listings", ["last_seen"])
    op.create_table(
        "url_outcomes",
        sa.Column("url", sa.Text, primary_key=True),
        sa.Column("outcome", sa.Text, nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("article_url", sa.Text),
        sa.Column("date_published", sa.Text),
        sa.Column("recorded_at", sa.Text, nullable=False),
    )
    op.create_table(
        "crawl_queue",
        sa.Column("url", sa.Text, primary_key=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("queued_at", sa.Text, nullable=False),
    )


def downgrade():
    op.drop_table("crawl_queue")
    op.drop_table("url_outcomes")
    op.drop_table("site_listings")
