-- GasErrors (execution-apis src/error-groups/gas-errors.yaml), referenced by
-- eth_sendRawTransaction: a value transfer with gas 20000 (below the intrinsic 21000) is
-- refused with code 800 (Intrinsic gas too low).
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.errors.intrinsic-gas-too-low",
	title = "A transfer with gas 20000 is refused with code 800 (GasErrors)",
	family = "ethereum",
	roadmap = { "NODE-12", "IOP-06", "SEC-07" },
	vectors = { "execution-apis" },
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		for _, kind in ipairs({ 0, 2 }) do
			local label = (kind == 0 and "legacy" or "EIP-1559") .. " transfer with gas 20000"
			local p = eth.prepare(node, { type = kind, key = acct.key, to = eth.fresh_address("intrinsic"), value = 1, gas = 20000 }, t)
			local _, err = eth.send_raw(node, eth.sign(p).raw)
			sc.expect_code(t, err, 800, "GasErrors", label)
		end
	end,
}
