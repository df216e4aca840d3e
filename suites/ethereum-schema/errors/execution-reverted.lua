-- eth_call and eth_estimateGas (execution-apis src/eth/execute.yaml) specify error code 3
-- (execution reverted) with the raw revert data as error.data; ExecutionErrors lists code 3
-- too. The scenario deploys a contract whose runtime reverts with a 32-byte word and calls it.
local eth = require "eth"
local sc = require "schema_calls"

local function spec_error(method)
	for _, e in ipairs(dlt.schema.method(method).errors or {}) do
		if type(e.message) == "string" and e.message:lower() == "execution reverted" then return e.code end
	end
end

scenario {
	id = "eth.errors.execution-reverted",
	title = "A call that reverts is answered with code 3 and the revert data (eth_call, eth_estimateGas)",
	family = "ethereum",
	roadmap = { "NODE-12", "IOP-06", "IOP-13" },
	vectors = { "execution-apis" },
	timeout = 120,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local word = eth.keccak_str("dlt-interop revert " .. tostring(dlt.now()))
		local addr = sc.deploy_runtime(t, node, acct, sc.revert_runtime(word), "reverting contract")
		for _, method in ipairs({ "eth_call", "eth_estimateGas" }) do
			local code = spec_error(method)
			t:need(code == 3, method .. ": execution-apis specifies code 3 for execution reverted", tostring(code))
			local params = { { from = acct.address, to = addr, input = "0x" }, "latest" }
			sc.params(t, method, params)
			local _, err = node:rpc(method, params)
			sc.expect_code(t, err, 3, "ExecutionErrors", method .. " of a reverting contract")
			if type(err) == "table" then t:eq(eth.lower(err.data), word, method .. ": error.data is the revert data") end
		end
	end,
}
