#!/usr/bin/env bash
# Sets up newscrawl and the services its tests use, then runs every test.
# Extra arguments go to pytest (e.g. scripts/test.sh -k processors).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh requirements-dev.txt
scripts/services.sh
exec .venv/bin/python -m pytest "$@"
