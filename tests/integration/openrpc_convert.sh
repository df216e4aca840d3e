#!/bin/sh
# openrpc_convert.sh: the tools/openrpc-convert command: -o writes the committed
# vectors/execution-apis/openrpc.json again, --check agrees with it and names the first
# difference of an edited copy, a file that is not JSON is named with line and column, usage
# errors exit 2. Skipped when configure found no libyaml (the tool is then not built).
. "$(dirname "$0")/lib.sh"

TOOL="$BUILD/tools/openrpc-convert/openrpc-convert"
[ -x "$TOOL" ] || skip_all "tools/openrpc-convert is not built (configure found no libyaml)"
SPEC="$SRC/vectors/execution-apis"

"$TOOL" -o "$TMP/openrpc.json" "$SPEC" > "$TMP/out" 2>&1; rc=$?
check "-o writes the conversion (exit $rc)" [ $rc -eq 0 ]
check "-o output is the committed openrpc.json, byte for byte" cmp -s "$TMP/openrpc.json" "$SPEC/openrpc.json"

"$TOOL" --check "$SPEC/openrpc.json" "$SPEC" > "$TMP/out" 2>&1; rc=$?
check "--check of the committed file: exit 0 ($rc)" [ $rc -eq 0 ]

jq '.methods[0].name = "eth_renamed"' "$SPEC/openrpc.json" > "$TMP/edited.json"
"$TOOL" --check "$TMP/edited.json" "$SPEC" > "$TMP/out" 2>&1; rc=$?
check "--check of an edited copy: exit 1 ($rc)" [ $rc -eq 1 ]
check "--check names the first difference" grep -q 'differs from the conversion of .*: \$\.methods\[0\]\.name: "eth_renamed" vs ' "$TMP/out"

printf '{\n  "openrpc": ]\n}\n' > "$TMP/bad.json"
"$TOOL" --check "$TMP/bad.json" "$SPEC" > "$TMP/out" 2>&1; rc=$?
check "--check of a file that is not JSON: exit 1 ($rc)" [ $rc -eq 1 ]
check "the bad file is named with line and column" grep -q "bad.json:2:[0-9]*: not valid JSON" "$TMP/out"
diag "$(cat "$TMP/out")"

"$TOOL" --check "$TMP/nope.json" "$SPEC" > "$TMP/out" 2>&1; rc=$?
check "--check of a missing file: exit 1, named ($rc)" sh -c "[ $rc -eq 1 ] && grep -q 'nope.json' '$TMP/out'"

"$TOOL" --bogus "$SPEC" > "$TMP/out" 2>&1; rc=$?
check "unknown option: exit 2 with the usage ($rc)" sh -c "[ $rc -eq 2 ] && grep -q 'usage: openrpc-convert' '$TMP/out'"
"$TOOL" "$TMP/no-such-dir" > "$TMP/out" 2>&1; rc=$?
check "a folder without the sources: exit 1, named ($rc)" sh -c "[ $rc -eq 1 ] && grep -q 'no-such-dir' '$TMP/out'"
done_testing
