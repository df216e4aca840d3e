#!/bin/sh
# perf.sh: the ledger performance scenarios and what they stand on (docs/performance.md,
# "Ledger performance"):
#   - node:load is open-loop: against tests/fault_server's fault_queue (one answer at a time,
#     200 ms each) 20 requests at 20/s all go out within their second, and the last ones'
#     latency counts the time they queued (seconds), where a sender waiting for each answer
#     would have sent 5 and seen 200 ms;
#   - suites/perf on anvil: PERF-01..04 pass, each measurement in results.json carries its
#     raw histogram (bucket counts summing to its count), the HTML report has the performance
#     section with its charts, and the coverage lists PERF-01..04 as covered.
. "$(dirname "$0")/lib.sh"
FS="$BUILD/tests/fault_server"
[ -x "$FS" ] || skip_all "tests/fault_server is not built (make check builds it)"
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$TMP"' EXIT
"$FS" > "$TMP/port" 2> "$TMP/server.err" &
server=$!
i=0
while [ $i -lt 100 ] && ! [ -s "$TMP/port" ]; do sleep 0.05; i=$((i + 1)); done
PORT=$(cat "$TMP/port")
mkdir -p "$TMP/q"
cat > "$TMP/q/queue.lua" <<'LUA'
scenario { id = "perf.test.queue", title = "open loop against a serializing server",
  family = "ethereum", roadmap = { "PERF-01" },
  run = function(t)
    local r = t.node:load { method = "fault_queue", rate = 20, count = 20, max_inflight = 32 }
    t:perf("queue", r)
    t:ok(true, "measured")
  end }
LUA
timeout 300 "$DLT" run --target "http://127.0.0.1:$PORT" --suite "$TMP/q" -o "$TMP/rq" -q \
  > /dev/null 2>&1
q() { jq -r ".results[0].perf[0].$1" "$TMP/rq/results.json"; }
check "open loop: 20 of 20 sent and answered ($(q sent), $(q ok))" \
  [ "$(q sent)" = 20 ] && [ "$(q ok)" = 20 ]
check "the sender did not wait: the last requests queued, max latency $(q max_us) us >= 2 s" \
  jqe '.results[0].perf[0].max_us >= 2000000' "$TMP/rq/results.json"
check "p50 $(q p50_us) us is over the 200 ms one answer takes" \
  jqe '.results[0].perf[0].p50_us > 200000' "$TMP/rq/results.json"
check "the raw histogram counts 20" \
  jqe '.results[0].perf[0].histogram | .count == 20 and ([.buckets[][1]] | add) == 20' \
  "$TMP/rq/results.json"
# bounds: a rate, a count or a duration out of range is the scenario's error, naming it
mkdir -p "$TMP/bad"
for b in "rate = 0" "rate = 20000" "count = 100001" "duration = 61" "max_inflight = 0"; do
  nm=$(echo "$b" | tr -dc "a-z_0-9"); cat > "$TMP/bad/$nm.lua" <<LUA
scenario { id = "perf.test.bad-$nm", title = "bad $b", family = "ethereum", roadmap = { "PERF-01" },
  run = function(t) t.node:load { method = "fault_ok", $b }; t:ok(true, "unreachable") end }
LUA
done
timeout 300 "$DLT" run --target "http://127.0.0.1:$PORT" --suite "$TMP/bad" -o "$TMP/rb" -q \
  > /dev/null 2>&1
check "node:load out of bounds (rate 0 and 20000, count 100001, duration 61, max_inflight 0): five errors naming the bound" \
  jqe '[.results[] | select(.verdict == "error" and (.reason | test("node:load: [a-z_]+ = [0-9.e+]+ is outside")))] | length == 5' \
  "$TMP/rb/results.json"
kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; server=""

[ -n "$(anvil_bin)" ] || { ok "# SKIP anvil is not installed"; done_testing; exit; }
TMPDIR="$TMP" timeout 300 "$DLT" run --target anvil --suite "$SRC/suites/perf" -o "$TMP/r" -q \
  > /dev/null 2>&1
R="$TMP/r/results.json"
check "suites/perf on anvil: 4 results, all pass" \
  jqe '(.results | length) == 4 and all(.results[]; .verdict == "pass")' "$R"
for id in PERF-01 PERF-02 PERF-03 PERF-04; do
  check "$id has a scenario that ran" \
    jqe --arg id "$id" '[.scenarios[] | select(.roadmap | index($id))] | length > 0' "$R"
done
check "every measurement with a histogram: bucket counts sum to its count, percentiles in order" \
  jqe '[.results[].perf[]? | select(.histogram) | .histogram as $h
        | (([$h.buckets[][1]] | add) == $h.count) and .p50_us <= .p90_us and .p90_us <= .p99_us
          and .p99_us <= .max_us] | length > 5 and all' "$R"
check "PERF-01 open loop: 50 reads at 50/s, none failed" \
  jqe '[.results[].perf[]? | select(.label == "read, fixed 50/s")][0] | .sent == 50 and .errors == 0 and .mode == "fixed"' "$R"
check "PERF-01 ramp and the highest rate held are recorded" \
  jqe '[.results[].perf[]? | .label] | index("read, ramp 20-200/s") and index("read, highest rate held")' "$R"
check "PERF-04: batched and one-by-one are both recorded" \
  jqe '[.results[].perf[]? | .label] | index("100 calls, batched") and index("100 calls, one by one")' "$R"
"$DLT" report "$R" --format html -o "$TMP/r.html" > /dev/null 2>&1
check "HTML: the performance section with latency distributions and throughput charts" \
  sh -c "grep -q 'id=\"performance\"' '$TMP/r.html' && grep -q 'class=\"perf-cdf\"' '$TMP/r.html' \
    && grep -q 'class=\"perf-tput\"' '$TMP/r.html'"
"$DLT" report "$R" --format json -o "$TMP/scores.json" > /dev/null 2>&1
check "gap analysis: PERF-01..04 are not among the requirements no scenario covers" \
  jqe '[.gaps.standardization.uncovered_requirements[].id] as $u
       | (.gaps.standardization.uncovered_requirements | length) > 0
         and ([$u[] | select(startswith("PERF"))] | length) == 0' "$TMP/scores.json"
check "launched nodes were stopped" [ -z "$(procs_below "$TMP")" ]
done_testing
