-- JSON-RPC 2.0 section 5.1 and the examples of section 7: a body that is not valid JSON is
-- answered with error -32700 and id null, also when the invalid JSON was meant as a batch.
local eth = require "eth"
local canon = require "canon"

scenario {
	id = "eth.rpc.parse-error",
	title = "A body that is not JSON is answered with -32700 (Parse error) and a null id",
	family = "ethereum",
	roadmap = { "NODE-04", "SEC-05" },
	vectors = { "eip1474" },
	requires = { "raw_rpc" },
	run = function(t)
		local node = t.node
		local code = canon.eip1474_code(t, "Parse error")   -- -32700
		local bodies = {
			{ "garbage", "garbage" },
			{ "truncated object", '{"jsonrpc":"2.0","id":1,"method":"eth_chainId"' },
			-- the example of the specification
			{ "spec example", '{"jsonrpc": "2.0", "method": "foobar, "params": "bar", "baz]' },
			{ "invalid batch JSON", '[{"jsonrpc":"2.0","method":"eth_chainId","params":[],"id":"1"},{"jsonrpc":"2.0","method"]' },
		}
		for _, b in ipairs(bodies) do
			local label, body = b[1], b[2]
			local r = node:rpc_raw(body)
			t:ok(r.json ~= nil, label .. ": answered with a JSON body", string.format("HTTP %s: %s", tostring(r.status), tostring(r.body)))
			if type(r.json) == "table" then
				t:ok(eth.is_object(r.json), label .. ": a single response object, not an array", r.body)
				eth.check_envelope(t, r.json, dlt.null, label)
				if type(r.json.error) == "table" then
					eth.check_error_object(t, r.json.error, label)
					t:eq(r.json.error.code, code, label .. ": error.code (EIP-1474: Parse error)")
				else
					t:ok(false, label .. ": has an error object", r.body)
				end
			end
		end
		-- the node keeps answering
		t:eq(node:call("eth_chainId", {}), eth.qty(eth.chain_id(node)), "eth_chainId still answers afterwards")
	end,
}
