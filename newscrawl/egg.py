"""Running from a zipped egg, as Scrapyd runs the project: unpack the Alembic migrations.

Alembic reads its scripts from a directory, which a zipped egg does not have; this
extension copies them to a temporary directory at crawl start and points
newscrawl.archive.migrations there. Installed or checked-out code needs none of it.
"""

import atexit
import importlib.resources
import pathlib
import shutil
import tempfile

from scrapy.exceptions import NotConfigured

from newscrawl.archive import migrations


def copy_tree(source, target):
    """Copy a resources Traversable (a directory inside a zip file) to the path target."""
    target.mkdir(parents=True, exist_ok=True)
    for entry in source.iterdir():
        if entry.is_dir():
            if entry.name != "__pycache__":
                copy_tree(entry, target / entry.name)
        else:
            (target / entry.name).write_bytes(entry.read_bytes())


def unpack_migrations():
    """A filesystem directory holding the migrations, or None when they already are on disk."""
    source = importlib.resources.files(migrations)
    if isinstance(source, pathlib.Path):
        return None
    target = pathlib.Path(tempfile.mkdtemp(prefix="newscrawl-migrations-"))
    atexit.register(shutil.rmtree, target, ignore_errors=True)
    copy_tree(source, target)
    return target


class UnzippedMigrations:
    """Extension: when running from a zipped egg, gives Alembic the migrations as files."""

    def __init__(self, directory):
        self.directory = directory
        migrations.SCRIPT_LOCATION = str(directory)

    @classmethod
    def from_crawler(cls, crawler):
        directory = unpack_migrations()
        if directory is None:
            raise NotConfigured("the migrations are on disk")
        return cls(directory)
