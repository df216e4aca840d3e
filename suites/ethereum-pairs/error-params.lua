-- The same invalid parameters get the same error class on both implementations (IOP-06).
-- JSON-RPC 2.0 section 5.1: -32602 "Invalid params" for invalid method parameters; each side is
-- checked for it (NODE-07), and the codes are compared.
local eth = require "eth"
local pair = require "pair"

local CASES = {
	{ "eth_getBalance with a 2-byte address", "eth_getBalance", { "0x1234", "latest" } },
	{ "eth_getBalance with a non-hex address", "eth_getBalance", { "0xzz00000000000000000000000000000000000000", "latest" } },
	{ "eth_getBlockByNumber with a non-hex number", "eth_getBlockByNumber", { "0xzz", false } },
	{ "eth_getBlockByNumber without parameters", "eth_getBlockByNumber", {} },
	{ "eth_getTransactionByHash with a short hash", "eth_getTransactionByHash", { "0x1234" } },
	{ "eth_getBlockByHash with a number for the flag", "eth_getBlockByHash", { "0x" .. string.rep("1", 64), 7 } },
}

scenario {
	id = "eth.pair.error-params",
	title = "Invalid parameters get the same error code on both (-32602)",
	family = "ethereum",
	roles = { "a", "b" },
	roadmap = { "IOP-06", "NODE-07", "SEC-05" },
	run = function(t)
		local got = pair.each(t, function(node)
			local out = dlt.object({})
			for _, c in ipairs(CASES) do
				local res, err = node:rpc(c[2], c[3])
				t:ok(err ~= nil, c[1] .. ": answered with an error", eth.show(res))
				if err then t:eq(err.code, -32602, c[1] .. ": error code -32602 (JSON-RPC 2.0 5.1)") end
				out[c[1]] = pair.error_class(res, err)
			end
			return out
		end)
		t:same(got.a, got.b, "error codes of invalid parameters")
	end,
}
