-- Negative case: a refund before the timeout is refused on both ledgers, and the very same
-- refund is accepted once the timeout has passed (so the refusal was about time, not about a
-- malformed transaction). UTXO: with nLockTime = the script's locktime the transaction is not
-- final until that height (refused at height locktime - 1, accepted at locktime); with an
-- earlier nLockTime, OP_CHECKLOCKTIMEVERIFY fails. EVM: refund() reverts "HTLC: too early".
local htlc = require "htlc"

scenario {
	id = "swap.htlc.early-refund-refused",
	title = "Atomic swap: a refund before the timeout is refused on both ledgers and accepted right after it",
	family = "any",
	roles = { utxo = "bitcoin", evm = "ethereum" },
	roadmap = { "IOP-08", "IOP-09", "IOP-12", "TX-12", "PAY-07" },
	vectors = { "bip143" },
	requires = { "time_control" },
	timeout = 120,
	run = function(t)
		local s = htlc.new_swap(t, { tag = "early-refund", evm_caps = { "time_control" } })
		htlc.lock_both(t, s)

		-- UTXO, at once: nLockTime = locktime is not final yet
		local refund = htlc.utxo_spend(t, s, "refund")
		htlc.utxo_refused(t, s, refund, "UTXO refund before the locktime", "non%-final")
		-- a final nLockTime below the script's locktime: the CLTV branch fails
		local h = s.utxo:height()
		local cheat = htlc.utxo_spend(t, s, "refund", { locktime = h })
		htlc.utxo_refused(t, s, cheat, string.format("UTXO refund with nLockTime %d < script locktime %d", h, s.locktime),
			"Locktime requirement not satisfied")
		-- the boundary: one block before the locktime the refund is still refused
		htlc.utxo_mine_to(s, s.locktime - 1)
		htlc.utxo_refused(t, s, refund, string.format("UTXO refund at height %d (locktime - 1)", s.locktime - 1), "non%-final")
		htlc.stage(t, "rollback", "UTXO: the refund is refused before height %d (non-final, and CLTV with an earlier nLockTime)", s.locktime)

		-- EVM, before the deadline
		htlc.evm_refused(t, s, s.bob.evm, htlc.calldata("refund()"), "EVM refund() before the deadline", "HTLC: too early")
		-- and a minute before the deadline
		local near = htlc.evm_advance_to(t, s, s.deadline - 60)
		t:need(near < s.deadline, string.format("EVM: the block time %d is still before the deadline %d", near, s.deadline))
		htlc.evm_refused(t, s, s.bob.evm, htlc.calldata("refund()"),
			string.format("EVM refund() at block time %d (deadline - %d s)", near, s.deadline - near), "HTLC: too early")
		htlc.stage(t, "rollback", "EVM: refund() before the deadline %d is refused (also at block time %d)", s.deadline, near)

		-- the same refunds succeed once the timeouts have passed
		htlc.utxo_mine_to(s, s.locktime)
		local bh = htlc.utxo_submit(t, s, refund, string.format("UTXO refund at height %d (locktime)", s.locktime))
		htlc.stage(t, "rollback", "UTXO: the same refund transaction %s is accepted at height %d and mined in %s",
			refund.txid, s.locktime, tostring(bh))
		htlc.evm_pass_deadline(t, s)
		htlc.evm_refund(t, s)
	end,
}
