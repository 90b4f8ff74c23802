#!/usr/bin/env bash
# Known vulnerabilities in the pinned dependencies (README, "Security checks"):
# pip-audit asks PyPI's advisory data about every package that
# requirements.txt installs, its dependencies included.
#
#   scripts/audit.sh                          # requirements.txt
#   scripts/audit.sh -r requirements-dev.txt  # other pip-audit arguments
#
# Exit 1 when a package has a known vulnerability, or when only some
# packages could be checked. Exit 0 when none has one, and also, saying
# "skipped", when the advisory service cannot be reached at all (no network,
# or an index that does not serve PyPI's per-release JSON): an audit that
# checked nothing must not pass silently, and must not fail every offline
# build either.
set -euo pipefail
cd "$(dirname "$0")/.."

PIP_AUDIT="${PIP_AUDIT:-.venv/bin/pip-audit}"
command -v "$PIP_AUDIT" >/dev/null || [ -x "$PIP_AUDIT" ] \
  || { echo "ERROR: $PIP_AUDIT not found: install requirements-dev.txt" >&2; exit 2; }
[ $# -gt 0 ] || set -- -r requirements.txt

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
"$PIP_AUDIT" "$@" --format json --progress-spinner off >"$work/report.json" 2>"$work/errors" \
  || status=$?

python3 - "$work/report.json" "$work/errors" "$status" <<'PY'
import json
import re
import sys

report, errors, status = sys.argv[1], open(sys.argv[2]).read(), int(sys.argv[3])
NETWORK = re.compile(
    r"ConnectionError|NameResolutionError|Max retries exceeded|timed out|"
    r"Temporary failure in name resolution|Network is unreachable|"
    r"Connection refused|Could not fetch URL"
)
SKIPPED = "skipped: no network to the advisory database (PyPI JSON API / OSV)"

try:
    dependencies = json.load(open(report))["dependencies"]
except (OSError, ValueError, KeyError, TypeError):
    dependencies = None

if dependencies is None:
    if NETWORK.search(errors):
        last = errors.strip().splitlines()[-1] if errors.strip() else ""
        print(f"{SKIPPED}; nothing was checked.\n  pip-audit: {last[:300]}")
        sys.exit(0)
    sys.stderr.write(errors)
    print(f"pip-audit failed (exit {status}); see above")
    sys.exit(status or 1)

vulnerable = [d for d in dependencies if d.get("vulns")]
skipped = [d for d in dependencies if d.get("skip_reason")]
checked = len(dependencies) - len(skipped)
for dependency in vulnerable:
    for vuln in dependency["vulns"]:
        fixes = ", ".join(vuln.get("fix_versions") or []) or "no fixed release yet"
        aliases = ", ".join(vuln.get("aliases") or [])
        print(
            f"VULNERABLE {dependency['name']} {dependency['version']}: {vuln['id']}"
            f"{' (' + aliases + ')' if aliases else ''}; fixed in {fixes}"
        )
if vulnerable:
    sys.exit(1)
if skipped and not checked:
    reason = skipped[0]["skip_reason"]
    print(
        f"{SKIPPED}: none of {len(skipped)} packages could be checked "
        f"(e.g. {reason})"
    )
    sys.exit(0)
if skipped:
    for dependency in skipped:
        print(f"NOT CHECKED {dependency['name']}: {dependency['skip_reason']}")
    print(f"incomplete audit: {len(skipped)} of {len(dependencies)} packages not checked")
    sys.exit(1)
print(f"no known vulnerabilities in {checked} packages")
PY
