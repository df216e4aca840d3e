#!/bin/sh
# scenario_clash.sh: a scenario file that declares the id of another (here a built-in one) is
# reported as a load error under its own id, so the run's results.json lists every scenario id
# once and `report` and `merge` accept it.
. "$(dirname "$0")/lib.sh"
[ -n "$(anvil_bin)" ] || skip_all "anvil is not installed (./quickstart install)"
mkdir -p "$TMP/mine/ethereum"
cat > "$TMP/mine/ethereum/clash.lua" <<'LUA'
scenario { id = "eth.chain.chain-id", title = "mine, same id", family = "ethereum",
  roadmap = { "NODE-01" }, run = function(t) t:ok(true, "mine") end }
LUA
TMPDIR="$TMP" "$DLT" run --target anvil --suite "$SRC/suites/ethereum/chain/chain-id.lua" \
  --suite "$TMP/mine" -o "$TMP/r" > /dev/null 2> "$TMP/err"; rc=$?
R="$TMP/r/results.json"
check "the run ends with one error ($rc)" [ $rc -eq 1 ] && [ "$(verdict_count "$R" error)" -eq 1 ]
check "every scenario id once in results.json" \
  [ "$(jq '[.scenarios[].id] | length' "$R")" -eq "$(jq '[.scenarios[].id] | unique | length' "$R")" ]
check "the clashing file is a load error under its own id, naming the other file" \
  jqe '[.scenarios[] | select(.id | startswith("load-error:")) | .load_error | test("is already used by")] == [true]' "$R"
check "run printed the scores" sh -c "grep -q 'conformance (share' '$TMP/err' && ! grep -q 'scores not computed' '$TMP/err'"
"$DLT" report "$R" --format md -o "$TMP/r.md" 2> "$TMP/report.err"; rc=$?
check "report accepts the results ($rc)" [ $rc -eq 0 ]
check "the report lists the load error" grep -q 'is already used by' "$TMP/r.md"
"$DLT" merge "$R" -o "$TMP/m.json" 2> /dev/null; rc=$?
check "merge accepts them too ($rc)" [ $rc -eq 0 ]
done_testing
