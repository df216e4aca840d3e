#!/bin/sh
# feed.sh: the live feed of `run --events` against a real anvil: a subscriber (watch --raw)
# receives every event events.jsonl holds, in order, none lost and none twice, whether it joins
# before the run starts or late, after results were published (the slow-joiner case: the feed
# replays its history on each new subscription); the scores come last; a bad endpoint is
# refused before any node starts.
. "$(dirname "$0")/lib.sh"
[ -n "$(anvil_bin)" ] || skip_all "anvil is not installed (./quickstart install)"
suite="$TMP/suite/ethereum"
mkdir -p "$suite"
for i in 1 2 3 4 5 6; do
cat > "$suite/s$i.lua" <<LUA
scenario { id = "t.s$i", title = "s$i", family = "ethereum", roadmap = { "NODE-01" },
  run = function(t) t:sleep(0.4) t:eq(t.node:call("eth_chainId", {}), $( [ $i = 4 ] && echo '"0x1"' || echo '"0x7a69"'), "chain id") end }
LUA
done
# results FILE: the count of result events in an events.jsonl (0 before it exists)
results() { c=$(grep -c '"event":"result"' "$1" 2>/dev/null); echo "${c:-0}"; }
# same_events EVENTS RAW: RAW (what the subscriber printed) is EVENTS line for line, then the
# scores event
same_events() {
  grep -v '"event":"scores"' "$2" > "$2.ev"
  cmp -s "$1" "$2.ev" && [ "$(tail -n 1 "$2" | jq -r .event)" = scores ]
}

# a subscriber that joins late: after the run published its plan and two results
ep="ipc://$TMP/feed1"
TMPDIR="$TMP" timeout 300 "$DLT" run --target anvil --suite "$TMP/suite" -o "$TMP/r1" --events "$ep" \
  > "$TMP/tap1" 2> "$TMP/err1" &
run=$!
i=0
while [ $i -lt 600 ] && [ "$(results "$TMP/r1/events.jsonl")" -lt 2 ]; do
  sleep 0.1; i=$((i + 1))
done
check "the run published two results before the subscriber joined" [ "$(results "$TMP/r1/events.jsonl")" -ge 2 ]
timeout 300 "$DLT" watch --raw "$ep" > "$TMP/raw1" 2> "$TMP/werr1"
wrc=$?
wait $run
check "watch exits 1 when a run had a failure ($wrc)" [ $wrc -eq 1 ]
check "a late subscriber got every event of events.jsonl in order, none lost or twice, then the scores" \
  same_events "$TMP/r1/events.jsonl" "$TMP/raw1"
check "... the plan first, all six verdicts, run_end" \
  sh -c "[ \"\$(jq -r .event '$TMP/raw1' | tr '\n' ' ')\" = 'run_start result result result result result result run_end scores ' ]"
check "the scores event holds the conformance of anvil" \
  sh -c "tail -n 1 '$TMP/raw1' | jq -e '.scores.conformance[0].target == \"anvil\"' > /dev/null"
check "watch's summary names the failure" grep -q 'fail .*run 1: t.s4 @ anvil: check chain id' "$TMP/werr1"

# a subscriber that is there before the run starts (a TCP endpoint given as a port)
port=$(( 20000 + $$ % 20000 ))
timeout 300 "$DLT" watch --raw "$port" > "$TMP/raw2" 2> "$TMP/werr2" &
watch=$!
TMPDIR="$TMP" timeout 300 "$DLT" run --target anvil --suite "$TMP/suite" -o "$TMP/r2" --events "$port" \
  > "$TMP/tap2" 2> "$TMP/err2"
wait $watch
check "an early subscriber got every event in order, then the scores" same_events "$TMP/r2/events.jsonl" "$TMP/raw2"

# bad endpoints: refused before anything is launched, exit 2, naming the value
"$DLT" run --target anvil --suite "$TMP/suite" -o "$TMP/r3" --events 99999 > /dev/null 2> "$TMP/err3"
check "--events 99999: exit 2" [ $? -eq 2 ]
check "... naming the port range" grep -q -- '--events 99999: a port is a number from 1 to 65535' "$TMP/err3"
"$DLT" run --target anvil --suite "$TMP/suite" -o "$TMP/r3" --events 'http://x' > /dev/null 2> "$TMP/err3"
check "--events http://x: exit 2 saying what an endpoint is" grep -q 'tcp://HOST:PORT or ipc://PATH' "$TMP/err3"
"$DLT" run --target anvil --suite "$TMP/suite" -o "$TMP/r3" --events 'tcp://256.1.1.1:5' > /dev/null 2> "$TMP/err3"
check "--events on an address that cannot be bound: exit 2 naming it" \
  grep -q -- '--events tcp://256.1.1.1:5: cannot publish there' "$TMP/err3"
check "... and nothing was run" [ ! -e "$TMP/r3/events.jsonl" ]
"$DLT" watch 2> "$TMP/err4"
check "watch without an endpoint: exit 2" [ $? -eq 2 ]
"$DLT" watch nope > /dev/null 2> "$TMP/err4"
check "watch with a bad endpoint: exit 2 naming it" grep -q 'nope: give a port' "$TMP/err4"
check "no node left running" [ -z "$(procs_below "$TMP")" ]
done_testing
