#!/bin/sh
# compile.sh: the reproducible build of the swap suite's HTLC contract (contracts/HTLC.sol).
#
#   sh contracts/compile.sh --install   install the pinned solc-js (contracts/package.json and
#                                       package-lock.json) into contracts/node_modules (npm ci)
#   sh contracts/compile.sh             compile; write contracts/HTLC.json and the generated
#                                       block of suites/lib/htlc.lua
#   sh contracts/compile.sh --check     compile into a temporary folder and compare with the
#                                       checked-in HTLC.json and htlc.lua block; exit 0 when
#                                       identical, 1 when not (a diff is printed), 3 when solc-js
#                                       is not installed
#
# solc-js is the compiler built to WebAssembly/JavaScript, shipped inside the npm package: it
# runs offline with Node.js. Settings (optimizer, EVM version paris) are in compile.js and are
# recorded in HTLC.json.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
LUA="$ROOT/suites/lib/htlc.lua"
ART="$HERE/HTLC.json"

have_solc() {
  command -v node >/dev/null 2>&1 && [ -f "$HERE/node_modules/solc/package.json" ]
}

compile_into() { # DIR: writes DIR/HTLC.json and DIR/block.lua
  node "$HERE/compile.js" "$HERE/HTLC.sol" "$1/HTLC.json" "$1/block.lua"
}

# the generated block currently in htlc.lua
current_block() {
  awk '/^-- BEGIN GENERATED/{on=1} on{print} /^-- END GENERATED/{on=0}' "$LUA"
}

case "${1:-}" in
--install)
  command -v npm >/dev/null 2>&1 || { echo "compile.sh: npm is not installed" >&2; exit 3; }
  cd "$HERE" && npm ci --no-audit --no-fund
  ;;
--check)
  have_solc || { echo "compile.sh: solc-js is not installed (sh contracts/compile.sh --install)" >&2; exit 3; }
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/htlc-XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  compile_into "$tmp"
  current_block > "$tmp/current.lua"
  rc=0
  if ! cmp -s "$tmp/HTLC.json" "$ART"; then
    echo "compile.sh: contracts/HTLC.json differs from a fresh compile:" >&2
    diff "$ART" "$tmp/HTLC.json" | head -20 >&2 || true
    rc=1
  fi
  if ! cmp -s "$tmp/block.lua" "$tmp/current.lua"; then
    echo "compile.sh: the generated block of suites/lib/htlc.lua differs from a fresh compile:" >&2
    diff "$tmp/current.lua" "$tmp/block.lua" | cut -c1-200 | head -20 >&2 || true
    rc=1
  fi
  [ $rc -ne 0 ] || echo "compile.sh: HTLC.json and suites/lib/htlc.lua match a fresh compile ($(node -p "require('$HERE/node_modules/solc/package.json').version"))"
  exit $rc
  ;;
"")
  have_solc || { echo "compile.sh: solc-js is not installed (sh contracts/compile.sh --install)" >&2; exit 3; }
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/htlc-XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  compile_into "$tmp"
  cp "$tmp/HTLC.json" "$ART"
  grep -q '^-- BEGIN GENERATED' "$LUA" || { echo "compile.sh: $LUA has no '-- BEGIN GENERATED' line" >&2; exit 1; }
  awk -v block="$tmp/block.lua" '
    /^-- BEGIN GENERATED/ { while ((getline line < block) > 0) print line; skip = 1; next }
    /^-- END GENERATED/ { skip = 0; next }
    !skip { print }' "$LUA" > "$tmp/htlc.lua"
  cat "$tmp/htlc.lua" > "$LUA"
  echo "compile.sh: wrote contracts/HTLC.json and the generated block of suites/lib/htlc.lua"
  ;;
*)
  echo "usage: sh contracts/compile.sh [--install | --check]" >&2
  exit 2
  ;;
esac
