-- web3_clientVersion names the implementation and its version (a non-empty string).
local eth = require "eth"

scenario {
	id = "eth.chain.client-version",
	title = "web3_clientVersion answers a non-empty string naming the client",
	family = "ethereum",
	roadmap = { "TERM-01" },
	run = function(t)
		local v = t.node:call("web3_clientVersion", {})
		t:ok(type(v) == "string" and v:match("%S") ~= nil, "web3_clientVersion is a non-empty string", eth.show(v))
		t:log("web3_clientVersion: %s", tostring(v))
	end,
}
