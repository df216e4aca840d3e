-- A block fetched by hash equals the same block fetched by height, natively and through block().
scenario {
	id = "btc.chain.block-by-hash-equals-height",
	title = "getblock by the hash of height h equals block(h) and block(hash); absent blocks are null",
	family = "bitcoin",
	roadmap = { "INTEG-03", "INTEG-10" },
	requires = { "mine" },
	run = function(t)
		t.node:produce_blocks(3)
		local tip = t.node:height()
		for h = tip - 2, tip do
			local hash = t.node:call("getblockhash", { h })
			local by_num, by_hash = t.node:block(h), t.node:block(hash)
			t:eq(by_hash, by_num, "block(" .. h .. ") = block(hash)")
			t:eq(by_num.hash, hash, "hash")
			t:eq(by_num.number, h, "number")
			local native = t.node:call("getblock", { hash, 1 })
			t:eq(by_num.txids, native.tx, "txids")
			t:eq(by_num.time, native.time, "time")
		end
		t:eq(t.node:block(tip + 1000), nil, "a height above the tip is absent")
		t:eq(t.node:block(string.rep("1", 64)), nil, "an unknown hash is absent")
	end,
}
