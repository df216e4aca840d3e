#!/bin/sh
# swap.sh: the cross-ledger atomic swap suite (suites/swap/, docs/swap.md) for litecoind x anvil,
# both launched by the runner: every swap scenario is planned once for the pair and passes, each
# logs the SATP stages of its steps, the nodes are stopped at the end; and the HTLC contract's
# checked-in artifacts (contracts/HTLC.json, the generated block of suites/lib/htlc.lua) equal a
# fresh compile with the pinned solc-js (contracts/compile.sh --check; SKIP when not installed).
. "$(dirname "$0")/lib.sh"

# 1. reproducible contract build
if [ -f "$SRC/contracts/compile.sh" ]; then
  sh "$SRC/contracts/compile.sh" --check > "$TMP/compile" 2>&1; rc=$?
else
  echo "contracts/ is not in this tree" > "$TMP/compile"; rc=4
fi
case $rc in
0) ok "contracts/HTLC.json and suites/lib/htlc.lua match a fresh compile of contracts/HTLC.sol" ;;
3) ok "contracts/HTLC.json and suites/lib/htlc.lua match a fresh compile # SKIP solc-js is not installed (sh contracts/compile.sh --install)" ;;
4) ok "contracts/HTLC.json and suites/lib/htlc.lua match a fresh compile # SKIP contracts/ is not in this tree" ;;
*) not_ok "contracts/HTLC.json and suites/lib/htlc.lua match a fresh compile of contracts/HTLC.sol"; diag "$(cat "$TMP/compile")" ;;
esac

# 2. the swap suite on litecoind x anvil
ltc=""
for p in /usr/lib/litecoin/litecoind; do [ -x "$p" ] && ltc=$p; done
why=""
[ -n "$ltc" ] || why="litecoind is not installed (apt-get install -y litecoind)"
[ -n "$(anvil_bin)" ] || why="${why:+$why; }anvil is not installed (./quickstart install)"
if [ -n "$why" ]; then
  for d in "run finished with exit 0" "every swap scenario passes" "SATP stages logged" "nodes stopped"; do
    ok "$d # SKIP $why"
  done
  done_testing
  exit $?
fi

TMPDIR="$TMP" "$DLT" run --target litecoind --target anvil --suite "$SRC/suites/swap" -o "$TMP/r" -j 2 \
  > "$TMP/tap" 2> "$TMP/err"; rc=$?
res="$TMP/r/results.json"
check "run finished with exit 0 ($rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || diag "$(tail -n 30 "$TMP/tap") $(tail -n 10 "$TMP/err")"
check "results.json written" [ -s "$res" ]
want=$(ls "$SRC"/suites/swap/*.lua | wc -l)
got=$(jq '.results | length' "$res" 2>/dev/null || echo 0)
check "one result per swap scenario file ($got of $want)" [ "$got" -eq "$want" ]
check "every result pairs utxo=litecoind with evm=anvil" \
  [ "$(jq '[.results[] | select(.targets.utxo == "litecoind" and .targets.evm == "anvil")] | length' "$res")" -eq "$want" ]
pass=$(verdict_count "$res" pass)
check "every swap scenario passes ($pass of $want)" [ "$pass" -eq "$want" ]
fails=$(jq -r '.results[] | select(.verdict != "pass") | .scenario + ": " + .verdict + " " + (.reason // "") + " " + ([.checks[]? | select(.ok == false) | .label] | join("; "))' "$res")
[ -z "$fails" ] || diag "not passing: $fails"
for s in swap.htlc.happy-path swap.htlc.refund-after-timeout swap.htlc.early-refund-refused \
         swap.htlc.wrong-preimage-refused swap.htlc.claim-after-refund-refused; do
  check "$s ran and passed" [ "$(jq -r --arg s "$s" '.results[] | select(.scenario == $s) | .verdict' "$res")" = "pass" ]
done
# every scenario logs stages 1 to 3; the happy path also stage 0, preparation and finalization
staged=$(jq '[.results[] | select(
    ([.log[]? | test("^SATP stage 1 \\(transfer initiation\\) \\[IOP-08\\]: ")] | any) and
    ([.log[]? | test("^SATP stage 2 \\(lock assertion\\) \\[IOP-09\\]: ")] | any) and
    ([.log[]? | test("^SATP stage 3 \\(")] | any))] | length' "$res")
check "every scenario logs SATP stages 1, 2 and 3 ($staged of $want)" [ "$staged" -eq "$want" ]
check "the happy path logs stage 0, commitment preparation and finalization" \
  [ "$(jq '[.results[] | select(.scenario == "swap.htlc.happy-path") | .log[]? |
      select(test("^SATP stage (0 \\(identity|3 \\(commitment preparation|3 \\(commitment finalization)"))
      | .[0:28]] | unique | length' "$res")" -eq 3 ]
check "the refund scenarios log the rollback" \
  [ "$(jq '[.results[] | select(([.log[]? | test("^SATP stage 3 \\(rollback\\) \\[IOP-12\\]")] | any))] | length' "$res")" -ge 3 ]
check "nodes were stopped" [ -z "$(procs_below "$TMP")" ]
done_testing
