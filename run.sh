#!/usr/bin/env bash
# Install the portal, load the demo data into SQLite and serve it on
# http://127.0.0.1:8000, or on PORT_BIND (README, "Try it"). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/bootstrap.sh

ensure_debs "${RUNTIME_DEBS[@]}"
ensure_venv requirements.txt

export DEBUG="${DEBUG:-1}"
bind="${PORT_BIND:-127.0.0.1:8000}"
case "$bind" in
  *:*) address="$bind" ;;
  *) address="127.0.0.1:$bind" ;;  # runserver takes a bare port too
esac
# Links in the mail the portal prints (console backend) lead here.
export PORTAL_URL="${PORTAL_URL:-http://${address}}"
note "preparing the database"
.venv/bin/python manage.py migrate --noinput -v 0
# The demo accounts come last in seed_demo's output, and the address after
# them, so that both are on screen when the server starts.
.venv/bin/python manage.py seed_demo
note "the portal runs on http://${address}/ (Ctrl+C stops it)"
exec .venv/bin/python manage.py runserver "$bind"
