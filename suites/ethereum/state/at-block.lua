-- eth_getBalance and eth_getTransactionCount answer the state of the block they name: "latest",
-- an explicit block number (before and at the transfer's block), and the EIP-1898 object
-- {blockHash} allowed by BlockNumberOrTagOrHash.
local eth = require "eth"

scenario {
	id = "eth.state.at-block",
	title = "Balances and nonces at \"latest\", at explicit block numbers and at a block hash",
	family = "ethereum",
	roadmap = { "PAY-01", "TX-09", "PROV-05" },
	timeout = 90,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local to = eth.fresh_address("at-block")
		local value = dlt.u256(31337000)
		local n0 = eth.nonce(node, acct.address, "latest")
		local b0 = eth.balance(node, acct.address, "latest")
		local sent = eth.transact(t, node, { type = 2, key = acct.key, to = to, value = value, nonce = n0 })
		local bn = eth.int(sent.receipt.blockNumber)
		local at, before = eth.qty(bn), eth.qty(bn - 1)
		local by_hash = { blockHash = sent.receipt.blockHash }

		t:eq(eth.balance(node, to, before), dlt.u256(0), "recipient balance before the block")
		t:eq(eth.balance(node, to, at), value, "recipient balance at the block")
		t:eq(eth.balance(node, to, "latest"), value, "recipient balance at latest")
		t:eq(eth.balance(node, acct.address, before), b0, "sender balance before the block (read earlier at latest)")
		-- (the exact fee is the business of eth.tx.eip1559; here: the state named by the block)
		local b_at = eth.balance(node, acct.address, at)
		t:ok(b_at + value <= b0, "sender balance at the block is below the earlier balance by at least the value",
			string.format("before %s, at the block %s, value %s", tostring(b0), tostring(b_at), tostring(value)))
		t:eq(eth.balance(node, acct.address, "latest"), b_at, "sender balance at latest equals the balance at the block (it sent nothing since)")
		t:eq(eth.nonce(node, acct.address, before), n0, "sender nonce before the block")
		t:eq(eth.nonce(node, acct.address, at), n0 + 1, "sender nonce at the block")
		t:eq(eth.nonce(node, acct.address, "latest"), n0 + 1, "sender nonce at latest")
		t:eq(eth.nonce(node, to, at), 0, "recipient nonce (it sent nothing)")
		t:eq(eth.balance(node, to, "earliest"), dlt.u256(0), "recipient balance at earliest")
		-- the EIP-1898 object form, through node:rpc so that a refusal is one failed check
		local bal, e1 = node:rpc("eth_getBalance", { to, by_hash })
		t:ok(e1 == nil, "eth_getBalance accepts {blockHash} (EIP-1898)", eth.show(e1))
		if e1 == nil then t:eq(bal, value:hex(), "recipient balance at {blockHash}") end
		local cnt, e2 = node:rpc("eth_getTransactionCount", { acct.address, by_hash })
		t:ok(e2 == nil, "eth_getTransactionCount accepts {blockHash} (EIP-1898)", eth.show(e2))
		if e2 == nil then t:eq(cnt, eth.qty(n0 + 1), "sender nonce at {blockHash}") end
	end,
}
