#!/usr/bin/env bash
# Installs Égide in .venv, creates the SQLite demo database with demo data, prints the logins
# and serves the demo on http://127.0.0.1:8000 (Ctrl-C to stop).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
export EGIDE_DEBUG=1
.venv/bin/egide migrate --noinput -v0
.venv/bin/egide loaddemo --if-empty
echo
echo "Égide est servi sur http://127.0.0.1:8000/ (Ctrl-C pour arrêter)."
exec .venv/bin/egide runserver 127.0.0.1:8000
