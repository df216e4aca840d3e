-- The same undecodable raw transaction gets the same error class on both implementations
-- (IOP-06, SEC-05). The request itself is valid JSON-RPC, so -32700 (parse error: "invalid
-- JSON was received", JSON-RPC 2.0 5.1) and -32601 are wrong; execution-apis and EIP-1474 use
-- -32602 (invalid params) or a -32000 server error for input that is not a transaction.
-- Each side must refuse and keep answering.
local eth = require "eth"
local pair = require "pair"

local CASES = {
	{ "4 bytes of garbage", "0xdeadbeef" },
	{ "empty bytes", "0x" },
	{ "not hex", "hello" },
	{ "an RLP list of three empty strings", "0xc3808080" },
	{ "type byte 2 without a payload", "0x02" },
}

scenario {
	id = "eth.pair.error-raw-tx",
	title = "An undecodable raw transaction gets the same error code on both",
	family = "ethereum",
	roles = { "a", "b" },
	roadmap = { "IOP-06", "SEC-05", "NODE-12" },
	run = function(t)
		local got = pair.each(t, function(node)
			local out = dlt.object({})
			for _, c in ipairs(CASES) do
				local res, err = node:rpc("eth_sendRawTransaction", { c[2] })
				t:ok(err ~= nil, c[1] .. ": refused with an error", eth.show(res))
				if err then
					t:ok(err.code ~= -32700 and err.code ~= -32601 and err.code ~= -32600,
						c[1] .. ": not a parse / invalid request / method error (the request was valid)", eth.show(err))
					t:ok(err.code == -32602 or (err.code <= -32000 and err.code >= -32099),
						c[1] .. ": -32602 or a server error (-32000..-32099)", eth.show(err))
				end
				out[c[1]] = pair.error_class(res, err)
			end
			t:eq(node:call("eth_chainId", {}), eth.qty(eth.chain_id(node)), "the node still answers")
			return out
		end)
		t:same(got.a, got.b, "error codes of undecodable raw transactions")
	end,
}
