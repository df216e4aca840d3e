#!/bin/sh
# adapter_check.sh: `dlt-interop adapter-check` (docs/adapter-protocol.md, "Checking an
# adapter"). The reference adapter wrapping a real anvil (launched from its target file)
# conforms: exit 0. A deliberately broken adapter (tests/adapters/broken_adapter.py) fails, one
# fault per mode, with exit 1 and the check that received the fault named: malformed, oversized,
# slow, wrong shape, more frames, unknown operation accepted, no hello, version not negotiated.
# Its good mode conforms. Endpoints off this machine without a CURVE key are refused (exit 2).
. "$(dirname "$0")/lib.sh"
/usr/bin/python3 -c 'import zmq' 2>/dev/null || skip_all "python3-zmq is not installed (./quickstart install)"

cleanup() {
  for p in $(procs_below "$TMP"); do kill -9 "$p" 2>/dev/null; done
  rm -rf "$TMP"
}
trap cleanup EXIT
BROKEN="$SRC/tests/adapters/broken_adapter.py"

if [ -n "$(anvil_bin)" ]; then
  (cd "$TMP" && TMPDIR="$TMP" timeout 300 "$DLT" adapter-check "$SRC/examples/adapters/anvil-external.json") \
    > "$TMP/anvil.tap" 2> "$TMP/anvil.err"; rc=$?
  check "the reference anvil adapter conforms: exit 0 ($rc)" [ $rc -eq 0 ]
  [ $rc -eq 0 ] || diag "$(grep -A1 '^not ok' "$TMP/anvil.tap")"
  check "its TAP lists hello, version negotiation, every operation and capability" \
    [ "$(grep -c '^ok' "$TMP/anvil.tap")" -ge 15 ]
  check "the adapter and its anvil were stopped" [ -z "$(procs_below "$TMP")" ]
else
  ok "reference anvil adapter # SKIP anvil is not installed"
fi

# mode | expected failing check | options
while IFS='|' read -r mode pattern opts; do
  mkdir -p "$TMP/$mode"
  (cd "$TMP/$mode" && exec /usr/bin/python3 "$BROKEN" "$mode" "ipc://$TMP/$mode.sock") 2> "$TMP/$mode/log" &
  pid=$!
  sleep 0.3
  # shellcheck disable=SC2086
  timeout 120 "$DLT" adapter-check $opts "ipc://$TMP/$mode.sock" > "$TMP/$mode/tap" 2> "$TMP/$mode/err"; rc=$?
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  if [ "$mode" = good ]; then
    check "broken_adapter.py good: conforms, exit 0 ($rc)" [ $rc -eq 0 ]
  else
    named=no
    grep -q "^not ok [0-9]* - $pattern" "$TMP/$mode/tap" && named=yes
    check "broken_adapter.py $mode: exit 1 ($rc), the failing check is '$pattern'" [ "$rc.$named" = 1.yes ]
    [ "$rc.$named" = 1.yes ] || diag "$(cat "$TMP/$mode/tap" "$TMP/$mode/err")"
  fi
done <<'MODES'
good|-|
malformed|operation height answers in time|
oversized|operation info answers in time|--max-response 64K
slow|operation height answers in time|--timeout 1
wrong_shape|operation height answers in time|
frames|operation height answers in time|
unknown_op|an unknown operation is refused|
no_hello|hello: the adapter answers hello|--timeout 1
bad_version|version negotiation|
MODES
grep -q "not JSON" "$TMP/malformed/tap"; check "malformed: the reason says the reply is not JSON" [ $? -eq 0 ]
grep -q "64K\|65536-byte limit" "$TMP/oversized/tap"; check "oversized: the reason names the size limit" [ $? -eq 0 ]
grep -q "did not answer height within 1000 ms" "$TMP/slow/tap"; check "slow: the reason names the deadline" [ $? -eq 0 ]

# the same faults in a run: a scenario's verdict names the target, the run goes on
mkdir -p "$TMP/s"
cat > "$TMP/s/h.lua" <<'LUA'
scenario { id = "t.ext-height", title = "the height through an external adapter", family = "external",
  roadmap = { "NODE-03" }, run = function(t) t:ok(t.node:height() >= 0, "height") end }
LUA
for mode in malformed wrong_shape slow; do
  (cd "$TMP/$mode" && exec /usr/bin/python3 "$BROKEN" "$mode" "ipc://$TMP/run-$mode.sock") 2> /dev/null &
  pid=$!
  printf '{"name": "vendor-%s", "family": "external", "adapter": "external", "url": "ipc://%s"}\n' \
    "$mode" "$TMP/run-$mode.sock" > "$TMP/s/$mode.json"
  sleep 0.3
  timeout 120 "$DLT" run --target "$TMP/s/$mode.json" --suite "$TMP/s/h.lua" --call-timeout 1 \
    -o "$TMP/s/r-$mode" > /dev/null 2>&1
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  want=error; [ "$mode" = slow ] && want=inconclusive
  check "a run through a $mode adapter: verdict $want naming the target" \
    jqe ".results[0] | .verdict == \"$want\" and (.reason | contains(\"vendor-$mode\"))" "$TMP/s/r-$mode/results.json"
done

"$DLT" adapter-check tcp://10.0.0.1:5555 > /dev/null 2> "$TMP/remote.err"; rc=$?
named=no; grep -q "not a loopback endpoint.*CURVE" "$TMP/remote.err" && named=yes
check "a non-loopback endpoint without a CURVE key is refused, exit 2 ($rc), saying why" [ "$rc.$named" = 2.yes ]
done_testing
