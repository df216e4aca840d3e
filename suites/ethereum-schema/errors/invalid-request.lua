-- JSONRPCStandardErrors (execution-apis src/error-groups/rpc-standard-errors.yaml): valid JSON
-- that is not a Request object is answered with -32600 (Invalid request): an object without
-- method, and the example of JSON-RPC 2.0 section 7 (method is a number).
local sc = require "schema_calls"

scenario {
	id = "eth.errors.invalid-request",
	title = "A JSON value that is not a Request object is answered with -32600 (JSONRPCStandardErrors)",
	family = "ethereum",
	roadmap = { "NODE-05", "IOP-06", "SEC-05" },
	vectors = { "execution-apis" },
	requires = { "raw_rpc" },
	run = function(t)
		for _, c in ipairs({
			{ "object without method", '{"jsonrpc":"2.0","id":1}' },
			{ "method is a number", '{"jsonrpc":"2.0","method":1,"params":"bar","id":2}' },
		}) do
			local r = t.node:rpc_raw(c[2])
			t:need(type(r.json) == "table" and type(r.json.error) == "table", c[1] .. ": answered with a JSON-RPC error",
				string.format("HTTP %s: %s", tostring(r.status), tostring(r.body)))
			sc.expect_code(t, r.json.error, -32600, "JSONRPCStandardErrors", c[1])
		end
	end,
}
