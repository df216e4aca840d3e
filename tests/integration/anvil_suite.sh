#!/bin/sh
# anvil_suite.sh: the Ethereum suite against a real anvil that the runner launches itself:
# at least 25 scenarios pass, anvil's known findings are expected failures (xfail) so the run
# exits 0, the TAP parses with prove, results.json and events.jsonl list every planned scenario
# with its verdict, and the node is stopped at the end.
. "$(dirname "$0")/lib.sh"
[ -n "$(anvil_bin)" ] || skip_all "anvil is not installed (./quickstart install)"

TMPDIR="$TMP" "$DLT" run --target anvil --suite "$SRC/suites/ethereum" -o "$TMP/r" -j 2 \
  > "$TMP/tap" 2> "$TMP/err"; rc=$?
res="$TMP/r/results.json"
check "run exits 0: every failure on anvil is a known one in targets/expectations/anvil.json ($rc)" [ $rc -eq 0 ]
check "results.json written" [ -s "$res" ]
planned=$(grep -c '^\(not \)\?ok ' "$TMP/tap")
pass=$(verdict_count "$res" pass)
diag "planned $planned, passed $pass"
check "at least 25 scenarios pass on anvil ($pass)" [ "$pass" -ge 25 ]
check "results.json has one result per TAP point" [ "$(jq '.results | length' "$res")" -eq "$planned" ]
check "every result names scenario, target, verdict, duration" \
  [ "$(jq '[.results[] | select(.scenario and .targets.node and .verdict and (.duration_ms != null))] | length' "$res")" -eq "$planned" ]
check "events.jsonl has run_start, one event per result, run_end" \
  [ "$(grep -c '"event":"result"' "$TMP/r/events.jsonl")" -eq "$planned" ]
check "target version recorded (anvil 1.x)" [ "$(jq -r '.targets[0].version' "$res" | cut -c1-2)" = "1." ]
if command -v prove >/dev/null 2>&1; then
  printf '#!/bin/sh\ncat "%s"\n' "$TMP/tap" > "$TMP/replay.t"; chmod +x "$TMP/replay.t"
  prove -e '' "$TMP/replay.t" > "$TMP/prove" 2>&1
  if grep -q "Parse errors" "$TMP/prove"; then not_ok "prove parses the TAP"; diag "$(cat "$TMP/prove")"
  else ok "prove parses the TAP"; fi
else
  ok "prove parses the TAP # SKIP prove not installed"
fi
fails=$(jq -r '.results[] | select(.verdict != "pass" and .verdict != "skip" and .verdict != "xfail") | .scenario + ": " + .verdict + " " + (.reason // "")' "$res")
[ -z "$fails" ] || diag "unexpected verdicts on anvil: $fails"
check "no unexpected failure on anvil" [ -z "$fails" ]
xfail=$(verdict_count "$res" xfail)
diag "known anvil findings (xfail): $xfail"
check "every xfail names its expectation's reason" \
  [ "$(jq '[.results[] | select(.verdict == "xfail" and ((.reason // "") == "" or .expected_verdict == null))] | length' "$res")" -eq 0 ]
check "anvil was stopped" [ -z "$(procs_below "$TMP")" ]
done_testing
