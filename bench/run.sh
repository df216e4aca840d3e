#!/bin/sh
# bench/run.sh: prints figures for the runner's own cost per RPC check, next to the floor (a
# bare keep-alive libcurl loop), against a real anvil. Not a test: nothing here passes or fails
# on a number. Run from the build folder: `make bench`.
set -eu
SRC=${DLT_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
BUILD=${DLT_BUILD_DIR:-$(pwd)}
TMP=$(mktemp -d)
trap 'kill $apid 2>/dev/null; rm -rf "$TMP"' EXIT
ANVIL="$SRC/.nodes/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"
[ -x "$ANVIL" ] || { echo "bench: anvil is not installed (./quickstart install)"; exit 2; }
port=$(( 20000 + $$ % 20000 ))
"$ANVIL" --host 127.0.0.1 --port $port --silent &
apid=$!
i=0; until curl -s -o /dev/null -H 'Content-Type: application/json' \
  -d '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "http://127.0.0.1:$port"; do
  i=$((i+1)); [ $i -lt 100 ] || { echo "bench: anvil did not start"; exit 1; }; sleep 0.05; done
echo "machine: $(nproc) cores; anvil $("$ANVIL" --version | head -1)"
"$BUILD/bench/host_cost" "$SRC" 2000 2000
"$BUILD/bench/bare_rpc" "http://127.0.0.1:$port" 5000
"$BUILD/dlt-interop" run --target "http://127.0.0.1:$port" --suite "$SRC/bench/scenarios" \
  -o "$TMP/r" --no-expectations -q > /dev/null || true
jq -r '.results[0].log[0]' "$TMP/r/results.json"
echo "results.json size for 5000 checks: $(wc -c < "$TMP/r/results.json") bytes"
/usr/bin/time -f "peak RSS of the runner: %M KiB" "$BUILD/dlt-interop" run \
  --target "http://127.0.0.1:$port" --suite "$SRC/bench/scenarios" -o "$TMP/r2" --no-expectations -q > /dev/null 2> "$TMP/time" || true
tail -1 "$TMP/time"
