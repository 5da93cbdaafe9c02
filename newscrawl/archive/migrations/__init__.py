"""Alembic migrations, configured in code so that no path is written down."""

import sys

from alembic.config import Config
from alembic.script import ScriptDirectory

SCRIPT_LOCATION = "newscrawl.archive:migrations"


def alembic_config(url):
    """An Alembic Config that migrates the database at ``url`` (str or URL)."""
    config = Config(stdout=sys.stdout)
    config.set_main_option("script_location", SCRIPT_LOCATION)
    # Passed as an attribute, not an option: ConfigParser would mangle a '%'.
    config.attributes["url"] = url
    return config


def head_revision():
    """The revision that this code's schema corresponds to."""
    return ScriptDirectory.from_config(alembic_config(None)).get_current_head()
