# Shared by backup.sh and restore.sh: the database of DATABASE_URL, the
# PostgreSQL client tools and MEDIA_ROOT, checked before anything is written.
# Sourced, not executed.

die() { echo "ERROR: $*" >&2; exit 1; }
note() { echo "==> $*"; }

# The project's defaults, as ita_portal/settings.py has them.
PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MEDIA_ROOT="${MEDIA_ROOT:-$PROJECT_DIR/media}"

# DATABASE_URL as libpq reads it (postgres:// or postgresql://), and its parts.
database_url() {
  local url="${DATABASE_URL:-}"
  case "$url" in
    postgres://* | postgresql://*) ;;
    pgsql://* | postgis://*) url="postgresql://${url#*://}" ;;
    "") die "DATABASE_URL is not set. These scripts back up and restore PostgreSQL;
the SQLite default (db.sqlite3) is one file: copy it while the portal is stopped." ;;
    *) die "DATABASE_URL is not PostgreSQL (${url%%://*}://…). These scripts use pg_dump and pg_restore." ;;
  esac
  echo "$url"
}

# The database name in a URL: postgres://user@host:5432/NAME?options
database_name() {
  local rest="${1#*://}"
  [[ "$rest" == */* ]] || die "DATABASE_URL names no database"
  rest="${rest#*/}"
  rest="${rest%%\?*}"
  [ -n "$rest" ] || die "DATABASE_URL names no database"
  [[ "$rest" =~ ^[A-Za-z0-9_.-]+$ ]] || die "unexpected database name: $rest"
  echo "$rest"
}

# The same URL with another database (for CREATE DATABASE, from "postgres").
with_database() {
  local url="$1" name="$2" scheme rest authority query=""
  scheme="${url%%://*}"
  rest="${url#*://}"
  authority="${rest%%/*}"
  [[ "$rest" == *\?* ]] && query="?${rest#*\?}"
  echo "${scheme}://${authority}/${name}${query}"
}

# pg_dump, pg_restore and psql, at least as new as the server: an older
# pg_dump refuses a newer server, and a dump is restored by the same major
# version that made it.
require_client_tools() {
  local url="$1" tool missing="" client server
  for tool in pg_dump pg_restore psql; do
    command -v "$tool" >/dev/null || missing="$missing $tool"
  done
  [ -z "$missing" ] || die "missing:$missing. Install the PostgreSQL client tools:
  apt-get install -y postgresql-client
(Debian 12 ships version 15; for a newer server install postgresql-client-<version>
from apt.postgresql.org.)"
  server=$(psql -d "$url" -X -A -t -v ON_ERROR_STOP=1 -c "SHOW server_version_num" 2>/dev/null) \
    || server=$(psql -d "$(with_database "$url" postgres)" -X -A -t -c "SHOW server_version_num") \
    || die "cannot reach the PostgreSQL server of DATABASE_URL"
  server=$((server / 10000))
  client=$(pg_dump --version | awk '{print $3}' | grep -oE '^[0-9]+')
  if [ "$client" -lt "$server" ]; then
    die "pg_dump $client is older than the server ($server): install postgresql-client-$server"
  fi
  SERVER_MAJOR=$server
  CLIENT_MAJOR=$client
}
