-- JSONRPCStandardErrors (execution-apis src/error-groups/rpc-standard-errors.yaml): params that
-- break the method's params schema are answered with -32602 (Invalid params). The scenario
-- proves with dlt.schema.validate_params that each case is invalid per execution-apis.
local sc = require "schema_calls"

scenario {
	id = "eth.errors.invalid-params",
	title = "Params that break the method's schema are answered with -32602 (JSONRPCStandardErrors)",
	family = "ethereum",
	roadmap = { "NODE-07", "IOP-06", "SEC-05" },
	vectors = { "execution-apis" },
	run = function(t)
		for _, c in ipairs({
			{ "eth_getBalance with a 1-byte address", "eth_getBalance", { "0x12", "latest" } },
			{ "eth_getBlockByNumber with a boolean block", "eth_getBlockByNumber", { true, false } },
			{ "eth_getTransactionByHash with a 31-byte hash", "eth_getTransactionByHash", { "0x" .. string.rep("ab", 31) } },
		}) do
			local label, method, params = c[1], c[2], c[3]
			local valid = dlt.schema.validate_params(method, params)
			t:need(not valid, label .. ": the params break the execution-apis params schema")
			local _, err = t.node:rpc(method, params)
			sc.expect_code(t, err, -32602, "JSONRPCStandardErrors", label)
		end
	end,
}
