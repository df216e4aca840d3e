#!/bin/sh
# interrupt.sh: SIGTERM in the middle of a run: the runner stops the nodes it launched, keeps
# every result recorded so far in events.jsonl and results.json, and exits non-zero.
. "$(dirname "$0")/lib.sh"
[ -n "$(anvil_bin)" ] || skip_all "anvil is not installed (./quickstart install)"
suite="$TMP/suite/ethereum"
mkdir -p "$suite"
for i in 1 2 3; do
cat > "$suite/quick$i.lua" <<LUA
scenario { id = "t.quick$i", title = "quick", family = "ethereum", roadmap = { "NODE-01" },
  run = function(t) t:eq(t.node:call("eth_chainId", {}), "0x7a69", "chain id") end }
LUA
done
cat > "$suite/slow.lua" <<'LUA'
scenario { id = "t.zslow", title = "slow", family = "ethereum", roadmap = { "NODE-01" }, timeout = 120,
  run = function(t) t:ok(true, "started") t:sleep(60) end }
LUA
TMPDIR="$TMP" "$DLT" run --target anvil --suite "$TMP/suite" -o "$TMP/r" > "$TMP/tap" 2> "$TMP/err" &
pid=$!
i=0
while [ $i -lt 100 ] && [ "$(grep -c '"event":"result"' "$TMP/r/events.jsonl" 2>/dev/null || echo 0)" -lt 3 ]; do
  sleep 0.1; i=$((i + 1))
done
check "anvil is running during the run" [ -n "$(procs_below "$TMP")" ]
kill -TERM $pid
wait $pid; rc=$?
check "interrupted run exits non-zero ($rc)" [ $rc -ne 0 ]
check "the three results before the signal are in events.jsonl" \
  [ "$(grep -c '"event":"result"' "$TMP/r/events.jsonl")" -ge 3 ]
check "results.json written" [ "$(jq '[.results[] | select(.verdict == "pass")] | length' "$TMP/r/results.json")" -ge 3 ]
check "stderr says it was interrupted" grep -q "interrupted" "$TMP/err"
check "the launched anvil was stopped" [ -z "$(procs_below "$TMP")" ]
done_testing
