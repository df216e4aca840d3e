-- eth_estimateGas (execution-apis src/eth/execute.yaml: "an estimate of how much gas is necessary
-- to allow the transaction to complete") of a plain value transfer is a quantity of at least the
-- intrinsic 21000, and a transfer sent with exactly that gas limit succeeds. Whether it is exactly
-- 21000 is eth.tx.estimate-gas-exact.
local eth = require "eth"

scenario {
	id = "eth.tx.estimate-gas",
	title = "eth_estimateGas of a plain transfer suffices for the transfer",
	family = "ethereum",
	roadmap = { "TX-08", "DATA-02" },
	timeout = 90,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local to = eth.fresh_address("estimate")
		local est = node:call("eth_estimateGas", { { from = acct.address, to = to, value = "0x1" } })
		t:need(eth.PRIM.uint(est), "the estimate is a quantity: " .. eth.show(est))
		t:ok(eth.int(est) >= eth.TRANSFER_GAS, "the estimate " .. est .. " is at least the intrinsic 21000")
		local sent = eth.transact(t, node, { type = 2, key = acct.key, to = to, value = 1, gas = eth.int(est) })
		t:eq(sent.receipt.status, "0x1", "the transfer sent with gas = estimate succeeds")
		t:eq(sent.receipt.gasUsed, "0x5208", "it used 21000")
	end,
}
