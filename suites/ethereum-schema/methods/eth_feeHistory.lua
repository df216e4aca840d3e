-- eth_feeHistory (execution-apis src/eth/fee_market.yaml): after a transaction the scenario
-- sends, the last 4 blocks with the 25th and 75th reward percentiles, 1 block at the number of
-- that transaction, and no percentiles.
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_feeHistory",
	title = "eth_feeHistory: the answer validates against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01", "DATA-02" },
	vectors = { "execution-apis" },
	timeout = 120,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local tx = sc.transfer(t, node, acct, 2)
		sc.call(t, node, "eth_feeHistory", { "0x4", "latest", { 25, 75 } }, { label = "4 blocks, percentiles 25 and 75" })
		sc.call(t, node, "eth_feeHistory", { "0x1", eth.qty(tx.number), { 50 } }, { label = "the transaction's block" })
		sc.call(t, node, "eth_feeHistory", { "0x2", "latest", {} }, { label = "no percentiles" })
	end,
}
