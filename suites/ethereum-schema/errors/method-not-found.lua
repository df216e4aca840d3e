-- JSONRPCStandardErrors (execution-apis src/error-groups/rpc-standard-errors.yaml): a method that
-- does not exist is answered with -32601 (Method not found). -32004 (Method not supported,
-- JSONRPCNonStandardErrors) is for methods a node knows but does not serve; a name nobody
-- defines is "not found".
local sc = require "schema_calls"

scenario {
	id = "eth.errors.method-not-found",
	title = "An unknown method is answered with -32601 (JSONRPCStandardErrors)",
	family = "ethereum",
	roadmap = { "NODE-06", "IOP-06" },
	vectors = { "execution-apis" },
	run = function(t)
		local _, err = t.node:rpc("eth_dltInteropNoSuchMethod", {})
		sc.expect_code(t, err, -32601, "JSONRPCStandardErrors", "eth_dltInteropNoSuchMethod")
	end,
}
