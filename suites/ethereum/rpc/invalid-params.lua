-- JSON-RPC 2.0 section 5.1: invalid method parameters are answered with -32602. The cases break
-- the parameter schemas of execution-apis (src/eth/state.yaml, block.yaml): an address that is
-- not 20 bytes, a block number of the wrong JSON type, required parameters missing.
local eth = require "eth"
local canon = require "canon"

scenario {
	id = "eth.rpc.invalid-params",
	title = "Parameters of the wrong type or number are answered with -32602 (Invalid params)",
	family = "ethereum",
	roadmap = { "NODE-07", "SEC-05" },
	vectors = { "eip1474" },
	run = function(t)
		local node = t.node
		local code = canon.eip1474_code(t, "Invalid params")   -- -32602
		local acct = "0x" .. string.rep("11", 20)
		local cases = {
			{ "eth_getBalance with a 1-byte address", "eth_getBalance", { "0x12", "latest" } },
			{ "eth_getBalance with a non-hex address", "eth_getBalance", { "not-an-address", "latest" } },
			{ "eth_getBalance with a 21-byte address", "eth_getBalance", { "0x" .. string.rep("11", 21), "latest" } },
			{ "eth_getBalance without parameters", "eth_getBalance", {} },
			{ "eth_getBlockByNumber with a boolean block", "eth_getBlockByNumber", { true, false } },
			{ "eth_getBlockByHash with a 31-byte hash", "eth_getBlockByHash", { "0x" .. string.rep("ab", 31), false } },
			{ "eth_getTransactionCount with a block tag that does not exist", "eth_getTransactionCount", { acct, "newest" } },
		}
		for _, c in ipairs(cases) do
			local label, method, params = c[1], c[2], c[3]
			local res, err = node:rpc(method, params)
			t:ok(res == nil, label .. ": no result", eth.show(res))
			eth.check_error_object(t, err, label)
			if type(err) == "table" then t:eq(err.code, code, label .. ": error.code (EIP-1474: Invalid params)") end
		end
		-- the node keeps answering the valid form
		t:ok(eth.PRIM.uint(node:call("eth_getBalance", { acct, "latest" })), "valid eth_getBalance still answers a quantity")
	end,
}
