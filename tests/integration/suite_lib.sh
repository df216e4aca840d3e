#!/bin/sh
# suite_lib.sh: a suite that lives outside this repository shares code through its own lib/
# folder (docs/scenarios.md, "Modules"): require looks in the --suite folder's lib/ first, then
# in suites/lib. A vendor suite in a temporary folder, its scenarios in subfolders, requires its
# own module and a built-in one; its own module of a built-in name shadows the built-in one for
# its scenarios only; a module found nowhere is a load error naming both places; the own lib's
# files are not planned as scenarios. Checked while planning (list) and when running on anvil.
. "$(dirname "$0")/lib.sh"

V="$TMP/vendor-suite"
mkdir -p "$V/lib" "$V/scenarios/deep"
cat > "$V/lib/vendor.lua" <<'LUA'
-- the vendor's shared helpers
local M = { prefix = "vendor" }
function M.answer() return 42 end
return M
LUA
cat > "$V/lib/canon.lua" <<'LUA'
-- shadows suites/lib/canon.lua for this suite's scenarios
return { own = true }
LUA
cat > "$V/scenarios/deep/one.lua" <<'LUA'
local v = require "vendor"
local eth = require "eth"
local canon = require "canon"
scenario { id = v.prefix .. ".one", title = "a vendor scenario using its own lib", family = "ethereum",
  roadmap = { "NODE-03" },
  run = function(t)
    t:eq(v.answer(), 42, "the suite's own module answers")
    t:eq(eth.qty(255), "0xff", "a built-in module still loads")
    t:eq(canon.own, true, "the suite's own module shadows the built-in of the same name")
  end }
LUA
cat > "$V/scenarios/missing.lua" <<'LUA'
local m = require "nowhere"
scenario { id = "vendor.missing", title = "requires a module that does not exist", family = "ethereum",
  roadmap = { "NODE-03" }, run = function(t) t:ok(m ~= nil, "loaded") end }
LUA

"$DLT" list --json --target http://127.0.0.1:9 --suite "$V" > "$TMP/list.json" 2> "$TMP/list.err"; rc=$?
check "list exits 0 ($rc)" [ $rc -eq 0 ]
check "the scenario's id comes from the suite's own module, loaded while planning (vendor.one)" \
  jqe '[.[] | select(.scenario == "vendor.one")] | length == 1' "$TMP/list.json"
check "the lib/ folder's files are not planned as scenarios" \
  jqe '[.[] | select(.scenario | test("^load-error:.*/lib/"))] | length == 0' "$TMP/list.json"
check "a module found nowhere is a load error naming suites/lib and the suite's lib/" \
  grep -q "require \\\\\"nowhere\\\\\": no module suites/lib/nowhere.lua, nor nowhere.lua in the lib/ folder of the scenario's suite" "$TMP/list.json"

if [ -n "$(anvil_bin)" ]; then
  TMPDIR="$TMP" "$DLT" run --target anvil --suite "$V" -o "$TMP/r" > "$TMP/tap" 2> "$TMP/err"
  check "run: the vendor scenario passes (own module, built-in module, shadowing)" \
    jqe '.results[] | select(.scenario == "vendor.one") | .verdict == "pass"' "$TMP/r/results.json"
  check "run: the missing module is an error naming the module" \
    jqe '.results[] | select(.scenario | startswith("load-error")) | .verdict == "error" and (.reason | contains("nowhere"))' "$TMP/r/results.json"
  check "the suite's own modules are fingerprinted in run_start (a resumed run notices a change)" \
    grep -q "vendor-suite/lib/vendor.lua" "$TMP/r/events.jsonl"
else
  ok "run on anvil # SKIP anvil is not installed"
fi
done_testing
