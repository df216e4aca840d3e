-- The same call to a method a node does not have gets the same error on both implementations
-- (IOP-06); JSON-RPC 2.0 section 5.1 fixes its code: -32601 "Method not found".
local eth = require "eth"
local pair = require "pair"

local METHODS = { "dlt_interop_noSuchMethod", "eth_dltInteropNoSuchMethod" }

scenario {
	id = "eth.pair.error-method",
	title = "An unknown method gets the same error code on both (-32601)",
	family = "ethereum",
	roles = { "a", "b" },
	roadmap = { "IOP-06", "NODE-06" },
	run = function(t)
		local got = pair.each(t, function(node)
			local out = dlt.object({})
			for _, m in ipairs(METHODS) do
				local res, err = node:rpc(m, {})
				t:ok(err ~= nil, m .. ": answered with an error", eth.show(res))
				if err then t:eq(err.code, -32601, m .. ": error code -32601 (JSON-RPC 2.0 5.1)") end
				out[m] = pair.error_class(res, err)
			end
			return out
		end)
		t:same(got.a, got.b, "error codes of unknown methods")
	end,
}
