-- eth_getBlockAccessList (execution-apis src/eth/block.yaml, EIP-7928 block-level access lists):
-- the access list of the block of a transaction the scenario sends itself. Dev nodes before the
-- fork that introduces it answer "method not found": the scenario skips (an optional method).
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_getBlockAccessList",
	title = "eth_getBlockAccessList: the answer validates against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01" },
	vectors = { "execution-apis" },
	timeout = 120,
	run = function(t)
		local node = t.node
		-- ask first with latest: an unsupported method skips before any transaction is sent
		sc.call(t, node, "eth_getBlockAccessList", { "latest" }, { label = "latest" })
		local acct = eth.sender(t, node)
		local tx = sc.transfer(t, node, acct, 2)
		sc.call(t, node, "eth_getBlockAccessList", { eth.qty(tx.number) }, { label = "block of a transfer" })
		sc.call(t, node, "eth_getBlockAccessList", { tx.block_hash }, { label = "block of a transfer, by hash" })
	end,
}
