-- Sending the same signed raw transaction again after it was included must be rejected with an
-- error (its nonce is spent), and the chain holds it once: the recipient got the value once, the
-- sender's nonce rose by one, the transaction stays in its block.
local eth = require "eth"

scenario {
	id = "eth.tx.duplicate-raw",
	title = "Re-sending an included raw transaction is rejected and does not execute again",
	family = "ethereum",
	roadmap = { "SEC-02", "TX-09", "NODE-12" },
	vectors = { "eip1559" },
	timeout = 90,
	run = function(t)
		local node = t.node
		eth.check_signer(t, 2)
		local acct = eth.sender(t, node)
		local to = eth.fresh_address("duplicate")
		local value = dlt.u256(123456789)
		local n0 = eth.nonce(node, acct.address, "latest")
		local sent = eth.transact(t, node, { type = 2, key = acct.key, to = to, value = value, nonce = n0 })
		t:eq(sent.receipt.status, "0x1", "the first submission succeeds")
		local hash2, err = eth.send_raw(node, sent.signed.raw)
		t:ok(err ~= nil, "the second submission of the same raw transaction is rejected with an error",
			hash2 and ("answered " .. eth.show(hash2)) or nil)
		if err then
			eth.check_error_object(t, err, "rejection")
			t:log("rejected with %s", eth.show(err))
		end
		-- give a node that queued it again the chance to include it
		if node:has("mine") then node:produce_blocks(1) end
		t:eq(eth.balance(node, to), value, "the recipient received the value once")
		t:eq(eth.nonce(node, acct.address, "latest"), n0 + 1, "the sender's nonce rose by one in total")
		t:eq(eth.nonce(node, acct.address, "pending"), n0 + 1, "no pending transaction is left with the spent nonce")
		local tx = eth.tx_included(t, node, sent.hash)
		t:need(type(tx) == "table", "the transaction is still found")
		t:eq(tx.blockHash, sent.receipt.blockHash, "the transaction stays in its block")
	end,
}
