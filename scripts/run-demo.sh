#!/usr/bin/env bash
# Installs the project, builds the demo campaign on SQLite and serves it at http://localhost:8000/
# with a background worker for 3D processing. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh

export DJANGO_SETTINGS_MODULE=cms.settings.dev
.venv/bin/python manage.py migrate --no-input
.venv/bin/python manage.py load_demo
.venv/bin/python manage.py db_worker &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
.venv/bin/python manage.py runserver "${HOST:-127.0.0.1}:${PORT:-8000}"
