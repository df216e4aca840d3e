-- JSON-RPC 2.0 section 6: a batch is answered with an array holding one response per request
-- (notifications aside), in any order, matched by id; an error in one call does not affect the
-- others. Checked with a raw body whose ids the scenario chose, and through node:batch.
local eth = require "eth"

scenario {
	id = "eth.rpc.batch",
	title = "Batch requests get one response per call, matched by id, with per-call errors",
	family = "ethereum",
	roadmap = { "NODE-08", "NODE-01", "NODE-02" },
	requires = { "raw_rpc", "batch" },
	run = function(t)
		local node = t.node
		local chain = eth.chain_id(node)
		local body = '['
			.. '{"jsonrpc":"2.0","id":"a","method":"eth_chainId","params":[]},'
			.. '{"jsonrpc":"2.0","id":7,"method":"net_version","params":[]},'
			.. '{"jsonrpc":"2.0","id":"c","method":"dlt_interop_noSuchMethod","params":[]},'
			.. '{"jsonrpc":"2.0","id":8,"method":"web3_sha3","params":["0x"]},'
			.. '{"jsonrpc":"2.0","id":9,"method":"eth_getBalance","params":["0x12","latest"]}'
			.. ']'
		local r = node:rpc_raw(body)
		t:need(type(r.json) == "table" and eth.is_array(r.json), "raw batch: answered with a JSON array")
		t:eq(#r.json, 5, "raw batch: one response per request")
		local by_id, seen = {}, {}
		for i, env in ipairs(r.json) do
			t:eq(env.jsonrpc, "2.0", string.format("raw batch[%d]: jsonrpc", i - 1))
			local ok = env.result ~= nil
			t:ok(ok ~= (env.error ~= nil), string.format("raw batch[%d]: exactly one of result and error", i - 1), eth.show(env))
			local key = type(env.id) .. ":" .. tostring(env.id)
			t:ok(not seen[key], string.format("raw batch[%d]: id %s answered once", i - 1, tostring(env.id)))
			seen[key] = true
			if env.id ~= nil and env.id ~= dlt.null then by_id[key] = env end
		end
		local a, n7, c, n8, n9 = by_id["string:a"], by_id["number:7"], by_id["string:c"], by_id["number:8"], by_id["number:9"]
		t:ok(a ~= nil, 'raw batch: a response with id "a"')
		t:ok(n7 ~= nil, "raw batch: a response with id 7")
		t:ok(c ~= nil, 'raw batch: a response with id "c"')
		t:ok(n8 ~= nil, "raw batch: a response with id 8")
		t:ok(n9 ~= nil, "raw batch: a response with id 9")
		if a then t:eq(a.result, eth.qty(chain), 'id "a" (eth_chainId): result') end
		if n7 then t:eq(n7.result, tostring(chain), "id 7 (net_version): result") end
		if c then
			t:ok(type(c.error) == "table", 'id "c" (unknown method): an error', eth.show(c))
			if type(c.error) == "table" then t:eq(c.error.code, -32601, 'id "c": error.code') end
		end
		if n8 then t:eq(n8.result, eth.EMPTY_CODE_HASH, "id 8 (web3_sha3 of empty input): result") end
		if n9 then
			t:ok(type(n9.error) == "table", "id 9 (invalid params): an error", eth.show(n9))
			if type(n9.error) == "table" then t:eq(n9.error.code, -32602, "id 9: error.code") end
		end

		-- through the adapter: the runner builds the ids, so match the answers by content
		local resp, err = node:batch({ { "eth_chainId", {} }, { "net_version", {} }, { "web3_sha3", { "0x" } } })
		t:need(resp ~= nil, "node:batch answered: " .. eth.show(err))
		t:eq(#resp, 3, "node:batch: three responses")
		local results, ids = {}, {}
		for i, env in ipairs(resp) do
			t:eq(env.jsonrpc, "2.0", string.format("node:batch[%d]: jsonrpc", i - 1))
			t:ok(env.id ~= nil and env.id ~= dlt.null, string.format("node:batch[%d]: has an id", i - 1))
			ids[#ids + 1] = tostring(env.id)
			if env.result ~= nil then results[env.result] = true end
		end
		t:ok(results[eth.qty(chain)], "node:batch: the eth_chainId answer is among the results")
		t:ok(results[tostring(chain)], "node:batch: the net_version answer is among the results")
		t:ok(results[eth.EMPTY_CODE_HASH], "node:batch: the web3_sha3 answer is among the results")
		t:ok(#ids == 3 and ids[1] ~= ids[2] and ids[2] ~= ids[3] and ids[1] ~= ids[3], "node:batch: distinct ids", table.concat(ids, ","))
	end,
}
