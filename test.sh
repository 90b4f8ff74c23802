#!/usr/bin/env bash
# Install everything the tests need and run the whole suite (README, "Test").
# Uses SQLite unless DATABASE_URL points at PostgreSQL. Extra arguments go to
# pytest, e.g. ./test.sh tests/organizations -x
set -euo pipefail
cd "$(dirname "$0")"
source scripts/bootstrap.sh

ensure_debs "${RUNTIME_DEBS[@]}" "${TEST_DEBS[@]}"
ensure_venv requirements-dev.txt

note "running the tests on ${DATABASE_URL:-SQLite (default)}"
exec .venv/bin/python -m pytest "$@"
