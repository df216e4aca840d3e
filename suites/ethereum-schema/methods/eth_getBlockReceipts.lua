-- eth_getBlockReceipts (execution-apis src/eth/block.yaml): the receipts of the block of a
-- contract call that logs (by number and by hash), of a block holding a contract creation, and
-- of a number beyond the head (notFound: null).
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_getBlockReceipts",
	title = "eth_getBlockReceipts: receipts of real blocks validate against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01", "DATA-06", "DATA-05" },
	vectors = { "execution-apis" },
	timeout = 180,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local c = sc.deploy(t, node, acct, "receipts")
		local call = sc.call_contract(t, node, acct, c, 2)
		sc.call(t, node, "eth_getBlockReceipts", { eth.qty(call.number) }, { label = "block of a contract call, by number" })
		sc.call(t, node, "eth_getBlockReceipts", { call.block_hash }, { label = "block of a contract call, by hash" })
		sc.call(t, node, "eth_getBlockReceipts", { eth.qty(c.deploy.number) }, { label = "block of a contract creation" })
		sc.call(t, node, "eth_getBlockReceipts", { "latest" }, { label = "latest" })
		sc.call(t, node, "eth_getBlockReceipts", { eth.qty(sc.height(node) + 1000) }, { label = "beyond the head", accept = true })
	end,
}
