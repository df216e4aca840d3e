-- An EIP-1559 (type 2, EIP-2718 envelope) transfer signed by the scenario from a dev key and sent
-- raw to a fresh address: hash = keccak256(0x02 || rlp(...)), receipt status 1, 21000 gas, the
-- effective gas price is baseFee + min(maxFee - baseFee, maxPriorityFee) of the including block,
-- balances change by exactly value + effectiveGasPrice * gasUsed, the nonce rises by one, and
-- eth_getTransactionByHash answers the signed type-2 fields.
local eth = require "eth"

scenario {
	id = "eth.tx.eip1559",
	title = "A raw EIP-1559 transfer is accepted, hashed, charged the effective gas price and reported as signed",
	family = "ethereum",
	roadmap = { "TX-02", "TX-03", "TX-04", "TX-09", "TX-10", "PAY-01", "PAY-02", "PAY-07", "CRYPTO-03", "CRYPTO-05", "DATA-05" },
	vectors = { "eip1559" },
	timeout = 90,
	run = function(t)
		local node = t.node
		eth.check_signer(t, 2)
		local r = eth.checked_transfer(t, node, { type = 2, tag = "eip1559" })
		t:eq(r.dec.type, "0x2", "the raw transaction starts with the type byte 0x02")
		t:need(type(r.block) == "table" and r.block.baseFeePerGas ~= nil, "the including block has a baseFeePerGas")
		local base = eth.u(r.block.baseFeePerGas)
		local max_fee, tip = eth.u(r.p.max_fee), eth.u(r.p.tip)
		local eff = base + tip
		if max_fee < eff then eff = max_fee end
		t:eq(r.receipt.effectiveGasPrice, eff:hex(),
			"receipt effectiveGasPrice = baseFee + min(maxFee - baseFee, maxPriorityFee)")
		local tx = r.tx
		t:eq(tx.type, "0x2", "tx type")
		t:eq(tx.chainId, eth.qty(r.chain), "tx chainId")
		t:eq(tx.maxFeePerGas, eth.qty(r.p.max_fee), "tx maxFeePerGas")
		t:eq(tx.maxPriorityFeePerGas, eth.qty(r.p.tip), "tx maxPriorityFeePerGas")
		t:ok(eth.is_array(tx.accessList) and #tx.accessList == 0, "tx accessList is an empty array", eth.show(tx.accessList))
		t:eq(tx.yParity, r.dec.yParity, "tx yParity is the signature's parity")
		if tx.v ~= nil then t:eq(tx.v, r.dec.yParity, "tx v (deprecated) equals yParity") end
		t:eq(tx.gasPrice, r.receipt.effectiveGasPrice, "tx gasPrice of an included type-2 transaction is the effective gas price")
	end,
}
