-- RLP must be canonical (Yellow Paper appendix B; execution-specs decode strictly): a signed
-- legacy transaction re-encoded with a leading zero byte in an integer, a 20-byte string in the
-- long form, or trailing bytes after the list is rejected, even though the signature is valid for
-- the canonical form, and nothing executes.
local eth = require "eth"
local canon = require "canon"

local function be(n) -- minimal big-endian bytes of a Lua integer
	local s = ""
	while n > 0 do s = string.char(n & 255) .. s; n = n >> 8 end
	return s
end
local function str(b, long)
	if #b == 1 and b:byte(1) < 0x80 and not long then return b end
	if #b <= 55 and not long then return string.char(0x80 + #b) .. b end
	local l = be(#b)
	return string.char(0xb7 + #l) .. l .. b
end
local function list(items)
	local payload = table.concat(items)
	if #payload <= 55 then return string.char(0xc0 + #payload) .. payload end
	local l = be(#payload)
	return string.char(0xf7 + #l) .. l .. payload
end

scenario {
	id = "eth.tx.non-canonical-rlp",
	title = "Signed legacy transactions with non-canonical RLP are rejected",
	family = "ethereum",
	roadmap = { "DATA-04", "SEC-05" },
	vectors = { "rlp-invalid", "eip155-example" },
	timeout = 90,
	run = function(t)
		local node = t.node
		-- the non-canonical forms are those ethereum/tests' invalidRLPTest.json names
		canon.rlp_invalid(t)
		eth.check_signer(t, 0)
		local acct = eth.sender(t, node)
		local variants = {
			{ "value with a leading zero byte", function(f) f[5] = str("\0" .. f.raw[5]) end },
			{ "gasPrice with a leading zero byte", function(f) f[2] = str("\0" .. f.raw[2]) end },
			-- (a leading zero is canonical RLP of a byte string: the integer reading refuses it)
			{ "20-byte recipient in the long string form", function(f) f[4] = str(f.raw[4], true) end, structural = true },
			{ "trailing byte after the list", function(f) f.trailer = "\0" end, structural = true },
		}
		for _, v in ipairs(variants) do
			local label = v[1]
			local n0 = eth.nonce(node, acct.address, "pending")
			local to = eth.fresh_address("rlp")
			local p = eth.prepare(node, { type = 0, key = acct.key, to = to, value = 4660, nonce = n0 }, t)
			local signed = eth.sign(p)
			local items = assert(dlt.rlp.decode(dlt.hex.decode(signed.raw)))
			-- canonical re-encoding first: the helper must reproduce the signed bytes
			local f = { raw = items }
			for i = 1, 9 do f[i] = str(items[i]) end
			t:need(dlt.hex.encode(list(f)) == signed.raw:lower(), label .. ": canonical re-encoding reproduces the signed bytes")
			v[2](f)
			local raw = dlt.hex.encode(list(f) .. (f.trailer or ""))
			if v.structural then
				t:eq(dlt.rlp.decode(dlt.hex.decode(raw)), nil, label .. ": the strict RLP decoder refuses the encoding too")
			end
			local res, err = eth.send_raw(node, raw)
			t:ok(err ~= nil, label .. ": rejected with an error", res and ("answered " .. eth.show(res)) or nil)
			if err then t:log("%s: %s", label, eth.show(err)) end
			if node:has("mine") then node:produce_blocks(1) end
			t:eq(eth.balance(node, to), dlt.u256(0), label .. ": nothing reached the recipient")
			t:eq(eth.nonce(node, acct.address, "pending"), n0, label .. ": the sender's nonce is unchanged")
		end
	end,
}
