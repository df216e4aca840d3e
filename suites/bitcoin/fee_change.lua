-- Fee and change arithmetic is exact to the base unit: the wallet's transfer from one address
-- spends its outputs, pays the amount, returns the change to it, and inputs - outputs = fee.
local btc = require "btc"
local canon = require "canon"

scenario {
	id = "btc.wallet.fee-change-exact",
	title = "inputs = amount + change + fee exactly; the sender's balance drops by amount + fee; the receiver gets the amount",
	family = "bitcoin",
	roadmap = { "PAY-01", "PAY-04", "PAY-07" },
	vectors = { "bip143" },
	requires = { "mine", "wallet" },
	timeout = 60,
	run = function(t)
		-- the transaction parser, first on BIP-143's signed transactions
		canon.btc_signer(t)
		local node = t.node
		btc.ensure_funds(t, node, 3 * btc.COIN)
		local from = node:new_address()
		local fund = node:transfer { to = from, amount = 123456789 }
		node:produce_blocks(1)
		t:eq(node:balance(from), dlt.u256(123456789), "the sender holds what it was sent")
		local to = node:new_address()
		local amount = 98765432
		local txid = node:transfer { from = from, to = to, amount = amount }
		t:need(txid ~= nil, "the transfer is accepted")
		node:produce_blocks(1)
		local d = btc.call_exact(node, "getrawtransaction", { txid, true })
		local inputs, outputs = 0, 0
		for _, vin in ipairs(d.vin) do
			local prev = btc.call_exact(node, "getrawtransaction", { vin.txid, true })
			inputs = inputs + btc.sats(prev.vout[vin.vout + 1].value)
			t:eq(prev.vout[vin.vout + 1].scriptPubKey.address or prev.vout[vin.vout + 1].scriptPubKey.addresses[1], from,
				"every input comes from the sender")
		end
		local paid, change = 0, 0
		for _, o in ipairs(d.vout) do
			local addr = o.scriptPubKey.address or (o.scriptPubKey.addresses or {})[1]
			if addr == to then paid = paid + btc.sats(o.value) elseif addr == from then change = change + btc.sats(o.value) end
			outputs = outputs + btc.sats(o.value)
		end
		-- the node's decimal amounts against the raw transaction's own 64-bit values
		local parsed = dlt.btc.tx_decode(btc.unhex(d.hex))
		local raw_out = 0
		for _, o in ipairs(parsed.vout) do raw_out = raw_out + o.value end
		t:eq(raw_out, outputs, "the outputs' sum in the raw transaction equals the sum of the answered amounts")
		t:eq(parsed.txid, txid, "the raw transaction's txid is the transfer's")
		local st = node:tx_status(txid)
		t:need(st.fee ~= nil, "tx_status reports the fee of a wallet transaction")
		local fee = math.tointeger(tonumber(st.fee))
		t:eq(paid, amount, "the receiver's output is the amount")
		t:eq(inputs - outputs, fee, "inputs - outputs = fee")
		t:eq(change, 123456789 - amount - fee, "change = input - amount - fee")
		t:eq(node:balance(to), dlt.u256(amount), "receiver balance is exactly the amount")
		t:eq(node:balance(from), dlt.u256(123456789 - amount - fee), "sender balance dropped by amount + fee")
		local w = btc.call_exact(node, "gettransaction", { txid })
		t:eq(-btc.sats(w.fee), fee, "gettransaction fee agrees")
		t:ok(fund ~= nil, "funding txid", fund)
	end,
}
