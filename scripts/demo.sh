#!/usr/bin/env bash
# Sets up newscrawl and runs a demo crawl of the local test site into SQLite and JSON Lines.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh requirements.txt
exec .venv/bin/python -m testsite.demo "$@"
