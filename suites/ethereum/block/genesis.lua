-- The genesis block (number 0) is retrievable by number and by "earliest", has the zero parent
-- hash, and its hash does not change between calls.
local eth = require "eth"

scenario {
	id = "eth.block.genesis",
	title = "Block 0 exists, has the zero parent hash, equals \"earliest\" and keeps its hash",
	family = "ethereum",
	roadmap = { "INTEG-01", "TERM-04" },
	run = function(t)
		local node = t.node
		local g1 = eth.block(node, "0x0")
		t:need(type(g1) == "table", "eth_getBlockByNumber(0x0) answers a block")
		t:eq(g1.number, "0x0", "genesis number")
		t:eq(g1.parentHash, eth.ZERO_HASH, "genesis parentHash is 32 zero bytes")
		t:ok(eth.PRIM.hash32(g1.hash), "genesis hash is a hash32", eth.show(g1.hash))
		t:ne(g1.hash, eth.ZERO_HASH, "genesis hash is not zero")
		local g2 = eth.block(node, "earliest")
		t:need(type(g2) == "table", "eth_getBlockByNumber(\"earliest\") answers a block")
		t:eq(g2.hash, g1.hash, "\"earliest\" is block 0")
		local g3 = node:call("eth_getBlockByHash", { g1.hash, false })
		t:need(type(g3) == "table", "eth_getBlockByHash(genesis hash) answers a block")
		t:eq(g3.hash, g1.hash, "genesis by hash has the same hash")
		t:eq(g3.number, "0x0", "genesis by hash has number 0")
		t:eq(eth.block(node, 0).hash, g1.hash, "a second eth_getBlockByNumber(0x0) gives the same hash")
		t:log("genesis hash %s (chosen by the implementation, not compared)", g1.hash)
	end,
}
