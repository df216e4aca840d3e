#!/bin/sh
# schedule.sh: the order of work and the default concurrency (docs/performance.md,
# "Scheduling"). With the durations of the results folder's last run, the longest items are
# taken first; -j auto (the default) runs one worker per target of the plan, fewer when the
# memory limit per scenario does not fit the machine's free memory as often.
. "$(dirname "$0")/lib.sh"
ANVIL=$(anvil_bin)
[ -n "$ANVIL" ] || skip_all "anvil is not installed (./quickstart install)"
mkdir -p "$TMP/suite"
for i in 1 2 3 4; do
  cat > "$TMP/suite/s$i.lua" <<LUA
scenario { id = "sched.s$i", title = "item $i", family = "ethereum", roadmap = { "NODE-01" },
  run = function(t) t:ok(true, "ran") end }
LUA
done
order() { jq -r 'select(.event == "result") | .scenario' "$1/events.jsonl" | tr '\n' ' '; }

TMPDIR="$TMP" "$DLT" run --target anvil --suite "$TMP/suite" -o "$TMP/r" -q > /dev/null 2>&1
check "without an earlier run: plan order ($(order "$TMP/r"))" \
  [ "$(order "$TMP/r")" = "sched.s1 sched.s2 sched.s3 sched.s4 " ]
# the last run says s3 took 5 s and s2 3 s: they go first, longest first
jq '.results |= map(.duration_ms = (if .scenario == "sched.s3" then 5000
  elif .scenario == "sched.s2" then 3000 else 1 end))' "$TMP/r/results.json" > "$TMP/prev.json"
mv "$TMP/prev.json" "$TMP/r/results.json"
TMPDIR="$TMP" "$DLT" run --target anvil --suite "$TMP/suite" -o "$TMP/r" -q > /dev/null 2>&1
check "with the last run's durations: longest first ($(order "$TMP/r"))" \
  [ "$(order "$TMP/r")" = "sched.s3 sched.s2 sched.s1 sched.s4 " ]
check "the run took the same plan: 4 results" [ "$(jq '.results | length' "$TMP/r/results.json")" -eq 4 ]
# a malformed results.json in the folder is only a hint: ignored, plan order, the run goes on
printf '{"results": [' > "$TMP/r/results.json"
TMPDIR="$TMP" "$DLT" run --target anvil --suite "$TMP/suite" -o "$TMP/r" -q > /dev/null 2>&1; rc=$?
check "a malformed last results.json: exit 0 ($rc), plan order ($(order "$TMP/r"))" \
  [ $rc -eq 0 ] && [ "$(order "$TMP/r")" = "sched.s1 sched.s2 sched.s3 sched.s4 " ]

# a second target reached by URL: the default concurrency is one worker per target
port=$((30000 + $$ % 20000))
"$ANVIL" --host 127.0.0.1 --port $port --silent > /dev/null 2>&1 &
apid=$!
trap 'kill $apid 2>/dev/null; rm -rf "$TMP"' EXIT
i=0
until curl -s -o /dev/null -H 'Content-Type: application/json' \
  -d '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "http://127.0.0.1:$port"; do
  i=$((i + 1)); [ $i -lt 200 ] || break; sleep 0.05; done
TMPDIR="$TMP" "$DLT" run --target anvil --target "http://127.0.0.1:$port" --suite "$TMP/suite" \
  -o "$TMP/two" -q > /dev/null 2>&1
check "two targets, no -j: run.jobs is 2 ($(jq .run.jobs "$TMP/two/results.json"))" \
  jqe '.run.jobs == 2 and (.results | length) == 8' "$TMP/two/results.json"
TMPDIR="$TMP" "$DLT" run --target anvil --target "http://127.0.0.1:$port" --suite "$TMP/suite" \
  -o "$TMP/mem" -q --max-memory 1048576 > /dev/null 2>&1
check "a memory limit per scenario larger than the free memory: one worker" \
  jqe '.run.jobs == 1 and (.results | length) == 8' "$TMP/mem/results.json"
TMPDIR="$TMP" "$DLT" run --target "http://127.0.0.1:$port" --suite "$TMP/suite" -j auto \
  -o "$TMP/auto" -q > /dev/null 2>&1
check "-j auto with one target: one worker" jqe '.run.jobs == 1' "$TMP/auto/results.json"
"$DLT" run --target "http://127.0.0.1:$port" --suite "$TMP/suite" -j 0 -o "$TMP/zero" \
  > /dev/null 2> "$TMP/err"; rc=$?
check "-j 0: exit 2 ($rc), the message says what is accepted" \
  [ $rc -eq 2 ] && grep -q "a number from 1 to 256, or auto" "$TMP/err"
kill $apid 2>/dev/null; wait $apid 2>/dev/null
check "launched nodes were stopped" [ -z "$(procs_below "$TMP")" ]
done_testing
