#!/usr/bin/env bash
# Installs Égide with its test tools and runs the whole test suite: lint, migrations check,
# deployment check, unit, integration and browser tests (Debian's chromium, installed if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
source scripts/_venv.sh test
echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check --quiet .
echo "== migrations"
.venv/bin/egide makemigrations --check --dry-run -v0
echo "== check --deploy and collectstatic (production-like settings)"
static_root=$(mktemp -d)
EGIDE_DEBUG=0 EGIDE_SECRET_KEY="$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
  EGIDE_ALLOWED_HOSTS=egide.example.org EGIDE_STATIC_ROOT="$static_root" \
  EGIDE_DATA_KEYS="k1:$(.venv/bin/python -c 'import base64,os; print(base64.b64encode(os.urandom(32)).decode())')" \
  bash -c '.venv/bin/egide check --deploy --fail-level WARNING && .venv/bin/egide collectstatic --noinput -v0'
rm -rf "$static_root"
echo "== pytest"
exec .venv/bin/pytest "$@"
