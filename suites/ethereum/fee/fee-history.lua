-- eth_feeHistory (execution-apis src/eth/fee_market.yaml, closed result schema): for n blocks
-- ending at the head, oldestBlock = head - n + 1, baseFeePerGas holds n + 1 entries (the last is
-- the next block's) equal to the blocks' baseFeePerGas, gasUsedRatio holds n ratios equal to
-- gasUsed / gasLimit, and reward holds n arrays with one entry per requested percentile. A
-- transaction is sent first so that the range holds a non-empty block. An answer that lags the
-- blocks is asked again for up to 5 s (logged) before the checks judge it.
local eth = require "eth"
local S = eth.schema

local RESULT = S.object({ oldestBlock = "uint", baseFeePerGas = S.array("uint"), gasUsedRatio = S.array("ratio") }, {
	baseFeePerBlobGas = S.array("uint"), blobGasUsedRatio = S.array("ratio"), reward = S.array(S.array("uint")),
}, true)

scenario {
	id = "eth.fee.fee-history",
	title = "eth_feeHistory answers the documented arrays, consistent with the blocks",
	family = "ethereum",
	roadmap = { "DATA-01", "PAY-06" },
	timeout = 90,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		eth.transact(t, node, { type = 2, key = acct.key, to = eth.fresh_address("fee-history"), value = 1 })
		local head = node:height()
		local want = math.min(4, head + 1)
		local percentiles = { 25, 75 }
		-- Some nodes (anvil) fill their fee history from the new-block stream in the background,
		-- so an answer asked for right after a block can lag it for a moment: ask again for up to
		-- 5 s while the answer does not yet agree with the blocks, and say so in the log.
		local function agrees(ans)
			if type(ans) ~= "table" or not eth.is_array(ans.gasUsedRatio) or not eth.is_array(ans.baseFeePerGas)
				or #ans.gasUsedRatio ~= want then
				return false
			end
			for i = 0, want - 1 do
				local b = eth.block(node, head - want + 1 + i)
				local ratio = eth.int(b.gasUsed) / eth.int(b.gasLimit)
				if ans.baseFeePerGas[i + 1] ~= (b.baseFeePerGas or "0x0") or type(ans.gasUsedRatio[i + 1]) ~= "number"
					or math.abs(ans.gasUsedRatio[i + 1] - ratio) >= 1e-9 then
					return false
				end
			end
			return true
		end
		local started = dlt.now()
		local h = node:call("eth_feeHistory", { eth.qty(want), eth.qty(head), percentiles })
		while not agrees(h) and dlt.now() - started < 5 do
			t:sleep(0.2)
			h = node:call("eth_feeHistory", { eth.qty(want), eth.qty(head), percentiles })
		end
		if dlt.now() - started > 0.1 then
			t:log("eth_feeHistory agreed with the blocks only after %.1f s (or not at all)", dlt.now() - started)
		end
		eth.check_schema(t, h, RESULT, "eth_feeHistory matches the result schema")
		t:need(type(h) == "table" and eth.is_array(h.gasUsedRatio) and eth.is_array(h.baseFeePerGas), "eth_feeHistory arrays")
		local n = #h.gasUsedRatio
		t:eq(n, want, "the node answers the requested " .. want .. " blocks (all are available)")
		t:eq(h.oldestBlock, eth.qty(head - n + 1), "oldestBlock = newest - count + 1")
		t:eq(#h.baseFeePerGas, n + 1, "baseFeePerGas holds count + 1 entries (the next block's included)")
		t:ok(eth.is_array(h.reward) and #h.reward == n, "reward holds one array per block", eth.show(h.reward))
		for i = 0, n - 1 do
			local b = eth.block(node, head - n + 1 + i)
			local l = "block " .. (head - n + 1 + i)
			t:eq(h.baseFeePerGas[i + 1], b.baseFeePerGas or "0x0", l .. ": baseFeePerGas equals the block's")
			local ratio = eth.int(b.gasUsed) / eth.int(b.gasLimit)
			local got = h.gasUsedRatio[i + 1]
			t:ok(type(got) == "number" and math.abs(got - ratio) < 1e-9,
				string.format("%s: gasUsedRatio %s = gasUsed / gasLimit = %.12f", l, tostring(got), ratio))
			if eth.is_array(h.reward) and h.reward[i + 1] then
				t:eq(#h.reward[i + 1], #percentiles, l .. ": one reward per percentile")
				if eth.int(b.gasUsed) == 0 then
					t:eq(h.reward[i + 1], { "0x0", "0x0" }, l .. ": rewards of an empty block are zero")
				end
			end
		end
	end,
}
