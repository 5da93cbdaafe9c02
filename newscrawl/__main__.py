"""Command line: python -m newscrawl COMMAND ...

Each command lives with the code it drives and registers itself through
``add_parser(subparsers)`` and a ``run(args) -> int`` function. An error a user
can act on (a file, the database, a revision) ends the command with one line.
"""

import argparse
import importlib
import sys

from alembic.util import CommandError
from sqlalchemy.exc import SQLAlchemyError

from newscrawl.archive import error_line

COMMANDS = {
    "changes": "newscrawl.changes.feed",
    "db": "newscrawl.archive.cli",
    "export": "newscrawl.archive.export",
    "browse": "newscrawl.archive.browse",
    "coverage": "newscrawl.archive.coverage_report",
    "extract": "newscrawl.extraction.cli",
    "history": "newscrawl.changes.history",
    "search": "newscrawl.archive.search",
    "reextract": "newscrawl.archive.reextract",
}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m newscrawl")
    subparsers = parser.add_subparsers(dest="command", required=True)
    modules = {}
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(module_name)
        module.add_parser(subparsers)
        modules[name] = module
    args = parser.parse_args(argv)
    try:
        return modules[args.command].run(args)
    except (OSError, SQLAlchemyError, CommandError) as error:
        print(f"newscrawl {args.command}: {error_line(error)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
