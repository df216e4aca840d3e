-- One EIP-1559 transaction, signed once by the scenario, submitted to both implementations:
-- both must return the same hash, Keccak-256 of the raw bytes (IOP-02, TX-03), and include it
-- with the same receipt (status, gasUsed, type, no logs, no contract address).
-- Only meaningful when both targets are configured with the same chain id: a signature binds
-- a transaction to one chain (EIP-155, EIP-1559 chain_id field), so pairs of different chains
-- skip.
local eth = require "eth"
local canon = require "canon"
local pair = require "pair"

scenario {
	id = "eth.pair.raw-tx-hash",
	title = "The same signed raw transaction gets the same hash and receipt on both implementations",
	family = "ethereum",
	roles = { "a", "b" },
	roadmap = { "IOP-02", "IOP-03", "TX-02", "TX-03" },
	vectors = { "eip1559", "eth-transactions" },
	timeout = 240,
	run = function(t)
		pair.need_same_chain(t, "one signed transaction can only be valid on both when they share a chain id")
		eth.check_signer(t, 2)
		canon.eth_decoder(t)
		local ctx = pair.sender(t)
		local f = pair.fees(t)
		local to = eth.fresh_address("pair-hash")
		local s = pair.sign(ctx, { type = 2, to = to, value = 123456789, gas = 21000,
			max_fee = f.max_fee, tip = f.tip })
		local sub = pair.submit(t, pair.raws(s), "type-2 transfer")
		pair.each(t, function(node, side)
			t:eq(sub.hash[side], eth.keccak_hex(s[side].raw), "returned hash is Keccak-256 of the raw bytes")
			t:eq(sub.hash[side], dlt.eth.decode_tx(s[side].raw).hash, "returned hash is the decoder's (vector eth-transactions)")
			pair.check_receipt(t, node, sub.receipt[side], sub.hash[side], 2, "type-2 transfer")
		end)
		t:same(sub.hash.a, sub.hash.b, "eth_sendRawTransaction hash")
		t:same(pair.receipt_core(sub.receipt.a), pair.receipt_core(sub.receipt.b), "receipt (status, gasUsed, type, from, to, logs, contractAddress)")
	end,
}
