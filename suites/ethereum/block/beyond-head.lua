-- Queries for blocks that do not exist answer JSON null (the notFound schema of execution-apis),
-- not an error: a number far above the head, the next number, an unknown hash, and the transaction
-- count of a missing block.
local eth = require "eth"
local canon = require "canon"

scenario {
	id = "eth.block.beyond-head",
	title = "Blocks above the head or with unknown hashes are answered with null",
	family = "ethereum",
	roadmap = { "INTEG-10", "DATA-01" },
	vectors = { "eth-blocks" },
	run = function(t)
		local node = t.node
		local head = node:height()
		-- the fixture of execution-apis: a block number above the head answers result null
		local nf = canon.case(t, "eth-blocks", "get-block-notfound")
		local n = math.max(eth.int(nf.input.params[1]), head + 1000)
		local res, err = node:rpc(nf.input.method, { eth.qty(n), nf.input.params[2] })
		t:ok(err == nil, "the fixture's request (block " .. n .. ", hydrated): no error", eth.show(err))
		t:eq(res == nil and "absent" or res, nf.expected.result, "the fixture's request: result null, as the fixture answers")
		local unknown = eth.keccak_str("dlt-interop: no such block " .. tostring(dlt.now()))
		local cases = {
			{ "eth_getBlockByNumber(head + 1000)", "eth_getBlockByNumber", { eth.qty(head + 1000), false } },
			{ "eth_getBlockByNumber(head + 1000, hydrated)", "eth_getBlockByNumber", { eth.qty(head + 1000), true } },
			{ "eth_getBlockByHash(unknown hash)", "eth_getBlockByHash", { unknown, false } },
			{ "eth_getBlockTransactionCountByNumber(head + 1000)", "eth_getBlockTransactionCountByNumber", { eth.qty(head + 1000) } },
			{ "eth_getBlockTransactionCountByHash(unknown hash)", "eth_getBlockTransactionCountByHash", { unknown } },
		}
		for _, c in ipairs(cases) do
			local res, err = node:rpc(c[2], c[3])
			t:ok(err == nil, c[1] .. ": no error", eth.show(err))
			t:eq(res == nil and "absent" or res, dlt.null, c[1] .. ": result is null")
		end
		-- the head itself exists
		t:ok(type(eth.block(node, head)) == "table", "the head block " .. head .. " exists")
	end,
}
