-- suites/lib/eth.lua: Ethereum helpers for scenarios (suites/ethereum/, and any scenario that
-- drives an Ethereum-family node).
--
-- What is here:
--   * small conversions: quantities <-> u256/integers, lowercase addresses, keccak of hex;
--   * dev accounts from node.params.accounts ({address, key}) and fresh addresses and keys;
--   * fee choice for legacy and EIP-1559 transactions from the node's own fee answers;
--   * signing (dlt.eth.sign_legacy / sign_1559), raw submission, waiting for a receipt,
--     deployment of raw init code;
--   * decoding a signed raw transaction back into its fields (to compare with what a node says);
--   * the block hash recomputed from a block's header fields (header_hash);
--   * a validator for the JSON schemas of ethereum/execution-apis (src/schemas/*.yaml), with the
--     exact patterns of base-types.yaml (uint, bytes, hash32, bytes256, ...), and the schemas of
--     the objects the suite checks (Block, TransactionInfo, ReceiptInfo, Log, AccountProof, ...);
--   * the logs bloom test of the Yellow Paper (4.3.1, M3:2048) and a Merkle-Patricia proof
--     verifier for eth_getProof (EIP-1186).
--
-- Nothing here decides a verdict by itself except the *_or_stop helpers, which use t:need.
local M = {}

local NULL = dlt.null

M.ZERO_HASH = "0x" .. string.rep("0", 64)
M.ZERO_ADDRESS = "0x" .. string.rep("0", 40)
-- keccak256 of the empty byte string (EIP-1186 codeHash of an account without code)
M.EMPTY_CODE_HASH = "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
-- keccak256(rlp("")) = the root of an empty Merkle-Patricia trie
M.EMPTY_TRIE_ROOT = "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"
-- keccak256(rlp([])) = sha3Uncles of a block without ommers
M.EMPTY_OMMERS_HASH = "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347"

M.GWEI = 1000000000
M.TRANSFER_GAS = 21000

---------------------------------------------------------------------------------------------
-- conversions

function M.is_null(v) return v == nil or v == NULL end

function M.lower(s)
	if type(s) == "string" then return s:lower() end
	return s
end

-- u256 from a quantity string, decimal string, integer or u256 (returned as is).
function M.u(x)
	assert(x ~= nil and x ~= NULL, "eth.u: no value")
	if type(x) == "userdata" then return x end
	return dlt.u256(x)
end

-- Quantity string ("0x..", no leading zeros) of an integer, string or u256.
function M.qty(x) return M.u(x):hex() end

-- Lua integer of a quantity (for block numbers, nonces, gas: values below 2^53).
function M.int(x)
	if math.type(x) == "integer" then return x end
	local n = math.tointeger(tonumber(tostring(M.u(x))))
	assert(n, "eth.int: not a small integer: " .. tostring(x))
	return n
end

-- "0x.." keccak256 of hex-encoded bytes; keccak_str of a raw Lua string.
function M.keccak_hex(hex) return dlt.hex.encode(dlt.keccak256(dlt.hex.decode(hex))) end
function M.keccak_str(s) return dlt.hex.encode(dlt.keccak256(s)) end

-- Bytes (Lua string, big-endian) -> quantity; "" is 0.
function M.bytes_qty(b)
	if b == "" then return "0x0" end
	return dlt.u256(dlt.hex.encode(b)):hex()
end

-- A hex value left-padded to 32 bytes, "0x" + 64 digits.
function M.word(hex)
	local h = hex:gsub("^0x", ""):lower()
	assert(#h <= 64, "eth.word: longer than 32 bytes")
	return "0x" .. string.rep("0", 64 - #h) .. h
end

---------------------------------------------------------------------------------------------
-- identity of the target

function M.chain_id(node)
	local c = node.params and node.params.chain_id
	assert(c ~= nil, "target " .. tostring(node.name) .. " has no params.chain_id")
	return M.int(c)
end

-- The dev accounts of the target with their keys: { {address = lowercase, key = "0x.."}, ... }.
-- Skips the scenario when there are fewer than n.
function M.accounts(t, node, n)
	n = n or 1
	local list = {}
	local src = node.params and node.params.accounts
	if type(src) == "table" then
		for _, a in ipairs(src) do
			if type(a) == "table" and type(a.key) == "string" then
				local addr = a.address and M.lower(a.address) or dlt.eth.address(dlt.hex.decode(a.key))
				list[#list + 1] = { address = addr, key = a.key }
			end
		end
	end
	if #list < n then
		t:skip(string.format("target %s declares %d dev account(s) with keys in params.accounts, "
			.. "the scenario needs %d; needs funded accounts: --keys FILE (docs/self-certify.md)", tostring(node.name), #list, n))
	end
	return list
end

-- Checks that each dev account's address is the one its key derives (the target file and the
-- scenario agree on who signs).
function M.account(t, node, i)
	local list = M.accounts(t, node, i)
	local a = list[i]
	local derived = dlt.eth.address(dlt.hex.decode(a.key))
	t:need(derived == a.address,
		string.format("params.accounts[%d].address %s is the address of its key (%s)", i, a.address, derived))
	return a
end

local counter = 0
local function unique_bytes(tag)
	counter = counter + 1
	return dlt.keccak256(string.format("dlt-interop/%s/%s/%d/%.6f", tostring(tag), tostring(counter),
		math.random(1, 1 << 30), dlt.now()))
end

-- An address nobody has used: the last 20 bytes of a hash of a tag, a counter and the time.
function M.fresh_address(tag)
	return dlt.hex.encode(unique_bytes(tag):sub(13, 32))
end

-- A fresh private key (0x + 64 hex) and its address.
function M.fresh_key(tag)
	local k = dlt.hex.encode(unique_bytes("key/" .. tostring(tag)))
	return k, dlt.eth.address(dlt.hex.decode(k))
end

---------------------------------------------------------------------------------------------
-- state reads

function M.nonce(node, addr, tag)
	return M.int(node:call("eth_getTransactionCount", { addr, tag or "latest" }))
end

function M.balance(node, addr, tag)
	return dlt.u256(node:call("eth_getBalance", { addr, tag or "latest" }))
end

function M.block(node, which, full)
	if math.type(which) == "integer" then which = M.qty(which) end
	return node:call("eth_getBlockByNumber", { which or "latest", full and true or false })
end

-- Fees to offer: {base_fee, gas_price (legacy), tip, max_fee} as u256, from the latest block's
-- baseFeePerGas and eth_gasPrice. Legacy price and max fee are at least twice the base fee, so
-- a transaction stays valid for a few blocks of rising base fee.
-- When eth_gasPrice fails (it is checked by eth.fee.gas-price, not here), twice the base fee plus
-- one gwei is offered and the failure is logged when t is given.
function M.fees(node, t)
	local latest = M.block(node, "latest")
	local base = dlt.u256(0)
	if type(latest) == "table" and type(latest.baseFeePerGas) == "string" then
		base = dlt.u256(latest.baseFeePerGas)
	end
	local twice = base * dlt.u256(2)
	local gp, err = node:rpc("eth_gasPrice", {})
	local suggested
	if err == nil and M.PRIM.uint(gp) then
		suggested = dlt.u256(gp)
	else
		suggested = twice + dlt.u256(M.GWEI)
		if t then t:log("eth_gasPrice failed (%s); offering %s wei per gas", M.show(err or gp), tostring(suggested)) end
	end
	local gas_price = suggested
	if gas_price < twice then gas_price = twice end
	if gas_price == dlt.u256(0) then gas_price = dlt.u256(M.GWEI) end
	local tip = dlt.u256(M.GWEI)
	return { base_fee = base, gas_price = gas_price, tip = tip, max_fee = twice + tip }
end

-- Fee actually paid by an included transaction: effectiveGasPrice * gasUsed.
function M.fee(receipt)
	return dlt.u256(receipt.effectiveGasPrice) * dlt.u256(receipt.gasUsed)
end

---------------------------------------------------------------------------------------------
-- signing and submission

-- o: {type = 0 | 2, key, chain_id, nonce, to (nil creates), value, data, gas,
--     gas_price (type 0), max_fee, tip (type 2)}. Returns {raw, hash, sender}.
function M.sign(o)
	local value = o.value or 0
	local data = o.data or "0x"
	if (o.type or 2) == 0 then
		return dlt.eth.sign_legacy {
			nonce = o.nonce, gas_price = o.gas_price, gas = o.gas or M.TRANSFER_GAS,
			to = o.to, value = value, data = data, chain_id = o.chain_id, key = o.key,
		}
	end
	return dlt.eth.sign_1559 {
		chain_id = o.chain_id, nonce = o.nonce, max_priority_fee = o.tip, max_fee = o.max_fee,
		gas = o.gas or M.TRANSFER_GAS, to = o.to, value = value, data = data, key = o.key,
	}
end

-- Fills nonce (pending count), chain id and fees of a transaction from the node.
function M.prepare(node, o, t)
	local p = {}
	for k, v in pairs(o) do p[k] = v end
	p.type = p.type or 2
	if p.chain_id == nil then p.chain_id = M.chain_id(node) end
	if p.nonce == nil then
		p.nonce = M.nonce(node, dlt.eth.address(dlt.hex.decode(p.key)), "pending")
	end
	if p.gas_price == nil or p.max_fee == nil or p.tip == nil then
		local f = M.fees(node, t)
		p.gas_price = p.gas_price or f.gas_price
		p.max_fee = p.max_fee or f.max_fee
		p.tip = p.tip or f.tip
	end
	return p
end

-- eth_sendRawTransaction: returns hash, err (err is the JSON-RPC error object).
function M.send_raw(node, raw)
	return node:rpc("eth_sendRawTransaction", { raw })
end

-- Waits for the receipt of hash; nil (and a failed check) after `seconds`.
function M.wait_receipt(t, node, hash, seconds, label)
	return t:wait_until(function()
		local r = node:rpc("eth_getTransactionReceipt", { hash })
		if type(r) == "table" then return r end
		return nil
	end, seconds or 60, label or ("receipt of " .. tostring(hash)))
end

-- eth_getTransactionByHash of an included transaction. Some nodes answer the transaction as
-- still pending (blockHash null) for a moment after its receipt exists (seen on anvil 1.7.1);
-- this waits up to 5 s for the lookup to name a block and logs when it had to wait, so the
-- checks that follow compare the included transaction. Returns the transaction object.
function M.tx_included(t, node, hash)
	local first = node:call("eth_getTransactionByHash", { hash })
	if type(first) ~= "table" or not M.is_null(first.blockHash) then return first end
	local t0 = dlt.now()
	local tx = t:wait_until(function()
		local x = node:rpc("eth_getTransactionByHash", { hash })
		if type(x) == "table" and not M.is_null(x.blockHash) then return x end
		return nil
	end, 5, "eth_getTransactionByHash names the block of " .. tostring(hash))
	t:log("eth_getTransactionByHash(%s) answered the transaction as pending after its receipt existed; "
		.. "it named the block %.2f s later", tostring(hash), dlt.now() - t0)
	return tx or first
end

-- Replaces transactions of acct that wait in the pool (pending nonce above the latest nonce),
-- left by an earlier scenario whose node wrongly accepted something, with self-transfers at
-- four times the fees, so that this scenario starts from a clean account. A replacement the node
-- refuses (its fees do not beat the waiting transaction's by the node's bump, e.g. a legacy
-- transaction priced when the base fee was higher) is sent again at twice the fees, up to 1024
-- times the suggestion. Inconclusive when that does not help.
function M.unstick(t, node, acct)
	local latest = M.nonce(node, acct.address, "latest")
	local pending = M.nonce(node, acct.address, "pending")
	if pending <= latest then return end
	t:log("%s has %d transaction(s) waiting in the pool (nonces %d..%d): replacing them",
		acct.address, pending - latest, latest, pending - 1)
	local f = M.fees(node, t)
	for n = latest, pending - 1 do
		local factor = 4
		while true do
			local signed = M.sign({ type = 2, key = acct.key, chain_id = M.chain_id(node), nonce = n, to = acct.address,
				value = 0, max_fee = f.max_fee * dlt.u256(factor), tip = f.tip * dlt.u256(factor) })
			local _, err = M.send_raw(node, signed.raw)
			if not err then break end
			t:log("replacement of nonce %d at %d times the suggested fees refused: %s", n, factor, M.show(err))
			if factor >= 1024 then break end
			factor = factor * 2
		end
	end
	local deadline = dlt.now() + 30
	while dlt.now() < deadline do
		if M.nonce(node, acct.address, "latest") >= pending then return end
		t:sleep(0.2)
	end
	t:inconclusive(string.format("%s keeps transactions waiting in the pool from an earlier scenario", acct.address))
end

-- Signs, submits and waits for the receipt; stops the scenario (t:need) when the node refuses
-- or no receipt comes. Returns {tx = prepared fields, signed = {raw, hash, sender}, hash,
-- receipt}.
function M.transact(t, node, o, label)
	label = label or "transaction"
	local p = M.prepare(node, o, t)
	local signed = M.sign(p)
	local hash, err = M.send_raw(node, signed.raw)
	t:need(err == nil, string.format("%s accepted by eth_sendRawTransaction%s", label,
		err and (": error " .. tostring(err.code) .. " " .. tostring(err.message)) or ""))
	local receipt = M.wait_receipt(t, node, hash, o.wait or 60, label .. " receipt")
	t:need(receipt ~= nil, label .. " has a receipt")
	return { tx = p, signed = signed, hash = hash, receipt = receipt }
end

-- Deploys init code (hex) from account {address, key}; returns transact()'s table plus
-- .address (receipt.contractAddress, lowercase) and .expected_address (CREATE rule).
function M.deploy(t, node, acct, init, o)
	o = o or {}
	local p = { type = o.type or 2, key = acct.key, to = nil, value = o.value or 0, data = init,
		gas = o.gas or 500000 }
	p = M.prepare(node, p, t)
	local r = M.transact(t, node, p, o.label or "contract creation")
	r.expected_address = M.lower(dlt.eth.create_address(acct.address, p.nonce))
	r.address = M.lower(r.receipt.contractAddress)
	return r
end

-- Precondition: the runner's signer reproduces the signing vectors (vectors/eip155-example.json
-- for kind 0, vectors/eip1559.json for kind 2); otherwise a node's answer to our transactions
-- says nothing about the node and the scenario is inconclusive.
function M.check_signer(t, kind)
	local id = kind == 0 and "eip155-example" or "eip1559"
	local v = t:vector(id)
	for _, c in ipairs(v.cases or {}) do
		local want
		if kind == 0 then
			want = c.expected.raw
		else
			local inner = dlt.rlp.decode(dlt.hex.decode(c.expected.wrapped))
			want = type(inner) == "string" and dlt.hex.encode(inner) or nil
		end
		local ok, signed = pcall(kind == 0 and dlt.eth.sign_legacy or dlt.eth.sign_1559, c.input)
		if not ok or type(signed) ~= "table" or M.lower(signed.raw) ~= M.lower(want) then
			t:inconclusive(string.format("the runner's %s signer does not reproduce vector %s case %s",
				kind == 0 and "legacy" or "EIP-1559", id, tostring(c.name)))
		end
		if kind == 0 and c.expected.hash and M.lower(signed.hash) ~= M.lower(c.expected.hash) then
			t:inconclusive("the runner's legacy transaction hash does not reproduce vector " .. id)
		end
	end
	t:log("the runner's %s signer reproduces vector %s", kind == 0 and "legacy" or "EIP-1559", id)
end

-- A dev account to send from that is not the block producer of the latest block (a producer
-- that is also the sender gets the tip back, which would blur balance checks). Skips when the
-- target declares no keys.
function M.sender(t, node, avoid)
	local list = M.accounts(t, node, 1)
	local latest = M.block(node, "latest")
	local miner = type(latest) == "table" and M.lower(latest.miner) or nil
	local chosen
	for i = 1, #list do
		local a = list[i]
		if a.address ~= miner and a.address ~= avoid then chosen = M.account(t, node, i) break end
	end
	chosen = chosen or M.account(t, node, 1)
	M.unstick(t, node, chosen)
	return chosen
end

-- Sends `value` wei from a dev account to a fresh address with a raw transaction of type o.type
-- (0 legacy EIP-155, 2 EIP-1559) and checks what any value transfer must satisfy: the returned
-- hash is keccak256 of the raw bytes, the receipt (status 1, 21000 gas, from/to, no logs, no
-- contract address), the exact balance changes (value + effectiveGasPrice * gasUsed), the nonce
-- step, and the fields of eth_getTransactionByHash that every type shares. Returns a table with
-- what type-specific checks need.
function M.checked_transfer(t, node, o)
	local kind = o.type
	local acct = M.sender(t, node)
	local to = M.fresh_address(o.tag or "transfer")
	local value = M.u(o.value or 1000000007)
	local chain = M.chain_id(node)
	local n0 = M.nonce(node, acct.address, "latest")
	local pending = M.nonce(node, acct.address, "pending")
	if pending ~= n0 then
		t:inconclusive(string.format("%s has %d pending transaction(s) from earlier runs", acct.address, pending - n0))
	end
	local from0 = M.balance(node, acct.address)
	local to0 = M.balance(node, to)
	t:need(to0 == dlt.u256(0), "the fresh recipient " .. to .. " starts with a zero balance")
	local p = M.prepare(node, { type = kind, key = acct.key, to = to, value = value, nonce = n0, chain_id = chain }, t)
	local signed = M.sign(p)
	t:eq(M.lower(signed.sender), acct.address, "the signer's sender is the dev account")
	local hash, err = M.send_raw(node, signed.raw)
	t:need(err == nil, "eth_sendRawTransaction accepts the transaction" ..
		(err and (": error " .. M.show(err)) or ""))
	t:ok(M.PRIM.hash32(hash), "the returned hash is a hash32", M.show(hash))
	t:eq(hash, M.keccak_hex(signed.raw), "the returned hash is keccak256 of the raw bytes")
	t:eq(hash, M.lower(signed.hash), "the returned hash equals the signer's hash")
	local receipt = M.wait_receipt(t, node, hash, o.wait or 60, "receipt")
	t:need(receipt ~= nil, "the transaction has a receipt")
	t:eq(receipt.status, "0x1", "receipt status")
	t:eq(receipt.gasUsed, "0x5208", "receipt gasUsed (21000)")
	t:eq(receipt.transactionHash, hash, "receipt transactionHash")
	t:eq(M.lower(receipt.from), acct.address, "receipt from")
	t:eq(M.lower(receipt.to), to, "receipt to")
	t:ok(M.is_null(receipt.contractAddress), "receipt contractAddress is null", M.show(receipt.contractAddress))
	t:ok(M.is_array(receipt.logs) and #receipt.logs == 0, "receipt logs is an empty array", M.show(receipt.logs))
	if receipt.type ~= nil then t:eq(receipt.type, kind == 0 and "0x0" or "0x2", "receipt type") end
	local fee = M.fee(receipt)
	local from1 = M.balance(node, acct.address)
	local to1 = M.balance(node, to)
	t:eq(to1, value, "the recipient's balance is the value sent")
	t:eq(from1 + value + fee, from0, "the sender's balance fell by exactly value + effectiveGasPrice * gasUsed")
	t:eq(M.nonce(node, acct.address, "latest"), n0 + 1, "the sender's nonce rose by one")
	local tx = M.tx_included(t, node, hash)
	t:need(type(tx) == "table", "eth_getTransactionByHash finds the transaction")
	local dec = M.decode_raw(signed.raw)
	t:eq(tx.hash, hash, "tx hash")
	t:eq(M.lower(tx.from), acct.address, "tx from (recovered sender)")
	t:eq(M.lower(tx.to), to, "tx to")
	t:eq(tx.value, M.qty(value), "tx value")
	t:eq(tx.nonce, M.qty(n0), "tx nonce")
	t:eq(tx.gas, M.qty(M.TRANSFER_GAS), "tx gas")
	t:eq(tx.input, "0x", "tx input")
	t:eq(tx.r, dec.r, "tx r is the signature's r")
	t:eq(tx.s, dec.s, "tx s is the signature's s")
	t:eq(tx.blockHash, receipt.blockHash, "tx blockHash is the receipt's")
	t:eq(tx.blockNumber, receipt.blockNumber, "tx blockNumber is the receipt's")
	local block = node:call("eth_getBlockByHash", { receipt.blockHash, false })
	return { acct = acct, to = to, value = value, chain = chain, p = p, signed = signed, hash = hash,
		receipt = receipt, tx = tx, dec = dec, fee = fee, n0 = n0, block = block }
end

-- Decodes a signed raw transaction (legacy or type 2) into the JSON-RPC field names, as
-- quantities and lowercase data: {type, chainId, nonce, gas, to, value, input, gasPrice |
-- maxFeePerGas + maxPriorityFeePerGas, v, yParity, r, s}.
function M.decode_raw(raw)
	local bytes = dlt.hex.decode(raw)
	local first = bytes:byte(1)
	local f = {}
	local function addr(b) if b == "" then return NULL end return dlt.hex.encode(b) end
	if first >= 0xc0 then
		local l = assert(dlt.rlp.decode(bytes))
		f.type = "0x0"
		f.nonce, f.gasPrice, f.gas = M.bytes_qty(l[1]), M.bytes_qty(l[2]), M.bytes_qty(l[3])
		f.to, f.value, f.input = addr(l[4]), M.bytes_qty(l[5]), dlt.hex.encode(l[6])
		f.v, f.r, f.s = M.bytes_qty(l[7]), M.bytes_qty(l[8]), M.bytes_qty(l[9])
		local v = M.int(f.v)
		if v >= 35 then f.chainId = M.qty((v - 35) // 2) end
		return f
	elseif first == 2 then
		local l = assert(dlt.rlp.decode(bytes:sub(2)))
		f.type = "0x2"
		f.chainId, f.nonce = M.bytes_qty(l[1]), M.bytes_qty(l[2])
		f.maxPriorityFeePerGas, f.maxFeePerGas = M.bytes_qty(l[3]), M.bytes_qty(l[4])
		f.gas, f.to, f.value = M.bytes_qty(l[5]), addr(l[6]), M.bytes_qty(l[7])
		f.input = dlt.hex.encode(l[8])
		f.yParity, f.r, f.s = M.bytes_qty(l[10]), M.bytes_qty(l[11]), M.bytes_qty(l[12])
		return f
	end
	error("eth.decode_raw: unsupported transaction type " .. tostring(first))
end

-- The header fields of a block, in the order the header is RLP-encoded (Yellow Paper 4.3,
-- with the fields later forks append: EIP-1559 baseFeePerGas, EIP-4895 withdrawalsRoot,
-- EIP-4844 blobGasUsed and excessBlobGas, EIP-4788 parentBeaconBlockRoot, EIP-7685
-- requestsHash), and whether each is a quantity (a minimal big-endian integer) or data.
M.HEADER_FIELDS = {
	{ "parentHash" }, { "sha3Uncles" }, { "miner" }, { "stateRoot" }, { "transactionsRoot" },
	{ "receiptsRoot" }, { "logsBloom" }, { "difficulty", true }, { "number", true },
	{ "gasLimit", true }, { "gasUsed", true }, { "timestamp", true }, { "extraData" },
	{ "mixHash" }, { "nonce" }, { "baseFeePerGas", true }, { "withdrawalsRoot" },
	{ "blobGasUsed", true }, { "excessBlobGas", true }, { "parentBeaconBlockRoot" },
	{ "requestsHash" },
}

-- The RLP of a block's header from the fields of an eth_getBlockBy* answer (the fields up to
-- the first one the answer lacks) and its keccak256, the block hash: {rlp = bytes, hash = hex,
-- fields = n}.
function M.header_hash(block)
	local items = {}
	for _, f in ipairs(M.HEADER_FIELDS) do
		local v = block[f[1]]
		if v == nil or v == NULL then break end
		items[#items + 1] = f[2] and M.u(v) or dlt.hex.decode(v)
	end
	local rlp = dlt.rlp.encode(items)
	return { rlp = rlp, hash = dlt.hex.encode(dlt.keccak256(rlp)), fields = #items }
end

---------------------------------------------------------------------------------------------
-- JSON-RPC envelope helpers

-- A short printable form of any value (JSON for tables), for check details and logs.
function M.show(v)
	if v == nil then return "nil" end
	if type(v) == "table" or v == NULL then
		local ok, s = pcall(dlt.json.encode, v)
		if ok then
			if #s > 400 then s = s:sub(1, 397) .. "..." end
			return s
		end
	end
	return tostring(v)
end

-- An error object per JSON-RPC 2.0 section 5.1: integer code, string message.
function M.check_error_object(t, e, label)
	t:ok(type(e) == "table" and e ~= NULL, label .. ": error is an object", M.show(e))
	if type(e) ~= "table" or e == NULL then return end
	t:ok(math.type(e.code) == "integer", label .. ": error.code is an integer", M.show(e.code))
	t:ok(type(e.message) == "string", label .. ": error.message is a string", M.show(e.message))
end

-- Checks a decoded single response envelope: jsonrpc "2.0", the id, exactly one of
-- result/error. id_expected may be dlt.null.
function M.check_envelope(t, env, id_expected, label)
	t:need(type(env) == "table", label .. ": response is a JSON object")
	t:eq(env.jsonrpc, "2.0", label .. ": jsonrpc member")
	t:eq(env.id, id_expected, label .. ": id")
	local has_result = env.result ~= nil
	local has_error = env.error ~= nil
	t:ok(has_result ~= has_error, label .. ": exactly one of result and error",
		{ result = has_result, error = has_error })
end

---------------------------------------------------------------------------------------------
-- execution-apis schema validation
--
-- A schema is a primitive name (below) or a table built with the constructors of M.schema.
-- M.validate(value, schema) returns a list of problems ("$.path: expected uint, got \"0x01\"").

local ARRAY_MT = getmetatable(dlt.array({}))
local OBJECT_MT = getmetatable(dlt.object({}))

if ARRAY_MT == OBJECT_MT then ARRAY_MT, OBJECT_MT = nil, nil end

local function is_array(v)
	if type(v) ~= "table" or v == NULL then return false end
	local mt = getmetatable(v)
	if ARRAY_MT ~= nil and mt == ARRAY_MT then return true end
	if OBJECT_MT ~= nil and mt == OBJECT_MT then return false end
	-- no distinguishing metatable: a sequence (an empty table counts as both)
	local n = 0
	for _ in pairs(v) do n = n + 1 end
	return n == #v
end

local function is_object(v)
	if type(v) ~= "table" or v == NULL then return false end
	local mt = getmetatable(v)
	if ARRAY_MT ~= nil and mt == ARRAY_MT then return false end
	if OBJECT_MT ~= nil and mt == OBJECT_MT then return true end
	if next(v) == nil then return true end
	return not is_array(v)
end
M.is_array, M.is_object = is_array, is_object

local function hexdigits(v, lower)
	if type(v) ~= "string" or v:sub(1, 2) ~= "0x" then return nil end
	local d = v:sub(3)
	if lower then
		if d:find("[^0-9a-f]") then return nil end
	elseif d:find("[^0-9a-fA-F]") then
		return nil
	end
	return d
end

local function uint_max(maxdigits)
	return function(v)
		local d = hexdigits(v, true)
		if not d or d == "" then return false end
		if d ~= "0" and d:sub(1, 1) == "0" then return false end
		return maxdigits == nil or #d <= maxdigits
	end
end

local function bytes_n(n)
	return function(v)
		local d = hexdigits(v, true)
		return d ~= nil and #d == 2 * n
	end
end

-- base-types.yaml of execution-apis, exactly
local PRIM = {
	uint = uint_max(nil),
	uint64 = uint_max(16),
	uint256 = uint_max(64),
	bytes = function(v) local d = hexdigits(v, true) return d ~= nil and #d % 2 == 0 end,
	byte = function(v) local d = hexdigits(v, true) return d ~= nil and #d >= 1 and #d <= 2 end,
	bytes8 = bytes_n(8),
	bytes32 = bytes_n(32),
	hash32 = bytes_n(32),
	bytes256 = bytes_n(256),
	bytesMax32 = function(v) local d = hexdigits(v, true) return d ~= nil and #d <= 64 end,
	address = function(v) local d = hexdigits(v, false) return d ~= nil and #d == 40 end,
	ratio = function(v) return type(v) == "number" and v >= 0 and v <= 1 end,
	boolean = function(v) return type(v) == "boolean" end,
	string = function(v) return type(v) == "string" end,
	number = function(v) return type(v) == "number" end,
	integer = function(v) return math.type(v) == "integer" end,
	null = function(v) return v == NULL end,
	any = function(v) return v ~= nil end,
}
M.PRIM = PRIM

local S = {}
M.schema = S

-- object: required = {name = schema}, optional = {name = schema}, closed = true forbids others
function S.object(required, optional, closed)
	return { kind = "object", required = required or {}, optional = optional or {}, closed = closed }
end
function S.array(items, min, max) return { kind = "array", items = items, min = min, max = max } end
function S.nullable(s) return { kind = "oneof", "null", s } end
function S.oneof(...) return { kind = "oneof", ... } end
function S.const(v) return { kind = "const", value = v } end

local function show(v)
	if v == nil then return "absent" end
	if v == NULL then return "null" end
	if type(v) == "string" then
		if #v > 80 then return string.format("%q", v:sub(1, 77) .. "...") end
		return string.format("%q", v)
	end
	if type(v) == "table" then return is_array(v) and "an array" or "an object" end
	return tostring(v)
end

local function sorted_keys(tab)
	local keys = {}
	for k in pairs(tab) do keys[#keys + 1] = k end
	table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
	return keys
end

local function validate(v, s, path, out)
	if type(s) == "string" then
		local f = PRIM[s]
		assert(f, "eth.validate: unknown primitive " .. s)
		if not f(v) then out[#out + 1] = string.format("%s: expected %s, got %s", path, s, show(v)) end
		return
	end
	if s.kind == "const" then
		if v ~= s.value then
			out[#out + 1] = string.format("%s: expected %s, got %s", path, show(s.value), show(v))
		end
	elseif s.kind == "object" then
		if not is_object(v) then
			out[#out + 1] = string.format("%s: expected an object, got %s", path, show(v))
			return
		end
		for _, k in ipairs(sorted_keys(s.required)) do
			if v[k] == nil then
				out[#out + 1] = string.format("%s.%s: required field is absent", path, k)
			else
				validate(v[k], s.required[k], path .. "." .. k, out)
			end
		end
		for _, k in ipairs(sorted_keys(s.optional)) do
			if v[k] ~= nil then validate(v[k], s.optional[k], path .. "." .. k, out) end
		end
		if s.closed then
			for _, k in ipairs(sorted_keys(v)) do
				if s.required[k] == nil and s.optional[k] == nil then
					out[#out + 1] = string.format("%s.%s: field not in the schema (additionalProperties: false), value %s",
						path, tostring(k), show(v[k]))
				end
			end
		end
	elseif s.kind == "array" then
		if not is_array(v) then
			out[#out + 1] = string.format("%s: expected an array, got %s", path, show(v))
			return
		end
		if s.min and #v < s.min then out[#out + 1] = string.format("%s: at least %d items, got %d", path, s.min, #v) end
		if s.max and #v > s.max then out[#out + 1] = string.format("%s: at most %d items, got %d", path, s.max, #v) end
		for i = 1, #v do validate(v[i], s.items, string.format("%s[%d]", path, i - 1), out) end
	elseif s.kind == "oneof" then
		local best
		for i = 1, #s do
			local sub = {}
			validate(v, s[i], path, sub)
			if #sub == 0 then return end
			if best == nil or #sub < #best then best = sub end
		end
		if best then
			for _, p in ipairs(best) do out[#out + 1] = p end
		end
	else
		error("eth.validate: bad schema")
	end
end

function M.validate(v, s)
	local out = {}
	validate(v, s, "$", out)
	return out
end

-- One check: the value matches the schema; the problems are the check's detail.
function M.check_schema(t, v, s, label)
	local problems = M.validate(v, s)
	t:ok(#problems == 0, label, #problems > 0 and table.concat(problems, "; ") or nil)
	return #problems == 0
end

-- The objects, from execution-apis src/schemas (block.yaml, transaction.yaml, receipt.yaml,
-- state.yaml, withdrawal.yaml); required/optional as the YAML says.
local addr_or_null = S.nullable("address")

S.Withdrawal = S.object({ index = "uint64", validatorIndex = "uint64", address = "address", amount = "uint256" })

S.Block = S.object({
	hash = "hash32", parentHash = "hash32", sha3Uncles = "hash32", miner = "address",
	stateRoot = "hash32", transactionsRoot = "hash32", receiptsRoot = "hash32",
	logsBloom = "bytes256", number = "uint", gasLimit = "uint", gasUsed = "uint",
	timestamp = "uint", extraData = "bytes", mixHash = "hash32", nonce = "bytes8",
	size = "uint", transactions = "any", uncles = S.array("hash32"),
}, {
	difficulty = "uint", baseFeePerGas = "uint", withdrawalsRoot = "hash32",
	blobGasUsed = "uint", excessBlobGas = "uint", parentBeaconBlockRoot = "hash32",
	withdrawals = S.array(S.Withdrawal), requestsHash = "hash32", blockAccessListHash = "hash32",
})

local AccessList = S.array(S.object({ address = "address", storageKeys = S.array("hash32") }, nil, true))

-- TransactionInfo = contextual fields + one of the signed transaction kinds the suite sends.
local function tx_info(kind)
	local req = {
		blockHash = "hash32", blockNumber = "uint", blockTimestamp = "uint", from = "address",
		hash = "hash32", transactionIndex = "uint",
		nonce = "uint", gas = "uint", value = "uint", input = "bytes", r = "uint", s = "uint",
	}
	local opt = { to = addr_or_null }
	if kind == 0 then
		req.type = S.const("0x0"); req.gasPrice = "uint"; req.v = "uint"; opt.chainId = "uint"
	elseif kind == 2 then
		req.type = S.const("0x2"); req.maxFeePerGas = "uint"; req.maxPriorityFeePerGas = "uint"
		req.gasPrice = "uint"; req.chainId = "uint"; req.accessList = AccessList; req.yParity = "byte"
		opt.v = "byte"
	end
	return S.object(req, opt)
end
S.TransactionInfoLegacy = tx_info(0)
S.TransactionInfo1559 = tx_info(2)

S.Log = S.object({ transactionHash = "hash32" }, {
	removed = "boolean", logIndex = "uint", transactionIndex = "uint", blockHash = "hash32",
	blockNumber = "uint", blockTimestamp = "uint", address = "address", data = "bytes",
	topics = S.array("bytes32"),
}, true)

S.ReceiptInfo = S.object({
	blockHash = "hash32", blockNumber = "uint", from = "address", cumulativeGasUsed = "uint",
	gasUsed = "uint", logs = S.array(S.Log), logsBloom = "bytes256", transactionHash = "hash32",
	transactionIndex = "uint", effectiveGasPrice = "uint",
}, {
	type = "byte", to = addr_or_null, blobGasUsed = "uint", contractAddress = addr_or_null,
	root = "hash32", status = "uint", blobGasPrice = "uint",
}, true)

S.StorageProof = S.object({ key = "bytesMax32", value = "uint256", proof = S.array("bytes") }, nil, true)
S.AccountProof = S.object({
	address = "address", accountProof = S.array("bytes"), balance = "uint256", codeHash = "hash32",
	nonce = "uint64", storageHash = "hash32", storageProof = S.array(S.StorageProof),
}, nil, true)

---------------------------------------------------------------------------------------------
-- logs bloom (Yellow Paper 4.3.1): for each of address and topics, three bits; bit index =
-- low 11 bits of byte pairs (0,1), (2,3), (4,5) of keccak256(x); bit i lives in byte
-- 255 - i // 8 at position i % 8.

function M.bloom_bits(bytes)
	local h = dlt.keccak256(bytes)
	local bits = {}
	for i = 0, 2 do
		local v = ((h:byte(2 * i + 1) << 8) | h:byte(2 * i + 2)) & 2047
		bits[#bits + 1] = v
	end
	return bits
end

-- Whether the bloom (hex of 256 bytes) has all three bits of `bytes` set.
function M.bloom_has(bloom_hex, bytes)
	local b = dlt.hex.decode(bloom_hex)
	if #b ~= 256 then return false end
	for _, v in ipairs(M.bloom_bits(bytes)) do
		local byte = b:byte(256 - v // 8)
		if (byte >> (v % 8)) & 1 == 0 then return false end
	end
	return true
end

---------------------------------------------------------------------------------------------
-- Merkle-Patricia proofs (Yellow Paper appendix D; EIP-1186)

local function nibbles(bytes)
	local n = {}
	for i = 1, #bytes do
		local c = bytes:byte(i)
		n[#n + 1] = c >> 4
		n[#n + 1] = c & 15
	end
	return n
end

-- Hex-prefix decoding of a leaf/extension path: returns nibbles, is_leaf.
local function hp_decode(bytes)
	local n = nibbles(bytes)
	local flag = n[1]
	if flag == nil or flag > 3 then return nil end
	local start = (flag % 2 == 1) and 2 or 3
	local path = {}
	for i = start, #n do path[#path + 1] = n[i] end
	return path, flag >= 2
end

-- Verifies a proof (array of hex RLP nodes) of `key` (raw bytes, already hashed as the trie
-- uses it) against root (hex). Returns value bytes, or false when the proof shows the key is
-- absent; nil, reason when the proof is invalid.
function M.verify_proof(root_hex, key, proof)
	local path = nibbles(key)
	local pos = 1
	local want = dlt.hex.decode(root_hex)   -- a 32-byte hash, or an inline node (decoded table)
	local i = 1
	local node
	local steps = 0
	while true do
		if type(want) == "string" then
			if #want == 0 then return false end
			local enc = proof[i]
			if enc == nil then return nil, string.format("proof ends after %d node(s) before the key is resolved", i - 1) end
			local raw = dlt.hex.decode(enc)
			if dlt.keccak256(raw) ~= want then
				return nil, string.format("node %d does not hash to the reference of its parent (%s)", i - 1,
					dlt.hex.encode(want))
			end
			i = i + 1
			local err
			node, err = dlt.rlp.decode(raw)
			if not node then return nil, string.format("node %d is not RLP: %s", i - 2, tostring(err)) end
		else
			node = want   -- inline node (RLP shorter than 32 bytes, embedded in its parent)
		end
		if node == "" then return false end   -- rlp("") is the root node of the empty trie
		if type(node) ~= "table" then return nil, "a trie node is not a list" end
		if #node == 17 then
			if pos > #path then
				if node[17] == "" then return false end
				return node[17]
			end
			want = node[path[pos] + 1]
			pos = pos + 1
		elseif #node == 2 then
			local p, leaf = hp_decode(node[1])
			if not p then return nil, "bad hex-prefix path" end
			for j = 1, #p do
				if path[pos + j - 1] ~= p[j] then return false end
			end
			pos = pos + #p
			if leaf then
				if pos ~= #path + 1 then return false end
				return node[2]
			end
			want = node[2]
		else
			return nil, string.format("a trie node has %d items (17 or 2 expected)", #node)
		end
		steps = steps + 1
		if steps > 200 then return nil, "proof does not terminate" end
	end
end

return M
