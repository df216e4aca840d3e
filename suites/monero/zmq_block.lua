scenario {
	id = "xmr.zmq.chain-main",
	title = "Each generated block is announced on the ZeroMQ publisher with the height and hash RPC reports",
	family = "monero",
	roadmap = { "NODE-13", "NODE-14" },
	requires = { "zmq", "mine" },
	timeout = 180, -- the first blocks may pay for opening the wallet and building RandomX's cache
	run = function(t)
		local sub = t.node:subscribe("block")
		local hashes = t.node:produce_blocks(3)
		for i = 1, 3 do
			local m = sub:next(15)
			t:need(m ~= nil, "announcement " .. i .. " within 15 s")
			t:eq(m.source, "zmq", "over ZeroMQ")
			t:eq(m.hash, hashes[i], "hash of block " .. i)
			t:eq(t.node:call("get_block_header_by_height", { height = m.height }).block_header.hash, m.hash,
				"height " .. m.height .. " and hash agree with RPC")
		end
	end,
}
