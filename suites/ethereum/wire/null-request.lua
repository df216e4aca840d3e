-- JSON null as the request (alone and as a batch element) is valid JSON but not a Request object:
-- JSON-RPC 2.0 demands -32600 with id null (inside a batch: an array with that error), and the
-- node must keep answering. Kept apart from eth.rpc.invalid-request, and in a folder that sorts
-- last, because it stops some nodes (Ganache 7.9.2 exits with a TypeError); a node that dies here
-- shows up as verdict error naming the exited process.
local eth = require "eth"

scenario {
	id = "eth.wire.null-request",
	title = "A null request body is answered with -32600 and the node keeps answering",
	family = "ethereum",
	roadmap = { "NODE-05", "SEC-05" },
	requires = { "raw_rpc" },
	run = function(t)
		local node = t.node
		local r = node:rpc_raw("null")
		t:ok(type(r.json) == "table" and eth.is_object(r.json), "null: answered with a JSON object",
			string.format("HTTP %s: %s", tostring(r.status), tostring(r.body)))
		if type(r.json) == "table" and eth.is_object(r.json) then
			eth.check_envelope(t, r.json, dlt.null, "null")
			if type(r.json.error) == "table" then t:eq(r.json.error.code, -32600, "null: error.code") end
		end
		t:eq(node:call("eth_chainId", {}), eth.qty(eth.chain_id(node)), "the node still answers after a null body")
		if node:has("batch") then
			r = node:rpc_raw("[null]")
			t:ok(type(r.json) == "table" and eth.is_array(r.json) and #r.json == 1, "[null]: answered with an array of one response",
				string.format("HTTP %s: %s", tostring(r.status), tostring(r.body)))
			if type(r.json) == "table" and eth.is_array(r.json) and type(r.json[1]) == "table" then
				eth.check_envelope(t, r.json[1], dlt.null, "[null][0]")
				if type(r.json[1].error) == "table" then t:eq(r.json[1].error.code, -32600, "[null][0]: error.code") end
			end
			t:eq(node:call("eth_chainId", {}), eth.qty(eth.chain_id(node)), "the node still answers after [null]")
		end
	end,
}
