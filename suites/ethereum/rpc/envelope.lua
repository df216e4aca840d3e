-- The response envelope of JSON-RPC 2.0 (section 5): jsonrpc "2.0", the request's id echoed
-- unchanged (numbers and strings), exactly one of result and error; over HTTP the body is JSON
-- with a JSON content type.
local eth = require "eth"

scenario {
	id = "eth.rpc.envelope",
	title = "Responses carry jsonrpc 2.0, echo number and string ids and hold exactly one of result or error",
	family = "ethereum",
	roadmap = { "NODE-01", "NODE-02", "NODE-15" },
	requires = { "raw_rpc" },
	run = function(t)
		local node = t.node
		-- id as JSON text -> the value the response must carry
		local ids = {
			{ "7", 7 }, { "0", 0 }, { "-5", -5 }, { "4294967297", 4294967297 },
			{ '"abc"', "abc" }, { '""', "" }, { '"0x1"', "0x1" }, { '"7"', "7" },
		}
		for _, pair in ipairs(ids) do
			local body = string.format('{"jsonrpc":"2.0","id":%s,"method":"eth_chainId","params":[]}', pair[1])
			local r = node:rpc_raw(body)
			local label = "id " .. pair[1]
			t:ok(r.json ~= nil, label .. ": body is JSON", r.body)
			if r.json ~= nil then
				eth.check_envelope(t, r.json, pair[2], label)
				t:ok(r.json.result ~= nil, label .. ": eth_chainId answered with a result", eth.show(r.json.error))
			end
			t:match(r.content_type or "", "^application/json", label .. ": Content-Type is application/json")
		end
		-- an error answer has the same envelope
		local r = node:rpc_raw('{"jsonrpc":"2.0","id":"err-1","method":"dlt_interop_no_such_method","params":[]}')
		t:need(r.json ~= nil, "unknown method: body is JSON")
		eth.check_envelope(t, r.json, "err-1", "unknown method")
		t:ok(r.json.error ~= nil, "unknown method: answered with an error")
		t:match(r.content_type or "", "^application/json", "unknown method: Content-Type is application/json")
	end,
}
