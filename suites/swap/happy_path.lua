-- The happy path of a hashed time-locked atomic swap between a bitcoin-family ledger (coins in
-- a BIP-199 P2WSH script) and an ethereum-family ledger (ether in contracts/HTLC.sol), both
-- locked with one SHA-256 hash: Alice locks coins for Bob, Bob checks and locks ether for
-- Alice, Alice claims the ether (which publishes the preimage), Bob reads the preimage from
-- the EVM node's logs and claims the coins with it. Every step is logged with its SATP stage;
-- amounts are checked to the base unit with the fees each node reports.
local htlc = require "htlc"
local btc = require "btc"

scenario {
	id = "swap.htlc.happy-path",
	title = "Atomic swap: the preimage revealed by the EVM claim claims the UTXO lock; both transfers final and exact",
	family = "any",
	roles = { utxo = "bitcoin", evm = "ethereum" },
	roadmap = { "IOP-08", "IOP-09", "IOP-10", "IOP-11", "PAY-01", "PAY-02", "PAY-04", "PAY-07",
		"TX-05", "TX-07", "TX-12", "CRYPTO-06", "PROV-03" },
	vectors = { "bip143" },
	timeout = 180,
	run = function(t)
		local s = htlc.new_swap(t, { tag = "happy" })
		-- stages 0-2: identities; Alice locks coins, Bob checks; Bob locks ether, Alice checks
		htlc.lock_both(t, s)

		-- stage 3, preparation: Alice claims on the EVM ledger, publishing the preimage
		htlc.evm_claim(t, s, s.secret)
		local preimage = htlc.evm_read_preimage(t, s)
		t:eq(btc.hex(preimage), btc.hex(s.secret), "the preimage Bob read is Alice's secret")

		-- stage 3, finalization: Bob claims the coins with the preimage he read
		local claim = htlc.utxo_spend(t, s, "claim", { preimage = preimage })
		local bh = htlc.utxo_submit(t, s, claim, "UTXO claim")
		local raw = s.utxo:call("getrawtransaction", { claim.txid, true })
		local wit = raw.vin[1].txinwitness
		t:eq(wit and wit[2], btc.hex(preimage), "UTXO: the claim's witness shows the preimage (observable on this ledger too)")
		htlc.stage(t, "finalize", "UTXO: Bob claimed %d base units with the preimage in %s (block %s): output %d, fee %d",
			s.utxo_amount, claim.txid, tostring(bh), claim.value, claim.fee)

		-- both transfers are final: the EVM claim is in a block, the UTXO claim confirmed
		local rc = s.evm:call("eth_getTransactionReceipt", { s.claim_receipt.transactionHash })
		t:eq(rc.status, "0x1", "EVM: the claim's receipt is still there with status 1")
		t:eq(s.utxo:tx_status(claim.txid).state, "confirmed", "UTXO: the claim is confirmed")
		htlc.stage(t, "finalize", "both transfers final. UTXO: Alice paid %d + wallet fee %s, Bob received %d (%d - fee %d). EVM: Bob paid %s + fees %s (deploy) + %s (lock) wei, Alice received %s - fee %s wei",
			s.utxo_amount, tostring(s.fees.utxo_fund), claim.value, s.utxo_amount, claim.fee,
			tostring(s.evm_amount), tostring(s.fees.evm_deploy), tostring(s.fees.evm_lock),
			tostring(s.evm_amount), tostring(s.fees.evm_claim))
	end,
}
