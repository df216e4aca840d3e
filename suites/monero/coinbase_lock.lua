scenario {
	id = "xmr.coinbase.unlock-time",
	title = "A block's miner transaction is locked until height + coinbase maturity (CRYPTONOTE_MINED_MONEY_UNLOCK_WINDOW)",
	family = "monero",
	roadmap = { "INTEG-07" },
	requires = { "mine" },
	timeout = 180, -- the first blocks may pay for opening the wallet and building RandomX's cache
	run = function(t)
		local hash = t.node:produce_blocks(1)[1]
		local b = t.node:call("get_block", { hash = hash })
		local j = dlt.json.decode(b.json)
		local h = b.block_header.height
		t:eq(j.miner_tx.unlock_time, h + (t.node.params.coinbase_maturity or 60), "unlock_time = height + maturity")
		t:eq(#j.miner_tx.vin, 1, "one input")
		t:eq(j.miner_tx.vin[1].gen.height, h, "the generation input names the block height")
		t:eq(j.prev_id, b.block_header.prev_hash, "json prev_id = header prev_hash")
		t:eq(t.node:block(hash).txids[1], b.block_header.miner_tx_hash, "block().txids starts with the miner transaction")
	end,
}
