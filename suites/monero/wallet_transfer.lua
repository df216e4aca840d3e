local xmr = require "monero"

scenario {
	id = "xmr.wallet.transfer-confirmed",
	title = "A wallet transfer to a new account is seen by the daemon, confirms, and moves exactly amount + fee",
	family = "monero",
	roadmap = { "TX-13", "PAY-01", "PAY-07", "INTEG-08" },
	requires = { "wallet", "mine" },
	timeout = 300,
	run = function(t)
		local node = t.node
		local amount = 1234567890123 -- 1.234567890123 XMR
		xmr.fund_wallet(t, node, 10 * xmr.ATOMIC)
		local to = node:new_address()
		t:eq(node:balance(to), dlt.u256(0), "a new account holds nothing")
		local txid, err = node:transfer { to = to, amount = amount }
		t:need(txid ~= nil, "the transfer is accepted", err)
		t:eq(node:tx_status(txid).state, "pending", "pending before a block")
		local pool = node:call("/get_transaction_pool_hashes", dlt.object {})
		local in_pool = false
		for _, h in ipairs(pool.tx_hashes or {}) do in_pool = in_pool or h == txid end
		t:ok(in_pool, "the daemon's pool holds the transaction", pool.tx_hashes)
		node:produce_blocks(1)
		local st = node:tx_status(txid)
		t:eq(st.state, "confirmed", "confirmed after one block")
		t:eq(st.confirmations, 1, "one confirmation")
		t:eq(node:balance(to), dlt.u256(amount), "the receiver's balance is exactly the amount")
		local tr = node:call("wallet.get_transfer_by_txid", { txid = txid })
		t:eq(tr.transfer.amount, amount, "the wallet's record of the amount")
		t:eq(tostring(tr.transfer.fee), st.fee, "tx_status fee = the wallet's fee")
		node:produce_blocks(9)
		t:eq(node:tx_status(txid).confirmations, 10, "ten confirmations after nine more blocks")
	end,
}
