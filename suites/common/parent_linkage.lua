scenario {
	id = "common.chain.parent-linkage",
	title = "Over N produced blocks each block's parent is the previous block's hash and by-hash equals by-number",
	family = "any",
	roadmap = { "INTEG-02", "INTEG-03", "TERM-04" },
	requires = { "mine" },
	timeout = 180, -- the first blocks may pay for start-up work (monerod: its wallet, RandomX's cache)
	run = function(t)
		local n = 6
		local hashes = t.node:produce_blocks(n)
		local top = t.node:height()
		local prev = t.node:block(top - n)
		t:need(prev ~= nil, "the block below the new ones exists")
		for i = 1, n do
			local b = t.node:block(top - n + i)
			t:need(b ~= nil, "block " .. (top - n + i))
			t:eq(b.number, top - n + i, "number")
			t:eq(b.hash, hashes[i], "hash as produce_blocks returned it")
			t:eq(b.parent, prev.hash, "parent of block " .. b.number)
			t:ok(b.time >= prev.time, "time of block " .. b.number .. " is not before its parent's")
			t:eq(t.node:block(b.hash), b, "block(hash) = block(number)")
			prev = b
		end
		t:eq(t.node:block(top + 1000), nil, "a block above the head is absent")
	end,
}
