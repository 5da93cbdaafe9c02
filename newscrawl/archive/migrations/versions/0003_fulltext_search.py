"""Full-text search over headline, description and body: FTS5 on SQLite, a tsvector on PostgreSQL.

Revision ID: fulltext_search
Revises: 0002

Both index the same text, headline, description and body joined, as whole words,
lower-cased, with no stemming and no stop words (FTS5's unicode61 tokenizer, the
'simple' text search configuration), so that a search matches the same articles on either.
SQLite: articles_fts, a contentless FTS5 table (rowid = articles.id); triggers keep it in
step with every insert, update and delete of articles. A later migration that makes SQLite
copy the articles table (batch mode's "recreate") drops the triggers with the old table and
must create them again. PostgreSQL: articles.search_vector, a generated tsvector column,
with a GIN index.
"""

from alembic import op

revision = "fulltext_search"
down_revision = "0002"
branch_labels = None
depends_on = None


def joined(row=None):
    """SQL for the indexed text of an articles row (``row``: new or old in a trigger)."""
    prefix = f"{row}." if row else ""
    return " || ' ' || ".join(f"coalesce({prefix}{name}, '')" for name in ("headline", "description", "article_body"))


SQLITE_UPGRADE = (
    "CREATE VIRTUAL TABLE articles_fts USING fts5(search_text, content='', tokenize='unicode61 remove_diacritics 0')",
    f"INSERT INTO articles_fts(rowid, search_text) SELECT id, {joined()} FROM articles",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
    f" INSERT INTO articles_fts(rowid, search_text) VALUES (new.id, {joined('new')}); END",
    # A contentless table forgets a row when given exactly the text it indexed.
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
    f" INSERT INTO articles_fts(articles_fts, rowid, search_text) VALUES ('delete', old.id, {joined('old')}); END",
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF headline, description, article_body ON articles BEGIN"
    f" INSERT INTO articles_fts(articles_fts, rowid, search_text) VALUES ('delete', old.id, {joined('old')});"
    f" INSERT INTO articles_fts(rowid, search_text) VALUES (new.id, {joined('new')}); END",
)
SQLITE_DOWNGRADE = (
    "DROP TRIGGER articles_fts_update",
    "DROP TRIGGER articles_fts_delete",
    "DROP TRIGGER articles_fts_insert",
    "DROP TABLE articles_fts",
)
POSTGRES_UPGRADE = (
    "ALTER TABLE articles ADD COLUMN search_vector tsvector"
    f" GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, {joined()})) STORED",
    "CREATE INDEX ix_articles_search_vector ON articles USING GIN (search_vector)",
)
POSTGRES_DOWNGRADE = (
    "DROP INDEX ix_articles_search_vector",
    "ALTER TABLE articles DROP COLUMN search_vector",
)


def _run(statements):
    for statement in statements:
        op.execute(statement)


def upgrade():
    _run(SQLITE_UPGRADE if op.get_bind().dialect.name == "sqlite" else POSTGRES_UPGRADE)


def downgrade():
    _run(SQLITE_DOWNGRADE if op.get_bind().dialect.name == "sqlite" else POSTGRES_DOWNGRADE)
