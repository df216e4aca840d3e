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
done_testing
