-- Batches: one answer per request, matched by id, errors kept per entry.
scenario {
	id = "btc.rpc.batch",
	title = "A batch of calls is answered with one response per request, matched by id",
	family = "bitcoin",
	roadmap = { "NODE-08" },
	requires = { "batch" },
	run = function(t)
		local res = t.node:batch({ { "getblockcount", {} }, { "getblockhash", { 0 } }, { "nosuchmethod", {} } })
		t:need(type(res) == "table" and #res == 3, "three answers")
		local by = {}
		for _, r in ipairs(res) do by[r.id] = r end
		t:eq(by[1].result, t.node:call("getblockcount", {}), "getblockcount")
		t:eq(by[2].result, t.node:call("getblockhash", { 0 }), "getblockhash 0")
		t:eq(by[3].error.code, -32601, "the unknown method fails alone")
	end,
}
