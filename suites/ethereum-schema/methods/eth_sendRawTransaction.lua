-- eth_sendRawTransaction (execution-apis src/eth/submit.yaml): a legacy (EIP-155) and an
-- EIP-1559 transfer signed by the scenario (suites/lib/eth.lua); each answer (a hash) must
-- validate, equal keccak256 of the raw bytes, and name a transaction that gets included.
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_sendRawTransaction",
	title = "eth_sendRawTransaction: the answer validates against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01", "DATA-03", "IOP-02" },
	vectors = { "execution-apis" },
	timeout = 120,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		for _, kind in ipairs({ 0, 2 }) do
			local label = kind == 0 and "legacy" or "EIP-1559"
			local h0 = sc.height(node)
			local p = eth.prepare(node, { type = kind, key = acct.key, to = eth.fresh_address("raw"), value = 1000 }, t)
			local signed = eth.sign(p)
			local hash = sc.call(t, node, "eth_sendRawTransaction", { signed.raw }, { label = label })
			t:eq(eth.lower(hash), eth.lower(signed.hash), label .. ": the answer is keccak256 of the raw bytes")
			sc.include(t, node, signed.hash, acct.address, eth.int(p.nonce), h0)
		end
	end,
}
