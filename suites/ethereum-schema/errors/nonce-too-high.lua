-- ExecutionErrors (execution-apis src/error-groups/execution-errors.yaml), referenced by
-- eth_sendRawTransaction: code 2 (Nonce too high). Most pools queue a transaction whose nonce
-- leaves a gap, which is no error; a node that refuses it (Hardhat while automining) must refuse
-- with code 2. A fresh funded key sends nonce 1 before nonce 0; where the node queues it, the
-- scenario skips (the condition is not an error there).
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.errors.nonce-too-high",
	title = "A raw transaction leaving a nonce gap, when refused, is refused with code 2 (ExecutionErrors)",
	family = "ethereum",
	roadmap = { "NODE-12", "IOP-06" },
	vectors = { "execution-apis" },
	timeout = 120,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local k = sc.funded_key(t, node, acct, dlt.u256("10000000000000000"), "nonce-too-high")
		local p = eth.prepare(node, { type = 2, key = k.key, to = eth.fresh_address("nonce-high"), value = 1, nonce = 1 }, t)
		local hash, err = eth.send_raw(node, eth.sign(p).raw)
		if err == nil then
			t:skip("the node queues a transaction with a nonce gap (" .. eth.show(hash) .. "): no error to compare")
		end
		sc.expect_code(t, err, 2, "ExecutionErrors", "nonce 1 of an account at nonce 0")
	end,
}
