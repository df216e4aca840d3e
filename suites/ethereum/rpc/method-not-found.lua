-- JSON-RPC 2.0 section 5.1: a method that does not exist is answered with -32601, and the
-- answer still echoes the id. Both through the adapter (node:rpc) and as a raw body.
local eth = require "eth"
local canon = require "canon"

scenario {
	id = "eth.rpc.method-not-found",
	title = "An unknown method is answered with -32601 (Method not found)",
	family = "ethereum",
	roadmap = { "NODE-06" },
	vectors = { "eip1474" },
	requires = { "raw_rpc" },
	run = function(t)
		local node = t.node
		local code = canon.eip1474_code(t, "Method not found")   -- -32601
		for _, m in ipairs({ "dlt_interop_noSuchMethod", "eth_dltInteropNoSuchMethod" }) do
			local res, err = node:rpc(m, {})
			t:ok(res == nil, m .. ": no result", eth.show(res))
			eth.check_error_object(t, err, m)
			if type(err) == "table" then t:eq(err.code, code, m .. ": error.code (EIP-1474: Method not found)") end
		end
		local r = node:rpc_raw('{"jsonrpc":"2.0","id":"nf-1","method":"dlt_interop_noSuchMethod","params":[]}')
		t:need(type(r.json) == "table", "raw: answered with a JSON object")
		eth.check_envelope(t, r.json, "nf-1", "raw")
		eth.check_error_object(t, r.json.error, "raw")
		if type(r.json.error) == "table" then t:eq(r.json.error.code, code, "raw: error.code (EIP-1474: Method not found)") end
	end,
}
