-- JSON-RPC 1.0 over HTTP as Bitcoin Core serves it: errors in HTTP 500 bodies, unknown method
-- -32601 with HTTP 404, the id echoed, result null beside an error.
scenario {
	id = "btc.errors.http-status",
	title = "Unknown method: -32601 with HTTP 404; other errors: HTTP 500 with result null and the id echoed",
	family = "bitcoin",
	roadmap = { "NODE-06", "NODE-02", "NODE-15" },
	requires = { "raw_rpc" },
	run = function(t)
		local r = t.node:rpc_raw('{"jsonrpc":"1.0","id":"x-17","method":"nosuchmethod","params":[]}')
		t:eq(r.status, 404, "unknown method: HTTP 404")
		t:need(r.json ~= nil, "the 404 body is JSON")
		t:eq(r.json.error.code, -32601, "error -32601")
		t:eq(r.json.id, "x-17", "id echoed")
		t:eq(r.json.result, dlt.null, "result is null")
		r = t.node:rpc_raw('{"jsonrpc":"1.0","id":42,"method":"getblockhash","params":[-1]}')
		t:eq(r.status, 500, "an RPC error: HTTP 500")
		t:eq(r.json.error.code, -8, "error -8")
		t:eq(r.json.id, 42, "numeric id echoed")
		r = t.node:rpc_raw('{"jsonrpc":"1.0","id":7,"method":"getblockcount","params":[]}')
		t:eq(r.status, 200, "success: HTTP 200")
		t:eq(r.json.error, dlt.null, "error is null")
		t:ok(math.type(r.json.result) == "integer", "result", r.json.result)
		t:match(r.content_type or "", "^application/json", "JSON content type")
		local _, err = t.node:rpc("nosuchmethod", {})
		t:eq(err and err.code, -32601, "node:rpc reports -32601")
	end,
}
