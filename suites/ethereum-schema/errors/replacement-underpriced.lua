-- TxPoolErrors (execution-apis src/error-groups/txpool-errors.yaml), referenced by
-- eth_sendRawTransaction: a different transaction with the nonce and the fees of one waiting in
-- the pool (no price bump) must be refused. The group lists no code for this condition, so the
-- scenario asserts a code in the group's declared range (1000-1199). The waiting transaction
-- leaves a nonce gap (a fresh funded key sends nonce 1 before nonce 0); a node that refuses nonce
-- gaps (Hardhat while automining) has no such state: the scenario skips.
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.errors.replacement-underpriced",
	title = "A same-nonce replacement without a price bump is refused with a TxPoolErrors code",
	family = "ethereum",
	roadmap = { "NODE-12", "IOP-06" },
	vectors = { "execution-apis" },
	timeout = 120,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local k = sc.funded_key(t, node, acct, dlt.u256("10000000000000000"), "underpriced")
		local p = eth.prepare(node, { type = 2, key = k.key, to = eth.fresh_address("underpriced"), value = 1, nonce = 1 }, t)
		local _, first = eth.send_raw(node, eth.sign(p).raw)
		if first then
			t:skip("the node refuses a transaction with a nonce gap (" .. sc.show_err(first) .. "), so no transaction can wait in its pool")
		end
		local q = {}
		for key, v in pairs(p) do q[key] = v end
		q.value = 2
		local _, err = eth.send_raw(node, eth.sign(q).raw)
		sc.expect_group(t, err, "TxPoolErrors", "same nonce and fees, value 2 instead of 1")
	end,
}
