#!/bin/sh
# monero_suite.sh: the monero suite and the common scenarios against monerod regtest with a
# monero-wallet-rpc beside it, both launched by the runner (targets/monerod.json): at least 10
# scenarios pass, nothing fails, the ZeroMQ announcement scenario passes, both processes stop.
. "$(dirname "$0")/lib.sh"
command -v monerod >/dev/null 2>&1 && command -v monero-wallet-rpc >/dev/null 2>&1 ||
  skip_all "monerod / monero-wallet-rpc are not installed (apt-get install monero)"

TMPDIR="$TMP" "$DLT" run --target monerod --suite "$SRC/suites/monero" --suite "$SRC/suites/common" \
  -o "$TMP/r" --timeout 300 > "$TMP/tap" 2> "$TMP/err"; rc=$?
res="$TMP/r/results.json"
check "run finished with exit 0 or 1 ($rc)" [ $rc -le 1 ]
check "results.json written" [ -s "$res" ]
[ -s "$res" ] || { diag "$(tail -20 "$TMP/err")"; done_testing; exit 1; }
pass=$(verdict_count "$res" pass)
diag "passed $pass"
check "at least 10 scenarios pass on monerod ($pass)" [ "$pass" -ge 10 ]
fails=$(jq -r '.results[] | select(.verdict != "pass" and .verdict != "skip") | .scenario + ": " + .verdict + " " + (.reason // "")' "$res")
[ -z "$fails" ] || diag "not passing on monerod: $fails"
check "no failing verdict on monerod" [ -z "$fails" ]
check "the ZeroMQ announcement passes" \
  [ "$(jq -r '[.results[] | select(.scenario == "xmr.zmq.chain-main")][0].verdict' "$res")" = pass ]
check "monerod and monero-wallet-rpc were stopped" [ -z "$(procs_below "$TMP")" ]
done_testing
