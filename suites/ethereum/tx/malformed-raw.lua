-- eth_sendRawTransaction with bytes that are not a transaction (garbage, empty, truncated, an
-- unknown EIP-2718 type, invalid hex) is answered with a JSON-RPC error, and the node keeps
-- answering afterwards.
local eth = require "eth"

scenario {
	id = "eth.tx.malformed-raw",
	title = "Raw transactions that do not decode are rejected with an error and the node keeps answering",
	family = "ethereum",
	roadmap = { "SEC-05", "NODE-12", "DATA-04" },
	timeout = 60,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local p = eth.prepare(node, { type = 2, key = acct.key, to = eth.fresh_address("malformed"), value = 1 }, t)
		local good = eth.sign(p).raw
		local cases = {
			{ "garbage 0xdeadbeef", "0xdeadbeef" },
			{ "empty data 0x", "0x" },
			{ "a single zero byte", "0x00" },
			{ "a valid type-2 transaction truncated by 10 bytes", good:sub(1, #good - 20) },
			{ "unknown transaction type 0x7e", "0x7e" .. good:sub(5) },
			{ "non-hex characters", "0xzz" },
			{ "odd number of hex digits", "0x123" },
		}
		for _, c in ipairs(cases) do
			local res, err = eth.send_raw(node, c[2])
			t:ok(err ~= nil, c[1] .. ": rejected with an error", res and ("answered " .. eth.show(res)) or nil)
			if err then
				eth.check_error_object(t, err, c[1])
				t:log("%s: %s", c[1], eth.show(err))
			end
		end
		t:eq(node:call("eth_chainId", {}), eth.qty(eth.chain_id(node)), "the node still answers eth_chainId")
		t:eq(eth.nonce(node, acct.address, "pending"), eth.int(p.nonce), "the sender's nonce is unchanged")
	end,
}
