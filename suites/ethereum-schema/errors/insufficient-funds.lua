-- GasErrors (execution-apis src/error-groups/gas-errors.yaml), referenced by
-- eth_sendRawTransaction: a transfer from a fresh key that never held anything is refused with
-- code 809 (Insufficient funds for gas * price + value).
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.errors.insufficient-funds",
	title = "A transfer from a key without funds is refused with code 809 (GasErrors)",
	family = "ethereum",
	roadmap = { "NODE-12", "IOP-06", "SEC-07" },
	vectors = { "execution-apis" },
	run = function(t)
		local node = t.node
		local key, addr = eth.fresh_key("no-funds")
		t:need(eth.balance(node, addr) == dlt.u256(0), "the fresh key " .. addr .. " holds nothing")
		local p = eth.prepare(node, { type = 2, key = key, to = eth.fresh_address("no-funds"), value = 1, nonce = 0 }, t)
		local _, err = eth.send_raw(node, eth.sign(p).raw)
		sc.expect_code(t, err, 809, "GasErrors", "transfer from " .. addr)
	end,
}
