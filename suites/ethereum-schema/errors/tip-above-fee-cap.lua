-- GasErrors (execution-apis src/error-groups/gas-errors.yaml), referenced by
-- eth_sendRawTransaction: an EIP-1559 transfer whose maxPriorityFeePerGas is one wei above its
-- maxFeePerGas is refused with code 804 (Max priority fee per gas higher than max fee per gas).
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.errors.tip-above-fee-cap",
	title = "A priority fee above the fee cap is refused with code 804 (GasErrors)",
	family = "ethereum",
	roadmap = { "NODE-12", "IOP-06" },
	vectors = { "execution-apis" },
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local f = eth.fees(node, t)
		local p = eth.prepare(node, { type = 2, key = acct.key, to = eth.fresh_address("tip"), value = 1,
			max_fee = f.max_fee, tip = f.max_fee + dlt.u256(1) }, t)
		local _, err = eth.send_raw(node, eth.sign(p).raw)
		sc.expect_code(t, err, 804, "GasErrors", "maxPriorityFeePerGas = maxFeePerGas + 1")
	end,
}
