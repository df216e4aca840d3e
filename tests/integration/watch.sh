#!/bin/sh
# watch.sh: `dlt-interop watch` over two concurrent real runs (two anvils, each run publishing
# with --events), seen as a person sees it: in a tmux terminal (capture-pane). While both run,
# the board shows both runs running, redrawn in place (one board on the screen, not a scroll of
# them); at the end, watch exits 1 (each run has a failure) with the combined summary naming
# both runs and each failure, with its file:line.
. "$(dirname "$0")/lib.sh"
[ -n "$(anvil_bin)" ] || skip_all "anvil is not installed (./quickstart install)"
command -v tmux > /dev/null 2>&1 || skip_all "tmux is not installed (tools/setup.sh installs it)"
for s in a b; do
  mkdir -p "$TMP/suite-$s/ethereum"
  for i in 1 2 3 4 5; do
    cat > "$TMP/suite-$s/ethereum/s$i.lua" <<LUA
scenario { id = "$s.s$i", title = "s$i", family = "ethereum", roadmap = { "NODE-01" },
  run = function(t) t:sleep(0.8) t:ok(true, "slept") end }
LUA
  done
  cat > "$TMP/suite-$s/ethereum/x.lua" <<LUA
scenario { id = "$s.bad", title = "fails", family = "ethereum", roadmap = { "TX-01" },
  run = function(t)
    t:eq(t.node:call("eth_chainId", {}), "0x$s", "chain id of $s")
  end }
LUA
done
sock="dlt-watch-$$"
export TMUX_TMPDIR="$TMP"
results() { c=$(grep -c '"event":"result"' "$1" 2>/dev/null); echo "${c:-0}"; }
tmux -L "$sock" new-session -d -x 160 -y 45 \
  "'$DLT' watch ipc://$TMP/a ipc://$TMP/b; echo EXIT=\$?; sleep 600" || skip_all "tmux cannot start a session"
trap 'tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$TMP"' EXIT
TMPDIR="$TMP" timeout 300 "$DLT" run --target anvil --suite "$TMP/suite-a" -o "$TMP/ra" \
  --events "ipc://$TMP/a" > /dev/null 2>&1 &
ra=$!
TMPDIR="$TMP" timeout 300 "$DLT" run --target anvil --suite "$TMP/suite-b" -o "$TMP/rb" \
  --events "ipc://$TMP/b" > /dev/null 2>&1 &
rb=$!
i=0
while [ $i -lt 600 ] && { [ "$(results "$TMP/ra/events.jsonl")" -lt 1 ] || [ "$(results "$TMP/rb/events.jsonl")" -lt 1 ]; }; do
  sleep 0.1; i=$((i + 1))
done
sleep 0.5
tmux -L "$sock" capture-pane -p > "$TMP/mid"
diag "$(cat "$TMP/mid")"
ida=$(head -n 1 "$TMP/ra/events.jsonl" | jq -r .run.id)
idb=$(head -n 1 "$TMP/rb/events.jsonl" | jq -r .run.id)
check "while both run: the board shows two runs not finished" grep -q 'dlt-interop watch: 2 runs, 2 not finished' "$TMP/mid"
check "... run 1 by its run id, running" grep -q "^run 1 $ida (ipc://$TMP/a): running, [0-9]/6 done" "$TMP/mid"
check "... run 2 by its run id, running" grep -q "^run 2 $idb (ipc://$TMP/b): running, [0-9]/6 done" "$TMP/mid"
check "... a row for each run's anvil under the area columns" \
  sh -c "[ \$(grep -c '^  anvil  *[0-9]*/[0-9]' '$TMP/mid') -eq 2 ] && grep -q '^  target  *NODE' '$TMP/mid'"
check "... redrawn in place: one board on the screen" [ "$(grep -c 'dlt-interop watch: 2 runs' "$TMP/mid")" -eq 1 ]
wait $ra
wait $rb
i=0
while [ $i -lt 300 ] && ! tmux -L "$sock" capture-pane -p | grep -q '^EXIT='; do sleep 0.1; i=$((i + 1)); done
tmux -L "$sock" capture-pane -p -J > "$TMP/end"
diag "$(cat "$TMP/end")"
check "watch exits 1 once both runs ended (each has a failure)" grep -q '^EXIT=1$' "$TMP/end"
check "the combined summary: two runs ended" grep -q '^dlt-interop watch: 2 runs ended$' "$TMP/end"
check "... run 1: finished, 6/6, 5 pass, 1 fail" \
  grep -q "^  run 1 $ida (ipc://$TMP/a): finished, 6/6 results: 5 pass, 1 fail$" "$TMP/end"
check "... run 2: finished, 6/6, 5 pass, 1 fail" \
  grep -q "^  run 2 $idb (ipc://$TMP/b): finished, 6/6 results: 5 pass, 1 fail$" "$TMP/end"
check "... each failure named with its values and file:line" \
  sh -c "grep -q 'fail  *run 1: a.bad @ anvil: check chain id of a: expected \"0xa\", got \"0x7a69\" (.*suite-a/ethereum/x.lua:3)' '$TMP/end' &&
         grep -q 'fail  *run 2: b.bad @ anvil: check chain id of b: expected \"0xb\", got \"0x7a69\" (.*suite-b/ethereum/x.lua:3)' '$TMP/end'"
check "the final board has both anvils' NODE cells at 5/5" [ "$(grep -c '^  anvil  *5/5 ' "$TMP/end")" -eq 2 ]
check "no node left running" [ -z "$(procs_below "$TMP")" ]
done_testing
