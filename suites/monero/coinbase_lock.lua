-- The window is CRYPTONOTE_MINED_MONEY_UNLOCK_WINDOW of the Monero sources (vector monero-rpc,
-- case config); the target's params.coinbase_maturity must be that value.
scenario {
	id = "xmr.coinbase.unlock-time",
	title = "A block's miner transaction is locked until height + coinbase maturity (CRYPTONOTE_MINED_MONEY_UNLOCK_WINDOW)",
	family = "monero",
	roadmap = { "INTEG-07" },
	vectors = { "monero-rpc" },
	requires = { "mine" },
	timeout = 180, -- the first blocks may pay for opening the wallet and building RandomX's cache
	run = function(t)
		local window
		for _, c in ipairs(t:vector("monero-rpc").cases) do
			if c.name == "config" then window = c.expected.CRYPTONOTE_MINED_MONEY_UNLOCK_WINDOW end
		end
		t:need(window ~= nil, "vector monero-rpc has the unlock window")
		if t.node.params.coinbase_maturity then
			t:eq(t.node.params.coinbase_maturity, window, "params.coinbase_maturity is CRYPTONOTE_MINED_MONEY_UNLOCK_WINDOW")
		end
		local hash = t.node:produce_blocks(1)[1]
		local b = t.node:call("get_block", { hash = hash })
		local j = dlt.json.decode(b.json)
		local h = b.block_header.height
		t:eq(j.miner_tx.unlock_time, h + window, "unlock_time = height + CRYPTONOTE_MINED_MONEY_UNLOCK_WINDOW")
		t:eq(#j.miner_tx.vin, 1, "one input")
		t:eq(j.miner_tx.vin[1].gen.height, h, "the generation input names the block height")
		t:eq(j.prev_id, b.block_header.prev_hash, "json prev_id = header prev_hash")
		t:eq(t.node:block(hash).txids[1], b.block_header.miner_tx_hash, "block().txids starts with the miner transaction")
	end,
}
