-- eth_sendTransaction (execution-apis src/eth/submit.yaml): a dev account the node holds
-- unlocked sends a value transfer with only from, to and value; the answer (a hash) must
-- validate and name a transaction that gets included.
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_sendTransaction",
	title = "eth_sendTransaction: the answer validates against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01", "DATA-03" },
	vectors = { "execution-apis" },
	requires = { "accounts" },
	timeout = 120,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local h0 = sc.height(node)
		local nonce = eth.nonce(node, acct.address, "pending")
		local hash = sc.call(t, node, "eth_sendTransaction", { { from = acct.address, to = eth.fresh_address("send-tx"), value = "0x3e8" } })
		if type(hash) == "string" then sc.include(t, node, hash, acct.address, nonce, h0) end
	end,
}
