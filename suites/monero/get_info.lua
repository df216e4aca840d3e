-- The fields and JSON types are those of COMMAND_RPC_GET_INFO::response_t in the Monero sources
-- (vector monero-rpc).
local function documented(t, name)
	for _, c in ipairs(t:vector("monero-rpc").cases) do
		if c.name == name then return c.expected.fields end
	end
	error("vector monero-rpc has no case " .. name)
end

scenario {
	id = "xmr.rpc.get-info",
	title = "get_info answers status OK with the documented fields and types and agrees with other calls",
	family = "monero",
	roadmap = { "DATA-07", "TERM-01", "TERM-02", "NODE-11" },
	vectors = { "monero-rpc" },
	run = function(t)
		local i = t.node:call("get_info", dlt.object {})
		t:shape(i, documented(t, "get_info"), "get_info carries every field COMMAND_RPC_GET_INFO documents, with its type")
		local hdr = t.node:call("get_block_header_by_height", { height = 0 }).block_header
		t:shape(hdr, documented(t, "block_header"), "get_block_header_by_height carries every field block_header_response documents")
		t:shape(i, {
			status = "string", height = "integer", target_height = "integer", difficulty = "integer",
			tx_count = "integer", tx_pool_size = "integer", top_block_hash = "hex64", nettype = "string",
			mainnet = "boolean", testnet = "boolean", stagenet = "boolean", offline = "boolean",
			version = "string", synchronized = "boolean", cumulative_difficulty = "integer",
			block_weight_limit = "integer", start_time = "integer", untrusted = "boolean",
		}, "get_info")
		t:eq(i.status, "OK", "status")
		t:eq(i.nettype, t.node.params.network, "nettype is the target's network")
		t:match(i.version, "^%d+%.%d+%.%d+%.%d+", "version")
		local last = t.node:call("get_last_block_header", dlt.object {}).block_header
		t:eq(i.height, last.height + 1, "height is the block count (top height + 1)")
		t:eq(i.top_block_hash, last.hash, "top_block_hash")
		local plain = t.node:call("/get_height", dlt.object {})
		t:eq(plain.height, i.height, "/get_height agrees")
		t:eq(plain.status, "OK", "/get_height status")
		t:eq(t.node:call("get_block_count", dlt.object {}).count, i.height, "get_block_count agrees")
		t:eq(t.node:height(), last.height, "height() is the top block's height")
		t:eq(t.node:info().network, i.nettype, "info().network")
	end,
}
