#!/usr/bin/env bash
# Sets up newscrawl and the services its tests use, then runs every test.
# Extra arguments go to pytest (e.g. scripts/test.sh -k processors).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh requirements-dev.txt
scripts/services.sh
# Two processes: the e2e tests mostly wait on crawls and servers (pytest-xdist; -n 0 after this turns it off).
exec .venv/bin/python -m pytest -n 2 "$@"
