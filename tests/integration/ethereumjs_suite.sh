#!/bin/sh
# ethereumjs_suite.sh: the built-in @ethereumjs/client target (targets/ethereumjs.json), launched
# by the runner: its chain is the pinned post-merge one (genesis hash and time), its blocks are
# built through the Engine API by the stand-in consensus client in the target file (difficulty
# 0, fees to 0x..c0de, prevRandao = the parent's hash), every transaction of a burst from one
# sender is included, a transaction that cannot be included (nonce gap) neither stops later ones
# nor the chain, a transaction that can never be included (gas below the intrinsic 21000, priced
# above the first replacement) is replaced by eth.sender (suites/lib/eth.lua unstick), the transaction scenarios of suites/ethereum end as targets/expectations/
# ethereumjs.json says (exit 0), the stand-in logged no error, and the node is stopped.
. "$(dirname "$0")/lib.sh"
NODES=${DLT_NODES_DIR:-$SRC/.nodes}
[ -e "$NODES/node_modules/.bin/ethereumjs" ] || skip_all "@ethereumjs/client is not installed (./quickstart install)"
command -v node >/dev/null 2>&1 || skip_all "node is not installed"

mkdir -p "$TMP/s"
cat > "$TMP/s/chain.lua" <<'LUA'
local eth = require "eth"
scenario {
	id = "it.ethereumjs.chain", title = "the ethereumjs target's chain and block building",
	family = "ethereum", roadmap = { "NODE-03" }, timeout = 120,
	run = function(t)
		local node = t.node
		local g = eth.block(node, 0)
		t:eq(g.hash, "0x191747da05e0f8c38966541842bc4a18096fe560e50a04e74d88660811781110", "genesis hash (pinned genesis)")
		t:eq(g.timestamp, eth.qty(node.params.genesis_time), "genesis time is params.genesis_time")
		local acct = eth.account(t, node, 1)
		local n0 = eth.nonce(node, acct.address, "pending")
		-- a transaction after a nonce gap waits in the pool
		local gap = eth.sign(eth.prepare(node, { key = acct.key, to = eth.fresh_address("gap"), value = 1, nonce = n0 + 3 }, t))
		local _, gerr = eth.send_raw(node, gap.raw)
		t:need(gerr == nil, "the nonce-gap transaction is accepted into the pool", eth.show(gerr))
		-- a burst of three transfers from one sender, then each included
		local hashes = {}
		for i = 0, 2 do
			local s = eth.sign(eth.prepare(node, { key = acct.key, to = eth.fresh_address("burst"), value = 1, nonce = n0 + i }, t))
			local h, err = eth.send_raw(node, s.raw)
			t:need(err == nil, "burst transaction " .. i .. " accepted", eth.show(err))
			hashes[#hashes + 1] = h
		end
		local blocks = {}
		for i, h in ipairs(hashes) do
			local r = eth.wait_receipt(t, node, h, 60, "receipt of burst transaction " .. (i - 1))
			t:need(r ~= nil, "burst transaction " .. (i - 1) .. " included")
			t:eq(r.status, "0x1", "burst transaction " .. (i - 1) .. " succeeded")
			blocks[#blocks + 1] = eth.int(r.blockNumber) * 1000 + eth.int(r.transactionIndex)
		end
		t:ok(blocks[1] < blocks[2] and blocks[2] < blocks[3], "the burst is included in nonce order (block * 1000 + index)", eth.show(blocks))
		-- the nonce-gap transaction is now the next one: it is included too
		local rg = eth.wait_receipt(t, node, gap.hash, 60, "receipt of the transaction after the gap, once the gap is filled")
		t:need(rg ~= nil, "the transaction after the filled gap is included")
		local b = eth.block(node, eth.int(rg.blockNumber))
		t:eq(b.difficulty, "0x0", "a post-merge block (difficulty 0)")
		t:eq(eth.lower(b.miner), "0x000000000000000000000000000000000000c0de", "fees go to the stand-in's recipient")
		t:eq(b.mixHash, b.parentHash, "prevRandao is the parent's hash, as the stand-in sets it")
		t:ok(type(b.requestsHash) == "string", "a Prague block (requestsHash)", eth.show(b.requestsHash))
		-- without transactions the chain still grows
		local h0 = node:height()
		t:ok(t:wait_until(function() return node:height() > h0 end, 30, "an empty block") ~= nil, "the chain grows without transactions")
	end,
}
LUA
cat > "$TMP/s/unstick.lua" <<'LUA'
local eth = require "eth"
scenario {
	id = "it.ethereumjs.unstick", title = "eth.sender clears a legacy transaction that can never be included",
	family = "ethereum", roadmap = { "NODE-03" }, timeout = 120,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local f = eth.fees(node, t)
		-- gas 20000 is below the intrinsic 21000: 0.10.5 accepts it and keeps it in the pool for
		-- good; at 8 times the suggested gas price the first replacement (4 times) is refused
		local p = eth.prepare(node, { type = 0, key = acct.key, to = eth.fresh_address("stuck"), value = 1, gas = 20000,
			gas_price = f.gas_price * dlt.u256(8) }, t)
		local _, err = eth.send_raw(node, eth.sign(p).raw)
		if err then t:skip("the node refuses a transfer with gas 20000 (" .. eth.show(err) .. "): nothing waits in its pool") end
		t:eq(eth.nonce(node, acct.address, "pending"), p.nonce + 1, "the transaction waits in the pool")
		t:sleep(3)
		t:eq(eth.nonce(node, acct.address, "latest"), p.nonce, "it is not included")
		local again = eth.sender(t, node)
		t:eq(again.address, acct.address, "the same sender")
		t:eq(eth.nonce(node, acct.address, "latest"), p.nonce + 1, "eth.sender replaced it: the nonce is spent")
		t:eq(eth.nonce(node, acct.address, "pending"), p.nonce + 1, "nothing waits in the pool any more")
	end,
}
LUA

TMPDIR="$TMP" "$DLT" run --target ethereumjs --suite "$SRC/suites/ethereum/tx" --suite "$TMP/s" \
  -o "$TMP/r" --keep-nodes > "$TMP/tap" 2> "$TMP/err"; rc=$?
res="$TMP/r/results.json"
check "run exits 0: every failure is a known one in targets/expectations/ethereumjs.json ($rc)" [ $rc -eq 0 ]
check "results.json written" [ -s "$res" ]
[ -s "$res" ] || { diag "$(tail -20 "$TMP/err")"; done_testing; exit 1; }
fails=$(jq -r '.results[] | select(.verdict != "pass" and .verdict != "skip" and .verdict != "xfail") | .scenario + ": " + .verdict + " " + (.reason // "") + " " + ([.checks[]? | select(.ok == false) | .label + ": " + (.actual | tostring)] | join("; "))' "$res")
[ -z "$fails" ] || diag "unexpected verdicts on ethereumjs: $fails"
check "the chain and block-building scenario passes" \
  [ "$(jq -r '[.results[] | select(.scenario == "it.ethereumjs.chain")][0].verdict' "$res")" = pass ]
check "a transaction that can never be included is replaced by eth.sender (suites/lib/eth.lua unstick)" \
  [ "$(jq -r '[.results[] | select(.scenario == "it.ethereumjs.unstick")][0].verdict' "$res")" = pass ]
txpass=$(jq '[.results[] | select((.scenario | startswith("eth.tx.")) and .verdict == "pass")] | length' "$res")
check "at least 10 transaction scenarios pass ($txpass)" [ "$txpass" -ge 10 ]
log=$(ls "$TMP"/dlt-ethereumjs-*/node.log 2>/dev/null | head -1)
check "the node's log was kept" [ -n "$log" ]
if [ -n "$log" ]; then
  check "the stand-in consensus client logged no error" sh -c "! grep -q 'stand-in CL' '$log'"
  grep 'stand-in CL' "$log" | head -5 | while read -r l; do diag "$l"; done
fi
check "ethereumjs was stopped" [ -z "$(procs_below "$TMP")" ]
done_testing
