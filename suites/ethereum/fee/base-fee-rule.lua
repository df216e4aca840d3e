-- Each block's baseFeePerGas follows the EIP-1559 update rule from its parent (elasticity 2,
-- denominator 8): target = parent.gasLimit // 2; equal usage keeps the fee; above the target it
-- rises by max(1, fee * (used - target) // target // 8); below it falls by
-- fee * (target - used) // target // 8. Checked for block 1 and the last (up to) 32 blocks, with
-- a few transactions and empty blocks added first. The genesis block of these chains already
-- carries a base fee (it is the EIP-1559 fork block), so block 1 follows the rule from it.
local eth = require "eth"
local canon = require "canon"

local function expected(parent)
	local fee = eth.u(parent.baseFeePerGas)
	local limit = eth.u(parent.gasLimit)
	local used = eth.u(parent.gasUsed)
	local target = limit // dlt.u256(2)
	if used == target then return fee end
	if target < used then
		local delta = fee * (used - target) // target // dlt.u256(8)
		if delta < dlt.u256(1) then delta = dlt.u256(1) end
		return fee + delta
	end
	return fee - fee * (target - used) // target // dlt.u256(8)
end

scenario {
	id = "eth.fee.base-fee-rule",
	title = "baseFeePerGas follows the EIP-1559 update rule from block to block",
	family = "ethereum",
	roadmap = { "PAY-03" },
	vectors = { "eip1559-base-fee" },
	timeout = 120,
	run = function(t)
		local node = t.node
		-- the rule, first on the base fees of a real chain (the execution-apis fixtures)
		canon.base_fee_rule(t, expected)
		local acct = eth.sender(t, node)
		for i = 1, 2 do
			eth.transact(t, node, { type = 2, key = acct.key, to = eth.fresh_address("base-fee"), value = i })
		end
		if node:has("mine") then node:produce_blocks(2) end
		local head = node:height()
		-- block 1 (the transition from genesis) and the last (up to) 32 blocks
		local numbers = {}
		if head >= 1 then numbers[#numbers + 1] = 1 end
		for n = math.max(2, head - 31), head do numbers[#numbers + 1] = n end
		local checked = 0
		for _, n in ipairs(numbers) do
			local parent, b = eth.block(node, n - 1), eth.block(node, n)
			t:need(type(parent) == "table" and type(b) == "table", "blocks " .. (n - 1) .. " and " .. n .. " exist")
			if parent.baseFeePerGas ~= nil and b.baseFeePerGas ~= nil then
				local want = expected(parent)
				t:eq(b.baseFeePerGas, want:hex(), string.format(
					"block %d baseFeePerGas from parent (fee %s, gasUsed %s, gasLimit %s)",
					n, parent.baseFeePerGas, parent.gasUsed, parent.gasLimit))
				checked = checked + 1
			end
		end
		if checked == 0 then t:skip("no pair of blocks with baseFeePerGas (pre-London chain)") end
		t:log("checked %d blocks up to %d", checked, head)
	end,
}
