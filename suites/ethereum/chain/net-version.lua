-- net_version answers the network id as a decimal string; the targets set the network id equal
-- to the chain id (docs/suite-ethereum.md), so it is the decimal chain id.
local eth = require "eth"

scenario {
	id = "eth.chain.net-version",
	title = "net_version answers the network id (= chain id) as a decimal string",
	family = "ethereum",
	roadmap = { "NODE-03" },
	run = function(t)
		local v = t.node:call("net_version", {})
		t:ok(type(v) == "string" and v:match("^[1-9][0-9]*$") ~= nil, "net_version is a decimal string without leading zeros", eth.show(v))
		t:eq(v, tostring(eth.chain_id(t.node)), "net_version equals the decimal chain id")
	end,
}
