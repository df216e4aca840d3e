-- suites/lib/btc.lua: helpers for bitcoin-family scenarios (suites/bitcoin/, Bitcoin Core RPC:
-- litecoind, bitcoind).
--
-- What is here:
--   * exact amounts: call_exact() answers with every decimal amount kept as its text, and
--     sats() turns "50.00000000" into base units without floating point (PAY-07);
--   * byte helpers: hex without 0x, byte reversal (RPC shows hashes reversed), little-endian
--     integers, CompactSize varints;
--   * the suite's own P2WPKH wallet: a key from a label, its BIP-173 address for the target's HRP,
--     a transaction builder and a BIP-143 signer (sighash ALL) using dlt.secp256k1.sign_der,
--     dlt.hash160 and dlt.sha256d, txid/wtxid computed locally;
--   * a small bech32/bech32m encoder that can also write the *wrong* checksum on purpose, to
--     test that nodes refuse v0 addresses with bech32m and v1+ addresses with bech32 (BIP-350);
--   * funding helpers that mine and send from the node's wallet.
local M = {}

M.COIN = 100000000

---------------------------------------------------------------------------------------------
-- bytes

function M.hex(b) return (dlt.hex.encode(b):sub(3)) end
function M.unhex(s) return dlt.hex.decode(s) end
function M.rev(b) return b:reverse() end
-- display-order hash (RPC) <-> internal bytes
function M.hash_bytes(display_hex) return M.unhex(display_hex):reverse() end
function M.hash_hex(internal) return M.hex(internal:reverse()) end

function M.le32(n) return string.pack("<I4", n) end
function M.le64(n) return string.pack("<i8", n) end

function M.varint(n)
	if n < 0xfd then return string.char(n) end
	if n <= 0xffff then return "\xfd" .. string.pack("<I2", n) end
	if n <= 0xffffffff then return "\xfe" .. string.pack("<I4", n) end
	return "\xff" .. string.pack("<I8", n)
end

function M.push(data) return M.varint(#data) .. data end

---------------------------------------------------------------------------------------------
-- exact amounts

-- "12.345" -> integer base units (8 decimals); errors on more than 8 decimals or junk.
function M.sats(x)
	if math.type(x) == "integer" then return x * M.COIN end
	if type(x) == "number" then
		-- a double from cJSON: exact for |x| < 2^51 base units (22.5 million coins); the
		-- scenarios use call_exact for anything they compare exactly
		return math.floor(x * M.COIN + 0.5)
	end
	assert(type(x) == "string", "sats: a decimal string or number")
	local sign, int, frac = x:match("^(%-?)(%d*)%.?(%d*)$")
	assert(int and (#int > 0 or #frac > 0), "sats: not a decimal amount: " .. x)
	assert(#frac <= 8 or frac:sub(9):match("^0*$"), "sats: more than 8 decimals: " .. x)
	frac = (frac .. "00000000"):sub(1, 8)
	local v = (tonumber(int ~= "" and int or "0")) * M.COIN + tonumber(frac)
	return sign == "-" and -v or v
end

-- base units -> "0.00100000"
function M.coins(units)
	units = math.tointeger(units) or tonumber(tostring(units))
	local neg = units < 0
	if neg then units = -units end
	return string.format("%s%d.%08d", neg and "-" or "", units // M.COIN, units % M.COIN)
end

-- Quote every number token written with a fraction or exponent so that dlt.json.decode keeps
-- its text (strings are copied untouched).
function M.quote_decimals(text)
	local out, i, n = {}, 1, #text
	while i <= n do
		local c = text:sub(i, i)
		if c == '"' then
			local j = i + 1
			while j <= n do
				local d = text:sub(j, j)
				if d == "\\" then j = j + 2
				elseif d == '"' then break
				else j = j + 1 end
			end
			out[#out + 1] = text:sub(i, j)
			i = j + 1
		elseif c:match("[%-%d]") then
			local s, e = text:find("^%-?%d+%.?%d*[eE]?[%+%-]?%d*", i)
			local tok = text:sub(s, e)
			if tok:find("[%.eE]") then out[#out + 1] = '"' .. tok .. '"' else out[#out + 1] = tok end
			i = e + 1
		else
			out[#out + 1] = c
			i = i + 1
		end
	end
	return table.concat(out)
end

-- JSON-RPC 1.0 call through rpc_raw; amounts come back as strings. Returns result, error.
function M.call_exact(node, method, params, path)
	local body = dlt.json.encode({ jsonrpc = "1.0", id = "exact", method = method,
		params = params or dlt.array {} })
	local r = node:rpc_raw(body, path and { path = path } or nil)
	local ok, doc = pcall(dlt.json.decode, M.quote_decimals(r.body))
	if not ok or type(doc) ~= "table" then
		return nil, { code = "http-" .. tostring(r.status), message = r.body }
	end
	if doc.error ~= nil and doc.error ~= dlt.null then return nil, doc.error end
	return doc.result
end

---------------------------------------------------------------------------------------------
-- bech32 / bech32m (BIP-173, BIP-350), with an optional forced checksum constant

local CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
local GEN = { 0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3 }
M.BECH32, M.BECH32M = 1, 0x2bc830a3

local function polymod(values)
	local chk = 1
	for _, v in ipairs(values) do
		local top = chk >> 25
		chk = ((chk & 0x1ffffff) << 5) ~ v
		for i = 0, 4 do
			if (top >> i) & 1 == 1 then chk = chk ~ GEN[i + 1] end
		end
	end
	return chk
end

local function hrp_expand(hrp)
	local r = {}
	for i = 1, #hrp do r[#r + 1] = hrp:byte(i) >> 5 end
	r[#r + 1] = 0
	for i = 1, #hrp do r[#r + 1] = hrp:byte(i) & 31 end
	return r
end

local function to5(bytes)
	local acc, bits, out = 0, 0, {}
	for i = 1, #bytes do
		acc = (acc << 8) | bytes:byte(i)
		bits = bits + 8
		while bits >= 5 do
			bits = bits - 5
			out[#out + 1] = (acc >> bits) & 31
		end
	end
	if bits > 0 then out[#out + 1] = (acc << (5 - bits)) & 31 end
	return out
end

-- segwit address with the checksum constant `const` (default: the right one for witver)
function M.segwit_address(hrp, witver, program, const)
	const = const or (witver == 0 and M.BECH32 or M.BECH32M)
	local data = { witver }
	for _, v in ipairs(to5(program)) do data[#data + 1] = v end
	local values = hrp_expand(hrp)
	for _, v in ipairs(data) do values[#values + 1] = v end
	for _ = 1, 6 do values[#values + 1] = 0 end
	local pm = polymod(values) ~ const
	local out = { hrp, "1" }
	for _, v in ipairs(data) do out[#out + 1] = CHARSET:sub(v + 1, v + 1) end
	for i = 0, 5 do
		local v = (pm >> (5 * (5 - i))) & 31
		out[#out + 1] = CHARSET:sub(v + 1, v + 1)
	end
	return table.concat(out)
end

function M.witness_script(witver, program)
	return string.char(witver == 0 and 0 or 0x50 + witver, #program) .. program
end

---------------------------------------------------------------------------------------------
-- the suite's own P2WPKH keys

-- key from a label: sha256("dlt-interop/" .. label), a valid secp256k1 scalar in practice
function M.key(label)
	local priv = dlt.sha256("dlt-interop/" .. label)
	local pub = dlt.secp256k1.pubkey(priv, true)
	local h = dlt.hash160(pub)
	return { priv = priv, pub = pub, hash = h, spk = "\x00\x14" .. h }
end

function M.address(node, key)
	local hrp = node.params.hrp or error("target params.hrp (bech32 HRP) is missing")
	return dlt.bech32.encode(hrp, 0, key.hash)
end

-- tx = { version=2, locktime=0, inputs={{txid=display hex, vout=n, value=units, key=key,
--        sequence=0xffffffff}}, outputs={{value=units, spk=bytes}} }
local function ser_outputs(tx)
	local o = { M.varint(#tx.outputs) }
	for _, out in ipairs(tx.outputs) do o[#o + 1] = M.le64(out.value) .. M.push(out.spk) end
	return table.concat(o)
end

local function outpoint(inp) return M.hash_bytes(inp.txid) .. M.le32(inp.vout) end

local function ser_base(tx)
	local p = { M.le32(tx.version or 2), M.varint(#tx.inputs) }
	for _, inp in ipairs(tx.inputs) do
		p[#p + 1] = outpoint(inp) .. M.push("") .. M.le32(inp.sequence or 0xffffffff)
	end
	return table.concat(p) .. ser_outputs(tx), M.le32(tx.locktime or 0)
end

-- BIP-143 signature digest of input i for a P2WPKH spend, sighash ALL
function M.bip143_digest(tx, i)
	local prevouts, seqs = {}, {}
	for _, inp in ipairs(tx.inputs) do
		prevouts[#prevouts + 1] = outpoint(inp)
		seqs[#seqs + 1] = M.le32(inp.sequence or 0xffffffff)
	end
	local outs = ser_outputs(tx):sub(#M.varint(#tx.outputs) + 1)
	local inp = tx.inputs[i]
	local script_code = "\x19\x76\xa9\x14" .. inp.key.hash .. "\x88\xac"
	local preimage = M.le32(tx.version or 2)
		.. dlt.sha256d(table.concat(prevouts)) .. dlt.sha256d(table.concat(seqs))
		.. outpoint(inp) .. script_code .. M.le64(inp.value)
		.. M.le32(inp.sequence or 0xffffffff) .. dlt.sha256d(outs)
		.. M.le32(tx.locktime or 0) .. M.le32(1)
	return dlt.sha256d(preimage), preimage
end

-- Sign every input (P2WPKH) and serialize. Returns {hex=, txid=, wtxid=, vsize=, weight=}.
function M.sign(tx)
	local wit = {}
	for i, inp in ipairs(tx.inputs) do
		local sig = dlt.secp256k1.sign_der((M.bip143_digest(tx, i)), inp.key.priv) .. "\x01"
		wit[#wit + 1] = M.varint(2) .. M.push(sig) .. M.push(inp.key.pub)
	end
	local body, locktime = ser_base(tx)
	local base = body .. locktime
	local version = base:sub(1, 4)
	local full = version .. "\x00\x01" .. body:sub(5) .. table.concat(wit) .. locktime
	local weight = #base * 3 + #full
	return {
		hex = M.hex(full), raw = full, base = base,
		txid = M.hash_hex(dlt.sha256d(base)), wtxid = M.hash_hex(dlt.sha256d(full)),
		weight = weight, vsize = (weight + 3) // 4,
	}
end

---------------------------------------------------------------------------------------------
-- node helpers

-- wallet calls: the target's wallet is loaded by the target (after_start) or by the adapter;
-- new_address makes sure it exists, so call it first.
function M.wallet_address(node) return node:new_address() end

-- Make sure the node's wallet has at least `units` spendable: mine fund_blocks to it once.
function M.ensure_funds(t, node, units)
	local addr = node:new_address()
	local bal = M.call_exact(node, "getbalance", dlt.array {})
	if bal and M.sats(bal) >= units then return addr end
	local n = node.params.fund_blocks or 101
	node:produce_blocks(n, addr)
	bal = M.call_exact(node, "getbalance", dlt.array {})
	t:need(bal and M.sats(bal) >= units, "the node's wallet holds " .. M.coins(units)
		.. " after mining " .. n .. " blocks")
	return addr
end

-- Send `units` from the node's wallet to the suite's key and return the output as an input
-- description {txid, vout, value, key} (confirmed when confirm is true).
function M.fund_key(t, node, key, units, confirm)
	M.ensure_funds(t, node, units + M.COIN)
	local addr = M.address(node, key)
	local txid = node:call("sendtoaddress", { addr, M.coins(units) })
	local raw = node:call("getrawtransaction", { txid, true })
	local vout
	for _, o in ipairs(raw.vout) do
		if o.scriptPubKey.hex == M.hex(key.spk) then vout = o.n end
	end
	t:need(vout ~= nil, "the funding transaction pays the suite's key")
	if confirm ~= false then node:produce_blocks(1) end
	return { txid = txid, vout = vout, value = units, key = key }
end

-- the wallet's own fresh address as a scriptPubKey (bytes)
function M.spk_of(node, address)
	local info = node:call("getaddressinfo", { address })
	return M.unhex(info.scriptPubKey)
end

-- expect an RPC error; returns the error object
function M.expect_error(t, node, method, params, code, label)
	local res, err = node:rpc(method, params)
	t:ok(res == nil, label .. ": " .. method .. " answers an error", res)
	if err then t:eq(err.code, code, label .. ": error code") end
	return err
end

return M
