-- JSONRPCStandardErrors (execution-apis src/error-groups/rpc-standard-errors.yaml): a body that
-- is not JSON is answered with -32700 (Parse error). Codes are compared, never messages.
local sc = require "schema_calls"

scenario {
	id = "eth.errors.parse-error",
	title = "A body that is not JSON is answered with -32700 (JSONRPCStandardErrors)",
	family = "ethereum",
	roadmap = { "NODE-04", "IOP-06", "SEC-05" },
	vectors = { "execution-apis" },
	requires = { "raw_rpc" },
	run = function(t)
		local r = t.node:rpc_raw("garbage")
		t:need(type(r.json) == "table" and type(r.json.error) == "table", "the body garbage is answered with a JSON-RPC error",
			string.format("HTTP %s: %s", tostring(r.status), tostring(r.body)))
		sc.expect_code(t, r.json.error, -32700, "JSONRPCStandardErrors", "body garbage")
	end,
}
