-- eth_getCode (execution-apis src/eth/state.yaml): a contract the scenario deploys (latest, by
-- block number and by block hash), an account without code, and the contract before it existed.
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_getCode",
	title = "eth_getCode: the answer validates against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01", "DATA-02" },
	vectors = { "execution-apis" },
	timeout = 120,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local c = sc.deploy(t, node, acct, "code")
		local code = sc.call(t, node, "eth_getCode", { c.address, "latest" }, { label = "contract, latest" })
		t:eq(eth.lower(code), c.runtime, "the code is the deployed runtime")
		sc.call(t, node, "eth_getCode", { c.address, eth.qty(c.deploy.number) }, { label = "contract, by block number" })
		sc.call(t, node, "eth_getCode", { c.address, c.deploy.block_hash }, { label = "contract, by block hash", accept = true })
		sc.call(t, node, "eth_getCode", { c.address, eth.qty(c.deploy.number - 1) }, { label = "before the creation" })
		sc.call(t, node, "eth_getCode", { acct.address, "latest" }, { label = "account without code" })
	end,
}
