#!/usr/bin/env bash
# Install the portal, load the demo data into SQLite and serve it on
# http://127.0.0.1:8000 (README, "Try it"). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/bootstrap.sh

ensure_debs "${RUNTIME_DEBS[@]}"
ensure_venv requirements.txt

export DEBUG="${DEBUG:-1}"
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py seed_demo
note "the portal runs on http://127.0.0.1:8000 (Ctrl+C stops it)"
exec .venv/bin/python manage.py runserver "${PORT_BIND:-127.0.0.1:8000}"
