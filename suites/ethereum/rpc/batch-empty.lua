-- JSON-RPC 2.0 section 6 and its example "rpc call with an empty Array": [] is answered with a
-- single Response object (not an array) carrying -32600 and id null.
local eth = require "eth"

scenario {
	id = "eth.rpc.batch-empty",
	title = "An empty batch [] is answered with one -32600 error object, not an array",
	family = "ethereum",
	roadmap = { "NODE-09", "NODE-05" },
	requires = { "raw_rpc" },
	run = function(t)
		local r = t.node:rpc_raw("[]")
		t:need(type(r.json) == "table", "[]: answered with JSON", string.format("HTTP %s: %s", tostring(r.status), tostring(r.body)))
		t:need(eth.is_object(r.json), "[]: the answer is a single object, not an array")
		eth.check_envelope(t, r.json, dlt.null, "[]")
		eth.check_error_object(t, r.json.error, "[]")
		if type(r.json.error) == "table" then t:eq(r.json.error.code, -32600, "[]: error.code") end
	end,
}
