-- eth_estimateGas of a plain value transfer to an account without code is the intrinsic gas of
-- a transaction, 21000 (Yellow Paper G_transaction).
local eth = require "eth"

scenario {
	id = "eth.tx.estimate-gas",
	title = "eth_estimateGas of a plain transfer is 21000",
	family = "ethereum",
	roadmap = { "TX-08", "DATA-02" },
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local est = node:call("eth_estimateGas", { { from = acct.address, to = eth.fresh_address("estimate"), value = "0x1" } })
		t:eq(est, "0x5208", "estimate of a 1-wei transfer")
		local est0 = node:call("eth_estimateGas", { { from = acct.address, to = eth.fresh_address("estimate"), value = "0x0" } })
		t:eq(est0, "0x5208", "estimate of a zero-value transfer")
	end,
}
