-- A batch made only of notifications: JSON-RPC 2.0 section 6 says the server "should return
-- nothing at all" (and never an empty array), and the node must keep answering. Kept in wire/
-- (which sorts last) because it stops some nodes (@ethereumjs/client 0.10.5 drops the connection
-- and exits).
local eth = require "eth"

scenario {
	id = "eth.wire.notification-batch",
	title = "A batch of notifications only gets no response and the node keeps answering",
	family = "ethereum",
	roadmap = { "NODE-10", "SEC-05" },
	requires = { "raw_rpc", "batch" },
	run = function(t)
		local node = t.node
		local r = node:rpc_raw('[{"jsonrpc":"2.0","method":"eth_chainId","params":[]},{"jsonrpc":"2.0","method":"net_version","params":[]}]')
		t:ok(r.body == nil or r.body:gsub("%s", "") == "", "batch of notifications only: empty body (not [])",
			string.format("HTTP %s: %s", tostring(r.status), tostring(r.body)))
		t:eq(node:call("eth_chainId", {}), eth.qty(eth.chain_id(node)), "the node still answers afterwards")
	end,
}
