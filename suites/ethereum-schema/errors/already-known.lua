-- TxPoolErrors (execution-apis src/error-groups/txpool-errors.yaml), referenced by
-- eth_sendRawTransaction: the same raw transaction sent again while it waits in the pool is
-- refused with code 1000 (Already known transaction). To keep it waiting on a node that mines
-- at once, it leaves a nonce gap: a fresh funded key sends nonce 1 before nonce 0 exists. A node
-- that refuses nonce gaps (Hardhat while automining) has no such state: the scenario skips.
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.errors.already-known",
	title = "A raw transaction sent again while pending is refused with code 1000 (TxPoolErrors)",
	family = "ethereum",
	roadmap = { "NODE-12", "IOP-06" },
	vectors = { "execution-apis" },
	timeout = 120,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local k = sc.funded_key(t, node, acct, dlt.u256("10000000000000000"), "already-known")
		local p = eth.prepare(node, { type = 2, key = k.key, to = eth.fresh_address("already-known"), value = 1, nonce = 1 }, t)
		local raw = eth.sign(p).raw
		local _, first = eth.send_raw(node, raw)
		if first then
			t:skip("the node refuses a transaction with a nonce gap (" .. sc.show_err(first) .. "), so no transaction can wait in its pool")
		end
		local _, err = eth.send_raw(node, raw)
		sc.expect_code(t, err, 1000, "TxPoolErrors", "the same raw transaction again")
	end,
}
