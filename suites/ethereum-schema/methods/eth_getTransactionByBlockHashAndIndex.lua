-- eth_getTransactionByBlockHashAndIndex (execution-apis src/eth/transaction.yaml): the block
-- hash and index of a legacy and an EIP-1559 transfer the scenario sends, and an index past the
-- block's last transaction (notFound: null).
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_getTransactionByBlockHashAndIndex",
	title = "eth_getTransactionByBlockHashAndIndex: the answer validates against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01", "DATA-05", "DATA-06" },
	vectors = { "execution-apis" },
	timeout = 120,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		for _, kind in ipairs({ 0, 2 }) do
			local label = kind == 0 and "legacy" or "EIP-1559"
			local x = sc.transfer(t, node, acct, kind)
			local tx = sc.call(t, node, "eth_getTransactionByBlockHashAndIndex", { x.block_hash, eth.qty(x.index) }, { label = label })
			t:ok(type(tx) == "table" and eth.lower(tx.hash) == x.hash, label .. ": the transaction at that position is ours", eth.show(tx))
			if kind == 2 then
				local none = sc.call(t, node, "eth_getTransactionByBlockHashAndIndex", { x.block_hash, "0x3e8" }, { label = "index 1000", accept = true })
				if none ~= nil then t:eq(none, dlt.null, "an index past the block's transactions gives null") end
			end
		end
	end,
}
