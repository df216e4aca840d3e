-- eth_estimateGas of a contract creation gives a gas limit with which the creation succeeds
-- (execution-apis: "an estimate of how much gas is necessary to allow the transaction to
-- complete"): the scenario deploys with exactly the estimate.
local eth = require "eth"
local evm = require "evm"

scenario {
	id = "eth.contract.estimate-deploy",
	title = "A contract creation sent with exactly eth_estimateGas succeeds",
	family = "ethereum",
	roadmap = { "TX-08" },
	timeout = 90,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local c = evm.fresh_test_contract("estimate")
		local est = node:call("eth_estimateGas", { { from = acct.address, data = evm.hex(c.init) } })
		t:need(eth.PRIM.uint(est), "the estimate is a quantity: " .. eth.show(est))
		local gas = eth.int(est)
		t:ok(gas > 53000, "the estimate covers at least the intrinsic cost of a creation (53000)", est)
		local d = eth.deploy(t, node, acct, evm.hex(c.init), { gas = gas })
		t:eq(d.receipt.status, "0x1", "the creation with gas = estimate succeeds")
		t:eq(node:call("eth_getCode", { d.address, "latest" }), evm.hex(c.runtime), "the code was deployed")
		t:ok(eth.int(d.receipt.gasUsed) <= gas, "gas used does not exceed the estimate", d.receipt.gasUsed)
	end,
}
