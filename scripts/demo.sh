#!/usr/bin/env bash
# Set up a fresh machine and run the demo: load the bundled sample data and serve the
# portal and API on http://127.0.0.1:8000 (Ctrl-C stops it).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e .
exec .venv/bin/govsearch demo "$@"
