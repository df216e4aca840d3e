#!/bin/sh
# external_anvil.sh: the external adapter protocol (docs/adapter-protocol.md) end to end with the
# Python reference adapter examples/adapters/anvil_adapter.py (Debian's python3-zmq). The runner
# launches the adapter (readiness: its hello), the adapter starts anvil; suites/ethereum and
# suites/common through it give the same verdict, scenario by scenario, as the runner's own
# ethereum adapter on the launched `anvil` target; the adapter's hello (implementation,
# capabilities) is what results.json records; the adapter and its anvil are stopped at the end.
. "$(dirname "$0")/lib.sh"
[ -n "$(anvil_bin)" ] || skip_all "anvil is not installed (./quickstart install)"
/usr/bin/python3 -c 'import zmq' 2>/dev/null || skip_all "python3-zmq is not installed (./quickstart install)"

cleanup() {
  for p in $(procs_below "$TMP"); do kill -9 "$p" 2>/dev/null; done
  rm -rf "$TMP"
}
trap cleanup EXIT

SUITES="--suite $SRC/suites/ethereum --suite $SRC/suites/common"
TMPDIR="$TMP" "$DLT" run --target anvil $SUITES -o "$TMP/native" > "$TMP/native.tap" 2> "$TMP/native.err"; nrc=$?
TMPDIR="$TMP" "$DLT" run --target "$SRC/examples/adapters/anvil-external.json" $SUITES -o "$TMP/ext" \
  > "$TMP/ext.tap" 2> "$TMP/ext.err"; erc=$?
check "the native run exits 0 ($nrc)" [ $nrc -eq 0 ]
check "the run through the Python adapter exits 0: anvil's expectations apply by implementation ($erc)" [ $erc -eq 0 ]
[ $erc -eq 0 ] || diag "$(tail -5 "$TMP/ext.err")"
jq -r '.results[] | "\(.scenario) \(.verdict)"' "$TMP/native/results.json" | sort > "$TMP/v.native"
jq -r '.results[] | "\(.scenario) \(.verdict)"' "$TMP/ext/results.json" | sort > "$TMP/v.ext"
nres=$(wc -l < "$TMP/v.native")
diff "$TMP/v.native" "$TMP/v.ext" > "$TMP/v.diff"
same=no
[ "$nres" -ge 60 ] && [ ! -s "$TMP/v.diff" ] && same=yes
check "every scenario of suites/ethereum and suites/common ($nres) has the same verdict through the adapter" [ $same = yes ]
if [ -s "$TMP/v.diff" ]; then
  diag "$(cat "$TMP/v.diff")"
  # the failing checks and reasons of the results that differ, from both runs
  for f in "$TMP/native/results.json" "$TMP/ext/results.json"; do
    diag "$f: $(jq -c '[.results[] | select(.verdict != "pass" and .verdict != "xfail" and .verdict != "skip")
      | {scenario, verdict, reason, failed: [.checks[]? | select(.ok == false) | {label, where, expected, actual}]}]' "$f" | cut -c1-3000)"
  done
fi
res="$TMP/ext/results.json"
check "the target is recorded with the adapter's implementation and version (anvil 1.x)" \
  jqe '.targets[0].implementation == "anvil" and (.targets[0].version | startswith("1."))' "$res"
check "its capabilities are those of the adapter's hello" \
  jqe '.targets[0].capabilities | (index("raw_rpc") != null) and (index("zmq") == null)' "$res"
check "block announcements came through the adapter's PUB socket (common.chain.block-announced passes)" \
  jqe '[.results[] | select(.scenario == "common.chain.block-announced" and .verdict == "pass")] | length == 1' "$res"
check "results.json holds no params of the hello or the target (no key)" \
  sh -c "! grep -q ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80 '$res'"
check "the adapter and its anvil were stopped" [ -z "$(procs_below "$TMP")" ]
done_testing
