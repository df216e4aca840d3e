scenario {
	id = "xmr.rpc.get-transactions",
	title = "/get_transactions finds a block's miner transaction with its height and reports unknown ids as missed",
	family = "monero",
	roadmap = { "TX-14", "DATA-07" },
	requires = { "mine" },
	timeout = 180, -- the first blocks may pay for opening the wallet and building RandomX's cache
	run = function(t)
		local hash = t.node:produce_blocks(1)[1]
		local h = t.node:call("get_block_header_by_hash", { hash = hash }).block_header
		local r = t.node:call("/get_transactions", { txs_hashes = { h.miner_tx_hash }, decode_as_json = true })
		t:eq(r.status, "OK", "status")
		t:eq(#r.txs, 1, "one transaction")
		t:eq(r.txs[1].tx_hash, h.miner_tx_hash, "tx_hash")
		t:eq(r.txs[1].block_height, h.height, "block_height")
		t:eq(r.txs[1].in_pool, false, "not in the pool")
		local missing = string.rep("2", 64)
		r = t.node:call("/get_transactions", { txs_hashes = { missing } })
		t:eq(r.missed_tx, { missing }, "an unknown id is listed in missed_tx")
		t:eq(t.node:tx_status(missing).state, "unknown", "tx_status of an unknown id")
		t:eq(t.node:tx_status(h.miner_tx_hash).state, "confirmed", "tx_status of the miner transaction")
		t:eq(t.node:tx_status(h.miner_tx_hash).block, h.height, "tx_status block")
	end,
}
