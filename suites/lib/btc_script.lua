-- suites/lib/btc_script.lua: Bitcoin script building for scenarios that lock coins in their own
-- scripts (the swap suite's BIP-199 hashed time-locked contract, suites/swap/, docs/swap.md).
--
-- What is here (btc.lua has the P2WPKH wallet, amounts and byte helpers this builds on):
--   * script assembly: opcodes, minimal data pushes, script numbers (CScriptNum), and a
--     disassembler that writes Bitcoin Core's `asm` form, to compare with decodescript;
--   * the BIP-199 HTLC witness script and its P2WSH output (BIP-141: program = SHA-256 of the
--     witness script; address = bech32 with the target's HRP);
--   * transactions with any witness stacks: serialization (BIP-144), txid, wtxid, weight and
--     vsize, and the BIP-143 signature digest of a P2WSH input (script code = the witness
--     script), signed with dlt.secp256k1.sign_der (RFC 6979, low s) and SIGHASH_ALL;
--   * the node's relay fee rate, exact, in base units per 1000 virtual bytes.
local btc = require "btc"

local M = {}

M.OP = {
	["0"] = 0x00, PUSHDATA1 = 0x4c, PUSHDATA2 = 0x4d, PUSHDATA4 = 0x4e, ["1NEGATE"] = 0x4f,
	IF = 0x63, NOTIF = 0x64, ELSE = 0x67, ENDIF = 0x68, VERIFY = 0x69, RETURN = 0x6a,
	DROP = 0x75, DUP = 0x76, SIZE = 0x82, EQUAL = 0x87, EQUALVERIFY = 0x88,
	RIPEMD160 = 0xa6, SHA256 = 0xa8, HASH160 = 0xa9, HASH256 = 0xaa,
	CHECKSIG = 0xac, CHECKSIGVERIFY = 0xad, CHECKMULTISIG = 0xae,
	CHECKLOCKTIMEVERIFY = 0xb1, CHECKSEQUENCEVERIFY = 0xb2,
}
local NAME = {}
for k, v in pairs(M.OP) do NAME[v] = "OP_" .. k end
for n = 1, 16 do NAME[0x50 + n] = tostring(n) end
NAME[0x00] = "0"
NAME[0x4f] = "-1"

M.SIGHASH_ALL = 1
M.SEQUENCE_FINAL = 0xffffffff
-- nSequence below 0xffffffff enables nLockTime (and so OP_CHECKLOCKTIMEVERIFY); 0xfffffffe
-- keeps BIP-68 relative locks off
M.SEQUENCE_LOCKTIME = 0xfffffffe

---------------------------------------------------------------------------------------------
-- script numbers and pushes

-- CScriptNum: little-endian, minimal, sign in the top bit of the last byte
function M.num(n)
	assert(math.type(n) == "integer", "btc_script.num: an integer")
	if n == 0 then return "" end
	local neg, a, out = n < 0, math.abs(n), {}
	while a > 0 do
		out[#out + 1] = a & 0xff
		a = a >> 8
	end
	if out[#out] & 0x80 ~= 0 then
		out[#out + 1] = neg and 0x80 or 0
	elseif neg then
		out[#out] = out[#out] | 0x80
	end
	return string.char(table.unpack(out))
end

function M.num_decode(b)
	if #b == 0 then return 0 end
	local v = 0
	for i = #b, 1, -1 do v = (v << 8) | b:byte(i) end
	local top = 0x80 << (8 * (#b - 1))
	if v & top ~= 0 then return -(v & ~top) end
	return v
end

-- a minimal push of data (BIP-62 rule 3: OP_0 for empty, OP_PUSHDATAn only when needed)
function M.push_data(b)
	local n = #b
	if n == 0 then return "\x00" end
	if n <= 75 then return string.char(n) .. b end
	if n <= 255 then return "\x4c" .. string.char(n) .. b end
	assert(n <= 520, "btc_script.push_data: more than 520 bytes")
	return "\x4d" .. string.pack("<I2", n) .. b
end

-- a minimal push of a number: OP_0, OP_1NEGATE, OP_1..OP_16, else its CScriptNum bytes
function M.push_num(n)
	if n == 0 then return "\x00" end
	if n == -1 then return "\x4f" end
	if n >= 1 and n <= 16 then return string.char(0x50 + n) end
	return M.push_data(M.num(n))
end

-- Script from parts: an opcode name ("IF"), {data = bytes} or {num = integer}.
function M.script(parts)
	local out = {}
	for i, p in ipairs(parts) do
		if type(p) == "string" then
			local op = M.OP[p]
			assert(op, "btc_script.script: unknown opcode " .. p)
			out[#out + 1] = string.char(op)
		elseif type(p) == "table" and p.data ~= nil then
			out[#out + 1] = M.push_data(p.data)
		elseif type(p) == "table" and p.num ~= nil then
			out[#out + 1] = M.push_num(p.num)
		else
			error("btc_script.script: part " .. i .. " is neither an opcode nor {data=} nor {num=}")
		end
	end
	return table.concat(out)
end

-- Bitcoin Core's asm form (ScriptToAsmStr without sighash decoding): pushes of at most 4 bytes
-- as decimal numbers, longer pushes as hex, opcodes by name.
function M.asm(script)
	local out, i = {}, 1
	while i <= #script do
		local op = script:byte(i)
		i = i + 1
		if op <= 0x4e then
			local n
			if op < 0x4c then n = op
			elseif op == 0x4c then n = script:byte(i); i = i + 1
			elseif op == 0x4d then n = string.unpack("<I2", script, i); i = i + 2
			else n = string.unpack("<I4", script, i); i = i + 4 end
			local data = script:sub(i, i + n - 1)
			if #data < n then
				out[#out + 1] = "[error]"
				break
			end
			i = i + n
			if n <= 4 then out[#out + 1] = tostring(M.num_decode(data))
			else out[#out + 1] = btc.hex(data) end
		else
			out[#out + 1] = NAME[op] or string.format("OP_UNKNOWN_%02x", op)
		end
	end
	return table.concat(out, " ")
end

---------------------------------------------------------------------------------------------
-- the BIP-199 hashed time-locked contract

-- o: hash (32 bytes, SHA-256 of the preimage), recipient (33-byte compressed key that claims
-- with the preimage), refund (the key that takes the coins back), locktime (absolute block
-- height for OP_CHECKLOCKTIMEVERIFY, BIP-65).
--   OP_IF
--     OP_SHA256 <hash> OP_EQUALVERIFY <recipient pubkey>
--   OP_ELSE
--     <timeout> OP_CHECKLOCKTIMEVERIFY OP_DROP <refund pubkey>
--   OP_ENDIF
--   OP_CHECKSIG
function M.htlc_script(o)
	assert(type(o.hash) == "string" and #o.hash == 32, "htlc_script: hash of 32 bytes")
	assert(#o.recipient == 33 and #o.refund == 33, "htlc_script: compressed public keys")
	assert(math.type(o.locktime) == "integer" and o.locktime > 0, "htlc_script: locktime (block height)")
	return M.script {
		"IF",
		"SHA256", { data = o.hash }, "EQUALVERIFY", { data = o.recipient },
		"ELSE",
		{ num = o.locktime }, "CHECKLOCKTIMEVERIFY", "DROP",
		{ data = o.refund },
		"ENDIF",
		"CHECKSIG",
	}
end

-- P2WSH of a witness script: {program = 32 bytes, spk = bytes, address = bech32}
function M.p2wsh(node, witness_script)
	local program = dlt.sha256(witness_script)
	local hrp = node.params.hrp or error("target " .. tostring(node.name) .. ": params.hrp (bech32 HRP) is missing")
	return {
		program = program,
		spk = "\x00\x20" .. program,
		address = dlt.bech32.encode(hrp, 0, program),
	}
end

---------------------------------------------------------------------------------------------
-- transactions with witnesses

-- tx = { version = 2, locktime = 0,
--        inputs = {{txid = display hex, vout = n, sequence = n, value = units (for signing),
--                   witness = {bytes, ...}}},
--        outputs = {{value = units, spk = bytes}} }
local function outpoint(inp) return btc.hash_bytes(inp.txid) .. btc.le32(inp.vout) end

local function ser_outputs(tx)
	local o = {}
	for _, out in ipairs(tx.outputs) do o[#o + 1] = btc.le64(out.value) .. btc.push(out.spk) end
	return table.concat(o)
end

-- Serializes tx; returns {hex, raw, base, txid, wtxid, weight, vsize}.
function M.serialize(tx)
	local ins = {}
	for _, inp in ipairs(tx.inputs) do
		ins[#ins + 1] = outpoint(inp) .. btc.push(inp.script_sig or "")
			.. btc.le32(inp.sequence or M.SEQUENCE_FINAL)
	end
	local body = btc.varint(#tx.inputs) .. table.concat(ins)
		.. btc.varint(#tx.outputs) .. ser_outputs(tx)
	local version, locktime = btc.le32(tx.version or 2), btc.le32(tx.locktime or 0)
	local base = version .. body .. locktime
	local wit, any = {}, false
	for _, inp in ipairs(tx.inputs) do
		local stack = inp.witness or {}
		if #stack > 0 then any = true end
		local w = { btc.varint(#stack) }
		for _, item in ipairs(stack) do w[#w + 1] = btc.push(item) end
		wit[#wit + 1] = table.concat(w)
	end
	local full = base
	if any then full = version .. "\x00\x01" .. body .. table.concat(wit) .. locktime end
	local weight = #base * 3 + #full
	return {
		hex = btc.hex(full), raw = full, base = base,
		txid = btc.hash_hex(dlt.sha256d(base)), wtxid = btc.hash_hex(dlt.sha256d(full)),
		weight = weight, vsize = (weight + 3) // 4,
	}
end

-- BIP-143 digest of input i spending a P2WSH output worth `value` with `witness_script`
-- (the script code is the witness script with its length), sighash ALL.
function M.sighash(tx, i, witness_script, value)
	local prevouts, seqs = {}, {}
	for _, inp in ipairs(tx.inputs) do
		prevouts[#prevouts + 1] = outpoint(inp)
		seqs[#seqs + 1] = btc.le32(inp.sequence or M.SEQUENCE_FINAL)
	end
	local inp = tx.inputs[i]
	local preimage = btc.le32(tx.version or 2)
		.. dlt.sha256d(table.concat(prevouts)) .. dlt.sha256d(table.concat(seqs))
		.. outpoint(inp) .. btc.push(witness_script) .. btc.le64(value)
		.. btc.le32(inp.sequence or M.SEQUENCE_FINAL) .. dlt.sha256d(ser_outputs(tx))
		.. btc.le32(tx.locktime or 0) .. btc.le32(M.SIGHASH_ALL)
	return dlt.sha256d(preimage), preimage
end

-- DER signature + sighash byte for input i (P2WSH) with the private key priv (32 bytes).
function M.sign_input(tx, i, witness_script, value, priv)
	local digest = M.sighash(tx, i, witness_script, value)
	return dlt.secp256k1.sign_der(digest, priv) .. string.char(M.SIGHASH_ALL), digest
end

---------------------------------------------------------------------------------------------
-- fees

-- The node's minimum fee rates, exact, in base units per 1000 virtual bytes:
-- {relay = getnetworkinfo.relayfee, mempool = getmempoolinfo.mempoolminfee}.
function M.min_fee_rates(node)
	local net = btc.call_exact(node, "getnetworkinfo", dlt.array {})
	local pool = btc.call_exact(node, "getmempoolinfo", dlt.array {})
	return {
		relay = net and net.relayfee and btc.sats(net.relayfee) or nil,
		mempool = pool and pool.mempoolminfee and btc.sats(pool.mempoolminfee) or nil,
	}
end

-- Fee for `vsize` virtual bytes at `rate` base units per 1000 vbytes, rounded up.
function M.fee_for(vsize, rate) return (vsize * rate + 999) // 1000 end

return M
