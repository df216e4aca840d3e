#!/bin/sh
# results_folder.sh: the --results folder and the plan are checked before any node is
# launched or any result written: a folder that cannot be written is exit 2 naming it, with no
# node started; a folder holding a finished run is replaced with a warning naming that run;
# one holding an unfinished run is refused unless --overwrite; a --filter that matches nothing
# is warned about, and a plan left empty by the filters is exit 2 that leaves the folder as it
# was; a scenario below a path longer than PATH_MAX is an error naming the path.
. "$(dirname "$0")/lib.sh"
[ -n "$(anvil_bin)" ] || skip_all "anvil is not installed (./quickstart install)"
suite="$TMP/suite/ethereum"
mkdir -p "$suite"
for i in 1 2; do
cat > "$suite/q$i.lua" <<LUA
scenario { id = "t.q$i", title = "quick", family = "ethereum", roadmap = { "NODE-01" },
  run = function(t) t:eq(t.node:call("eth_chainId", {}), "0x7a69", "chain id") end }
LUA
done
run() { TMPDIR="$TMP" "$DLT" run --target anvil --suite "$TMP/suite" "$@"; }
run_id() { jq -r '.run.id' "$1/results.json"; }

# --- a folder that cannot be written: found before any node starts ---
: > "$TMP/afile"
run -o "$TMP/afile/r" > /dev/null 2> "$TMP/err"; rc=$?
check "--results below a file: exit 2 ($rc)" [ $rc -eq 2 ]
check "the message names the folder" grep -q "$TMP/afile" "$TMP/err"
check "no node was started" sh -c "! grep -q 'starting anvil' '$TMP/err'"
check "no node is running" [ -z "$(procs_below "$TMP")" ]

# --- a finished run is replaced, with a warning naming it ---
run -o "$TMP/r" -q > /dev/null 2>&1; rc=$?
check "first run: exit 0 ($rc)" [ $rc -eq 0 ]
first=$(run_id "$TMP/r")
run -o "$TMP/r" > /dev/null 2> "$TMP/err"; rc=$?
check "second run into the same folder: exit 0 ($rc)" [ $rc -eq 0 ]
check "it warns that the finished run $first is replaced" \
  sh -c "grep -q 'warning: --results $TMP/r holds a finished run (run $first' '$TMP/err'"
check "the folder holds the new run" [ "$(run_id "$TMP/r")" != "$first" ]
check "events.jsonl holds one run_start" [ "$(grep -c '"event":"run_start"' "$TMP/r/events.jsonl")" -eq 1 ]

# --- an unfinished run is refused, --overwrite replaces it ---
cp -r "$TMP/r" "$TMP/u"
rm "$TMP/u/results.json"
sum=$(cksum < "$TMP/u/events.jsonl")
run -o "$TMP/u" > /dev/null 2> "$TMP/err"; rc=$?
check "a folder holding an unfinished run: exit 2 ($rc)" [ $rc -eq 2 ]
check "the message says --resume DIR or --overwrite" \
  sh -c "grep -q -- '--resume $TMP/u' '$TMP/err' && grep -q -- '--overwrite' '$TMP/err'"
check "the unfinished run is left as it was" [ "$(cksum < "$TMP/u/events.jsonl")" = "$sum" ]
check "no node was started" sh -c "! grep -q 'starting anvil' '$TMP/err'"
run -o "$TMP/u" --overwrite > /dev/null 2> "$TMP/err"; rc=$?
check "--overwrite: exit 0 ($rc)" [ $rc -eq 0 ]
check "--overwrite warns that the unfinished run is replaced" grep -q 'holds an unfinished run.*replaced' "$TMP/err"
check "the folder holds a finished new run" \
  [ "$(jq -c '[.run.interrupted, (.results | length)]' "$TMP/u/results.json")" = '[false,2]' ]

# --- filters ---
sum=$(cksum < "$TMP/r/results.json")
run -o "$TMP/r" --filter 'nothing.*' > /dev/null 2> "$TMP/err"; rc=$?
check "a filter matching nothing: exit 2 ($rc)" [ $rc -eq 2 ]
check "the warning names the filter" grep -q -- "--filter nothing\.\* matches no planned item" "$TMP/err"
check "the previous results are untouched" [ "$(cksum < "$TMP/r/results.json")" = "$sum" ]
check "no node was started" sh -c "! grep -q 'starting anvil' '$TMP/err'"
TMPDIR="$TMP" "$DLT" list --target anvil --suite "$TMP/suite" --filter 't.q1' --filter 'typo' > "$TMP/out" 2> "$TMP/err"; rc=$?
check "one filter of two matching: exit 0 ($rc)" [ $rc -eq 0 ]
check "the unmatched filter is named" grep -q -- "--filter typo matches no planned item" "$TMP/err"
check "the matched one is not" sh -c "! grep -q -- '--filter t.q1 matches' '$TMP/err'"
check "the plan holds the matched item" grep -q '^# 1 planned' "$TMP/out"

# --- a scenario below a path longer than PATH_MAX ---
deep="$TMP/deep/ethereum"
mkdir -p "$deep"
cp "$suite/q1.lua" "$deep/"
long=$(printf '%0200d' 0)
half=; for i in $(seq 1 11); do half="$half/$long"; done
# built in two halves shorter than PATH_MAX, then one moved below the other
mkdir -p "$deep/x$half" "$TMP/y$half"
sed 's/t\.q1/t.deep/' "$suite/q1.lua" > "$TMP/y$half/far.lua"
mv "$TMP/y" "$deep/x$half/"
TMPDIR="$TMP" "$DLT" list --target anvil --suite "$TMP/deep" > "$TMP/out" 2> "$TMP/err"; rc=$?
check "a scenario below a path longer than PATH_MAX: exit 2 ($rc)" [ $rc -eq 2 ]
check "the message names the path and PATH_MAX" \
  sh -c "grep -q '$deep/x/$long/' '$TMP/err' && grep -q 'PATH_MAX' '$TMP/err'"
done_testing
