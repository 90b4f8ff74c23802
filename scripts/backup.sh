#!/usr/bin/env bash
# Back up the portal's data: the PostgreSQL database of DATABASE_URL
# (pg_dump, custom format) and the uploaded files under MEDIA_ROOT (tar),
# with their SHA-256 sums, into one new directory (README, "Backup").
#
#   DATABASE_URL=postgres://… MEDIA_ROOT=/srv/ita/media scripts/backup.sh [DIRECTORY]
#
# DIRECTORY defaults to backups/ita-<date>-<time> in the project. The portal
# may keep running: pg_dump reads one consistent snapshot, and uploaded files
# are only ever added. Restore with scripts/restore.sh DIRECTORY.
set -euo pipefail
source "$(dirname "$0")/pgtools.sh"

url=$(database_url)
name=$(database_name "$url")
target="${1:-$PROJECT_DIR/backups/ita-$(date +%Y%m%d-%H%M%S)}"
[ ! -e "$target" ] || die "$target exists already; name a new directory"
require_client_tools "$url"

# Backups hold personal data (names, e-mail addresses, password hashes).
umask 077
partial="$target.partial"
rm -rf "$partial"
mkdir -p "$partial"

note "database $name (PostgreSQL $SERVER_MAJOR, pg_dump $CLIENT_MAJOR)"
pg_dump --format=custom --no-owner --no-privileges --file="$partial/database.dump" -d "$url"

note "uploaded files in $MEDIA_ROOT"
if [ -d "$MEDIA_ROOT" ]; then
  tar -C "$MEDIA_ROOT" -czf "$partial/media.tar.gz" .
else
  echo "   (no such directory: nothing uploaded yet)"
  tar -czf "$partial/media.tar.gz" -T /dev/null
fi

{
  echo "database: $name"
  echo "server: PostgreSQL $SERVER_MAJOR"
  echo "pg_dump: $(pg_dump --version)"
  echo "media: $MEDIA_ROOT"
  echo "made: $(date -Iseconds)"
  echo "code: $(git -C "$PROJECT_DIR" rev-parse HEAD 2>/dev/null || echo unknown)"
} >"$partial/backup.txt"
(cd "$partial" && sha256sum database.dump media.tar.gz backup.txt >SHA256SUMS)

# Only a finished backup gets the directory's name.
mv "$partial" "$target"
note "backup in $target ($(du -sh "$target" | cut -f1))"
