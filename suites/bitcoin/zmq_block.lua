-- Bitcoin Core's zmqpubhashblock announces each new block (needs a node built with ZeroMQ and a
-- target with zmq_url and capability "zmq"; Debian's litecoind has none: skip).
scenario {
	id = "btc.zmq.hashblock",
	title = "Each mined block is announced on the ZeroMQ hashblock topic with the hash RPC reports",
	family = "bitcoin",
	roadmap = { "NODE-13" },
	requires = { "zmq", "mine" },
	timeout = 30,
	run = function(t)
		local sub = t.node:subscribe("block")
		local hashes = t.node:produce_blocks(2)
		for i = 1, 2 do
			local m = sub:next(10)
			t:need(m ~= nil, "announcement " .. i .. " within 10 s")
			t:eq(m.source, "zmq", "announced over ZeroMQ")
			t:eq(m.hash, hashes[i], "hash of block " .. i)
			t:eq(m.hash, t.node:call("getblockhash", { m.height }), "height and hash agree with RPC")
		end
	end,
}
