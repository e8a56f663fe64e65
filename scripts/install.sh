#!/usr/bin/env bash
# Installs what the project needs into this folder: a virtualenv (.venv), npm packages
# (node_modules) and compiled interface catalogues. `--test` adds the test tools and Debian's
# Chromium for the browser tests. Safe to run again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

extras=""
[ "${1:-}" = "--test" ] && extras="[test]"

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "Python 3.11 or newer is needed (found: $("$PYTHON" --version 2>&1))." >&2
  exit 1
fi
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${extras}"

# The 3D viewer, its decoders and the glTF validator come from npm (never committed).
if ! command -v npm >/dev/null 2>&1; then
  echo "npm not found: install Node.js 18 or newer (Debian: apt-get install nodejs npm)." >&2
  exit 1
fi
npm ci --no-audit --no-fund --loglevel=error

.venv/bin/python manage.py compile_catalogues

# Tests drive Debian's Chromium; the production smoke test puts Debian's nginx in front of gunicorn.
if [ -n "$extras" ]; then
  missing=""
  command -v chromium >/dev/null 2>&1 || missing="chromium"
  [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing="$missing nginx-light"
  if [ -n "$missing" ]; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
  fi
fi
