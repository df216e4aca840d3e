scenario {
	id = "common.chain.block-announced",
	title = "A produced block is announced by subscribe (ZeroMQ or polling) within 10 s with its height and hash",
	family = "any",
	roadmap = { "NODE-13", "INTEG-02" },
	requires = { "mine" },
	timeout = 180, -- the first blocks may pay for start-up work (monerod: its wallet, RandomX's cache)
	run = function(t)
		local sub = t.node:subscribe("block")
		local h = t.node:height()
		local hashes = t.node:produce_blocks(2)
		local got = {}
		local deadline = dlt.now() + 10
		while #got < 2 and dlt.now() < deadline do
			local m = sub:next(deadline - dlt.now())
			if not m then break end
			if m.height > h then got[#got + 1] = m end
		end
		t:eq(#got, 2, "two announcements within 10 s")
		for i, m in ipairs(got) do
			t:eq(m.height, h + i, "announced height " .. i)
			t:eq(m.hash, hashes[i], "announced hash " .. i)
			t:eq(t.node:block(m.height).hash, m.hash, "the announcement agrees with block()")
		end
		t:log("announcement source: %s", got[1] and tostring(got[1].source) or "none")
	end,
}
