-- eth_getBlockTransactionCountByNumber / ByHash agree with the block's transactions list: for
-- genesis and for a block holding the scenario's transaction.
local eth = require "eth"

scenario {
	id = "eth.block.tx-count",
	title = "Transaction counts by number and by hash equal the length of the block's transactions",
	family = "ethereum",
	roadmap = { "INTEG-09", "DATA-06" },
	timeout = 90,
	run = function(t)
		local node = t.node
		local acct = eth.account(t, node, 1)
		local sent = eth.transact(t, node, { type = 2, key = acct.key, to = eth.fresh_address("tx-count"), value = 1 })
		for _, n in ipairs({ 0, eth.int(sent.receipt.blockNumber) }) do
			local b = eth.block(node, n)
			t:need(type(b) == "table" and eth.is_array(b.transactions), "block " .. n .. " with a transactions array")
			local want = eth.qty(#b.transactions)
			t:eq(node:call("eth_getBlockTransactionCountByNumber", { eth.qty(n) }), want,
				"block " .. n .. ": count by number")
			t:eq(node:call("eth_getBlockTransactionCountByHash", { b.hash }), want,
				"block " .. n .. ": count by hash")
			if n > 0 then t:ok(#b.transactions >= 1, "block " .. n .. " lists at least the scenario's transaction") end
		end
	end,
}
