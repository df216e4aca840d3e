-- JSON-RPC 2.0 section 6 and its examples "rpc call with an invalid Batch (but not empty)" and
-- "rpc call with invalid Batch": a non-empty array whose elements are not Request objects is
-- answered with an array holding one -32600 error (id null) per element; valid elements of the
-- same batch are answered normally.
local eth = require "eth"

local function check_errors(t, r, n, label)
	t:ok(type(r.json) == "table" and eth.is_array(r.json), label .. ": answered with a JSON array", string.format("HTTP %s: %s", tostring(r.status), tostring(r.body)))
	if not (type(r.json) == "table" and eth.is_array(r.json)) then return end
	t:eq(#r.json, n, label .. ": one response per element")
	for i, env in ipairs(r.json) do
		local l = string.format("%s[%d]", label, i - 1)
		eth.check_envelope(t, env, dlt.null, l)
		if type(env.error) == "table" then t:eq(env.error.code, -32600, l .. ": error.code") end
	end
end

scenario {
	id = "eth.rpc.batch-invalid-elements",
	title = "A batch of invalid elements gets one -32600 error per element; valid ones are still answered",
	family = "ethereum",
	roadmap = { "NODE-08", "NODE-05" },
	requires = { "raw_rpc", "batch" },
	run = function(t)
		local node = t.node
		check_errors(t, node:rpc_raw("[1]"), 1, "[1]")
		check_errors(t, node:rpc_raw("[1,2,3]"), 3, "[1,2,3]")

		local r = node:rpc_raw('[{"jsonrpc":"2.0","id":11,"method":"eth_chainId","params":[]},5]')
		local label = "[valid call, 5]"
		t:need(type(r.json) == "table" and eth.is_array(r.json), label .. ": answered with a JSON array", r.body)
		t:eq(#r.json, 2, label .. ": two responses")
		local good, bad
		for _, env in ipairs(r.json) do
			if env.id == 11 then good = env elseif env.id == dlt.null then bad = env end
		end
		t:ok(good ~= nil, label .. ": the call with id 11 is answered")
		if good then t:eq(good.result, eth.qty(eth.chain_id(node)), label .. ": id 11 result") end
		t:ok(bad ~= nil, label .. ": the element 5 is answered with id null")
		if bad then
			t:ok(type(bad.error) == "table", label .. ": element 5 gets an error", eth.show(bad))
			if type(bad.error) == "table" then t:eq(bad.error.code, -32600, label .. ": element 5 error.code") end
		end
	end,
}
