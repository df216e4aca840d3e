#!/bin/sh
# bench/run.sh: `make bench`: the runner's own performance in one table, each figure next to
# its floor or goal, measured in the same run on this machine (docs/performance.md). Not a
# test: nothing passes or fails on a number. Run from the build folder.
#   BENCH_ROUNDS (default 3): rounds of the RPC comparison (bare loop and runner alternate)
#   BENCH_SKIP_J=1: leave out the -j 1 / -j 2 comparison (it launches anvil, Hardhat, Ganache)
set -u
SRC=${DLT_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
BUILD=${DLT_BUILD_DIR:-$(pwd)}
DLT="$BUILD/dlt-interop"
ROUNDS=${BENCH_ROUNDS:-3}
TMP=$(mktemp -d)
apid=""
trap '[ -n "$apid" ] && kill $apid 2>/dev/null; rm -rf "$TMP"' EXIT
ANVIL="$SRC/.nodes/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"
[ -x "$ANVIL" ] || { echo "bench: anvil is not installed (./quickstart install)"; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is needed (apt-get install time)"; exit 2; }
port=$(( 20000 + $$ % 20000 ))
"$ANVIL" --host 127.0.0.1 --port $port --silent > /dev/null 2>&1 &
apid=$!
URL="http://127.0.0.1:$port"
i=0; until curl -s -o /dev/null -H 'Content-Type: application/json' \
  -d '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "$URL"; do
  i=$((i+1)); [ $i -lt 200 ] || { echo "bench: anvil did not start"; exit 1; }; sleep 0.05; done

ROWS="$TMP/rows"
: > "$ROWS"
# row FIGURE VALUE FLOOR_OR_GOAL RATIO RSS_KIB
row() { printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" >> "$ROWS"; }
# timed OUT CMD...: runs CMD, its wall seconds in OUT.s and peak RSS (KiB) in OUT.kb
timed() {
  out=$1; shift
  /usr/bin/time -f '%e %M' -o "$out.time" "$@" > "$out.stdout" 2> "$out.stderr"
  awk '{ print $1 }' "$out.time" | tail -1 > "$out.s"
  awk '{ print $2 }' "$out.time" | tail -1 > "$out.kb"
}
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
ms() { awk -v s="$1" 'BEGIN { printf "%.0f ms", s * 1000 }'; }

# 1. cost per RPC call: the runner in a scenario against a bare keep-alive libcurl loop
for r in $(seq 1 "$ROUNDS"); do
  "$BUILD/bench/bare_rpc" "$URL" 5000 >> "$TMP/bare" || exit 1
  "$DLT" run --target "$URL" --suite "$SRC/bench/scenarios" -o "$TMP/rpc$r" --no-expectations \
    -q -j 1 > /dev/null 2>&1
  for id in bench.rpc-loop bench.rpc-nocheck; do
    jq -r --arg id "$id" '.results[] | select(.scenario == $id) | .log[0]' "$TMP/rpc$r/results.json" \
      | sed -n 's/.*, \([0-9.]*\) us\/call/\1/p' >> "$TMP/$id"
  done
done
bare=$(median < "$TMP/bare"); chk=$(median < "$TMP/bench.rpc-loop"); raw=$(median < "$TMP/bench.rpc-nocheck")
row "checked eth_chainId call (t:eq of node:call), median of $ROUNDS rounds" "$chk us" \
  "bare libcurl loop $bare us" "$(ratio "$chk" "$bare")x (goal <= 1.10)" "-"
row "node:rpc eth_chainId call, no check" "$raw us" "bare libcurl loop $bare us" \
  "$(ratio "$raw" "$bare")x" "-"

# 2. -j 1 against -j 2 over three Ethereum targets (suites/ethereum)
if [ "${BENCH_SKIP_J:-0}" != 1 ]; then
  for j in 1 2; do
    timed "$TMP/j$j" "$DLT" run --target anvil --target hardhat --target ganache \
      --suite "$SRC/suites/ethereum" -o "$TMP/rj$j" -q -j $j
  done
  row "suites/ethereum on anvil, Hardhat, Ganache, -j 2" "$(cat "$TMP/j2.s") s" \
    "-j 1: $(cat "$TMP/j1.s") s" "$(ratio "$(cat "$TMP/j1.s")" "$(cat "$TMP/j2.s")")x speed-up" \
    "$(cat "$TMP/j2.kb")"
fi

# 3. loading and planning generated scenario files; 100,000 planned items
gen() { # DIR N: N one-line scenarios of one check each
  mkdir -p "$1"
  awk -v dir="$1" -v n="$2" 'BEGIN { for (i = 1; i <= n; i++) {
    f = sprintf("%s/s%05d.lua", dir, i)
    printf "scenario { id = \"bench.triv.%05d\", title = \"t\", family = \"ethereum\", roadmap = { \"NODE-01\" }, run = function(t) t:ok(true, \"ok\") end }\n", i > f
    close(f) } }'
}
gen "$TMP/s10k" 10000
gen "$TMP/s2500" 2500
timed "$TMP/plan" "$DLT" list --suite "$TMP/s10k" --target "$URL"
row "load and plan 10,000 scenario files (list)" "$(ms "$(cat "$TMP/plan.s")")" "goal 300 ms" \
  "$(ratio "$(cat "$TMP/plan.s")" 0.3)x of goal" "$(cat "$TMP/plan.kb")"
set -- ; for k in 1 2 3 4 5 6 7 8 9 10; do set -- "$@" --target "http://127.0.0.1:$((port + k))"; done
timed "$TMP/plan100k" "$DLT" list --suite "$TMP/s10k" "$@"
row "plan 100,000 items (10,000 files x 10 targets, list)" "$(ms "$(cat "$TMP/plan100k.s")")" \
  "-" "-" "$(cat "$TMP/plan100k.kb")"

# 4. running 10,000 trivial scenarios, and every report format for them (and for 2,500)
for n in 2500 10000; do
  d="$TMP/s10k"; [ $n = 2500 ] && d="$TMP/s2500"
  timed "$TMP/run$n" "$DLT" run --target "$URL" --suite "$d" -o "$TMP/r$n" -q -j 1 --no-expectations
done
row "run 10,000 trivial scenarios (one t:ok each)" "$(cat "$TMP/run10000.s") s" "goal 10 s" \
  "2,500 take $(cat "$TMP/run2500.s") s: $(ratio "$(cat "$TMP/run10000.s")" "$(cat "$TMP/run2500.s")")x for 4x" \
  "$(cat "$TMP/run10000.kb")"
row "results.json of 10,000 results" "$(wc -c < "$TMP/r10000/results.json") bytes" "-" "-" "-"
for f in html md junit earl json; do
  for n in 2500 10000; do
    timed "$TMP/rep$f$n" "$DLT" report "$TMP/r$n/results.json" --format $f -o "$TMP/rep$n.$f"
  done
  row "report --format $f, 10,000 results" "$(cat "$TMP/rep${f}10000.s") s" "goal 2 s" \
    "2,500: $(cat "$TMP/rep${f}2500.s") s: $(ratio "$(cat "$TMP/rep${f}10000.s")" "$(cat "$TMP/rep${f}2500.s")")x for 4x" \
    "$(cat "$TMP/rep${f}10000.kb")"
done

# 5. 100,000 checks in one scenario: results.json and the HTML report
mkdir -p "$TMP/c100k"
cat > "$TMP/c100k/checks.lua" <<'LUA'
scenario { id = "bench.checks", title = "100,000 checks", family = "ethereum", roadmap = { "NODE-01" },
  run = function(t) for i = 1, 100000 do t:ok(i > 0, "check") end end }
LUA
timed "$TMP/c" "$DLT" run --target "$URL" --suite "$TMP/c100k" -o "$TMP/rc" -q --no-expectations
row "run and write results.json, 100,000 checks" "$(cat "$TMP/c.s") s" \
  "$(wc -c < "$TMP/rc/results.json") bytes" "-" "$(cat "$TMP/c.kb")"
timed "$TMP/ch" "$DLT" report "$TMP/rc/results.json" --format html -o "$TMP/rc.html"
row "HTML report of 100,000 checks" "$(cat "$TMP/ch.s") s" "$(wc -c < "$TMP/rc.html") bytes" "-" \
  "$(cat "$TMP/ch.kb")"

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg); anvil $("$ANVIL" --version | head -1)"
echo
awk -F'\t' 'BEGIN { printf "%-58s %-14s %-30s %-34s %s\n", "figure", "value", "floor / goal / size", "ratio", "peak RSS KiB";
  printf "%-58s %-14s %-30s %-34s %s\n", "------", "-----", "-------------------", "-----", "------------" }
  { printf "%-58s %-14s %-30s %-34s %s\n", $1, $2, $3, $4, $5 }' "$ROWS"
