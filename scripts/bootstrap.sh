# Shared by run.sh and test.sh: check (and, as root, install) what the portal
# needs from the system, then build the virtual environment in .venv.
# Sourced, not executed.

RUNTIME_DEBS=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fontconfig)
# postgresql-client: pg_dump/pg_restore for tests/test_backup.py (Debian 12: 15,
# the server's version here).
TEST_DEBS=(poppler-utils chromium gettext postgresql-client)

die() { echo "ERROR: $*" >&2; exit 1; }
note() { echo "==> $*"; }

missing_debs() {
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || echo "$pkg"
  done
}

ensure_debs() {
  command -v dpkg-query >/dev/null || { note "not a Debian system: skipping the package check"; return 0; }
  local missing
  missing=$(missing_debs "$@" | tr '\n' ' ')
  [ -z "${missing// }" ] && return 0
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    die "missing system packages: ${missing}
Install them as root:  apt-get update && apt-get install -y ${missing}"
  fi
  note "installing system packages: ${missing}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || die "apt-get update failed; install by hand: ${missing}"
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends ${missing} >/dev/null \
    || die "could not install: ${missing}"
}

find_python() {
  local candidate
  for candidate in "${PYTHON:-}" python3.11 python3.12 python3.13 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
      echo "$candidate"; return 0
    fi
  done
  die "Python 3.11 or newer is needed (apt-get install -y python3)"
}

ensure_venv() {
  local requirements=$1 python stamp
  python=$(find_python)
  if ! "$python" -c 'import venv, ensurepip' 2>/dev/null; then
    local version
    version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    ensure_debs "python${version}-venv"
  fi
  if [ ! -x .venv/bin/python ]; then
    note "creating .venv with $python"
    "$python" -m venv .venv || die "could not create the virtual environment"
  fi
  # Reinstall only when the requirement files changed since the last install.
  stamp=".venv/.installed-$(cat requirements*.txt | sha256sum | cut -c1-16)-$(basename "$requirements")"
  if [ ! -f "$stamp" ]; then
    note "installing Python packages from $requirements (log: .venv/pip.log)"
    # pip's notes (a machine's pip.conf can add dozens) go to the log; it is
    # shown only when the install fails.
    if ! { .venv/bin/python -m pip install -q --upgrade pip \
           && .venv/bin/python -m pip install -q -r "$requirements"; } >.venv/pip.log 2>&1; then
      tail -n 40 .venv/pip.log >&2
      die "pip install failed (the whole log: .venv/pip.log)"
    fi
    rm -f .venv/.installed-*-"$(basename "$requirements")"
    touch "$stamp"
  fi
  .venv/bin/python -c 'import weasyprint' 2>/dev/null \
    || die "WeasyPrint cannot load Pango: install libpango-1.0-0 and libpangoft2-1.0-0"
}
