-- Each record carries the time of the block that includes it: a transaction's block has a
-- timestamp no earlier than its parent's, and where the transaction or receipt object carries
-- blockTimestamp (execution-apis, newer nodes) it is that block's timestamp.
local eth = require "eth"

scenario {
	id = "eth.tx.block-time",
	title = "A transaction's block carries its time; blockTimestamp, where answered, is that time",
	family = "ethereum",
	roadmap = { "PROV-06" },
	timeout = 90,
	run = function(t)
		local node = t.node
		local acct = eth.account(t, node, 1)
		local sent = eth.transact(t, node, { type = 2, key = acct.key, to = eth.fresh_address("block-time"), value = 1 })
		local b = node:call("eth_getBlockByHash", { sent.receipt.blockHash, false })
		t:need(type(b) == "table", "the including block exists")
		t:ok(eth.PRIM.uint(b.timestamp), "the block carries a timestamp (quantity)", b.timestamp)
		local parent = node:call("eth_getBlockByHash", { b.parentHash, false })
		t:ok(type(parent) == "table" and eth.int(b.timestamp) >= eth.int(parent.timestamp),
			"the block's time is no earlier than its parent's", { block = b.timestamp, parent = parent and parent.timestamp })
		local tx = node:call("eth_getTransactionByHash", { sent.hash })
		for name, obj in pairs({ transaction = tx, receipt = sent.receipt }) do
			if type(obj) == "table" and obj.blockTimestamp ~= nil then
				-- the value, whatever its encoding (the schema suite checks the encoding)
				local v = obj.blockTimestamp
				if math.type(v) ~= "integer" then v = eth.int(v) end
				t:eq(v, eth.int(b.timestamp), "the " .. name .. "'s blockTimestamp is its block's timestamp")
				if math.type(obj.blockTimestamp) == "integer" then
					t:log("the %s's blockTimestamp is encoded as %s", name, eth.show(obj.blockTimestamp))
				end
			else
				t:log("the %s object carries no blockTimestamp", name)
			end
		end
	end,
}
