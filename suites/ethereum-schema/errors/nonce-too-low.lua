-- ExecutionErrors (execution-apis src/error-groups/execution-errors.yaml), referenced by
-- eth_sendRawTransaction: a raw transaction whose nonce the sender already used is refused
-- with code 1 (Nonce too low). Codes are compared, never messages.
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.errors.nonce-too-low",
	title = "A raw transaction with a used nonce is refused with code 1 (ExecutionErrors)",
	family = "ethereum",
	roadmap = { "NODE-12", "IOP-06", "SEC-02" },
	vectors = { "execution-apis" },
	timeout = 120,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local n = eth.nonce(node, acct.address, "latest")
		if n == 0 then
			sc.transfer(t, node, acct, 2)
			n = eth.nonce(node, acct.address, "latest")
		end
		t:need(n >= 1, "the sender has used at least one nonce")
		local p = eth.prepare(node, { type = 2, key = acct.key, to = eth.fresh_address("nonce-low"), value = 777, nonce = n - 1 }, t)
		local _, err = eth.send_raw(node, eth.sign(p).raw)
		sc.expect_code(t, err, 1, "ExecutionErrors", "nonce " .. (n - 1) .. " (account nonce " .. n .. ")")
	end,
}
