# lib.sh: shared by the integration tests: TAP output, where the built command and the
# source tree are, temporary folders removed on exit, and waiting for processes.
set -u
SRC=${DLT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${DLT_BUILD_DIR:-$SRC}
DLT="$BUILD/dlt-interop"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dlt-it-XXXXXX")
trap 'rm -rf "$TMP"' EXIT
n=0
failed=0

ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
# check DESCRIPTION COMMAND...: a test point from a command's exit status
check() { d=$1; shift; if "$@"; then ok "$d"; else not_ok "$d"; fi; }
skip_all() { echo "1..0 # SKIP $*"; exit 0; }
diag() { echo "$*" | sed 's/^/# /'; }
done_testing() { echo "1..$n"; [ "$failed" -eq 0 ]; }

# jq FILE FILTER: JSON queries (jq is installed by tools/setup.sh)
command -v jq >/dev/null 2>&1 || { echo "1..0 # SKIP jq is not installed (tools/setup.sh installs it)"; exit 0; }
# verdict_count RESULTS VERDICT
verdict_count() { jq "[.results[] | select(.verdict == \"$2\")] | length" "$1"; }
# jqe FILTER FILE...: jq -e without its output, for check (true when the filter holds)
jqe() { jq -e "$@" > /dev/null; }

anvil_bin() {
  for p in "${DLT_NODES_DIR:-$SRC/.nodes}/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"; do
    [ -x "$p" ] && { echo "$p"; return 0; }
  done
  command -v anvil 2>/dev/null
}

# processes whose working directory is below $1 (launched nodes run in their work dir)
procs_below() {
  for p in /proc/[0-9]*; do
    c=$(readlink "$p/cwd" 2>/dev/null) || continue
    case "$c" in "$1"/*) echo "${p#/proc/}";; esac
  done
}
