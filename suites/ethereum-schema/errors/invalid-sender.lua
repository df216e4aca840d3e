-- TxPoolErrors (execution-apis src/error-groups/txpool-errors.yaml), referenced by
-- eth_sendRawTransaction: a transaction from whose signature no sender can be recovered is
-- refused with code 1001 (Invalid sender). The scenario signs a legacy and a type-2 transfer
-- and sets s = 0 (outside 1..n-1, so no public key recovers). High-s signatures, which some
-- nodes accept, are the subject of eth.tx.bad-signature (suites/ethereum/tx/).
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.errors.invalid-sender",
	title = "A signature with s = 0 (no sender recovers) is refused with code 1001 (TxPoolErrors)",
	family = "ethereum",
	roadmap = { "NODE-12", "IOP-06", "SEC-05" },
	vectors = { "execution-apis" },
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		for _, kind in ipairs({ 0, 2 }) do
			local p = eth.prepare(node, { type = kind, key = acct.key, to = eth.fresh_address("sender"), value = 1 }, t)
			local bytes = dlt.hex.decode(eth.sign(p).raw)
			local raw
			if kind == 0 then
				local l = assert(dlt.rlp.decode(bytes))
				l[9] = dlt.u256(0)
				raw = dlt.hex.encode(dlt.rlp.encode(l))
			else
				local l = assert(dlt.rlp.decode(bytes:sub(2)))
				l[12] = dlt.u256(0)
				raw = dlt.hex.encode("\2" .. dlt.rlp.encode(l))
			end
			local _, err = eth.send_raw(node, raw)
			sc.expect_code(t, err, 1001, "TxPoolErrors", (kind == 0 and "legacy" or "type 2") .. " transfer with s = 0")
		end
	end,
}
