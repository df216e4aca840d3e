#!/bin/sh
# ethereum_pairs.sh: the single-target Ethereum suite and the pair suite (suites/ethereum-pairs)
# on anvil, Hardhat and Ganache launched together, with their expectation files
# (targets/expectations/): every failure is an expected one (exit 0, no xpass), the pair matrix
# holds all 6 ordered pairs, known divergences are recorded with JSON paths, the xfail count is
# the number of results the expectation files cover, and every launched node is stopped
# (Hardhat and Ganache exit on the body [null] of eth.wire.null-request: the runner starts them
# again, and the expectation files say so). Takes well under a minute on 2 cores.
. "$(dirname "$0")/lib.sh"
NODES=${DLT_NODES_DIR:-$SRC/.nodes}/node_modules
[ -n "$(anvil_bin)" ] || skip_all "anvil is not installed (./quickstart install)"
[ -x "$NODES/.bin/hardhat" ] || skip_all "hardhat is not installed (./quickstart install)"
[ -x "$NODES/.bin/ganache" ] || skip_all "ganache is not installed (./quickstart install)"

# Two runs on the same three targets: the pair suite, then the single-target suite. The
# single-target suite ends (suites/ethereum/wire/) with bodies that make Hardhat and Ganache
# exit; the runner starts them again, but an exit that comes late can be charged to the next
# scenario on that target, which in a combined run may be a pair scenario.
start=$(date +%s)
TMPDIR="$TMP" "$DLT" run --target anvil --target hardhat --target ganache \
  --suite "$SRC/suites/ethereum-pairs" -o "$TMP/p" -j 3 > "$TMP/ptap" 2> "$TMP/perr"; prc=$?
TMPDIR="$TMP" "$DLT" run --target anvil --target hardhat --target ganache \
  --suite "$SRC/suites/ethereum" -o "$TMP/s" -j 3 > "$TMP/stap" 2> "$TMP/serr"; src=$?
diag "runs took $(( $(date +%s) - start )) s"
res="$TMP/p/results.json"
sres="$TMP/s/results.json"
check "results.json of both runs written" [ -s "$res" -a -s "$sres" ]
for f in "$res" "$sres"; do
  bad=$(jq -r '.results[] | select(.verdict == "fail" or .verdict == "error" or .verdict == "inconclusive" or .verdict == "xpass")
    | .scenario + " [" + ([.targets[]] | join(",")) + "]: " + .verdict + " " + ((.reason // "") | .[0:200])' "$f" 2>/dev/null)
  [ -z "$bad" ] || diag "unexpected verdicts:
$bad"
done
check "pair run: exit 0, every failure is an expected one ($prc)" [ "$prc" -eq 0 ]
check "single-target run: exit 0, every failure is an expected one ($src)" [ "$src" -eq 0 ]
check "no xpass (no stale expectation)" [ "$(( $(verdict_count "$res" xpass) + $(verdict_count "$sres" xpass) ))" -eq 0 ]

# the three targets were launched, with their versions
for t in anvil hardhat ganache; do
  check "$t launched and up" [ "$(jq -r --arg t "$t" '.targets[] | select(.name == $t) | (.launched == true and .down == null)' "$res")" = "true" ]
done

# the pair matrix: 6 ordered pairs, every share a number in [0, 1]
check "matrix.ethereum lists the 3 targets" \
  [ "$(jq '.matrix.ethereum.targets | length' "$res")" -eq 3 ]
check "matrix.ethereum has all 6 ordered pairs" \
  [ "$(jq '[.matrix.ethereum.counts[] | keys[]] | length' "$res")" -eq 6 ]
check "every ordered pair has a share in [0, 1]" \
  [ "$(jq '[.matrix.ethereum.agree[] | .[] | select(type == "number" and . >= 0 and . <= 1)] | length' "$res")" -eq 6 ]
npair=$(jq '[.scenarios[] | select(.roles == ["a", "b"])] | length' "$res")
diag "$npair pair scenarios"
check "at least 15 pair scenarios ($npair)" [ "$npair" -ge 15 ]
check "every ordered pair counts every pair scenario" \
  [ "$(jq --argjson n "$npair" '[.matrix.ethereum.counts[][] | select(.total == $n)] | length' "$res")" -eq 6 ]
check "the summary prints the pair matrix" grep -q "pair matrix (ethereum)" "$TMP/perr"

# known divergences, recorded with a JSON path, A's value and B's value
check "Hardhat's -32004 for an unknown method is a divergence at \$.dlt_interop_noSuchMethod" \
  [ "$(jq '[.results[] | select(.scenario == "eth.pair.error-method" and .targets.a == "anvil" and .targets.b == "hardhat")
      | .divergences[] | select(.path == "$.dlt_interop_noSuchMethod" and .a == "-32601" and .b == "-32004")] | length' "$res")" -eq 1 ]
check "Ganache's replay of an included transaction is a divergence at \$.second" \
  [ "$(jq '[.results[] | select(.scenario == "eth.pair.replayed-tx" and .targets.a == "anvil" and .targets.b == "ganache")
      | .divergences[] | select(.path == "$.second" and .b == "ok")] | length' "$res")" -eq 1 ]
check "pair results carry interop_verdict and both protocol verdicts" \
  [ "$(jq '[.results[] | select(.targets.a) | select((.interop_verdict == "agree" or .interop_verdict == "diverge") and (.protocol_verdicts | length) == 2)] | length' "$res")" -eq $((npair * 6)) ]
check "at least one pair scenario agrees on every pair (raw-tx-hash)" \
  [ "$(jq '[.results[] | select(.scenario == "eth.pair.raw-tx-hash" and .interop_verdict == "agree")] | length' "$res")" -eq 6 ]

# xfail: as many as the results the expectation files cover (same scenario id, the file's
# target takes part, and the "with" target when given)
count_covered() {
  jq -n --slurpfile r "$1" \
    --slurpfile a "$SRC/targets/expectations/anvil.json" \
    --slurpfile h "$SRC/targets/expectations/hardhat.json" \
    --slurpfile g "$SRC/targets/expectations/ganache.json" '
    [$a[0], $h[0], $g[0]] as $files
    | [ $r[0].results[] | .scenario as $sc | [.targets[]] as $ts
        | select(any($files[]; . as $f | any($ts[]; . == $f.target)
            and any($f.expectations[]; .scenario == $sc and (.verdict == "fail" or .verdict == "error" or .verdict == "inconclusive")
                    and (.with as $w | $w == null or any($ts[]; . == $w))))) ] | length'
}
covered=$(( $(count_covered "$res") + $(count_covered "$sres") ))
xfail=$(( $(verdict_count "$res" xfail) + $(verdict_count "$sres" xfail) ))
diag "xfail $xfail, covered by the expectation files $covered"
check "xfail count > 0" [ "$xfail" -gt 0 ]
check "xfail count equals the results the expectation files cover" [ "$xfail" -eq "$covered" ]
check "every xfail carries its expectation's reason and link" \
  [ "$(jq -s '[.[].results[] | select(.verdict == "xfail" and (.expectation_link | type) == "string" and (.reason | type) == "string")] | length' "$res" "$sres")" -eq "$xfail" ]

check "every launched node was stopped" [ -z "$(procs_below "$TMP")" ]
done_testing
