#!/bin/sh
# requirements_coverage.sh: the roadmap's requirements are backed by the suites (issue 16): at
# least 90% of the MUST requirements are named by a scenario that compares with canonical data
# (its `vectors` field), and every requirement has a scenario or an `untestable` reason in
# roadmap.json, except PERF-01..04 (their scenarios are another piece of work). Measured from
# `list --json` (no node is started: the targets are URLs that are never called) with
# tools/requirements-coverage.jq.
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
check "no requirement lacks both a scenario and an untestable reason (PERF-01..04 aside)" \
  jqe '[.without_scenario_or_reason[] | select(test("^PERF-0[1-4]$") | not)] | length == 0' "$TMP/cov.json"
check "every untestable reason is a sentence" \
  jqe '[.requirements[] | select(.untestable != null) | select((.untestable | type) != "string" or (.untestable | length) < 40)] | length == 0' \
  "$SRC/roadmap/roadmap.json"
done_testing
