scenario {
	id = "xmr.errors.codes",
	title = "Unknown method -32601, bad JSON -32700, height above the top -2, unknown hash -5, bad address -4",
	family = "monero",
	roadmap = { "NODE-04", "NODE-06", "SEC-05", "IOP-06" },
	requires = { "raw_rpc" },
	run = function(t)
		local function code(method, params)
			local _, err = t.node:rpc(method, params)
			return err and err.code
		end
		t:eq(code("no_such_method", dlt.object {}), -32601, "unknown method")
		local top = t.node:height()
		t:eq(code("get_block_header_by_height", { height = top + 10 }), -2, "height above the top")
		t:eq(code("get_block_header_by_hash", { hash = string.rep("1", 64) }), -5, "unknown hash")
		t:eq(code("generateblocks", { amount_of_blocks = 1, wallet_address = "not-an-address" }), -4, "bad miner address")
		t:eq(code("get_block_headers_range", { start_height = 5, end_height = 2 }), -2, "inverted range")
		local r = t.node:rpc_raw("garbage", { path = "/json_rpc" })
		t:eq(r.json and r.json.error and r.json.error.code, -32700, "body that is not JSON: -32700")
		t:eq(t.node:height(), top, "the node keeps answering, nothing was mined")
	end,
}
