-- eth_createAccessList (execution-apis src/eth/execute.yaml, EIP-2930): a call to a contract the
-- scenario deploys (it reads storage slot 1), and a value transfer.
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_createAccessList",
	title = "eth_createAccessList: the answer validates against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01", "DATA-02" },
	vectors = { "execution-apis" },
	timeout = 120,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		sc.call(t, node, "eth_createAccessList", { { from = acct.address, to = eth.fresh_address("al"), value = "0x1" }, "latest" },
			{ label = "value transfer" })
		local c = sc.deploy(t, node, acct, "access-list")
		sc.call(t, node, "eth_createAccessList", { { from = acct.address, to = c.address, input = "0x" }, "latest" },
			{ label = "contract call reading slot 1" })
		sc.call(t, node, "eth_createAccessList", { { from = acct.address, to = c.address, input = "0x", gas = "0x30d40" } },
			{ label = "with gas, block omitted", accept = true })
	end,
}
