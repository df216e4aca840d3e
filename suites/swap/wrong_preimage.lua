-- Negative case: a claim with a wrong preimage (the secret with one bit flipped) is refused on
-- both ledgers and moves nothing; the right preimage then claims both locks (so the refusal
-- was about the preimage, not about a malformed transaction).
local htlc = require "htlc"
local btc = require "btc"

scenario {
	id = "swap.htlc.wrong-preimage-refused",
	title = "Atomic swap: a claim with a wrong preimage is refused on both ledgers; the right one then claims both",
	family = "any",
	roles = { utxo = "bitcoin", evm = "ethereum" },
	roadmap = { "IOP-08", "IOP-09", "IOP-10", "IOP-11", "TX-12", "PAY-07" },
	vectors = { "bip143" },
	timeout = 180,
	run = function(t)
		local s = htlc.new_swap(t, { tag = "wrong-preimage" })
		htlc.lock_both(t, s)
		local wrong = s.secret:sub(1, 31) .. string.char(s.secret:byte(32) ~ 1)
		t:ne(dlt.sha256(wrong), s.hash, "the wrong preimage does not hash to the lock")

		-- EVM: claim(wrong) reverts, nothing moves
		htlc.evm_refused(t, s, s.alice.evm, htlc.calldata("claim(bytes32)", wrong),
			"EVM claim() with a wrong preimage", "HTLC: wrong preimage")
		htlc.stage(t, "prepare", "EVM: claim() with the wrong preimage %s is refused", btc.hex(wrong))
		-- UTXO: the hash branch fails at OP_EQUALVERIFY
		local bad = htlc.utxo_spend(t, s, "claim", { preimage = wrong })
		htlc.utxo_refused(t, s, bad, "UTXO claim with a wrong preimage", "OP_EQUALVERIFY")
		htlc.stage(t, "finalize", "UTXO: a claim with the wrong preimage is refused (OP_SHA256 <hash> OP_EQUALVERIFY)")

		-- the right preimage claims both
		htlc.evm_claim(t, s, s.secret)
		local preimage = htlc.evm_read_preimage(t, s)
		local good = htlc.utxo_spend(t, s, "claim", { preimage = preimage })
		local bh = htlc.utxo_submit(t, s, good, "UTXO claim with the right preimage")
		htlc.stage(t, "finalize", "UTXO: the right preimage claims the lock in %s (block %s)", good.txid, tostring(bh))
	end,
}
