#!/usr/bin/env bash
# Installs the project with its test tools and runs the whole test suite.
# DATABASE_URL selects the database (default: SQLite in memory); extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --test
exec .venv/bin/python -m pytest "$@"
