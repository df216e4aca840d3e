-- eth_call (execution-apis src/eth/execute.yaml): calls to a contract the scenario deploys
-- (its runtime returns storage slot 1), with and without from and gas, at latest, by block
-- number and by block hash; a plain value transfer to a fresh address.
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_call",
	title = "eth_call: the answer validates against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01", "DATA-02", "IOP-13" },
	vectors = { "execution-apis" },
	timeout = 120,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local c = sc.deploy(t, node, acct, "call")
		local out = sc.call(t, node, "eth_call", { { to = c.address, input = "0x" }, "latest" }, { label = "contract, latest" })
		t:eq(eth.lower(out), c.value, "the call returns the stored word")
		sc.call(t, node, "eth_call", { { from = acct.address, to = c.address, input = "0x", gas = "0x186a0" },
			eth.qty(c.deploy.number) }, { label = "with from and gas, by block number" })
		sc.call(t, node, "eth_call", { { to = c.address, input = "0x" }, c.deploy.block_hash }, { label = "by block hash", accept = true })
		sc.call(t, node, "eth_call", { { to = c.address } }, { label = "block omitted", accept = true })
		sc.call(t, node, "eth_call", { { from = acct.address, to = eth.fresh_address("call"), value = "0x1" }, "latest" },
			{ label = "value transfer" })
	end,
}
