-- Neutral operations only: runs on every target of every family.
scenario {
	id = "common.chain.height-monotonic",
	title = "produce_blocks(n) raises height() by exactly n, one block at a time and in one call",
	family = "any",
	roadmap = { "INTEG-04", "NODE-11" },
	requires = { "mine" },
	timeout = 180, -- the first blocks may pay for start-up work (monerod: its wallet, RandomX's cache)
	run = function(t)
		local h = t.node:height()
		for i = 1, 3 do
			local hashes = t.node:produce_blocks(1)
			t:eq(#hashes, 1, "one new block")
			t:eq(t.node:height(), h + i, "height after block " .. i)
		end
		local hashes = t.node:produce_blocks(4)
		t:eq(#hashes, 4, "four new blocks")
		t:eq(t.node:height(), h + 7, "height after four more")
		t:eq(t.node:block(h + 7).hash, hashes[4], "the last hash is the tip")
	end,
}
