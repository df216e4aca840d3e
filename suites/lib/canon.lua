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

-- Deep equality of two JSON-like values (strings compared without case: hex from different
-- writers), whatever the order of object members.
function M.same_json(a, b)
	if type(a) == "table" and type(b) == "table" then
		for k, v in pairs(a) do if not M.same_json(v, b[k]) then return false end end
		for k in pairs(b) do if a[k] == nil then return false end end
		return true
	end
	return lower(a) == lower(b)
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
			if not M.same_json(d[k], want) then
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

-- The strict RLP decoder (dlt.rlp.decode) refuses every case of rlp-invalid (ethereum/tests
-- invalidRLPTest.json) with the rule the case breaks.
function M.rlp_invalid(t)
	for _, c in ipairs(t:vector("rlp-invalid").cases) do
		local v, err = dlt.rlp.decode(dlt.hex.decode(c.input.rlp))
		if v ~= nil or not tostring(err):find(c.expected.error, 1, true) then
			broken(t, "strict RLP decoder", "rlp-invalid", c.name, tostring(err))
		end
	end
	t:log("the strict RLP decoder refuses every case of vector rlp-invalid with its rule")
end

-- The order n of secp256k1, as BIP-340's test vector 13 writes it (a signature whose s is n);
-- the suite's constant must be that value.
function M.secp256k1_order(t, mine)
	local c = M.case(t, "bip340", "vector-13")
	local n = dlt.u256("0x" .. c.input.signature:sub(65))
	if c.expected.valid ~= false or n ~= mine then
		broken(t, "secp256k1 group order", "bip340", c.name, tostring(n))
	end
	t:log("the group order n used here is the curve order of vector bip340 case vector-13")
	return n
end

-- The fields of a node's transaction object that its raw bytes determine, against
-- dlt.eth.decode_tx of the raw transaction (the decoder eth-transactions proves).
function M.same_tx(t, tx, raw, label)
	local d = assert(dlt.eth.decode_tx(raw))
	local keys = { "type", "nonce", "gas", "value", "input", "r", "s", "v", "hash", "from", "to" }
	if d.type == "0x0" or d.type == "0x1" then keys[#keys + 1] = "gasPrice" end
	if d.type == "0x2" or d.type == "0x3" then
		keys[#keys + 1] = "maxFeePerGas"
		keys[#keys + 1] = "maxPriorityFeePerGas"
	end
	if tx.chainId ~= nil or d.type ~= "0x0" then keys[#keys + 1] = "chainId" end
	if tx.yParity ~= nil then keys[#keys + 1] = "yParity" end
	if tx.accessList ~= nil and d.accessList ~= nil then keys[#keys + 1] = "accessList" end
	for _, k in ipairs(keys) do
		local got, want = tx[k], d[k]
		if k == "from" or k == "to" then got, want = lower(got), lower(want) end
		t:eq(got, want, label .. ": " .. k .. " is the one the raw transaction holds")
	end
	return d
end

-- eth.verify_proof on every proof of eth-proofs: each account proof leads from the fixture
-- block's stateRoot to rlp([nonce, balance, storageHash, codeHash]) equal to the answer.
function M.eth_proofs(t)
	for _, c in ipairs(t:vector("eth-proofs").cases) do
		local p = c.expected
		local leaf = eth.verify_proof(c.input.state_root, dlt.keccak256(dlt.hex.decode(p.address)), p.accountProof)
		local acct = type(leaf) == "string" and dlt.rlp.decode(leaf) or nil
		if type(acct) ~= "table" or eth.bytes_qty(acct[1]) ~= p.nonce or eth.bytes_qty(acct[2]) ~= p.balance
			or dlt.hex.encode(acct[3]) ~= lower(p.storageHash) or dlt.hex.encode(acct[4]) ~= lower(p.codeHash) then
			broken(t, "Merkle-Patricia proof verifier", "eth-proofs", c.name)
		end
	end
	t:log("eth.verify_proof verifies every account proof of vector eth-proofs against its state root")
end

-- eth.bloom_has on eth-logs: the fixture log's address and topics are in its block's bloom,
-- and a value that is not there is not found; returns the members a log object has there.
function M.eth_logs(t)
	local c = t:vector("eth-logs").cases[1]
	local members = {}
	for _, log in ipairs(c.expected.logs) do
		local ok = eth.bloom_has(c.input.logs_bloom, dlt.hex.decode(log.address))
		for _, topic in ipairs(log.topics) do
			ok = ok and eth.bloom_has(c.input.logs_bloom, dlt.hex.decode(topic))
		end
		if not ok then broken(t, "logs bloom test", "eth-logs", c.name) end
		for k in pairs(log) do members[k] = true end
	end
	t:log("eth.bloom_has finds the fixture log of vector eth-logs in its block's bloom")
	return members
end

-- A base fee rule (parent block -> expected child base fee, u256) on every pair of
-- eip1559-base-fee.
function M.base_fee_rule(t, rule)
	for _, c in ipairs(t:vector("eip1559-base-fee").cases) do
		if c.input.parent_base_fee then
			local parent = { baseFeePerGas = c.input.parent_base_fee, gasLimit = c.input.parent_gas_limit,
				gasUsed = c.input.parent_gas_used }
			if rule(parent):hex() ~= c.expected.base_fee then
				broken(t, "EIP-1559 base fee rule", "eip1559-base-fee", c.name)
			end
		end
	end
	t:log("the suite's base fee rule reproduces every block of vector eip1559-base-fee")
end

-- The validator of the schema suite (dlt.schema) on the specification's own example of a
-- method (vector execution-apis): the example's params and result validate exactly when the
-- vector says they do (some examples of the specification do not).
local proven = setmetatable({}, { __mode = "k" })
function M.execution_apis(t, method)
	local seen = proven[t] or {}
	proven[t] = seen
	if seen[method] then return end
	seen[method] = true
	local c = M.case(t, "execution-apis", method)
	if c.expected.result ~= nil then
		local pok = dlt.schema.validate_params(method, c.input.params)
		local rok = dlt.schema.validate_result(method, c.expected.result)
		if (pok and true or false) ~= c.expected.params_valid or (rok and true or false) ~= c.expected.result_valid then
			broken(t, "execution-apis validator", "execution-apis", c.name)
		end
		t:log("the execution-apis validator agrees with vector execution-apis on %s's example", method)
	end
end

-- A code of a standardized error group, as vector execution-apis lists it: {code, message}.
function M.execution_apis_code(t, group, code)
	for _, e in ipairs(M.case(t, "execution-apis", "error-group-" .. group).expected.errors) do
		if e.code == code then return e end
	end
	broken(t, "error code " .. tostring(code), "execution-apis", "error-group-" .. group, "not listed")
end

-- The error code EIP-1474 gives a message ("Parse error", "Method not found", ...).
function M.eip1474_code(t, message)
	for _, c in ipairs(t:vector("eip1474").cases) do
		if c.input.code and c.expected.message == message then return c.input.code end
	end
	error("vector eip1474 has no error code for " .. message)
end

-- The suite's Quantity and Data rules (eth.PRIM.uint, eth.PRIM.bytes: execution-apis'
-- base-types) on EIP-1474's valid and invalid examples.
function M.eip1474_encodings(t)
	for _, c in ipairs(t:vector("eip1474").cases) do
		local v = c.input.quantity or c.input.data
		if v then
			local rule = c.input.quantity and eth.PRIM.uint or eth.PRIM.bytes
			if (rule(v) and true or false) ~= c.expected.valid then
				broken(t, c.input.quantity and "Quantity rule" or "Data rule", "eip1474", c.name)
			end
		end
	end
	t:log("the suite's Quantity and Data rules agree with every example of vector eip1474")
end

-- The chain constants of a bitcoin-family target, when the project has them for its chain
-- (vector litecoin-regtest for Litecoin's regtest), else nil.
function M.btc_constants(t, node)
	if node.params.genesis_vector == "litecoin-genesis" and (node.params.genesis_case or node.params.network) == "regtest" then
		return M.case(t, "litecoin-regtest", "regtest").expected
	end
	return nil
end

-- The block subsidy at height h: initial_subsidy >> (h // halving_interval) (integer).
function M.btc_subsidy(k, h)
	local halvings = h // k.halving_interval
	if halvings >= 64 then return 0 end
	return math.tointeger(tonumber(k.initial_subsidy)) >> halvings
end

-- The P2WSH signer of suites/lib/btc_script.lua (HTLC spends: BIP-143 digest, SIGHASH_ALL, with
-- the witness script as script code) on BIP-143's P2SH-P2WSH example signed with ALL: the digest
-- and the DER signature the BIP prints.
function M.btc_p2wsh_signer(t)
	local bs = require "btc_script"
	local c = M.case(t, "bip143", "p2sh-p2wsh-1")
	local tx = dlt.btc.tx_decode(btc.unhex(c.input.tx))
	local lib = { version = tx.version, locktime = tx.locktime, inputs = {}, outputs = {} }
	for i, vin in ipairs(tx.vin) do lib.inputs[i] = { txid = vin.txid, vout = vin.vout, sequence = vin.sequence } end
	for i, o in ipairs(tx.vout) do lib.outputs[i] = { value = o.value, spk = o.script_pubkey } end
	local script = btc.unhex(c.input.script_code)
	local sig, digest = bs.sign_input(lib, c.input.index + 1, script, c.input.amount, btc.unhex(c.input.private_key))
	if btc.hex(digest) ~= c.expected.sighash or btc.hex(sig) ~= c.expected.signature then
		broken(t, "P2WSH signer (suites/lib/btc_script.lua)", "bip143", c.name)
	end
	t:log("the suite's P2WSH signer reproduces vector bip143 case %s", c.name)
end

-- BIP-340 signing and verification (every vector of bip340) and BIP-341 output keys, signature
-- hashes and key-path signatures (every case of bip341) with dlt.secp256k1 and dlt.btc.
function M.taproot(t)
	local h = btc.unhex
	for _, c in ipairs(t:vector("bip340").cases) do
		local i = c.input
		if i.secret_key then
			local x = dlt.secp256k1.xonly_pubkey(h(i.secret_key))
			if btc.hex(x) ~= i.public_key or btc.hex(dlt.secp256k1.schnorr_sign(h(i.message), h(i.secret_key), h(i.aux_rand))) ~= i.signature then
				broken(t, "BIP-340 signer", "bip340", c.name)
			end
		end
		if (dlt.secp256k1.schnorr_verify(h(i.message), h(i.signature), h(i.public_key)) and true or false) ~= c.expected.valid then
			broken(t, "BIP-340 verifier", "bip340", c.name)
		end
	end
	for _, c in ipairs(t:vector("bip341").cases) do
		local i, e = c.input, c.expected
		if i.tx then
			local spent = {}
			for k, o in ipairs(i.spent_outputs) do spent[k] = { value = o.value, script_pubkey = h(o.script_pubkey) } end
			local root = i.merkle_root ~= dlt.null and h(i.merkle_root) or nil
			local d, pre = dlt.btc.sighash_taproot(h(i.tx), i.index, spent, i.hash_type)
			local key = dlt.btc.taproot_tweak_seckey(h(i.internal_privkey), root)
			local sig = dlt.secp256k1.schnorr_sign(d, key, string.rep("\0", 32))
			if i.hash_type ~= 0 then sig = sig .. string.char(i.hash_type) end
			if btc.hex(d) ~= e.sighash or btc.hex(pre) ~= e.sig_msg or btc.hex(sig) ~= e.witness[1] then
				broken(t, "BIP-341 signature hash or key-path signer", "bip341", c.name)
			end
		elseif i.script_tree == dlt.null then
			local q, _, tweak = dlt.btc.taproot_output_key(h(i.internal_pubkey))
			if btc.hex(q) ~= e.output_key or btc.hex(tweak) ~= e.tweak then
				broken(t, "BIP-341 output key", "bip341", c.name)
			end
		end
	end
	t:log("dlt's BIP-340 signer and verifier and BIP-341 keys, digests and signatures reproduce vectors bip340 and bip341")
end

-- The canonical genesis case of a bitcoin-family target (params.genesis_vector, genesis_case).
function M.btc_genesis(t, node)
	local id = node.params.genesis_vector
	if not id then t:skip("the target names no genesis vector (params.genesis_vector)") end
	return M.case(t, id, node.params.genesis_case or node.params.network), id
end

return M
