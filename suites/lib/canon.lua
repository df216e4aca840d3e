-- suites/lib/canon.lua: checks of the suite's own rules against canonical vectors, for the
-- scenarios that name those vectors in their `vectors` field.
--
-- A scenario that recomputes something from a node's answers (a block hash from the header
-- fields, a transaction's fields from its raw bytes, a BIP-143 digest, a txid) first proves
-- the rule on the specification's own data: each function here runs the rule on every case
-- of one vector file. When a case does not come out, the scenario stops as inconclusive
-- ("the suite's rule does not reproduce vector V case C"): the suite, not the node, is wrong,
-- so it is no verdict on the node. When every case comes out, a line in the scenario's log
-- says so.
local eth = require "eth"
local btc = require "btc"

local M = {}

local function lower(s) return type(s) == "string" and s:lower() or s end

local function broken(t, what, id, case, detail)
	t:inconclusive(string.format("the suite's %s does not reproduce vector %s case %s%s", what, id,
		tostring(case), detail and (": " .. detail) or ""))
end

-- the vector case named `name` of file `id`
function M.case(t, id, name)
	for _, c in ipairs(t:vector(id).cases) do
		if c.name == name then return c end
	end
	error("vector " .. id .. " has no case " .. tostring(name))
end

-- eth.header_hash on every block of eth-blocks: the RLP and the hash of the fixtures.
function M.eth_header_hash(t)
	local n = 0
	for _, c in ipairs(t:vector("eth-blocks").cases) do
		if c.expected.header_rlp then
			local h = eth.header_hash(c.input)
			if dlt.hex.encode(h.rlp) ~= lower(c.expected.header_rlp) or h.hash ~= lower(c.expected.hash) then
				broken(t, "block header hash", "eth-blocks", c.name, h.hash)
			end
			n = n + 1
		end
	end
	t:log("eth.header_hash reproduces the %d block hashes of vector eth-blocks", n)
end

-- dlt.eth.decode_tx on every transaction of eth-transactions: hash and every field given.
function M.eth_decoder(t)
	for _, c in ipairs(t:vector("eth-transactions").cases) do
		local d, err = dlt.eth.decode_tx(c.input.raw)
		if not d then broken(t, "transaction decoder", "eth-transactions", c.name, err) end
		for k, want in pairs(c.expected) do
			local got = d[k]
			if k == "accessList" or k == "blobVersionedHashes" then
				got, want = dlt.json.encode(got), dlt.json.encode(want)
			end
			if lower(got) ~= lower(want) and not (want == dlt.null and got == dlt.null) then
				broken(t, "transaction decoder", "eth-transactions", c.name, k)
			end
		end
	end
	t:log("dlt.eth.decode_tx reproduces every transaction of vector eth-transactions")
end

-- dlt.btc.tx_decode / tx_encode on the BIP-143 signed transactions (round trip, txid = SHA256d
-- of the serialization without witness, wtxid with it), and the BIP-143 digest of the suite's
-- P2WPKH signer (btc.bip143_digest) and of dlt.btc.sighash_v0 on the BIP's P2WPKH example,
-- with the BIP's signature reproduced by dlt.secp256k1.sign_der.
function M.btc_signer(t)
	for _, c in ipairs(t:vector("bip143").cases) do
		if c.input.signed_tx then
			local raw = btc.unhex(c.input.signed_tx)
			local tx, err = dlt.btc.tx_decode(raw)
			if not tx then broken(t, "transaction parser", "bip143", c.name, err) end
			local base = dlt.btc.tx_encode(tx, false)
			if dlt.btc.tx_encode(tx) ~= raw or tx.txid ~= btc.hash_hex(dlt.sha256d(base))
				or tx.wtxid ~= btc.hash_hex(dlt.sha256d(raw)) then
				broken(t, "transaction serializer", "bip143", c.name)
			end
		end
	end
	local c = M.case(t, "bip143", "native-p2wpkh-1")
	local raw = btc.unhex(c.input.tx)
	local d = dlt.btc.sighash_v0(raw, c.input.index, btc.unhex(c.input.script_code), c.input.amount,
		c.input.hash_type)
	if btc.hex(d) ~= c.expected.sighash then broken(t, "BIP-143 digest (dlt.btc)", "bip143", c.name) end
	-- the suite's own signer, on the same transaction in its input form
	local tx = dlt.btc.tx_decode(raw)
	local lib = { version = tx.version, locktime = tx.locktime, inputs = {}, outputs = {} }
	for i, vin in ipairs(tx.vin) do
		lib.inputs[i] = { txid = vin.txid, vout = vin.vout, sequence = vin.sequence }
	end
	for i, o in ipairs(tx.vout) do lib.outputs[i] = { value = o.value, spk = o.script_pubkey } end
	local i = c.input.index + 1
	lib.inputs[i].value = c.input.amount
	lib.inputs[i].key = { hash = btc.unhex(c.input.script_code):sub(4, 23) }
	if btc.hex((btc.bip143_digest(lib, i))) ~= c.expected.sighash then
		broken(t, "BIP-143 digest (suites/lib/btc.lua)", "bip143", c.name)
	end
	local sig = dlt.secp256k1.sign_der(d, btc.unhex(c.input.private_key)) .. "\x01"
	if btc.hex(sig) ~= c.expected.signature then broken(t, "DER signer", "bip143", c.name) end
	t:log("the suite's transaction parser, BIP-143 digests and DER signer reproduce vector bip143")
end

-- The canonical genesis case of a bitcoin-family target (params.genesis_vector, genesis_case).
function M.btc_genesis(t, node)
	local id = node.params.genesis_vector
	if not id then t:skip("the target names no genesis vector (params.genesis_vector)") end
	return M.case(t, id, node.params.genesis_case or node.params.network), id
end

return M
