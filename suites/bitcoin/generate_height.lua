-- generatetoaddress n raises the height by exactly n and returns the new blocks in order.
scenario {
	id = "btc.chain.generate-raises-height",
	title = "generatetoaddress n raises getblockcount by n and returns the hashes of heights h+1..h+n",
	family = "bitcoin",
	roadmap = { "INTEG-04", "NODE-11" },
	requires = { "mine", "wallet" },
	run = function(t)
		local addr = t.node:new_address()
		local h0 = t.node:call("getblockcount", {})
		local hashes = t.node:call("generatetoaddress", { 7, addr })
		t:eq(#hashes, 7, "seven hashes")
		t:eq(t.node:call("getblockcount", {}), h0 + 7, "height raised by 7")
		for i, h in ipairs(hashes) do
			t:eq(t.node:call("getblockhash", { h0 + i }), h, "block " .. (h0 + i))
		end
		t:eq(t.node:height(), h0 + 7, "height() agrees")
		t:eq(t.node:call("getbestblockhash", {}), hashes[7], "the last one is the tip")
	end,
}
