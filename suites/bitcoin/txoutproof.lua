-- gettxoutproof / verifytxoutproof: the proof names the transaction and commits to the block
-- header; a proof for a transaction is refused for another block's root when altered.
local btc = require "btc"
local canon = require "canon"

scenario {
	id = "btc.proof.txoutproof",
	title = "gettxoutproof verifies with verifytxoutproof, starts with the block header, and fails when altered",
	family = "bitcoin",
	roadmap = { "PROV-02" },
	vectors = { "bitcoin-genesis", "litecoin-genesis" },
	requires = { "mine", "wallet", "proof" },
	timeout = 60,
	run = function(t)
		local node = t.node
		-- the genesis coinbase: its proof carries the canonical header, and names the merkle root
		local g = canon.btc_genesis(t, node)
		local gp, gerr = node:rpc("gettxoutproof", { { g.input.merkleroot }, g.expected.hash })
		if gp then
			t:eq(gp:sub(1, 160), g.expected.header, "the genesis coinbase's proof starts with the canonical genesis header")
			t:eq(node:call("verifytxoutproof", { gp }), { g.input.merkleroot },
				"the genesis proof verifies and names the coinbase (its txid is the merkle root)")
		else
			t:log("no proof for the genesis coinbase: %s", tostring(gerr and gerr.message))
		end
		btc.ensure_funds(t, node, 2 * btc.COIN)
		local txid = node:call("sendtoaddress", { node:new_address(), "0.50000000" })
		node:call("sendtoaddress", { node:new_address(), "0.25000000" })
		local bh = node:produce_blocks(1)[1]
		local proof = node:call("gettxoutproof", { { txid } })
		t:match(proof, "^%x+$", "the proof is hex")
		local header = node:call("getblockheader", { bh, false })
		t:eq(proof:sub(1, 160), header, "the proof starts with the block's header")
		t:eq(node:call("verifytxoutproof", { proof }), { txid }, "verifytxoutproof names the transaction")
		t:eq(node:call("gettxoutproof", { { txid }, bh }), proof, "with the block hash given, the same proof")
		-- alter one byte of a hash in the partial merkle tree (after header and count)
		local pos = 160 + 8 + 2 + 1
		local c = proof:sub(pos, pos)
		local altered = proof:sub(1, pos - 1) .. (c == "0" and "1" or "0") .. proof:sub(pos + 1)
		local res, err = node:rpc("verifytxoutproof", { altered })
		t:ok(err ~= nil or (type(res) == "table" and #res == 0), "an altered proof does not verify", res or err)
		local _, e2 = node:rpc("gettxoutproof", { { string.rep("0", 64) } })
		t:ok(e2 ~= nil, "no proof for an unknown transaction")
	end,
}
