-- A large batch (2000 requests) and a large body (a 1 MB parameter) are answered or refused, and
-- the node keeps answering afterwards: a big request must not stop a node (X.1401 denial of
-- service; JSON-RPC 2.0 section 6: one response per request of a batch).
local eth = require "eth"

scenario {
	id = "eth.wire.large-batch",
	title = "A 2000-request batch and a 1 MB body are answered or refused, and the node keeps answering",
	family = "ethereum",
	roadmap = { "SEC-08", "NODE-08" },
	requires = { "raw_rpc" },
	timeout = 120,
	run = function(t)
		local node = t.node
		local calls = {}
		for i = 1, 2000 do calls[i] = { "eth_chainId", {} } end
		local res, err = node:batch(calls)
		if res then
			t:eq(#res, 2000, "the batch is answered with one response per request")
			local ids = {}
			for _, env in ipairs(res) do if type(env) == "table" and env.id ~= nil then ids[env.id] = true end end
			local missing = 0
			for i = 1, 2000 do if not ids[i] then missing = missing + 1 end end
			t:eq(missing, 0, "every request id has its response")
		else
			t:log("the batch was refused: %s", eth.show(err))
		end
		local big = "0x" .. string.rep("00", 1024 * 1024)
		local r = node:rpc_raw(dlt.json.encode({ jsonrpc = "2.0", id = 1, method = "eth_call",
			params = { { to = eth.ZERO_ADDRESS, data = big }, "latest" } }))
		t:ok(r.status ~= nil, "the 1 MB body is answered (HTTP status " .. tostring(r.status) .. ")")
		t:log("1 MB body: HTTP %s, %d bytes", tostring(r.status), #(r.body or ""))
		t:eq(node:call("eth_chainId", {}), eth.qty(eth.chain_id(node)), "the node still answers afterwards")
	end,
}
