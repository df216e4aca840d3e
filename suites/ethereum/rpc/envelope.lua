-- The response envelope of JSON-RPC 2.0 (section 5): jsonrpc "2.0", the request's id echoed
-- unchanged (numbers and strings), exactly one of result and error; over HTTP the body is JSON
-- with a JSON content type.
local eth = require "eth"
local canon = require "canon"

scenario {
	id = "eth.rpc.envelope",
	title = "Responses carry jsonrpc 2.0, echo number and string ids and hold exactly one of result or error",
	family = "ethereum",
	roadmap = { "NODE-01", "NODE-02", "NODE-15" },
	vectors = { "eip1474" },
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
		-- EIP-1474's example error answer: its members, with the request's id (1337) echoed
		local ex = canon.case(t, "eip1474", "error-response")
		r = node:rpc_raw(string.format('{"jsonrpc":"2.0","id":%d,"method":"dlt_interop_no_such_method","params":[]}',
			ex.input.id))
		t:need(type(r.json) == "table", "id " .. ex.input.id .. ": body is JSON")
		t:eq(r.json.id, ex.expected.id, "the error answer echoes the id as EIP-1474's example does")
		t:eq(r.json.jsonrpc, ex.expected.jsonrpc, "the error answer's jsonrpc member, as in EIP-1474's example")
		local keys = {}
		for k in pairs(type(r.json.error) == "table" and r.json.error or {}) do
			if ex.expected.error[k] ~= nil then keys[#keys + 1] = k end
		end
		table.sort(keys)
		t:eq(keys, { "code", "message" }, "the error object has EIP-1474's members code and message")
		t:ok(math.type(r.json.error and r.json.error.code) == "integer", "error.code is an integer",
			eth.show(r.json.error))
	end,
}
