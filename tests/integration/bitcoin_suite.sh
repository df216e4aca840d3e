#!/bin/sh
# bitcoin_suite.sh: the bitcoin suite and the common (family "any") scenarios against a
# litecoind regtest node that the runner launches itself (targets/litecoind.json): at least 20
# scenarios pass, nothing fails, and the node is stopped at the end.
. "$(dirname "$0")/lib.sh"
[ -x /usr/lib/litecoin/litecoind ] || skip_all "litecoind is not installed (apt-get install litecoind)"

TMPDIR="$TMP" "$DLT" run --target litecoind --suite "$SRC/suites/bitcoin" --suite "$SRC/suites/common" \
  -o "$TMP/r" > "$TMP/tap" 2> "$TMP/err"; rc=$?
res="$TMP/r/results.json"
check "run finished with exit 0 or 1 ($rc)" [ $rc -le 1 ]
check "results.json written" [ -s "$res" ]
[ -s "$res" ] || { diag "$(tail -20 "$TMP/err")"; done_testing; exit 1; }
pass=$(verdict_count "$res" pass)
diag "passed $pass"
check "at least 20 scenarios pass on litecoind ($pass)" [ "$pass" -ge 20 ]
fails=$(jq -r '.results[] | select(.verdict != "pass" and .verdict != "skip") | .scenario + ": " + .verdict + " " + (.reason // "")' "$res")
[ -z "$fails" ] || diag "not passing on litecoind: $fails"
check "no failing verdict on litecoind" [ -z "$fails" ]
check "the ZeroMQ scenario skips (Debian's litecoind has no ZeroMQ)" \
  [ "$(jq -r '[.results[] | select(.scenario == "btc.zmq.hashblock")][0].verdict' "$res")" = skip ]
check "implementation and version recorded" [ "$(jq -r '.targets[0].version' "$res" | cut -c1-2)" = "0." ]
check "litecoind was stopped" [ -z "$(procs_below "$TMP")" ]
done_testing
