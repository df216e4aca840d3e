#!/bin/sh
# launch.sh: launching nodes you can trust, and the launch-error verdict. Real anvils: a target
# whose port another anvil (started here) already holds; a node whose readiness call is
# answered by a process outside its own tree; a node that exits at start, one that is never
# ready, a bad ready.timeout, and a node that dies mid-run and cannot be started again. Each
# target that cannot start gives its items launch-error (not error, not pass), counts in no
# score (no 0% row), is shown apart in the summary and the reports, and the run exits 1.
. "$(dirname "$0")/lib.sh"
ANVIL=$(anvil_bin)
[ -n "$ANVIL" ] || skip_all "anvil is not installed (./quickstart install)"
command -v setsid >/dev/null 2>&1 || skip_all "setsid (util-linux) is not installed"

# every anvil this test starts itself runs with its cwd below $TMP: stop them all on exit
cleanup() {
  for p in $(procs_below "$TMP"); do kill -9 "$p" 2>/dev/null; done
  rm -rf "$TMP"
}
trap cleanup EXIT

suite="$TMP/suite/ethereum"
mkdir -p "$suite"
cat > "$suite/a.lua" <<'LUA'
scenario { id = "t.a-chain", title = "chain id", family = "ethereum", roadmap = { "NODE-03" },
  run = function(t) t:eq(t.node:call("eth_chainId", {}), "0x7a69", "chain id") end }
LUA
cat > "$suite/b.lua" <<'LUA'
scenario { id = "t.b-block", title = "block number", family = "ethereum", roadmap = { "NODE-01" },
  run = function(t) t:ok(t.node:call("eth_blockNumber", {}) ~= nil, "block number") end }
LUA
cat > "$suite/pair.lua" <<'LUA'
scenario { id = "t.pair", title = "same chain id", family = "ethereum", roadmap = { "IOP-01" },
  roles = { "a", "b" },
  run = function(t)
    t:same(t.a:call("eth_chainId", {}), t.b:call("eth_chainId", {}), "chain id")
  end }
LUA

# target FILE NAME URL-PORT COMMAND-JSON [READY-TIMEOUT]: a target file launching COMMAND
target() {
  cat > "$1" <<JSON
{"name": "$2", "family": "ethereum", "url": "http://127.0.0.1:$3",
 "launch": {"command": $4, "ports": 1,
            "ready": {"method": "eth_chainId", "params": [], "timeout": ${5:-30}}},
 "params": {"chain_id": 31337}}
JSON
}

# 1. a port held by another process: a second real anvil, started here
: > "$TMP/foreign.log"
"$ANVIL" --port 0 --chain-id 31337 > "$TMP/foreign.log" 2>&1 &
foreign=$!
i=0
while [ $i -lt 300 ] && ! grep -q "Listening on" "$TMP/foreign.log"; do sleep 0.1; i=$((i + 1)); done
port=$(sed -n 's/.*Listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$TMP/foreign.log" | head -1)
check "a foreign anvil listens (port $port)" [ -n "$port" ]
target "$TMP/held.json" held "$port" "[\"$ANVIL\", \"--port\", \"$port\", \"--chain-id\", \"31337\", \"--silent\"]"
TMPDIR="$TMP" "$DLT" run --target anvil --target "$TMP/held.json" --suite "$TMP/suite" -o "$TMP/r1" \
  > "$TMP/tap1" 2> "$TMP/err1"; rc=$?
R="$TMP/r1/results.json"
check "a target whose port is held: exit 1 ($rc)" [ $rc -eq 1 ]
check "its every item is launch-error (4: two single, two pairs)" \
  [ "$(jq '[.results[] | select(.targets | to_entries | any(.value == "held"))] | map(.verdict) | unique' "$R" | tr -d ' \n')" = '["launch-error"]' ] \
  && [ "$(jq '[.results[] | select(.verdict == "launch-error")] | length' "$R")" -eq 4 ]
check "no pass was recorded for it" [ "$(jq '[.results[] | select(.targets.node == "held" and .verdict == "pass")] | length' "$R")" -eq 0 ]
check "the reason names the port and the holder's pid" \
  jqe --arg p "port $port" --arg pid "pid $foreign" \
  '[.results[] | select(.verdict == "launch-error") | .reason | contains($p) and contains($pid)] | all' "$R"
check "launch_failed names the target" \
  jqe '[.results[] | select(.verdict == "launch-error") | .launch_failed == "held"] | all' "$R"
check "targets[]: launched false, down says why" \
  jqe '.targets[] | select(.name == "held") | .launched == false and (.down | test("already in use"))' "$R"
check "anvil's own results pass" [ "$(jq '[.results[] | select(.targets.node == "anvil" and .verdict == "pass")] | length' "$R")" -eq 2 ]
check "summary counts launch-error apart" jqe '.summary["launch-error"] == 4 and .summary.error == 0' "$R"
check "the foreign anvil is left running" kill -0 "$foreign"
check "end-of-run table: a launch column and the target named apart" \
  sh -c "grep -q ' launch$' '$TMP/err1' && grep -q 'launch-error: held (4 results not run): target held: port $port' '$TMP/err1'"
check "end-of-run scores: no 0% row, the target has no score and says why" \
  sh -c "grep -Eq '^  held +- ' '$TMP/err1' && grep -q 'held has no score: the target could not be started' '$TMP/err1' && ! grep -Eq '^  held .* 0%' '$TMP/err1'"
check "TAP: not ok with verdict launch-error" grep -q "verdict: \"launch-error\"" "$TMP/tap1"
"$DLT" report "$R" --format json -o "$TMP/s1.json" 2>/dev/null
check "report json: held has no score, anvil 100%" \
  jqe '(.conformance[] | select(.target == "held") | .score == null and (.not_scored | test("could not be started")))
         and (.conformance[] | select(.target == "anvil") | .score == 1)' "$TMP/s1.json"
"$DLT" report "$R" --format md -o "$TMP/s1.md" 2>/dev/null
check "report md: a 'Could not start' section, no failure listed" \
  sh -c "grep -q '### Could not start (4 launch-error results' '$TMP/s1.md' && grep -q '### Failures (0)' '$TMP/s1.md'"
kill "$foreign"
wait "$foreign" 2>/dev/null

# 2. readiness answered by a process outside the launched tree (a grandchild that left the
#    process group and whose parent exited): the answer is not the node's own
target "$TMP/escape.json" escape '${port}' \
  "[\"/bin/sh\", \"-c\", \"(setsid '$ANVIL' --port \${port} --chain-id 31337 --silent &); exec sleep 300\"]"
mkdir -p "$TMP/t2"
TMPDIR="$TMP/t2" "$DLT" run --target "$TMP/escape.json" --suite "$TMP/suite" -o "$TMP/r2" \
  > /dev/null 2> "$TMP/err2"; rc=$?
R="$TMP/r2/results.json"
check "readiness answered by a foreign process: exit 1 ($rc)" [ $rc -eq 1 ]
check "its items are launch-error, none pass" \
  jqe '[.results[].verdict] | unique == ["launch-error"]' "$R"
check "the reason says the socket is not the launched node's, and whose it is" \
  jqe '.results[0].reason | test("belongs to pid [0-9]+ \\(.*anvil.*\\), not to the launched node")' "$R"
check "targets[]: launched false" jqe '.targets[0].launched == false' "$R"
for p in $(procs_below "$TMP/t2"); do kill -9 "$p" 2>/dev/null; done
# the same node with "check_owner": false (a port served by another process by design, as
# docker-proxy does for a container) is accepted
sed 's/"timeout": 30}/"timeout": 30, "check_owner": false}/' "$TMP/escape.json" > "$TMP/escape-ok.json"
mkdir -p "$TMP/t2b"
TMPDIR="$TMP/t2b" "$DLT" run --target "$TMP/escape-ok.json" --suite "$TMP/suite" -o "$TMP/r2b" \
  > /dev/null 2> "$TMP/err2b"; rc=$?
check "check_owner false: the node is accepted and its items pass ($rc)" \
  [ $rc -eq 0 ] && jqe '[.results[].verdict] | unique == ["pass"]' "$TMP/r2b/results.json"
for p in $(procs_below "$TMP/t2b"); do kill -9 "$p" 2>/dev/null; done

# 3. a node that exits at once, 4. one never ready, 5. a bad ready.timeout
target "$TMP/exits.json" exits '${port}' '["/bin/sh", "-c", "echo boom-at-start >&2; exit 3"]'
target "$TMP/slow.json" slow '${port}' '["sleep", "120"]' 1
TMPDIR="$TMP" "$DLT" run --target "$TMP/exits.json" --target "$TMP/slow.json" --suite "$TMP/suite" \
  -o "$TMP/r3" > /dev/null 2> "$TMP/err3"; rc=$?
R="$TMP/r3/results.json"
check "nodes that exit or never get ready: exit 1 ($rc)" [ $rc -eq 1 ]
check "all their items are launch-error" jqe '[.results[].verdict] | unique == ["launch-error"]' "$R"
check "exited at start: the reason quotes its log" \
  jqe '[.results[] | select(.targets.node == "exits") | .reason | test("exited during start-up") and test("boom-at-start")] | all' "$R"
check "never ready: the reason names the limit and where it is set" \
  jqe '[.results[] | select(.targets.node == "slow") | .reason | test("not ready after 1 s") and test("launch.ready.timeout")] | all' "$R"
check "no node of theirs is left running" [ -z "$(procs_below "$TMP/dlt-slow")" ]
target "$TMP/badtimeout.json" badtimeout '${port}' '["sleep", "1"]' '"soon"'
"$DLT" list --target "$TMP/badtimeout.json" --suite "$TMP/suite" > /dev/null 2> "$TMP/err4"; rc=$?
check "ready.timeout that is not a number: exit 2 ($rc)" [ $rc -eq 2 ]
check "the message names the file and JSON path" grep -q 'badtimeout.json: \$\.launch\.ready\.timeout' "$TMP/err4"

# 6. a node that dies mid-run and cannot be started again: the scenario it died in fails, the
#    items still planned on it are launch-error
mkdir -p "$TMP/s6/ethereum" "$TMP/t6"
cp "$suite/a.lua" "$TMP/s6/ethereum/a.lua"
cat > "$TMP/s6/ethereum/b.lua" <<'LUA'
scenario { id = "t.b-wait", title = "waits for the node to go", family = "ethereum",
  roadmap = { "NODE-01" }, timeout = 120,
  run = function(t)
    for _ = 1, 1000 do
      if not pcall(function() return t.node:call("eth_chainId", {}) end) then break end
      t:sleep(0.1)
    end
    t:ok(true, "waited")
  end }
LUA
for x in c d; do
cat > "$TMP/s6/ethereum/$x.lua" <<LUA
scenario { id = "t.$x-after", title = "after", family = "ethereum", roadmap = { "NODE-01" },
  run = function(t) t:ok(t.node:call("eth_chainId", {}) ~= nil, "answers") end }
LUA
done
target "$TMP/once.json" once '${port}' \
  "[\"/bin/sh\", \"-c\", \"if [ -e '$TMP/t6/started' ]; then echo refusing a second start >&2; exit 3; fi; touch '$TMP/t6/started'; exec '$ANVIL' --port \${port} --chain-id 31337 --silent\"]"
TMPDIR="$TMP/t6" "$DLT" run --target "$TMP/once.json" --suite "$TMP/s6" -o "$TMP/r6" \
  > /dev/null 2> "$TMP/err6" &
run=$!
i=0
while [ $i -lt 600 ] && [ "$(grep -c '"event":"result"' "$TMP/r6/events.jsonl" 2>/dev/null || echo 0)" -lt 1 ]; do
  sleep 0.1; i=$((i + 1))
done
for p in $(procs_below "$TMP/t6"); do
  case "$(tr '\0' ' ' < /proc/$p/cmdline 2>/dev/null)" in *anvil*) kill -9 "$p";; esac
done
wait $run; rc=$?
R="$TMP/r6/results.json"
check "node died, not restartable: exit 1 ($rc)" [ $rc -eq 1 ]
check "the item before passed" jqe '.results[] | select(.scenario == "t.a-chain") | .verdict == "pass"' "$R"
check "the item it died in fails (the node keeps running)" \
  jqe '.results[] | select(.scenario == "t.b-wait") | .verdict == "fail" and (.reason | test("exited during this scenario"))' "$R"
check "the items after it are launch-error: could not be started again" \
  jqe '[.results[] | select(.scenario == "t.c-after" or .scenario == "t.d-after") | .verdict == "launch-error" and (.reason | test("could not be started again")) and (.reason | test("refusing a second start"))] | (length == 2 and all)' "$R"
check "the summary names it apart" grep -q "launch-error: once (2 results not run)" "$TMP/err6"
check "no node is left running" [ -z "$(procs_below "$TMP/t6")" ]
done_testing
