-- The regtest genesis block hash equals the chain parameters' value for the target's network.
local function case(v, name)
	for _, c in ipairs(v.cases) do if c.name == name then return c end end
end

scenario {
	id = "btc.chain.genesis-hash",
	title = "getblockhash 0 and info().genesis_hash equal the genesis vector of the target's network",
	family = "bitcoin",
	roadmap = { "INTEG-01", "IOP-01" },
	vectors = { "bitcoin-genesis", "litecoin-genesis" },
	run = function(t)
		local p = t.node.params
		if not p.genesis_vector then t:skip("target params.genesis_vector is not set") end
		local c = case(t:vector(p.genesis_vector), p.genesis_case or p.network)
		t:need(c ~= nil, "vector " .. p.genesis_vector .. " has a case for " .. tostring(p.genesis_case or p.network))
		local h = t.node:call("getblockhash", { 0 })
		t:eq(h, c.expected.hash, "getblockhash 0")
		t:eq(t.node:call("getblockhash", { 0 }), h, "the genesis hash does not change between calls")
		t:eq(t.node:info().genesis_hash, c.expected.hash, "info().genesis_hash")
	end,
}
