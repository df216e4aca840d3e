scenario {
	id = "xmr.chain.header-by-hash-equals-height",
	title = "get_block_header_by_hash equals get_block_header_by_height for the same block; block() agrees",
	family = "monero",
	roadmap = { "INTEG-03" },
	requires = { "mine" },
	timeout = 180, -- the first blocks may pay for opening the wallet and building RandomX's cache
	run = function(t)
		t.node:produce_blocks(2)
		local top = t.node:height()
		for h = top - 2, top do
			local by_h = t.node:call("get_block_header_by_height", { height = h }).block_header
			local by_x = t.node:call("get_block_header_by_hash", { hash = by_h.hash }).block_header
			t:eq(by_x, by_h, "header of block " .. h)
			t:eq(t.node:block(by_h.hash), t.node:block(h), "block(hash) = block(height) at " .. h)
		end
		t:eq(t.node:block(top + 100), nil, "a height above the top is absent")
	end,
}
