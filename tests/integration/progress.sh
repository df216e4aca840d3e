#!/bin/sh
# progress.sh: what a person sees on stderr during and after a run against a real anvil:
# not on a terminal (a CI log), a plain progress line (done/total, not passed, elapsed) and no
# escape sequence; on a terminal (a pty from script(1)), the redrawn line and coloured verdicts,
# none with NO_COLOR; the end summary names the failing and the erroring scenario with target,
# reason and file:line, the duration and the slowest results.
. "$(dirname "$0")/lib.sh"
[ -n "$(anvil_bin)" ] || skip_all "anvil is not installed (./quickstart install)"
suite="$TMP/suite/ethereum"
mkdir -p "$suite"
cat > "$suite/a_pass.lua" <<'LUA'
scenario { id = "t.pass", title = "passes", family = "ethereum", roadmap = { "NODE-01" },
  run = function(t) t:eq(t.node:call("eth_chainId", {}), "0x7a69", "chain id") end }
LUA
cat > "$suite/b_fail.lua" <<'LUA'
scenario { id = "t.fail", title = "fails", family = "ethereum", roadmap = { "NODE-01" },
  run = function(t)
    local id = t.node:call("eth_chainId", {})
    t:eq(id, "0x1", "chain id is one")
  end }
LUA
cat > "$suite/c_error.lua" <<'LUA'
scenario { id = "t.error", title = "breaks", family = "ethereum", roadmap = { "NODE-01" },
  run = function(t) local x = nil; return x.field end }
LUA

# not a terminal: one plain line per result with DLT_PROGRESS_SECONDS=0
DLT_PROGRESS_SECONDS=0 TMPDIR="$TMP" timeout 300 "$DLT" run --target anvil --suite "$TMP/suite" \
  -o "$TMP/r" > "$TMP/tap" 2> "$TMP/err"
rc=$?
check "the run exits 1 (a fail and an error)" [ $rc -eq 1 ]
check "a progress line per result: 1/3, 2/3, 3/3" \
  sh -c "grep -c '^dlt-interop: progress [123]/3 done, [0-9] not passed, [0-9.]* s elapsed\$' '$TMP/err' | grep -qx 3"
check "the last progress line counts the two results that did not pass" \
  grep -q '^dlt-interop: progress 3/3 done, 2 not passed, ' "$TMP/err"
check "no escape sequence when stderr is not a terminal" sh -c "! grep -q \"$(printf '\033')\" '$TMP/err'"
check "the summary names the failure: scenario, target, check, values, file:line" \
  grep -qF '  fail         t.fail @ anvil: check chain id is one: expected "0x1", got "0x7a69" (' "$TMP/err"
check "... with the scenario file's line" grep -q "t.fail @ anvil: .*suite/ethereum/b_fail.lua:4)\$" "$TMP/err"
check "the summary names the error with its Lua message and line" \
  grep -q "^  error        t.error @ anvil: .*c_error.lua:2: attempt to index a nil value" "$TMP/err"
check "the passing scenario is not named among the failures" sh -c "! grep -q '^  [a-z]* *t.pass @' '$TMP/err'"
check "the summary gives the duration" grep -q '^  duration: [0-9.]* s$' "$TMP/err"
check "... and the slowest results" grep -q '^  slowest: t\.[a-z]* @ anvil [0-9.]* s, ' "$TMP/err"

# a terminal (script(1) gives the run a pty): colour, unless NO_COLOR
if command -v script > /dev/null 2>&1; then
  TMPDIR="$TMP" timeout 300 script -qec "'$DLT' run --target anvil --suite '$TMP/suite' -o '$TMP/r2' > '$TMP/tap2'" \
    "$TMP/tty.log" > /dev/null 2>&1 < /dev/null
  check "on a terminal: the redrawn progress line" grep -q "$(printf '\r')$(printf '\033')\[K\[3/3\] " "$TMP/tty.log"
  check "on a terminal: the failure in red" grep -q "$(printf '\033')\[1;31mfail" "$TMP/tty.log"
  NO_COLOR=1 TMPDIR="$TMP" timeout 300 script -qec "'$DLT' run --target anvil --suite '$TMP/suite' -o '$TMP/r3' > '$TMP/tap3'" \
    "$TMP/tty3.log" > /dev/null 2>&1 < /dev/null
  check "NO_COLOR on a terminal: the summary is there" grep -q "t.fail @ anvil" "$TMP/tty3.log"
  check "NO_COLOR on a terminal: no colour" sh -c "! grep -q \"$(printf '\033')\[1;3\" '$TMP/tty3.log'"
else
  ok "# SKIP script(1) not installed"
fi
check "no node left running" [ -z "$(procs_below "$TMP")" ]
done_testing
