"""Alembic environment: migrate the database named in the config or environment."""

from logging.config import fileConfig

from alembic import context
from sqlalchemy import create_engine, event

from newscrawl.archive import database_url
from newscrawl.archive.schema import include_object

# Only the alembic command has an ini file, whose logging it should use.
if context.config.config_file_name:
    fileConfig(context.config.config_file_name, disable_existing_loggers=False)

url = context.config.attributes.get("url") or database_url()

if context.is_offline_mode():
    context.configure(url=url, literal_binds=True, render_as_batch=True, include_object=include_object)
    with context.begin_transaction():
        context.run_migrations()
else:
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        # pysqlite commits each CREATE and ALTER on its own: let SQLite run them in one transaction, as
        # PostgreSQL does, so that a crawl killed while it creates the schema leaves an empty database.
        event.listen(engine, "connect", lambda dbapi_connection, _: setattr(dbapi_connection, "isolation_level", None))
        event.listen(engine, "begin", lambda connection: connection.exec_driver_sql("BEGIN"))
    with engine.connect() as connection:
        # Batch mode lets SQLite drop and alter columns by copying the table.
        context.configure(connection=connection, render_as_batch=True, include_object=include_object,
                          transactional_ddl=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()
