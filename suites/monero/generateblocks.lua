scenario {
	id = "xmr.chain.generateblocks-height",
	title = "generateblocks n raises the height by exactly n and returns the hashes of the new blocks",
	family = "monero",
	roadmap = { "INTEG-04" },
	requires = { "mine" },
	timeout = 180, -- the first blocks may pay for opening the wallet and building RandomX's cache
	run = function(t)
		local h0 = t.node:height()
		local hashes = t.node:produce_blocks(4)
		t:eq(#hashes, 4, "four hashes")
		t:eq(t.node:height(), h0 + 4, "height raised by 4")
		for i, h in ipairs(hashes) do
			t:eq(t.node:call("get_block_header_by_height", { height = h0 + i }).block_header.hash, h, "block " .. (h0 + i))
		end
	end,
}
