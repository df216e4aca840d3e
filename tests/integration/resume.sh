#!/bin/sh
# resume.sh: a run against a real launched anvil stopped by SIGKILL, by SIGTERM, or by a full
# disk (ulimit -f: writes past the limit fail with EFBIG, as on a full disk) is finished by
# `run --resume DIR`: only the items without a verdict run, and results.json ends with every
# planned key exactly once. Also: what the stopped run left is valid (no torn line, no
# results.json.tmp, no "ok" printed after a failed write), a plain rerun into the folder of an
# unfinished run is refused, and a changed suite or a finished run cannot be resumed.
. "$(dirname "$0")/lib.sh"
[ -n "$(anvil_bin)" ] || skip_all "anvil is not installed (./quickstart install)"
suite="$TMP/suite/ethereum"
mkdir -p "$suite"
for i in 1 2 3 4 6 7 8 9; do
cat > "$suite/q$i.lua" <<LUA
scenario { id = "t.q$i", title = "quick", family = "ethereum", roadmap = { "NODE-01" },
  run = function(t)
    t:eq(t.node:call("eth_chainId", {}), "0x7a69", "chain id")
    t:log(string.rep("x", 2000))
  end }
LUA
done
# the fifth item takes a while, so that a signal sent after four results lands inside it
cat > "$suite/q5.lua" <<'LUA'
scenario { id = "t.q5", title = "slow", family = "ethereum", roadmap = { "NODE-01" }, timeout = 120,
  run = function(t) t:ok(true, "started") t:sleep(5) end }
LUA
run() { TMPDIR="$TMP" "$DLT" run --target anvil --suite "$TMP/suite" "$@"; }
# the command itself in the background (not a subshell), so that signals reach it
set -- run --target anvil --suite "$TMP/suite"
TMPDIR="$TMP" "$DLT" list --json --target anvil --suite "$TMP/suite" | jq -r '.[].key' | sort > "$TMP/planned"
planned=$(wc -l < "$TMP/planned")

# results_count FILE: result events in an events.jsonl
results_count() { c=$(grep -c '"event":"result"' "$1" 2>/dev/null); echo "${c:-0}"; }
# wait_results FILE N: until FILE holds N result events (at most 60 s)
wait_results() {
  i=0
  while [ $i -lt 600 ] && [ "$(results_count "$1")" -lt "$2" ]; do sleep 0.1; i=$((i + 1)); done
}
# keys_once DIR: results.json holds every planned key exactly once
keys_once() {
  jq -r '.results[] | .scenario + "@" + ([.targets[]] | join(","))' "$1/results.json" | sort > "$TMP/got" &&
    cmp -s "$TMP/got" "$TMP/planned"
}
# finished DIR: results.json says the plan finished
finished() {
  [ "$(jq -c '[.run.planned, .run.interrupted]' "$1/results.json")" = "[$planned,false]" ]
}
# all_json FILE: every line (or the document) is JSON
all_json() { jq -e . "$1" > /dev/null 2>&1; }
# no_nodes: the launched anvil is gone (the parent-death signal may take a moment)
no_nodes() {
  i=0
  while [ $i -lt 100 ] && [ -n "$(procs_below "$TMP")" ]; do sleep 0.1; i=$((i + 1)); done
  [ -z "$(procs_below "$TMP")" ]
}

# --- SIGKILL in the middle, then --resume ---
TMPDIR="$TMP" "$DLT" "$@" -o "$TMP/k" > "$TMP/k.tap" 2> "$TMP/k.err" &
pid=$!
wait_results "$TMP/k/events.jsonl" 4
kill -KILL $pid
wait $pid
check "SIGKILL: the node is gone" no_nodes
check "SIGKILL: four results on disk, no results.json" \
  [ "$(results_count "$TMP/k/events.jsonl")" -eq 4 -a ! -e "$TMP/k/results.json" ]
sum=$(cksum < "$TMP/k/events.jsonl")
run -o "$TMP/k" > /dev/null 2> "$TMP/k.err2"; rc=$?
check "a new run into the folder of an unfinished run: exit 2 ($rc)" [ $rc -eq 2 ]
check "the refusal says --resume and --overwrite" \
  sh -c "grep -q -- '--resume $TMP/k' '$TMP/k.err2' && grep -q -- '--overwrite' '$TMP/k.err2'"
check "the refused run touched nothing" [ "$(cksum < "$TMP/k/events.jsonl")" = "$sum" ]
check "the refused run launched nothing" sh -c "! grep -q 'starting anvil' '$TMP/k.err2'"
cp "$suite/q1.lua" "$suite/q10.lua"
sed -i 's/t\.q1"/t.q10"/' "$suite/q10.lua"
"$DLT" run --resume "$TMP/k" > /dev/null 2> "$TMP/k.err3"; rc=$?
check "--resume after the suite changed: exit 2 ($rc)" [ $rc -eq 2 ]
check "the message names the new file" grep -q 'q10.lua is new' "$TMP/k.err3"
rm "$suite/q10.lua"
TMPDIR="$TMP" "$DLT" run --resume "$TMP/k" -j 2 > "$TMP/k2.tap" 2> "$TMP/k2.err"; rc=$?
check "--resume after SIGKILL: exit 0 ($rc)" [ $rc -eq 0 ]
check "the resumed session ran the five items without a verdict" grep -qx '1\.\.5' "$TMP/k2.tap"
check "results.json holds every planned key exactly once" keys_once "$TMP/k"
check "results.json: planned $planned, not interrupted" finished "$TMP/k"
check "two sessions, the killed one without a finish time" \
  [ "$(jq -c '[.run.sessions[] | [.results, (.finished == null)]]' "$TMP/k/results.json")" = '[[4,true],[5,false]]' ]
check "events.jsonl: every line is JSON" all_json "$TMP/k/events.jsonl"
"$DLT" run --resume "$TMP/k" > /dev/null 2> "$TMP/k.err4"; rc=$?
check "--resume of a finished run: exit 2 ($rc)" [ $rc -eq 2 ]
check "it says there is nothing to resume" grep -q 'nothing to resume' "$TMP/k.err4"
check "the nodes of the resumed run are stopped" no_nodes

# --- SIGTERM in the middle, then --resume ---
TMPDIR="$TMP" "$DLT" "$@" -o "$TMP/t" > "$TMP/t.tap" 2> "$TMP/t.err" &
pid=$!
wait_results "$TMP/t/events.jsonl" 4
kill -TERM $pid
wait $pid; rc=$?
check "SIGTERM: exit 1 ($rc)" [ $rc -eq 1 ]
check "SIGTERM: results.json says interrupted" \
  [ "$(jq '.run.interrupted' "$TMP/t/results.json")" = true ]
check "the item cut short is marked interrupted" \
  [ "$(jq -c '[.results[] | select(.interrupted) | .scenario]' "$TMP/t/results.json")" = '["t.q5"]' ]
check "stderr says how to resume" grep -q -- "--resume $TMP/t" "$TMP/t.err"
TMPDIR="$TMP" "$DLT" run --resume "$TMP/t" > "$TMP/t2.tap" 2> "$TMP/t2.err"; rc=$?
check "--resume after SIGTERM: exit 0 ($rc)" [ $rc -eq 0 ]
check "the interrupted item ran again" grep -q '^ok 1 - t\.q5' "$TMP/t2.tap"
check "results.json holds every planned key exactly once" keys_once "$TMP/t"
check "results.json: planned $planned, not interrupted, t.q5 passed" \
  sh -c "$(command -v jq) -e '.run.interrupted == false and ([.results[] | select(.scenario == \"t.q5\") | .verdict] == [\"pass\"])' '$TMP/t/results.json' > /dev/null"
check "the nodes are stopped" no_nodes

# --- a full disk: writes fail with EFBIG past a file size limit (no root needed) ---
run -o "$TMP/full" -q > /dev/null 2>&1
first=$(head -n 1 "$TMP/full/events.jsonl" | wc -c)
total=$(wc -c < "$TMP/full/events.jsonl")
# the unit of ulimit -f differs between shells: measure it
(trap '' XFSZ; ulimit -f 1; head -c 4096 /dev/zero > "$TMP/probe") 2> /dev/null
bs=$(wc -c < "$TMP/probe")
limit=$(( (first + (total - first) / 2) / bs ))
diag "events.jsonl: $total bytes, run_start $first; limit $limit blocks of $bs bytes"
( (trap '' XFSZ; ulimit -f $limit; TMPDIR="$TMP" exec "$DLT" "$@" -o "$TMP/d") \
    2> "$TMP/d.err"; echo $? > "$TMP/d.rc" ) | cat > "$TMP/d.tap"
rc=$(cat "$TMP/d.rc")
check "full disk: exit 2 ($rc)" [ "$rc" -eq 2 ]
check "the message names the file and the error" grep -q "events.jsonl: File too large" "$TMP/d.err"
check "the message says how to resume" grep -q -- "--resume $TMP/d" "$TMP/d.err"
got=$(results_count "$TMP/d/events.jsonl")
check "the run stopped early ($got of $planned results)" [ "$got" -gt 0 -a "$got" -lt "$planned" ]
check "no 'ok' after the failed write: TAP points = results on disk" \
  [ "$(grep -c '^ok' "$TMP/d.tap")" -eq "$got" ]
check "events.jsonl ends with a whole line" [ "$(tail -c 1 "$TMP/d/events.jsonl" | od -An -c | tr -d ' ')" = '\n' ]
check "events.jsonl: every line is JSON" all_json "$TMP/d/events.jsonl"
check "no results.json.tmp is left" [ ! -e "$TMP/d/results.json.tmp" ]
if [ -e "$TMP/d/results.json" ]; then
  check "results.json, when written, says interrupted and holds what events.jsonl holds" \
    [ "$(jq -c '[.run.interrupted, (.results | length)]' "$TMP/d/results.json")" = "[true,$got]" ]
fi
check "the nodes are stopped" no_nodes
TMPDIR="$TMP" "$DLT" run --resume "$TMP/d" > "$TMP/d2.tap" 2> "$TMP/d2.err"; rc=$?
check "--resume with room again: exit 0 ($rc)" [ $rc -eq 0 ]
check "results.json holds every planned key exactly once" keys_once "$TMP/d"
check "results.json: planned $planned, not interrupted" finished "$TMP/d"
check "events.jsonl: every line is JSON" all_json "$TMP/d/events.jsonl"

# --- room for events.jsonl but not for results.json: replaced whole or not at all ---
deep="$TMP/deep/ethereum"
mkdir -p "$deep"
cat > "$deep/deep.lua" <<'LUA'
scenario { id = "t.deep", title = "a failed check on deep values", family = "ethereum", roadmap = { "NODE-01" },
  run = function(t)
    local a, b = {}, {}
    local x, y = a, b
    for i = 1, 60 do x.n = {} y.n = {} x = x.n y = y.n end
    x.v = 1 y.v = 2
    t:eq(a, b, "deep")
  end }
LUA
TMPDIR="$TMP" "$DLT" run --target anvil --suite "$TMP/deep" -o "$TMP/deep-size" -q > /dev/null 2>&1
ev=$(wc -c < "$TMP/deep-size/events.jsonl")
rs=$(wc -c < "$TMP/deep-size/results.json")
limit=$(( (ev + rs) / 2 / bs ))
if [ $(( limit * bs )) -gt "$ev" ] && [ $(( limit * bs )) -lt "$rs" ]; then
  ( (trap '' XFSZ; ulimit -f $limit; TMPDIR="$TMP" exec "$DLT" run --target anvil --suite "$TMP/deep" -o "$TMP/j") \
      > /dev/null 2> "$TMP/j.err"; echo $? > "$TMP/j.rc" )
  rc=$(cat "$TMP/j.rc")
  check "results.json does not fit: exit 2 ($rc)" [ "$rc" -eq 2 ]
  check "the message names results.json.tmp" grep -q "results.json.tmp: File too large" "$TMP/j.err"
  check "no results.json.tmp, no results.json" [ ! -e "$TMP/j/results.json.tmp" -a ! -e "$TMP/j/results.json" ]
  check "events.jsonl is whole, with its run_end" \
    sh -c "$(command -v jq) -e . '$TMP/j/events.jsonl' > /dev/null && tail -n 1 '$TMP/j/events.jsonl' | grep -q run_end"
  TMPDIR="$TMP" "$DLT" run --resume "$TMP/j" > "$TMP/j2.tap" 2> "$TMP/j2.err"; rc=$?
  check "--resume runs nothing and writes results.json: exit 1 for the failed check ($rc)" \
    sh -c "[ $rc -eq 1 ] && grep -qx '1\.\.0' '$TMP/j2.tap'"
  check "results.json: the one result, not interrupted" \
    [ "$(jq -c '[.run.interrupted, (.results | length), .results[0].verdict]' "$TMP/j/results.json")" = '[false,1,"fail"]' ]
else
  diag "results.json ($rs bytes) is not enough bigger than events.jsonl ($ev bytes) here: case left out"
fi

# --- items that got launch-error run again on --resume: the target can start by then ---
ANVIL=$(anvil_bin)
"$ANVIL" --port 0 --chain-id 31337 > "$TMP/foreign.log" 2>&1 &
foreign=$!
i=0
while [ $i -lt 300 ] && ! grep -q "Listening on" "$TMP/foreign.log"; do sleep 0.1; i=$((i + 1)); done
port=$(sed -n 's/.*Listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$TMP/foreign.log" | head -1)
cat > "$TMP/held.json" <<JSON
{"name": "held", "family": "ethereum", "url": "http://127.0.0.1:$port",
 "launch": {"command": ["$ANVIL", "--port", "$port", "--chain-id", "31337", "--silent"], "ports": 1,
            "ready": {"method": "eth_chainId", "params": [], "timeout": 30}},
 "params": {"chain_id": 31337}}
JSON
TMPDIR="$TMP" "$DLT" list --json --target anvil --target "$TMP/held.json" --suite "$TMP/suite" |
  jq -r '.[].key' | sort > "$TMP/planned2"
TMPDIR="$TMP" "$DLT" run --target anvil --target "$TMP/held.json" --suite "$TMP/suite" -o "$TMP/h" \
  > "$TMP/h.tap" 2> "$TMP/h.err" &
pid=$!
wait_results "$TMP/h/events.jsonl" 8
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
held_errors=$(grep '"event":"result"' "$TMP/h/events.jsonl" | grep -c '"verdict":"launch-error"')
check "the held target's items were launch-error while its port was taken ($held_errors)" [ "$held_errors" -ge 1 ]
kill "$foreign" 2>/dev/null
wait "$foreign" 2>/dev/null
TMPDIR="$TMP" "$DLT" run --resume "$TMP/h" > "$TMP/h2.tap" 2> "$TMP/h2.err"; rc=$?
check "--resume with the port free again: exit 0 ($rc)" [ $rc -eq 0 ]
jq -r '.results[] | .scenario + "@" + ([.targets[]] | join(","))' "$TMP/h/results.json" | sort > "$TMP/got2"
check "results.json holds every planned key once" cmp -s "$TMP/got2" "$TMP/planned2"
check "no launch-error is left: the items ran on the relaunched target" \
  [ "$(jq '[.results[] | select(.verdict == "launch-error")] | length' "$TMP/h/results.json")" -eq 0 ]
check "the held target's results pass" \
  [ "$(jq '[.results[] | select(.targets.node == "held" and .verdict == "pass")] | length' "$TMP/h/results.json")" -eq "$(grep -c '@held$' "$TMP/planned2")" ]
check "no node is left" no_nodes
done_testing
