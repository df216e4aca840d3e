-- GasErrors (execution-apis src/error-groups/gas-errors.yaml), referenced by
-- eth_sendRawTransaction: an EIP-1559 transfer whose maxFeePerGas is half the latest base fee
-- (the next block's base fee moves by at most 1/8, so it is below that too) is refused with
-- code 806 (Max fee per gas less than block base fee).
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.errors.fee-cap-below-base-fee",
	title = "A fee cap below the base fee is refused with code 806 (GasErrors)",
	family = "ethereum",
	roadmap = { "NODE-12", "IOP-06" },
	vectors = { "execution-apis" },
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local latest = eth.block(node, "latest")
		if type(latest) ~= "table" or type(latest.baseFeePerGas) ~= "string" then
			t:skip("the latest block has no baseFeePerGas (no EIP-1559 on this chain)")
		end
		local base = dlt.u256(latest.baseFeePerGas)
		local cap = base // dlt.u256(2)
		if cap == dlt.u256(0) then
			t:inconclusive("the base fee is " .. tostring(base) .. " wei: no fee cap below it is above zero")
		end
		local p = eth.prepare(node, { type = 2, key = acct.key, to = eth.fresh_address("fee-cap"), value = 1, max_fee = cap, tip = 0 }, t)
		local _, err = eth.send_raw(node, eth.sign(p).raw)
		sc.expect_code(t, err, 806, "GasErrors", "maxFeePerGas " .. tostring(cap) .. " with base fee " .. tostring(base))
	end,
}
