-- Negative case: after the timeout a lock is still claimable (BIP-199 has no deadline on the
-- hash branch, and neither has the contract) until it is refunded; once refunded, a claim with
-- the right preimage is refused on both ledgers (UTXO: the output is spent; EVM: the contract
-- is no longer Locked) and moves nothing.
local htlc = require "htlc"

scenario {
	id = "swap.htlc.claim-after-refund-refused",
	title = "Atomic swap: once a lock is refunded, a claim with the right preimage is refused on both ledgers",
	family = "any",
	roles = { utxo = "bitcoin", evm = "ethereum" },
	roadmap = { "IOP-08", "IOP-09", "IOP-12", "SEC-03", "TX-12", "PAY-07" },
	vectors = { "bip143" },
	requires = { "time_control" },
	timeout = 120,
	run = function(t)
		local s = htlc.new_swap(t, { tag = "claim-after-refund", evm_caps = { "time_control" } })
		htlc.lock_both(t, s)

		-- both timeouts pass
		htlc.evm_pass_deadline(t, s)
		htlc.utxo_mine_to(s, s.locktime)

		-- until the refund, the claim is still valid on both (a race the refund wins here)
		local claim_data = htlc.calldata("claim(bytes32)", s.secret)
		local res, err = s.evm:rpc("eth_call", { { from = s.alice.evm.address, to = s.contract, data = claim_data }, "latest" })
		t:ok(err == nil, "EVM: after the deadline, before the refund, claim() would still succeed (eth_call)", err)
		local claim = htlc.utxo_spend(t, s, "claim", { preimage = s.secret })
		local r = s.utxo:call("testmempoolaccept", { { claim.hex } })[1]
		t:eq(r.allowed, true, "UTXO: after the locktime, before the refund, the claim is still valid (testmempoolaccept)", r)

		-- refunds
		htlc.evm_refund(t, s)
		local refund = htlc.utxo_spend(t, s, "refund")
		htlc.utxo_submit(t, s, refund, "UTXO refund")
		htlc.stage(t, "rollback", "both locks refunded (EVM contract %s, UTXO refund %s)", s.contract, refund.txid)

		-- the claims now fail
		htlc.evm_refused(t, s, s.alice.evm, claim_data, "EVM claim() after the refund", "HTLC: not locked")
		htlc.utxo_refused(t, s, claim, "UTXO claim after the refund", "missing")
		htlc.stage(t, "rollback", "a claim with the right preimage after the refund is refused on both ledgers")
	end,
}
