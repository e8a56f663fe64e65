#!/usr/bin/env bash
# Installs the project, builds the demo campaign on SQLite and serves it at http://localhost:8000/
# with a background worker for 3D processing. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh

export DJANGO_SETTINGS_MODULE=cms.settings.dev
# The address served is also the public base URL of every link (load_demo sets the Site to it).
export HOST="${HOST:-127.0.0.1}" PORT="${PORT:-8000}"
.venv/bin/python manage.py migrate --no-input
.venv/bin/python manage.py load_demo
.venv/bin/python manage.py db_worker &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
.venv/bin/python manage.py runserver "$HOST:$PORT"
