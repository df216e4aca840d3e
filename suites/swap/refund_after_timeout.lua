-- The rollback path of the swap: both sides lock, nobody claims, each party takes its own lock
-- back once its timeout has passed (UTXO: OP_CHECKLOCKTIMEVERIFY branch at the refund height,
-- reached by regtest mining; EVM: refund() from the deadline on, reached with evm_increaseTime
-- and evm_mine). Amounts exact: each party ends with its amount back less the fees it paid.
local htlc = require "htlc"
local eth = require "eth"

scenario {
	id = "swap.htlc.refund-after-timeout",
	title = "Atomic swap rollback: after the timeouts both locks are refunded to their senders, exact to the base unit",
	family = "any",
	roles = { utxo = "bitcoin", evm = "ethereum" },
	roadmap = { "IOP-08", "IOP-09", "IOP-12", "PAY-01", "PAY-02", "PAY-04", "PAY-07", "TX-12", "CRYPTO-06" },
	vectors = { "bip143" },
	requires = { "time_control" },
	timeout = 120,
	run = function(t)
		local s = htlc.new_swap(t, { tag = "refund", evm_caps = { "time_control" } })
		htlc.identify(t, s)
		local bob0 = eth.balance(s.evm, s.bob.evm.address)
		htlc.utxo_lock(t, s)
		htlc.utxo_assert(t, s)
		htlc.evm_deploy(t, s)
		htlc.evm_lock(t, s)
		htlc.evm_assert(t, s)
		htlc.stage(t, "rollback", "nobody claims: Alice never reveals the preimage")

		-- EVM: Bob's timeout is the shorter one, he refunds first
		local now = htlc.evm_pass_deadline(t, s)
		htlc.stage(t, "rollback", "EVM: block time %d is past the deadline %d (evm_increaseTime + evm_mine)", now, s.deadline)
		htlc.evm_refund(t, s)
		t:eq(eth.balance(s.evm, s.bob.evm.address) + s.fees.evm_deploy + s.fees.evm_lock + s.fees.evm_refund, bob0,
			"EVM: over the whole swap Bob lost exactly the fees of deploy, lock and refund")

		-- UTXO: Alice refunds once the best height reaches the script's locktime
		local h = htlc.utxo_mine_to(s, s.locktime)
		htlc.stage(t, "rollback", "UTXO: mined to height %d = the script's locktime", h)
		local refund = htlc.utxo_spend(t, s, "refund")
		local bh = htlc.utxo_submit(t, s, refund, "UTXO refund")
		htlc.stage(t, "rollback", "UTXO: Alice took back %d base units in %s (block %s, nLockTime %d): output %d, fee %d",
			s.utxo_amount, refund.txid, tostring(bh), s.locktime, refund.value, refund.fee)
		htlc.stage(t, "rollback", "both locks released. UTXO: Alice's net cost %s (funding) + %d (refund) base units; EVM: Bob's net cost %s + %s + %s wei",
			tostring(s.fees.utxo_fund), refund.fee, tostring(s.fees.evm_deploy), tostring(s.fees.evm_lock),
			tostring(s.fees.evm_refund))
	end,
}
