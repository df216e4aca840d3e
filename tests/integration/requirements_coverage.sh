#!/bin/sh
# requirements_coverage.sh: the roadmap's requirements are backed by the suites (issue 16): at
# least 90% of the MUST requirements are named by a scenario that compares with canonical data
# (its `vectors` field), and every requirement has a scenario or an `untestable` reason in
# roadmap.json. Measured from
# `list --json` (no node is started: the targets are URLs that are never called) with
# tools/requirements-coverage.jq. The requirements view of `list --coverage` (computed in C,
# runner/coverage_requirements.c) agrees with that jq computation, line by line, for every
# suite and for one suite alone (where most requirements are gaps).
. "$(dirname "$0")/lib.sh"

TMPDIR="$TMP" "$DLT" list --json --suite "$SRC/suites" \
  --target http://127.0.0.1:9 --target http://127.0.0.1:10 \
  --target bitcoin=http://u:p@127.0.0.1:11 --target monero=http://127.0.0.1:12 \
  > "$TMP/plan.json" 2> "$TMP/err"; rc=$?
check "list --json of every suite exits 0 ($rc)" [ $rc -eq 0 ]
check "no scenario has a load error (unknown vector ids included)" \
  jqe 'map(select(.load_error != null)) | length == 0' "$TMP/plan.json"
jq --slurpfile plan "$TMP/plan.json" -f "$SRC/tools/requirements-coverage.jq" \
  "$SRC/roadmap/roadmap.json" > "$TMP/cov.json" 2>&1
check "the coverage report is computed" jqe '.must > 0' "$TMP/cov.json"
diag "$(jq -c '{must, must_backed, must_backed_percent, must_not_backed, untestable, without_scenario_or_reason, scenarios, scenarios_with_vectors}' "$TMP/cov.json")"
check "at least 90% of the MUST requirements are backed by canonical data" \
  jqe '.must_backed_percent >= 90' "$TMP/cov.json"
check "no requirement lacks both a scenario and an untestable reason" \
  jqe '.without_scenario_or_reason | length == 0' "$TMP/cov.json"
check "every untestable reason is a sentence" \
  jqe '[.requirements[] | select(.untestable != null) | select((.untestable | type) != "string" or (.untestable | length) < 40)] | length == 0' \
  "$SRC/roadmap/roadmap.json"

# list --coverage, requirements view, against the jq computation over the same plan
view() { # SUITE NAME: list --coverage and list --json of that suite; compare
  suite=$1 name=$2
  TMPDIR="$TMP" "$DLT" list --coverage --suite "$suite" \
    --target http://127.0.0.1:9 --target http://127.0.0.1:10 \
    --target bitcoin=http://u:p@127.0.0.1:11 --target monero=http://127.0.0.1:12 \
    > "$TMP/cov-$name.txt" 2> "$TMP/err"; rc=$?
  check "$name: list --coverage exits 0 ($rc)" [ $rc -eq 0 ]
  TMPDIR="$TMP" "$DLT" list --json --suite "$suite" \
    --target http://127.0.0.1:9 --target http://127.0.0.1:10 \
    --target bitcoin=http://u:p@127.0.0.1:11 --target monero=http://127.0.0.1:12 > "$TMP/p.json" 2>/dev/null
  jq --slurpfile plan "$TMP/p.json" -f "$SRC/tools/requirements-coverage.jq" \
    "$SRC/roadmap/roadmap.json" > "$TMP/c.json"
  want=$(jq -r '"MUST requirements backed by canonical data: \(.must_backed) of \(.must) (\(.must_backed_percent)%)"' "$TMP/c.json")
  check "$name: the view's MUST total is the jq one ($want)" grep -qF "# $want" "$TMP/cov-$name.txt"
  gaps=$(jq '.without_scenario_or_reason | length' "$TMP/c.json")
  # untestable and named by no planned scenario (a reason does not hide a scenario)
  unt=$(jq --slurpfile plan "$TMP/p.json" '[$plan[0][] | .roadmap[]] as $named
    | [.requirements[] | select(.untestable != null and .retired == null) | .id
       | select(. as $x | $named | index($x) | not)] | length' "$SRC/roadmap/roadmap.json")
  check "$name: $unt untestable and $gaps with neither, as jq counts" \
    grep -qE "^# [0-9]+ requirements .* $unt untestable with a stated reason, $gaps with neither" "$TMP/cov-$name.txt"
  bad=0
  for id in $(jq -r '.without_scenario_or_reason[]' "$TMP/c.json"); do
    grep -qE "^$id +[A-Z]+ +0 .*NO SCENARIO" "$TMP/cov-$name.txt" || { bad=1; diag "$id is not shown as a gap"; }
  done
  for id in $(jq -r '.must_not_backed[]' "$TMP/c.json"); do
    grep -qE "^$id +MUST +([0-9]+ +NO|- +-|0 )" "$TMP/cov-$name.txt" || { bad=1; diag "$id is not shown as not backed"; }
  done
  check "$name: every gap and every unbacked MUST requirement has its line" [ $bad -eq 0 ]
  nreq=$(jq "[.requirements[] | select(.retired == null)] | length" "$SRC/roadmap/roadmap.json")
  lines=$(grep -cE '^[A-Z]+-[0-9]+ +(MUST|SHOULD|MAY) ' "$TMP/cov-$name.txt")
  check "$name: one line per requirement ($lines of $nreq)" [ "$lines" -eq "$nreq" ]
}
view "$SRC/suites" all
check "all: the view says 0 requirements with neither a scenario nor a reason" \
  grep -qE "^# [0-9]+ requirements .*, 0 with neither$" "$TMP/cov-all.txt"
view "$SRC/suites/monero" monero
check "monero alone leaves gaps the view names" jqe '.without_scenario_or_reason | length > 10' "$TMP/c.json"
done_testing
