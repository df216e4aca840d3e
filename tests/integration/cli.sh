#!/bin/sh
# cli.sh: the command line: help and version, exit code 2 for every usage error with a
# message naming the problem, and `list` printing the plan without starting any node.
. "$(dirname "$0")/lib.sh"

"$DLT" --help > "$TMP/out" 2>&1; check "--help exits 0" [ $? -eq 0 ]
check "--help lists the commands" grep -q "report" "$TMP/out"
"$DLT" --version > "$TMP/out" 2>&1; check "--version prints the version" grep -q "dlt-interop 0.1.0" "$TMP/out"
for sub in run list report merge diff; do
  "$DLT" $sub --help > "$TMP/out" 2>&1; rc=$?
  check "$sub --help exits 0 ($rc)" [ $rc -eq 0 ]
  check "$sub --help has a usage line" grep -q "usage: dlt-interop $sub" "$TMP/out"
done
"$DLT" frobnicate > "$TMP/out" 2>&1; rc=$?
check "unknown command: exit 2 ($rc)" [ $rc -eq 2 ]
check "unknown command is named" grep -q "frobnicate" "$TMP/out"
"$DLT" run --shard 3/2 > "$TMP/out" 2>&1; rc=$?
check "--shard 3/2: exit 2 ($rc)" [ $rc -eq 2 ]
check "--shard error explains the form" grep -q "I/N" "$TMP/out"
# numbers out of range are refused, not wrapped (1/4294967298 ran as 1/2, 1/99999999999 was
# recorded as 1215752191), and nothing starts
for bad in 1/4294967298 1/99999999999 0/2 1/0 1/2x +1/2 " 1/2" 1/ /2 -1/2; do
  TMPDIR="$TMP" "$DLT" run --target anvil --shard "$bad" -o "$TMP/r-shard" > "$TMP/out" 2>&1; rc=$?
  check "--shard '$bad': exit 2 ($rc)" [ $rc -eq 2 ]
  check "--shard '$bad': no node started, no results" \
    sh -c "! grep -q 'starting' '$TMP/out' && [ ! -e '$TMP/r-shard' ]"
done
TMPDIR="$TMP" "$DLT" list --target anvil --suite "$SRC/suites/ethereum" --shard 2147483647/2147483647 > "$TMP/out" 2>&1; rc=$?
check "--shard 2147483647/2147483647 is accepted ($rc)" [ $rc -eq 0 ]
for bad in nan inf -1 0 1e999 2000000 ""; do
  "$DLT" list --target anvil --suite "$SRC/suites/ethereum" --timeout "$bad" > "$TMP/out" 2>&1; rc=$?
  check "--timeout '$bad': exit 2 ($rc)" [ $rc -eq 2 ]
  "$DLT" list --target anvil --suite "$SRC/suites/ethereum" --call-timeout "$bad" > "$TMP/out" 2>&1; rc=$?
  check "--call-timeout '$bad': exit 2 ($rc)" [ $rc -eq 2 ]
done
"$DLT" run --resume "$TMP/none" --overwrite > "$TMP/out" 2>&1; rc=$?
check "--resume with --overwrite: exit 2 ($rc)" [ $rc -eq 2 ]
"$DLT" run --resume "$TMP/none" > "$TMP/out" 2>&1; rc=$?
check "--resume of a folder without a run: exit 2 ($rc)" [ $rc -eq 2 ]
check "the message names events.jsonl" grep -q "$TMP/none/events.jsonl" "$TMP/out"
"$DLT" run --resume "$TMP/none" --suite "$SRC/suites" > "$TMP/out" 2>&1; rc=$?
check "--resume with --suite: exit 2 ($rc)" [ $rc -eq 2 ]
check "the message says which options go with --resume" grep -q -- "-j, -q, --keep-nodes" "$TMP/out"
"$DLT" run -j 0 > "$TMP/out" 2>&1; rc=$?
check "-j 0: exit 2" [ $rc -eq 2 ]
"$DLT" run --timeout abc > "$TMP/out" 2>&1; rc=$?
check "--timeout abc: exit 2" [ $rc -eq 2 ]
"$DLT" run --bogus > "$TMP/out" 2>&1; rc=$?
check "unknown option: exit 2" [ $rc -eq 2 ]
"$DLT" run --target no-such-target > "$TMP/out" 2>&1; rc=$?
check "unknown target name: exit 2 ($rc)" [ $rc -eq 2 ]
check "unknown target is named" grep -q "no-such-target" "$TMP/out"
"$DLT" run --target anvil --suite "$TMP/nope" > "$TMP/out" 2>&1; rc=$?
check "missing suite folder: exit 2" [ $rc -eq 2 ]

# list: the plan, no node started
TMPDIR="$TMP" "$DLT" list --target anvil --target http://127.0.0.1:9 --suite "$SRC/suites/ethereum" > "$TMP/plan" 2>&1; rc=$?
check "list exits 0 ($rc)" [ $rc -eq 0 ]
check "list shows scenario x target with roadmap ids" grep -Eq '^eth\.[^ ]+ +\[anvil\] +[A-Z]+-[0-9]+' "$TMP/plan"
check "list covers the URL target too" grep -q '\[127.0.0.1:9\]' "$TMP/plan"
check "list started no node" [ -z "$(procs_below "$TMP")" ]
TMPDIR="$TMP" "$DLT" list --json --target anvil --suite "$SRC/suites/ethereum" > "$TMP/plan.json" 2>&1
check "list --json gives keys" grep -q '"key":[[:space:]]*"eth\.' "$TMP/plan.json"
check "list --json names each scenario's vector files" \
  sh -c "jq -e '.[] | select(.scenario == \"eth.tx.legacy-eip155\") | .vectors | index(\"eip155-example\")' '$TMP/plan.json' >/dev/null"
TMPDIR="$TMP" "$DLT" list --target anvil --suite "$SRC/suites/ethereum" > /dev/full 2> "$TMP/err"; rc=$?
check "list to a full device: exit 2 ($rc)" [ $rc -eq 2 ]
check "the message names standard output" grep -q "standard output" "$TMP/err"
TMPDIR="$TMP" "$DLT" run --target anvil --suite "$SRC/suites/ethereum" -o "$TMP/r-full" > /dev/full 2> "$TMP/err"; rc=$?
check "run with TAP to a full device: exit 2 ($rc)" [ $rc -eq 2 ]
check "the message names standard output and how to resume" \
  sh -c "grep -q 'TAP output (standard output): No space left' '$TMP/err' && grep -q -- '--resume $TMP/r-full' '$TMP/err'"
check "the run stopped at once: one result at most" \
  [ "$(grep -c '"event":"result"' "$TMP/r-full/events.jsonl")" -le 1 ]
done_testing
