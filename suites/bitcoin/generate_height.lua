-- generatetoaddress n raises the height by exactly n and returns the new blocks in order; the
-- height counts from the chain's canonical genesis (vector of the target's chain), and where
-- the project has the chain's constants (litecoin-regtest) each new block's subsidy follows its
-- schedule (initial subsidy halved every halving interval).
local canon = require "canon"

scenario {
	id = "btc.chain.generate-raises-height",
	title = "generatetoaddress n raises getblockcount by n and returns the hashes of heights h+1..h+n",
	family = "bitcoin",
	roadmap = { "INTEG-04", "NODE-11" },
	vectors = { "bitcoin-genesis", "litecoin-genesis", "litecoin-regtest" },
	requires = { "mine", "wallet" },
	run = function(t)
		local g = canon.btc_genesis(t, t.node)
		t:eq(t.node:call("getblockhash", { 0 }), g.expected.hash, "height 0 is the chain's canonical genesis")
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
		t:eq(t.node:call("getblockheader", { hashes[7] }).height, t.node:call("getblockcount", {}),
			"getblockcount is the tip's height")
		local k = canon.btc_constants(t, t.node)
		if k then
			for i, h in ipairs(hashes) do
				local st, err = t.node:rpc("getblockstats", { h, { "subsidy", "height" } })
				if st == nil then t:log("getblockstats: %s", tostring(err and err.message)) break end
				t:eq(st.subsidy, canon.btc_subsidy(k, h0 + i), string.format("block %d: subsidy per the %s schedule",
					h0 + i, "litecoin-regtest"))
			end
		end
	end,
}
