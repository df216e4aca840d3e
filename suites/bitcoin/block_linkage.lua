-- Every block names its parent; timestamps do not go back past the median; next links agree.
scenario {
	id = "btc.chain.block-linkage",
	title = "previousblockhash and nextblockhash link consecutive blocks; confirmations count from the tip",
	family = "bitcoin",
	roadmap = { "INTEG-02", "INTEG-05", "INTEG-08", "TERM-04" },
	requires = { "mine" },
	run = function(t)
		t.node:produce_blocks(6)
		local tip = t.node:call("getblockcount", {})
		local prev
		for h = tip - 5, tip do
			local b = t.node:call("getblock", { t.node:call("getblockhash", { h }), 1 })
			t:eq(b.height, h, "height of block " .. h)
			t:eq(b.confirmations, tip - h + 1, "confirmations of block " .. h)
			if prev then
				t:eq(b.previousblockhash, prev.hash, "block " .. h .. " names block " .. (h - 1))
				t:eq(prev.nextblockhash, b.hash, "block " .. (h - 1) .. " names block " .. h .. " as next")
				t:ok(b.time > prev.mediantime, "block " .. h .. " time is after the parent's median time past")
			end
			local nb = t.node:block(h)
			t:eq(nb.parent, b.previousblockhash, "block(" .. h .. ").parent")
			prev = b
		end
	end,
}
