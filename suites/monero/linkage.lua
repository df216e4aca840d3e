scenario {
	id = "xmr.chain.header-linkage",
	title = "Every header's prev_hash is the hash of the header below; depth and timestamps are consistent",
	family = "monero",
	roadmap = { "INTEG-02", "INTEG-05", "INTEG-08", "TERM-04" },
	requires = { "mine" },
	timeout = 180, -- the first blocks may pay for opening the wallet and building RandomX's cache
	run = function(t)
		t.node:produce_blocks(5)
		local top = t.node:height()
		local r = t.node:call("get_block_headers_range", { start_height = top - 5, end_height = top })
		t:eq(#r.headers, 6, "six headers")
		for i = 2, #r.headers do
			local h, p = r.headers[i], r.headers[i - 1]
			t:eq(h.height, p.height + 1, "consecutive heights")
			t:eq(h.prev_hash, p.hash, "block " .. h.height .. " names its parent")
			t:ok(h.timestamp >= p.timestamp, "block " .. h.height .. " is not older than its parent")
			t:eq(h.depth, top - h.height, "depth of block " .. h.height)
		end
		local nb = t.node:block(top)
		t:eq(nb.parent, r.headers[5].hash, "block().parent")
	end,
}
