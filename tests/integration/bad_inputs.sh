#!/bin/sh
# bad_inputs.sh: every kind of bad input gets a clear error naming the file and place, and
# nothing already recorded is lost:
#   malformed target files and vector files: exit 2 before any node starts, file and JSON path named;
#   broken scenarios (syntax error, runtime error, unknown roadmap id, unknown field): that
#   scenario's verdict is error with file:line, the rest of the run goes on;
#   an unreachable target: error verdicts naming the target and URL, results still written.
. "$(dirname "$0")/lib.sh"
[ -n "$(anvil_bin)" ] || skip_all "anvil is not installed (./quickstart install)"

# --- target files ---
bad_target() { # NAME CONTENT EXPECTED-TEXT
  printf '%s' "$2" > "$TMP/$1.json"
  "$DLT" run --target "$TMP/$1.json" --suite "$SRC/suites/ethereum" -o "$TMP/r-$1" > "$TMP/out" 2>&1; rc=$?
  check "target file $1: exit 2 ($rc)" [ $rc -eq 2 ]
  if grep -q "$1.json" "$TMP/out" && grep -qF -- "$3" "$TMP/out"; then ok "target file $1: error names the file and '$3'"
  else not_ok "target file $1: error names the file and '$3'"; diag "$(cat "$TMP/out")"; fi
}
bad_target not-json '{"name": "x", ' ':1:'
bad_target no-family '{"name":"x","url":"http://127.0.0.1:1"}' '$.family: missing'
bad_target bad-family '{"name":"x","family":"cobol","url":"http://127.0.0.1:1"}' 'unknown family "cobol"'
bad_target bad-url '{"name":"x","family":"ethereum","url":"ftp://x"}' '$.url'
bad_target no-ready '{"name":"x","family":"ethereum","url":"http://127.0.0.1:${port}","launch":{"command":["/bin/true"]}}' '$.launch.ready.method'
bad_target bad-caps '{"name":"x","family":"ethereum","url":"http://127.0.0.1:1","capabilities":{"add":[1]}}' '$.capabilities.add[0]'
bad_target extra '{"name":"x","family":"ethereum","url":"http://127.0.0.1:1","colour":"red"}' '$.colour: unknown member'

# --- a home with a malformed vector file ---
home="$TMP/home"
mkdir -p "$home/vectors" "$home/suites"
ln -s "$SRC/suites/lib" "$home/suites/lib"
ln -s "$SRC/targets" "$home/targets"
ln -s "$SRC/roadmap" "$home/roadmap"
cp "$SRC"/vectors/*.json "$home/vectors/"
printf '{"id":"broken","title":"b","source":{"spec":"x"},"roadmap":[],"cases":[{"name":"c"' > "$home/vectors/broken.json"
DLT_INTEROP_HOME="$home" "$DLT" run --target anvil -o "$TMP/r-vec" > "$TMP/out" 2>&1; rc=$?
check "malformed vector file: exit 2 ($rc)" [ $rc -eq 2 ]
check "malformed vector file is named" grep -q "broken.json" "$TMP/out"
check "no node was started for it" [ -z "$(procs_below "$TMP")" ]

# --- broken scenarios next to good ones, against a real anvil ---
suite="$TMP/suite/ethereum"
mkdir -p "$suite"
cat > "$suite/good.lua" <<'LUA'
scenario { id = "t.good", title = "chain id answers", family = "ethereum", roadmap = { "NODE-01" },
  run = function(t) t:eq(t.node:call("eth_chainId", {}), "0x7a69", "chain id") end }
LUA
cat > "$suite/syntax.lua" <<'LUA'
scenario { id = "t.syntax", title = "broken",
  run = function(t) t:ok(true end }
LUA
cat > "$suite/runtime.lua" <<'LUA'
scenario { id = "t.runtime", title = "runtime error", family = "ethereum", roadmap = { "NODE-01" },
  run = function(t)
    t:ok(true, "first")
    local missing = nil
    return missing.field
  end }
LUA
cat > "$suite/roadmap.lua" <<'LUA'
scenario { id = "t.roadmap", title = "unknown id", family = "ethereum", roadmap = { "NOPE-99" },
  run = function(t) t:ok(true) end }
LUA
cat > "$suite/after.lua" <<'LUA'
scenario { id = "t.zz-after", title = "still runs", family = "ethereum", roadmap = { "NODE-01" },
  run = function(t) t:eq(t.node:call("net_version", {}), "31337", "net_version") end }
LUA
TMPDIR="$TMP" "$DLT" run --target anvil --suite "$TMP/suite" -o "$TMP/r-scen" > "$TMP/tap" 2> "$TMP/err"; rc=$?
res="$TMP/r-scen/results.json"
check "a run with broken scenarios exits 1 ($rc)" [ $rc -eq 1 ]
check "results.json written" [ -s "$res" ]
v() { jq -r --arg f "$1" '.results[] | select((.scenario | contains($f))) | .verdict + " " + (.reason // "")' "$res"; }
case "$(v syntax.lua)" in "error "*"syntax.lua:2"*) ok "syntax error: verdict error with file:line";; *) not_ok "syntax error: $(v syntax.lua)";; esac
case "$(v t.runtime)" in "error "*"runtime.lua:5"*) ok "runtime error: verdict error with file:line";; *) not_ok "runtime error: $(v t.runtime)";; esac
case "$(v t.roadmap)" in "error "*"NOPE-99"*) ok "unknown roadmap id: verdict error naming the id";; *) not_ok "unknown roadmap id: $(v t.roadmap)";; esac
check "the good scenario passed" [ "$(v t.good)" = "pass " ]
check "the scenario after the broken ones passed" [ "$(v t.zz-after)" = "pass " ]
check "TAP has a point for each of the 5 files" [ "$(grep -c '^\(not \)\?ok ' "$TMP/tap")" -eq 5 ]
check "launched anvil is stopped at the end" [ -z "$(procs_below "$TMP")" ]

# --- an unreachable target ---
"$DLT" run --target http://127.0.0.1:9 --suite "$TMP/suite" -o "$TMP/r-down" > "$TMP/tap" 2> "$TMP/err"; rc=$?
check "unreachable target: exit 1 ($rc)" [ $rc -eq 1 ]
check "stderr names the target URL" grep -q "127.0.0.1:9" "$TMP/err"
check "results.json still written" [ -s "$TMP/r-down/results.json" ]
n_err=$(jq '[.results[] | select(.verdict == "error" and (.reason | contains("127.0.0.1:9")))] | length' "$TMP/r-down/results.json")
check "every scenario on it has an error verdict naming the URL ($n_err)" [ "$n_err" -ge 2 ]
done_testing
