-- eth_getBlockByNumber (execution-apis src/eth/block.yaml): the block of a transaction the
-- scenario sends itself, by number, with and without hydrated transactions; the tags latest and
-- earliest; a number beyond the head (notFound: null). pending, safe and finalized are asked
-- too: a node may refuse them (e.g. -39001 before the merge), their answers are validated when
-- there are any.
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_getBlockByNumber",
	title = "eth_getBlockByNumber: blocks by number and tag validate against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01", "DATA-06", "DATA-02", "DATA-03" },
	vectors = { "execution-apis" },
	timeout = 120,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local tx = sc.transfer(t, node, acct, 2)
		local n = eth.qty(tx.number)
		local b = sc.call(t, node, "eth_getBlockByNumber", { n, false }, { label = "block " .. n })
		t:need(type(b) == "table" and b.hash == tx.block_hash, "the block by number is the transaction's block", eth.show(b and b.hash))
		sc.call(t, node, "eth_getBlockByNumber", { n, true }, { label = "block " .. n .. " hydrated" })
		sc.call(t, node, "eth_getBlockByNumber", { "latest", true }, { label = "latest hydrated" })
		sc.call(t, node, "eth_getBlockByNumber", { "earliest", false }, { label = "earliest" })
		local beyond = eth.qty(sc.height(node) + 1000)
		local none = sc.call(t, node, "eth_getBlockByNumber", { beyond, false }, { label = "beyond the head", accept = true })
		if none ~= nil then t:eq(none, dlt.null, "a block beyond the head is null") end
		for _, tag in ipairs({ "pending", "safe", "finalized" }) do
			sc.call(t, node, "eth_getBlockByNumber", { tag, false }, { label = tag, optional = true })
		end
	end,
}
