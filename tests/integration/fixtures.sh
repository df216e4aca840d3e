#!/bin/sh
# fixtures.sh: the execution-apis fixtures replayed against a real @ethereumjs/client that the
# runner launches with the fixture chain (targets/ethereumjs-fixtures.json, docs/fixtures.md).
#   1. a probe: the chain is imported (head 0x2d) and the forkchoice reached the node through its
#      engine API with the runner's JWT (safe and finalized are the head);
#   2. the whole suite with the shipped expectation file: exit 0, every expected failure fails and
#      every entry matches; a subset reaching every method folder and every rule and outcome
#      (exact, error, speconly; pass, expected failure, not served) has the verdicts listed
#      here, rules named in labels;
#   3. attach mode: the same subset against that node by URL gives the same raw verdicts, and a
#      node without the fixture chain (a real anvil) makes the fixtures skip, saying why;
#   4. the engine API refuses the forkchoice without the token (launch-error naming the step),
#      and readiness waits for the head the target file names (launch-error naming the answer).
. "$(dirname "$0")/lib.sh"
EJS="${DLT_NODES_DIR:-$SRC/.nodes}/node_modules/.bin/ethereumjs"
[ -x "$EJS" ] || skip_all "@ethereumjs/client is not installed (./quickstart install)"
SUITE="$SRC/suites/ethereum-fixtures"
HEAD=0xe27a3e81bd7cfe2aec2cc9e832c73a17c93e7efcf659cf4b39883b96c48708c2

# every process this test starts runs with its cwd below $TMP: stop what is left on exit
cleanup() {
  for p in $(procs_below "$TMP"); do kill -9 "$p" 2>/dev/null; done
  rm -rf "$TMP"
}
trap cleanup EXIT

mkdir -p "$TMP/probe"
cat > "$TMP/probe/probe.lua" <<EOF
scenario { id = "t.fixture-chain", title = "the fixture chain, its forkchoice applied", family = "ethereum",
  chain = "execution-apis-fixtures", roadmap = { "NODE-11" },
  run = function(t)
    t:eq(t.node:call("eth_blockNumber", {}), "0x2d", "the chain is imported up to block 0x2d")
    for _, tag in ipairs({ "latest", "safe", "finalized" }) do
      local b = t.node:call("eth_getBlockByNumber", { tag, false })
      t:eq(type(b) == "table" and b.hash or b, "$HEAD", tag .. " is the head the forkchoice names")
    end
  end }
EOF

# scenario verdict: a subset (the first fixture of every method folder, and one of each rule and
# outcome) with the verdicts targets/expectations/ethereumjs-fixtures.json leads to; attach mode
# replays this subset
cat > "$TMP/expected" <<'EOF'
debug_getRawBlock.get-block-n pass
debug_getRawBlock.get-invalid-number pass
debug_getRawHeader.get-block-n pass
debug_getRawReceipts.get-block-n pass
debug_getRawTransaction.get-invalid-hash pass
debug_traceBlockByHash.trace-block-not-found skip
debug_traceBlockByNumber.trace-block-invalid-number skip
debug_traceTransaction.trace-contract-call xfail
eth_baseFee.get-current-basefee skip
eth_blobBaseFee.get-current-blobfee pass
eth_blockNumber.simple-test pass
eth_call.call-callenv-options-eip1559 pass
eth_call.call-contract pass
eth_call.call-revert-abi-error pass
eth_capabilities.get-capabilities skip
eth_chainId.get-chain-id pass
eth_config.get-config skip
eth_createAccessList.create-al-abi-revert skip
eth_estimateGas.estimate-call-abi-error xfail
eth_estimateGas.estimate-failed-call xfail
eth_estimateGas.estimate-successful-call pass
eth_feeHistory.fee-history xfail
eth_getBalance.get-balance-blockhash xfail
eth_getBlockByHash.get-block-by-empty-hash pass
eth_getBlockByNumber.get-block-cancun-fork xfail
eth_getBlockByNumber.get-block-notfound pass
eth_getBlockByNumber.get-safe xfail
eth_getBlockReceipts.get-block-receipts-0 pass
eth_getBlockTransactionCountByHash.get-block-n pass
eth_getBlockTransactionCountByNumber.get-block-n pass
eth_getCode.get-code-default-block xfail
eth_getLogs.contract-addr xfail
eth_getLogs.topic-null-wildcard xfail
eth_getProof.get-account-proof-blockhash xfail
eth_getStorageAt.get-storage-default-block xfail
eth_getStorageAt.get-storage-invalid-key xfail
eth_getStorageValues.get-storage-values-default-block skip
eth_getTransactionByBlockHashAndIndex.get-block-n xfail
eth_getTransactionByBlockNumberAndIndex.get-block-n xfail
eth_getTransactionByHash.get-access-list xfail
eth_getTransactionCount.get-nonce-default-block xfail
eth_getTransactionReceipt.get-access-list xfail
eth_sendRawTransaction.send-access-list-transaction pass
eth_simulateV1.ethSimulate-add-more-non-defined-BlockStateCalls-than-fit-but-now-with-fit skip
eth_syncing.check-syncing pass
net_version.get-network-id pass
testing_buildBlockV1.build-block-empty-transactions skip
txpool_content.get-content skip
txpool_contentFrom.get-content-from-address skip
txpool_status.get-status skip
EOF
args=
while read -r s v; do args="$args --suite $SUITE/${s%%.*}/${s#*.}.lua"; done < "$TMP/expected"
folders=$(cut -d. -f1 "$TMP/expected" | sort -u | wc -l)
check "the subset reaches every method folder ($folders of 41)" [ "$folders" -eq 41 ]

# 1, 2: one launch, the whole suite (about 20 s)
TMPDIR="$TMP" "$DLT" run --target ethereumjs-fixtures --suite "$SUITE" --suite "$TMP/probe" -o "$TMP/r" \
  > "$TMP/tap" 2> "$TMP/err"; rc=$?
R="$TMP/r/results.json"
check "the suite with the shipped expectations: exit 0 ($rc)" [ $rc -eq 0 ]
check "233 fixtures and the probe ran" jqe '(.results | length) == 234' "$R"
nx=$(jq '[.results[] | select(.verdict == "xfail")] | length' "$R")
nf=$(jq '[.results[] | select(.expected_verdict == "fail")] | length' "$R")
check "every expected failure failed ($nx xfail of $nf)" [ "$nx" -eq "$nf" -a "$nx" -gt 0 ]
stale=$(jq -r --slurpfile r "$R" '.expectations[].scenario as $p | ($p | gsub("\\."; "\\.") | gsub("\\*"; ".*") | gsub("\\?"; ".")) as $re
  | select([$r[0].results[].scenario | test("^" + $re + "$")] | any | not) | $p' "$SRC/targets/expectations/ethereumjs-fixtures.json")
check "every entry of the expectation file matches a fixture (stale: ${stale:-none})" [ -z "$stale" ]
[ $rc -eq 0 ] || diag "$(tail -5 "$TMP/err")"
check "the chain is imported and safe and finalized are its head (the forkchoice went through)" \
  jqe '.results[] | select(.scenario == "t.fixture-chain") | .verdict == "pass"' "$R"
bad=0
while read -r s v; do
  got=$(jq -r --arg s "fixture.$s" '.results[] | select(.scenario == $s) | .verdict' "$R")
  if [ "$got" != "$v" ]; then bad=$((bad + 1)); diag "fixture.$s: $got, expected $v"; fi
done < "$TMP/expected"
check "every fixture of the subset has its expected verdict ($bad differ)" [ $bad -eq 0 ]
label() { # SCENARIO TEXT: a check of that scenario whose label holds TEXT
  jqe --arg s "fixture.$1" --arg x "$2" '[.results[] | select(.scenario == $s) | .checks[] | .label | strings | select(contains($x))] | length > 0' "$R"
}
check "[exact] named: eth_call.call-contract" label eth_call.call-contract "#1 [exact] the answer equals the fixture's"
check "[error] named, with code and data: eth_call.call-revert-abi-error" \
  label eth_call.call-revert-abi-error "[error] an error with code 3 and the fixture's data (messages not compared)"
check "[error] [speconly]: code only: eth_estimateGas.estimate-failed-call" \
  label eth_estimateGas.estimate-failed-call "[error] [speconly] an error with code 3 (messages and data not compared)"
check "[speconly] named, against the pinned schema: eth_estimateGas.estimate-successful-call" \
  label eth_estimateGas.estimate-successful-call "#1 [speconly] the result validates against execution-apis"
check "a finding: the failed check of eth_getStorageAt.get-storage-invalid-key is the code" \
  jqe '.results[] | select(.scenario == "fixture.eth_getStorageAt.get-storage-invalid-key") | [.checks[] | select(.ok == false) | .diff[].path] == ["$.error.code"]' "$R"
check "a method not served: skip with the node's answer" \
  jqe '.results[] | select(.scenario | startswith("fixture.eth_simulateV1.")) | .reason | startswith("not served: eth_simulateV1 answered -32601")' "$R"
check "speconly without a schema in the pinned specification: skip saying so" \
  jqe '.results[] | select(.scenario == "fixture.txpool_content.get-content") | .reason | startswith("speconly: the pinned execution-apis")' "$R"
check "a fixture's request that breaks the pinned specification is sent as it is, and the log says so" \
  jqe '.results[] | select(.scenario == "fixture.eth_getStorageAt.get-storage-invalid-key") | [.log[] | select(contains("params are not valid per execution-apis") and contains("bytesMax32"))] | length == 1' "$R"
check "the comments are the title and the log" \
  jqe '.results[] | select(.scenario == "fixture.eth_blockNumber.simple-test") | .log | index("// retrieves the client'"'"'s current block number") != null' "$R"
check "the node was stopped" [ -z "$(procs_below "$TMP")" ]

# 3. attach mode: a node holding the chain, launched by a run that waits, reached by URL
mkdir -p "$TMP/hold/s"
cat > "$TMP/hold/s/hold.lua" <<'EOF'
scenario { id = "t.hold", title = "keeps the node up", family = "ethereum", chain = "execution-apis-fixtures",
  roadmap = { "NODE-11" }, timeout = 300, run = function(t) t:sleep(280) t:ok(true, "held") end }
EOF
TMPDIR="$TMP/hold" "$DLT" run --target ethereumjs-fixtures --suite "$TMP/hold/s" -o "$TMP/hold/r" \
  > "$TMP/hold/tap" 2> "$TMP/hold/err" &
holder=$!
port= i=0
while [ -z "$port" ] && [ $i -lt 2400 ]; do
  for p in $(procs_below "$TMP/hold"); do
    port=$(tr '\0' '\n' < "/proc/$p/cmdline" 2>/dev/null | sed -n '/^--rpcPort$/{n;p;}' | head -1)
    [ -n "$port" ] && break
  done
  sleep 0.1; i=$((i + 1))
done
safe= i=0
while [ -n "$port" ] && [ "$safe" != "$HEAD" ] && [ $i -lt 2400 ] && kill -0 $holder 2>/dev/null; do
  safe=$(curl -s -m 2 -H 'Content-Type: application/json' \
    -d '{"jsonrpc":"2.0","id":1,"method":"eth_getBlockByNumber","params":["safe",false]}' \
    "http://127.0.0.1:$port" 2>/dev/null | jq -r '.result.hash // empty' 2>/dev/null)
  sleep 0.1; i=$((i + 1))
done
check "a node holding the fixture chain is up, its forkchoice applied (port ${port:-none})" [ "$safe" = "$HEAD" ]
# shellcheck disable=SC2086
TMPDIR="$TMP" "$DLT" run --target "http://127.0.0.1:$port" --no-expectations $args -o "$TMP/ra" \
  > "$TMP/tapa" 2> "$TMP/erra"; rc=$?
check "attached by URL, the subset runs: exit 1, the findings fail ($rc)" [ $rc -eq 1 ]
same=$(jq -r '[.results[] | {(.scenario): (if .verdict == "xfail" then "fail" else .verdict end)}] | add' "$R" > "$TMP/v1";
       jq -r '[.results[] | {(.scenario): .verdict}] | add' "$TMP/ra/results.json" > "$TMP/v2";
       jq -n --slurpfile a "$TMP/v1" --slurpfile b "$TMP/v2" '[$b[0] | to_entries[] | select($a[0][.key] != .value) | .key] | join(" ")')
check "attached by URL: the same verdicts as launched (differ: $same)" [ "$same" = '""' ]
kill -TERM $holder 2>/dev/null
wait $holder
check "the run holding the node stopped it" [ -z "$(procs_below "$TMP/hold")" ]

ANVIL=$(anvil_bin)
if [ -n "$ANVIL" ]; then
  mkdir -p "$TMP/anvil"
  (cd "$TMP/anvil" && exec "$ANVIL" --port 0 > "$TMP/anvil/log" 2>&1) &
  anvil=$!
  i=0
  while [ $i -lt 300 ] && ! grep -q "Listening on" "$TMP/anvil/log"; do sleep 0.1; i=$((i + 1)); done
  aport=$(sed -n 's/.*Listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$TMP/anvil/log" | head -1)
  TMPDIR="$TMP" "$DLT" run --target "http://127.0.0.1:$aport" --suite "$SUITE/eth_chainId" -o "$TMP/rn" \
    > "$TMP/tapn" 2> "$TMP/errn"; rc=$?
  check "a node without the fixture chain: the fixtures skip, exit 0 ($rc)" [ $rc -eq 0 ]
  check "... saying the node does not hold the chain, and where to read how to prepare one" \
    jqe '.results[0] | .verdict == "skip" and (.reason | test("does not hold the execution-apis fixture chain: its block 0x0 is 0x[0-9a-f]{64}, the fixtures. is 0x79e0f5ff.*docs/fixtures.md"))' "$TMP/rn/results.json"
  kill $anvil 2>/dev/null
  wait $anvil 2>/dev/null
else
  ok "# SKIP anvil is not installed: no node without the fixture chain to attach to"
fi

# 4. the engine API needs the token; readiness waits for the head
jq '.launch.after_start[0].jwt = false' "$SRC/targets/ethereumjs-fixtures.json" > "$TMP/nojwt.json"
TMPDIR="$TMP" "$DLT" run --target "$TMP/nojwt.json" --suite "$SUITE/eth_chainId" -o "$TMP/rj" \
  > "$TMP/tapj" 2> "$TMP/errj"; rc=$?
check "the forkchoice without the token: exit 1 ($rc)" [ $rc -eq 1 ]
check "... launch-error naming the start-up step and the refusal" \
  jqe '.results[0] | .verdict == "launch-error" and (.reason | contains("start-up step 0 (engine_forkchoiceUpdatedV3) failed")) and (.reason | contains("HTTP 401"))' "$TMP/rj/results.json"
jq '.launch.ready.result = "0x2e" | .launch.ready.timeout = 25' "$SRC/targets/ethereumjs-fixtures.json" > "$TMP/head.json"
TMPDIR="$TMP" "$DLT" run --target "$TMP/head.json" --suite "$SUITE/eth_chainId" -o "$TMP/rr" \
  > "$TMP/tapr" 2> "$TMP/errr"; rc=$?
check "a head that never comes: exit 1 ($rc)" [ $rc -eq 1 ]
check "... launch-error naming the answer and the awaited one" \
  jqe '.results[0] | .verdict == "launch-error" and (.reason | contains("not ready after 25 s (last answer: eth_blockNumber answered \"0x2d\", not yet \"0x2e\""))' "$TMP/rr/results.json"
check "no process left" [ -z "$(procs_below "$TMP")" ]
done_testing
