-- JSON-RPC 2.0 sections 4 and 5.1: valid JSON that is not a valid Request object is answered with
-- -32600. The id is echoed when it could be read, null otherwise ("If there was an error in
-- detecting the id in the Request object (e.g. Parse error/Invalid Request), it MUST be Null").
local eth = require "eth"
local canon = require "canon"

scenario {
	id = "eth.rpc.invalid-request",
	title = "A JSON value that is not a Request object is answered with -32600 (Invalid Request)",
	family = "ethereum",
	roadmap = { "NODE-05", "SEC-05" },
	vectors = { "eip1474" },
	requires = { "raw_rpc" },
	run = function(t)
		local node = t.node
		local invalid = canon.eip1474_code(t, "Invalid request")                 -- -32600
		local version = canon.eip1474_code(t, "JSON-RPC version not supported")  -- -32006
		-- {label, body, ids accepted in the answer, codes accepted}
		local cases = {
			{ "object without method", '{"jsonrpc":"2.0","id":1}', { 1, dlt.null } },
			{ "method is a number (spec example)", '{"jsonrpc":"2.0","method":1,"params":"bar"}', { dlt.null } },
			{ "number instead of an object", "1", { dlt.null } },
			{ "string instead of an object", '"eth_chainId"', { dlt.null } },
			-- (null and [null] are in eth.wire.null-request: they stop some nodes)
			-- "jsonrpc ... MUST be exactly 2.0"; execution-apis adds -32006 (version not supported)
			{ "jsonrpc 1.0", '{"jsonrpc":"1.0","id":2,"method":"eth_chainId","params":[]}', { 2, dlt.null }, { invalid, version } },
			{ "jsonrpc member missing", '{"id":3,"method":"eth_chainId","params":[]}', { 3, dlt.null }, { invalid, version } },
		}
		for _, c in ipairs(cases) do
			local label, body, ids, codes = c[1], c[2], c[3], c[4] or { invalid }
			local r = node:rpc_raw(body)
			t:ok(type(r.json) == "table", label .. ": answered with a JSON object", string.format("HTTP %s: %s", tostring(r.status), tostring(r.body)))
			if type(r.json) == "table" then
				local env = r.json
				t:eq(env.jsonrpc, "2.0", label .. ": jsonrpc member")
				local id_ok = false
				for _, id in ipairs(ids) do if env.id == id then id_ok = true end end
				t:ok(id_ok, label .. ": id is the request's id or null", eth.show(env.id))
				t:ok(env.result == nil, label .. ": no result member", eth.show(env.result))
				if type(env.error) == "table" then
					eth.check_error_object(t, env.error, label)
					local code_ok = false
					for _, code in ipairs(codes) do if env.error.code == code then code_ok = true end end
					t:ok(code_ok, label .. ": error.code is " .. table.concat(codes, " or "), eth.show(env.error))
				else
					t:ok(false, label .. ": has an error object", r.body)
				end
			end
		end
	end,
}
