#!/bin/sh
# external_litecoind.sh: the second reference adapter, examples/adapters/litecoind_adapter.py
# (Python, python3-zmq), wrapping Debian's litecoind in regtest. The runner launches the adapter,
# the adapter starts litecoind; suites/bitcoin and suites/common through it give the same verdict,
# scenario by scenario, as the runner's own bitcoin adapter on the launched `litecoind` target;
# adapter-check finds the adapter conformant; everything is stopped at the end.
. "$(dirname "$0")/lib.sh"
[ -x /usr/lib/litecoin/litecoind ] || command -v litecoind >/dev/null 2>&1 || skip_all "litecoind is not installed (./quickstart install)"
/usr/bin/python3 -c 'import zmq' 2>/dev/null || skip_all "python3-zmq is not installed (./quickstart install)"

cleanup() {
  for p in $(procs_below "$TMP"); do kill -9 "$p" 2>/dev/null; done
  rm -rf "$TMP"
}
trap cleanup EXIT

SUITES="--suite $SRC/suites/bitcoin --suite $SRC/suites/common"
TMPDIR="$TMP" timeout 900 "$DLT" run --target litecoind $SUITES -o "$TMP/native" > /dev/null 2> "$TMP/native.err"; nrc=$?
TMPDIR="$TMP" timeout 900 "$DLT" run --target "$SRC/examples/adapters/litecoind-external.json" $SUITES -o "$TMP/ext" \
  > /dev/null 2> "$TMP/ext.err"; erc=$?
check "the two runs end with the same exit status ($nrc, $erc)" [ "$nrc" = "$erc" ]
jq -r '.results[] | "\(.scenario) \(.verdict)"' "$TMP/native/results.json" | sort > "$TMP/v.native"
jq -r '.results[] | "\(.scenario) \(.verdict)"' "$TMP/ext/results.json" | sort > "$TMP/v.ext"
nres=$(wc -l < "$TMP/v.native")
diff "$TMP/v.native" "$TMP/v.ext" > "$TMP/v.diff"
same=no
[ "$nres" -ge 25 ] && [ ! -s "$TMP/v.diff" ] && same=yes
check "every scenario of suites/bitcoin and suites/common ($nres) has the same verdict through the adapter" [ $same = yes ]
[ -s "$TMP/v.diff" ] && diag "$(cat "$TMP/v.diff")"
check "most of them pass (a comparison of skips would prove nothing)" \
  [ "$(grep -c ' pass$' "$TMP/v.ext")" -ge 20 ]
check "the target is recorded as the adapter's hello says (litecoind, family bitcoin)" \
  jqe '.targets[0].implementation != "" and .targets[0].family == "bitcoin"' "$TMP/ext/results.json"
TMPDIR="$TMP" timeout 300 "$DLT" adapter-check "$SRC/examples/adapters/litecoind-external.json" > "$TMP/check.tap" 2>&1; rc=$?
check "adapter-check: the litecoind adapter conforms ($rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || diag "$(grep -A1 '^not ok' "$TMP/check.tap")"
check "the adapter and litecoind were stopped" [ -z "$(procs_below "$TMP")" ]
done_testing
