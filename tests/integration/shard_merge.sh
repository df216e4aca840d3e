#!/bin/sh
# shard_merge.sh: --shard I/N is a stable partition of the plan (the union of the shards is
# the whole plan, with no overlap), and shard 1/2 + shard 2/2 run for real against anvil and
# merged give the same verdicts as the unsharded run; merge refuses results of another suite.
. "$(dirname "$0")/lib.sh"
[ -n "$(anvil_bin)" ] || skip_all "anvil is not installed (./quickstart install)"
suite="$SRC/suites/ethereum"

# the partition, from the plan alone
"$DLT" list --json --target anvil --target http://127.0.0.1:9 --suite "$suite" --suite "$SRC/suites/common" \
  | jq -r '.[].key' | sort > "$TMP/all"
: > "$TMP/union"
for parts in 2 3; do
  : > "$TMP/union"
  i=1
  while [ $i -le $parts ]; do
    "$DLT" list --json --shard $i/$parts --target anvil --target http://127.0.0.1:9 --suite "$suite" \
      --suite "$SRC/suites/common" | jq -r '.[].key' >> "$TMP/union"
    i=$((i + 1))
  done
  sort "$TMP/union" > "$TMP/union.sorted"
  check "shards 1..$parts/$parts: union is the plan ($(wc -l < "$TMP/all") items), no overlap" \
    cmp -s "$TMP/all" "$TMP/union.sorted"
done

# real runs
TMPDIR="$TMP" "$DLT" run --target anvil --suite "$suite" -o "$TMP/full" -q > /dev/null 2>&1
TMPDIR="$TMP" "$DLT" run --target anvil --suite "$suite" --shard 1/2 -o "$TMP/s1" -q > /dev/null 2>&1
TMPDIR="$TMP" "$DLT" run --target anvil --suite "$suite" --shard 2/2 -o "$TMP/s2" -q > /dev/null 2>&1
check "both shards have results" [ "$(jq '.results | length' "$TMP/s1/results.json")" -gt 0 ] \
  && [ "$(jq '.results | length' "$TMP/s2/results.json")" -gt 0 ]
"$DLT" merge "$TMP/s1/results.json" "$TMP/s2/results.json" -o "$TMP/merged.json" > "$TMP/out" 2>&1; rc=$?
check "merge of the two shards exits 0 ($rc)" [ $rc -eq 0 ]
verdicts() { jq -c '[.results[] | {s: .scenario, t: .targets, v: .verdict}] | sort_by(.s)' "$1"; }
verdicts "$TMP/full/results.json" > "$TMP/v.full"
verdicts "$TMP/merged.json" > "$TMP/v.merged"
if cmp -s "$TMP/v.full" "$TMP/v.merged"; then ok "merged shards give the unsharded run's verdicts"
else not_ok "merged shards give the unsharded run's verdicts"; diag "$(diff "$TMP/v.full" "$TMP/v.merged" | head -20)"; fi

# merge refuses results made from another suite version
jq '.run.suite_version = "0000"' "$TMP/s2/results.json" > "$TMP/other.json"
"$DLT" merge "$TMP/s1/results.json" "$TMP/other.json" -o "$TMP/bad.json" > "$TMP/out" 2>&1; rc=$?
check "merge of different suite versions: exit 2 ($rc)" [ $rc -eq 2 ]
check "the refusal names the file" grep -q "other.json" "$TMP/out"

# the reports read the merged results
"$DLT" report "$TMP/merged.json" --format md -o "$TMP/report.md" > "$TMP/out" 2>&1; rc=$?
check "markdown report of the merged results ($rc)" [ $rc -eq 0 ] && [ -s "$TMP/report.md" ]
check "launched nodes were stopped" [ -z "$(procs_below "$TMP")" ]
done_testing
