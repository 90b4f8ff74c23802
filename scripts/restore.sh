#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh: the database into the one
# DATABASE_URL names (created when missing) and the uploaded files into
# MEDIA_ROOT (README, "Backup").
#
#   DATABASE_URL=postgres://… MEDIA_ROOT=/srv/ita/media scripts/restore.sh [--force] DIRECTORY
#
# Nothing is overwritten unless --force: a database that has tables, or a
# MEDIA_ROOT that has files, stops the restore. With --force the database's
# objects are replaced, and the old MEDIA_ROOT is kept beside the new one as
# MEDIA_ROOT.before-restore-<date>-<time>. Stop the portal first; afterwards
# run `manage.py migrate` if the code is newer than the backup.
set -euo pipefail
source "$(dirname "$0")/pgtools.sh"

usage() { die "usage: scripts/restore.sh [--force] BACKUP-DIRECTORY"; }
force=0
while [ $# -gt 0 ]; do
  case "$1" in
    --force) force=1; shift ;;
    -*) usage ;;
    *) break ;;
  esac
done
[ $# -eq 1 ] || usage
backup="$1"
for file in database.dump media.tar.gz SHA256SUMS; do
  [ -f "$backup/$file" ] || die "$backup is not a backup of scripts/backup.sh (no $file)"
done
note "checking the backup's SHA-256 sums"
(cd "$backup" && sha256sum --quiet --strict -c SHA256SUMS) || die "$backup is damaged: its files do not match SHA256SUMS"

url=$(database_url)
name=$(database_name "$url")
require_client_tools "$url"
server_url=$(with_database "$url" postgres)

exists=$(psql -d "$server_url" -X -A -t -v ON_ERROR_STOP=1 \
  -c "SELECT 1 FROM pg_database WHERE datname = '$name'")
clean=()
if [ -z "$exists" ]; then
  note "creating the database $name"
  psql -d "$server_url" -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$name\""
else
  tables=$(psql -d "$url" -X -A -t -v ON_ERROR_STOP=1 \
    -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
  if [ "$tables" -gt 0 ]; then
    [ "$force" -eq 1 ] || die "the database $name has $tables tables; scripts/restore.sh --force replaces them"
    clean=(--clean --if-exists)
  fi
fi
if [ -d "$MEDIA_ROOT" ] && [ -n "$(ls -A "$MEDIA_ROOT")" ] && [ "$force" -ne 1 ]; then
  die "$MEDIA_ROOT has files; scripts/restore.sh --force keeps them aside and restores"
fi

note "restoring the database $name"
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
  "${clean[@]}" -d "$url" "$backup/database.dump"

note "restoring the uploaded files into $MEDIA_ROOT"
incoming="$MEDIA_ROOT.restoring"
rm -rf "$incoming"
mkdir -p "$incoming"
tar -C "$incoming" -xzf "$backup/media.tar.gz"
if [ -d "$MEDIA_ROOT" ]; then
  if [ -n "$(ls -A "$MEDIA_ROOT")" ]; then
    kept="$MEDIA_ROOT.before-restore-$(date +%Y%m%d-%H%M%S)"
    mv "$MEDIA_ROOT" "$kept"
    note "the files that were there are kept in $kept"
  else
    rmdir "$MEDIA_ROOT"
  fi
fi
mv "$incoming" "$MEDIA_ROOT"
note "restored $backup"
