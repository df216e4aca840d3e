-- Signatures that are not valid for Ethereum transactions are rejected (EIP-2: s <= n/2;
-- 0 < r, s < n; recovery id 0 or 1): the scenario signs a transfer and re-encodes it with
-- s' = n - s and the flipped parity (a valid ECDSA signature, but high-s), s = 0, r = n, and an
-- out-of-range recovery id, for a legacy and a type-2 transaction. Nothing may execute.
local eth = require "eth"
local canon = require "canon"

local N = dlt.u256("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")

local function u(b) if b == "" then return dlt.u256(0) end return dlt.u256(dlt.hex.encode(b)) end

scenario {
	id = "eth.tx.bad-signature",
	title = "Transactions with high-s, zero or out-of-range signature values are rejected",
	family = "ethereum",
	roadmap = { "CRYPTO-04", "SEC-05" },
	vectors = { "bip340", "eip155-example", "eip1559" },
	timeout = 120,
	run = function(t)
		local node = t.node
		canon.secp256k1_order(t, N)
		eth.check_signer(t, 0)
		eth.check_signer(t, 2)
		local acct = eth.sender(t, node)
		local chain = eth.chain_id(node)
		-- legacy fields: 7 = v, 8 = r, 9 = s; type 2: 10 = yParity, 11 = r, 12 = s
		local variants = {
			{ "high s (n - s, parity flipped)", function(l, vi)
				local s = u(l[vi + 2])
				l[vi + 2] = N - s
				local v = u(l[vi])
				if vi == 7 then
					l[vi] = (v == dlt.u256(chain * 2 + 35)) and dlt.u256(chain * 2 + 36) or dlt.u256(chain * 2 + 35)
				else
					l[vi] = (v == dlt.u256(0)) and dlt.u256(1) or dlt.u256(0)
				end
			end },
			{ "s = 0", function(l, vi) l[vi + 2] = dlt.u256(0) end },
			{ "r = n", function(l, vi) l[vi + 1] = N end },
			{ "recovery id out of range", function(l, vi)
				if vi == 7 then l[vi] = dlt.u256(chain * 2 + 37) else l[vi] = dlt.u256(2) end
			end },
		}
		for _, kind in ipairs({ 0, 2 }) do
			for _, v in ipairs(variants) do
				local label = (kind == 0 and "legacy: " or "type 2: ") .. v[1]
				local n0 = eth.nonce(node, acct.address, "pending")
				local to = eth.fresh_address("badsig")
				local p = eth.prepare(node, { type = kind, key = acct.key, to = to, value = 4242, nonce = n0 }, t)
				local signed = eth.sign(p)
				local bytes = dlt.hex.decode(signed.raw)
				local raw
				if kind == 0 then
					local l = assert(dlt.rlp.decode(bytes))
					v[2](l, 7)
					raw = dlt.hex.encode(dlt.rlp.encode(l))
				else
					local l = assert(dlt.rlp.decode(bytes:sub(2)))
					v[2](l, 10)
					raw = dlt.hex.encode("\2" .. dlt.rlp.encode(l))
				end
				local res, err = eth.send_raw(node, raw)
				t:ok(err ~= nil, label .. ": rejected with an error", res and ("answered " .. eth.show(res)) or nil)
				if err then t:log("%s: %s", label, eth.show(err)) end
				if node:has("mine") then node:produce_blocks(1) end
				t:eq(eth.balance(node, to), dlt.u256(0), label .. ": nothing reached the recipient")
				t:eq(eth.nonce(node, acct.address, "pending"), n0, label .. ": the sender's nonce is unchanged")
			end
		end
	end,
}
