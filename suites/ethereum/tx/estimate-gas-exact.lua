-- The gas a plain value transfer to an account without code needs is exactly the intrinsic gas of
-- a transaction, G_transaction = 21000 (Yellow Paper appendix G): nothing executes, so an estimate
-- of "how much gas is necessary" (execution-apis) is 21000 (geth and anvil answer 0x5208). Kept
-- apart from eth.tx.estimate-gas, which only asks that the estimate suffices.
local eth = require "eth"

scenario {
	id = "eth.tx.estimate-gas-exact",
	title = "eth_estimateGas of a plain transfer is exactly 21000",
	family = "ethereum",
	roadmap = { "TX-08" },
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local est = node:call("eth_estimateGas", { { from = acct.address, to = eth.fresh_address("estimate"), value = "0x1" } })
		t:eq(est, "0x5208", "estimate of a 1-wei transfer")
		local est0 = node:call("eth_estimateGas", { { from = acct.address, to = eth.fresh_address("estimate"), value = "0x0" } })
		t:eq(est0, "0x5208", "estimate of a zero-value transfer")
	end,
}
