-- GasErrors (execution-apis src/error-groups/gas-errors.yaml), referenced by
-- eth_sendRawTransaction: a transfer whose gas limit is one above the latest block's gas limit
-- (it can never be included) is refused with code 803 (Tx gas limit exceeds max block gas limit).
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.errors.gas-limit-exceeds-block",
	title = "A gas limit above the block gas limit is refused with code 803 (GasErrors)",
	family = "ethereum",
	roadmap = { "NODE-12", "IOP-06" },
	vectors = { "execution-apis" },
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local latest = eth.block(node, "latest")
		t:need(type(latest) == "table" and type(latest.gasLimit) == "string", "the latest block has a gas limit")
		local gas = eth.int(latest.gasLimit) + 1
		local p = eth.prepare(node, { type = 2, key = acct.key, to = eth.fresh_address("gas-limit"), value = 1, gas = gas }, t)
		local _, err = eth.send_raw(node, eth.sign(p).raw)
		sc.expect_code(t, err, 803, "GasErrors", "gas " .. gas .. " with block gas limit " .. (gas - 1))
		if err == nil and node:has("mine") then node:produce_blocks(1) end
	end,
}
