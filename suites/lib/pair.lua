-- suites/lib/pair.lua: helpers for the two-target scenarios of suites/ethereum-pairs/
-- (roles = {"a", "b"}; docs/suite-ethereum-pairs.md).
--
-- A pair scenario makes two kinds of checks (ETSI TS 118 113 keeps them apart):
--   * protocol checks: one node against a specification (t:eq, t:ok, ... after t:subject(node));
--   * interoperability checks: t:same(a_value, b_value, label), which records every differing
--     JSON path as a divergence (A's value, B's value).
-- The helpers here prepare what both sides must see alike (the same signed transaction, the
-- same contract), and reduce answers to what a specification fixes (forms of fields, error
-- classes), so that t:same compares only what implementations must agree on.
--
-- Signing: when both targets are configured with the same chain id, one transaction is signed
-- once and the same raw bytes go to both ("same" mode). The sender is a fresh key funded on both
-- nodes with the same amount, so it has nonce 0 and the same balance on both: hashes, contract
-- addresses and balance deltas can then be compared exactly. When the chain ids differ (EIP-155
-- binds a signature to one chain), the same transaction content is signed once per chain from
-- each node's own dev account ("own" mode); hashes, signatures and CREATE addresses are then
-- per-chain values and only their relation to each side's inputs is compared.
local eth = require "eth"

local M = {}

local NULL = dlt.null
local ETHER = dlt.u256("1000000000000000000")
M.ETHER = ETHER

---------------------------------------------------------------------------------------------
-- the pair

function M.nodes(t) return t.a, t.b end

function M.same_chain(t)
	return eth.chain_id(t.a) == eth.chain_id(t.b)
end

-- Stops the scenario (skip) unless both targets are configured for the same chain id: what it
-- compares is bound to one chain (a signed raw transaction, a genesis state).
function M.need_same_chain(t, what)
	local ca, cb = eth.chain_id(t.a), eth.chain_id(t.b)
	if ca ~= cb then
		t:skip(string.format("%s and %s are configured for different chains (chain id %d and %d): %s",
			t.a.name, t.b.name, ca, cb, what or "the scenario compares values bound to one chain"))
	end
end

-- Calls fn(node, side) for a then b, with the protocol subject set to that node; returns the
-- two results as {a = ..., b = ...}. t:subject is reset afterwards.
function M.each(t, fn)
	local out = {}
	for _, side in ipairs({ "a", "b" }) do
		t:subject(t[side])
		out[side] = fn(t[side], side)
	end
	t:subject(nil)
	return out
end

---------------------------------------------------------------------------------------------
-- forms: what an answer looks like, without the values implementations legitimately choose

-- The encoding class of a JSON-RPC value: "absent", "null", "quantity", "data" (0x + even
-- number of hex digits that is not also a valid quantity), "hex-odd" (0x + odd digits, not a
-- quantity), "hex-leading-zero" (a quantity-like value with a leading zero), "bool",
-- "number", "string", "array", "object".
function M.form(v)
	if v == nil then return "absent" end
	if v == NULL then return "null" end
	local ty = type(v)
	if ty == "boolean" then return "bool" end
	if ty == "number" then return "number" end
	if ty == "table" then return eth.is_array(v) and "array" or "object" end
	if ty ~= "string" then return ty end
	local d = v:match("^0x([0-9a-fA-F]*)$")
	if not d then return "string" end
	if d == "0" then return "quantity" end
	if d == "" then return "data" end
	if d:sub(1, 1) ~= "0" and #d % 2 == 1 then return "quantity" end
	if d:sub(1, 1) ~= "0" then return "quantity|data" end
	if #d % 2 == 0 then return "data" end
	return "hex-odd"
end

-- Narrows the ambiguous form "quantity|data" (e.g. "0x12": valid as both): by the field's
-- type when `types` names it ("quantity" | "data"), else by length: 8, 20, 32 or 256 bytes
-- (nonce, address, hash, bloom) are data, anything else a quantity.
local function narrow(f, v, ty)
	if f ~= "quantity|data" then return f end
	if ty then return ty end
	local n = #v - 2
	if n == 16 or n == 40 or n == 64 or n == 512 then return "data" end
	return "quantity"
end

-- The forms of every member of an object (arrays: the form of the array and of its first
-- element, under "name[]"), see M.form; `types` maps member names to "quantity" or "data"
-- for the values that are valid as both.
M.TYPES = {}
for _, k in ipairs({ "number", "gasLimit", "gasUsed", "timestamp", "size", "difficulty", "totalDifficulty",
	"baseFeePerGas", "blobGasUsed", "excessBlobGas", "r", "s", "v", "yParity", "gas", "gasPrice", "maxFeePerGas",
	"maxPriorityFeePerGas", "maxFeePerBlobGas", "value", "chainId", "type", "transactionIndex", "blockNumber",
	"blockTimestamp", "logIndex", "status", "cumulativeGasUsed", "effectiveGasPrice", "blobGasPrice" }) do
	M.TYPES[k] = "quantity"
end
for _, k in ipairs({ "hash", "parentHash", "sha3Uncles", "miner", "stateRoot", "transactionsRoot", "receiptsRoot",
	"logsBloom", "extraData", "mixHash", "withdrawalsRoot", "parentBeaconBlockRoot", "requestsHash", "blockHash",
	"transactionHash", "from", "to", "contractAddress", "address", "data", "input", "topics[]", "transactions[]",
	"uncles[]" }) do
	M.TYPES[k] = "data"
end

function M.forms(obj, types)
	local given = types or {}
	types = setmetatable({}, { __index = function(_, k)
		local v = given[k]
		if v == nil then v = M.TYPES[k] end
		return v
	end })
	local out = dlt.object({})
	if type(obj) ~= "table" or obj == NULL then return out end
	for k, v in pairs(obj) do
		local f = narrow(M.form(v), v, types[k])
		out[k] = f
		if f == "array" and v[1] ~= nil then
			out[k .. "[]"] = narrow(M.form(v[1]), v[1], types[k .. "[]"])
		end
	end
	return out
end

-- The hardfork a node runs, as an ordinal, from the fields of its latest block: 0 before
-- London, 1 London (baseFeePerGas), 2 Shanghai (withdrawalsRoot), 3 Cancun
-- (parentBeaconBlockRoot), 4 Prague (requestsHash). Gas rules differ between forks (e.g.
-- EIP-7623's calldata floor from Prague), so pair scenarios compare fork-dependent values
-- only between nodes of the same fork.
M.FORKS = { [0] = "pre-London", "London", "Shanghai", "Cancun", "Prague" }
function M.fork(node)
	local b = node:call("eth_getBlockByNumber", { "latest", false })
	if type(b) ~= "table" then return 0 end
	if b.requestsHash ~= nil then return 4 end
	if b.parentBeaconBlockRoot ~= nil then return 3 end
	if b.withdrawalsRoot ~= nil then return 2 end
	if b.baseFeePerGas ~= nil then return 1 end
	return 0
end

-- Keeps the listed keys of an object (absent stays absent, JSON null stays null).
function M.pick(obj, keys)
	local out = dlt.object({})
	if type(obj) ~= "table" or obj == NULL then return out end
	for _, k in ipairs(keys) do out[k] = obj[k] end
	return out
end

-- Drops the listed keys from a shallow copy.
function M.omit(obj, keys)
	local out = dlt.object({})
	if type(obj) ~= "table" or obj == NULL then return out end
	local drop = {}
	for _, k in ipairs(keys) do drop[k] = true end
	for k, v in pairs(obj) do
		if not drop[k] then out[k] = v end
	end
	return out
end

-- Lowercases every string value (addresses are case-insensitive; EIP-55 is a presentation).
function M.lower_all(v)
	if type(v) == "string" then return v:lower() end
	if type(v) ~= "table" or v == NULL then return v end
	local out = eth.is_array(v) and dlt.array({}) or dlt.object({})
	for k, x in pairs(v) do out[k] = M.lower_all(x) end
	return out
end

-- The sorted member names of an object, as a JSON array.
function M.keys(obj)
	local ks = {}
	if type(obj) == "table" and obj ~= NULL then
		for k in pairs(obj) do ks[#ks + 1] = k end
	end
	table.sort(ks)
	return dlt.array(ks)
end

-- Whether gas values of the given kind follow the same rules on both nodes: nil when they do,
-- else the reason (for t:log) why they legitimately differ:
--   "creation": EIP-3860 (Shanghai) charges 2 gas per 32-byte word of init code;
--   "calldata": EIP-7623 (Prague) raises calldata-heavy transactions to a floor.
-- Plain transfers and calls without input follow the same rules on every fork since London.
function M.gas_rules_differ(t, kind)
	local fa, fb = M.fork(t.a), M.fork(t.b)
	local boundary = ({ creation = 2, calldata = 4 })[kind]
	if boundary and (fa >= boundary) ~= (fb >= boundary) then
		return string.format("%s runs %s and %s runs %s: %s gas is not compared (%s)", t.a.name, M.FORKS[fa],
			t.b.name, M.FORKS[fb], kind, kind == "creation" and "EIP-3860 init code cost from Shanghai"
			or "EIP-7623 calldata floor from Prague")
	end
	return nil
end

-- The form of a value that should be of the given type ("quantity" | "data"): M.form, with the
-- ambiguous "quantity|data" narrowed to that type.
function M.form_as(v, ty)
	local f = M.form(v)
	if f == "quantity|data" then return ty end
	return f
end

---------------------------------------------------------------------------------------------
-- errors

-- The class of an answer to a request that should fail: "ok" (a result), or the JSON-RPC error
-- code as a string ("-32602"). JSON-RPC 2.0 section 5.1 fixes -32700, -32600, -32601, -32602,
-- -32603 and reserves -32000..-32099 for implementation-defined server errors; EIP-1474 adds
-- -32000..-32006 meanings for Ethereum.
function M.error_class(result, err)
	if err == nil then return "ok" end
	if type(err) == "table" and math.type(err.code) == "integer" then return tostring(err.code) end
	return "malformed error"
end

-- JSON-RPC 2.0 section 5.1: the range a code falls in.
function M.code_group(code)
	if math.type(code) ~= "integer" then return "not an integer" end
	if code == -32700 then return "parse error" end
	if code == -32600 then return "invalid request" end
	if code == -32601 then return "method not found" end
	if code == -32602 then return "invalid params" end
	if code == -32603 then return "internal error" end
	if code >= -32099 and code <= -32000 then return "server error (implementation-defined)" end
	if code >= -32768 and code <= -32000 then return "reserved (not to be used)" end
	return "application-defined"
end

-- One raw POST; returns {status, content_type, json, body} (see node:rpc_raw).
function M.raw(node, body, opts)
	return node:rpc_raw(body, opts)
end

---------------------------------------------------------------------------------------------
-- transactions

-- Waits for the receipt of `hash` on `node`; stops the scenario (t:need) when none comes.
function M.receipt(t, node, hash, label, seconds)
	t:subject(node)
	local r = eth.wait_receipt(t, node, hash, seconds or 90, string.format("%s: receipt on %s", label, node.name))
	t:need(r ~= nil, string.format("%s: %s includes the transaction", label, node.name))
	return r
end

-- Fees one node suggests: {gas_price, max_fee, tip} as u256, like eth.fees (the larger of
-- eth_gasPrice and twice the latest base fee; tip 1 gwei; max fee twice the base fee plus the
-- tip), except that an eth_gasPrice error does not stop the scenario: a pair scenario is about
-- something else, and eth_gasPrice is checked by eth.fee.gas-price. The error is logged
-- (@ethereumjs/client 0.10.5 answers -32603 "Cannot mix BigInt and other types" whenever its
-- latest block holds a legacy transaction).
local function node_fees(t, node)
	local latest = node:call("eth_getBlockByNumber", { "latest", false })
	local base = dlt.u256(0)
	if type(latest) == "table" and type(latest.baseFeePerGas) == "string" then base = dlt.u256(latest.baseFeePerGas) end
	local twice = base * dlt.u256(2)
	local gp, err = node:rpc("eth_gasPrice", {})
	local gas_price = twice
	if err then
		t:log("%s: eth_gasPrice answered error %s; using twice the base fee", node.name, eth.show(err))
	elseif type(gp) == "string" and dlt.u256(gp) > twice then
		gas_price = dlt.u256(gp)
	end
	if gas_price == dlt.u256(0) then gas_price = dlt.u256(eth.GWEI) end
	local tip = dlt.u256(eth.GWEI)
	return { gas_price = gas_price, tip = tip, max_fee = twice + tip }
end

-- Fees both nodes accept: the larger of their suggestions, so one signed transaction is valid
-- on both.
function M.fees(t)
	local fa, fb = node_fees(t, t.a), node_fees(t, t.b)
	local function max(x, y) if x < y then return y end return x end
	return {
		gas_price = max(fa.gas_price, fb.gas_price),
		max_fee = max(fa.max_fee, fb.max_fee),
		tip = max(fa.tip, fb.tip),
	}
end

-- Sends each raw transaction of `list` (an array of {a = raw, b = raw}) to both nodes, all of
-- them first and only then waits for every receipt (nodes that mine on a timer include them in
-- about one block time). Returns an array of {hash = {a, b}, receipt = {a, b}}, in the order of
-- `list`. Stops the scenario when a node refuses a transaction or never includes it.
function M.submit_all(t, list, label)
	local out = {}
	for i, raws in ipairs(list) do
		out[i] = { hash = {}, receipt = {} }
		for _, side in ipairs({ "a", "b" }) do
			local node = t[side]
			t:subject(node)
			local h, err = eth.send_raw(node, raws[side])
			t:need(err == nil, string.format("%s (%d): %s accepts the raw transaction%s", label, i, node.name,
				err and (": error " .. eth.show(err)) or ""))
			out[i].hash[side] = h
		end
	end
	for i = 1, #list do
		for _, side in ipairs({ "a", "b" }) do
			out[i].receipt[side] = M.receipt(t, t[side], out[i].hash[side], string.format("%s (%d)", label, i))
		end
	end
	t:subject(nil)
	return out
end

-- submit_all for one transaction: returns {hash = {a, b}, receipt = {a, b}}.
function M.submit(t, raws, label)
	return M.submit_all(t, { raws }, label)[1]
end

-- The sender of a pair scenario (see the top of this file). Returns
--   {mode = "same" | "own", key = {a, b}, address = {a, b}, nonce = {a, b}, chain = {a, b}}
-- and, in "same" mode, funds a fresh key with `fund` wei (default 1 ether) on both nodes.
function M.sender(t, fund)
	local ctx = { key = {}, address = {}, nonce = {}, chain = {} }
	ctx.chain.a, ctx.chain.b = eth.chain_id(t.a), eth.chain_id(t.b)
	if ctx.chain.a == ctx.chain.b then
		ctx.mode = "same"
		local key, addr = eth.fresh_key("pair")
		local f = M.fees(t)
		local amount = fund and eth.u(fund) or ETHER
		local raws = {}
		for _, side in ipairs({ "a", "b" }) do
			local node = t[side]
			t:subject(node)
			local acct = eth.sender(t, node)
			local signed = eth.sign { type = 0, key = acct.key, chain_id = ctx.chain[side],
				nonce = eth.nonce(node, acct.address, "pending"), to = addr, value = amount,
				gas_price = f.gas_price, gas = eth.TRANSFER_GAS }
			raws[side] = signed.raw
		end
		M.submit(t, raws, "funding the fresh sender " .. addr)
		for _, side in ipairs({ "a", "b" }) do
			ctx.key[side], ctx.address[side], ctx.nonce[side] = key, addr, 0
		end
		t:log("same mode: fresh sender %s funded with %s wei on both nodes", addr, tostring(amount))
	else
		ctx.mode = "own"
		for _, side in ipairs({ "a", "b" }) do
			local node = t[side]
			t:subject(node)
			local acct = eth.sender(t, node)
			ctx.key[side], ctx.address[side] = acct.key, acct.address
			ctx.nonce[side] = eth.nonce(node, acct.address, "pending")
		end
		t:log("own mode (chain ids %d and %d): each node's dev account signs for its own chain",
			ctx.chain.a, ctx.chain.b)
	end
	t:subject(nil)
	return ctx
end

-- Signs the transaction `o` (eth.sign fields without key/chain_id/nonce) for both sides;
-- `offset` is added to the sender's starting nonce (for a second transaction). Returns
-- {a = signed, b = signed, nonce = {a, b}}; in "same" mode a and b are the same table.
function M.sign(ctx, o, offset)
	local out = { nonce = {} }
	for _, side in ipairs({ "a", "b" }) do
		local p = {}
		for k, v in pairs(o) do p[k] = v end
		p.key, p.chain_id = ctx.key[side], ctx.chain[side]
		p.nonce = ctx.nonce[side] + (offset or 0)
		out.nonce[side] = p.nonce
		if ctx.mode == "same" and side == "b" then
			out.b = out.a
		else
			out[side] = eth.sign(p)
		end
	end
	return out
end

-- Like M.sign, with per-side fields (e.g. {a = {to = addr_a}, b = {to = addr_b}}): in "same"
-- mode the sides' fields must be equal and one signature is shared.
function M.sign_each(ctx, o, offset, per_side)
	local out = { nonce = {} }
	for _, side in ipairs({ "a", "b" }) do
		local q = {}
		for k, v in pairs(o) do q[k] = v end
		for k, v in pairs(per_side[side] or {}) do q[k] = v end
		local one = M.sign({ mode = "own", key = ctx.key, chain = ctx.chain, nonce = ctx.nonce }, q, offset)
		out[side] = one[side]
		out.nonce[side] = one.nonce[side]
	end
	if ctx.mode == "same" then
		assert(out.a.raw == out.b.raw, "pair.sign_each: per-side fields differ in same mode")
	end
	return out
end

function M.raws(signed) return { a = signed.a.raw, b = signed.b.raw } end

-- gasUsed of a receipt relative to its block: cumulativeGasUsed minus the cumulativeGasUsed of
-- the previous transaction of the same block (0 for the first). Equal to gasUsed by definition
-- (execution-apis receipt.yaml); a protocol check of each side.
function M.cumulative_step(t, node, receipt)
	local idx = eth.int(receipt.transactionIndex)
	local prev = dlt.u256(0)
	if idx > 0 then
		local block = node:call("eth_getBlockByHash", { receipt.blockHash, false })
		local ph = block and block.transactions and block.transactions[idx]
		if type(ph) == "string" then
			local pr = node:call("eth_getTransactionReceipt", { ph })
			if type(pr) == "table" then prev = eth.u(pr.cumulativeGasUsed) end
		end
	end
	return eth.u(receipt.cumulativeGasUsed) - prev
end

-- The parts of a receipt a specification fixes for the same transaction on the same start
-- state: status, gasUsed, type, logs (address, topics, data, removed, and logIndex relative
-- to the transaction), contractAddress, to/from (lowercase). Block position fields
-- (blockHash, blockNumber, transactionIndex, absolute logIndex, cumulativeGasUsed) and the fee
-- (effectiveGasPrice follows each chain's base fee) are left out: they depend on the chain's
-- history, not on the transaction.
function M.receipt_core(r, opts)
	opts = opts or {}
	local core = dlt.object({})
	core.status = r.status
	core.gasUsed = r.gasUsed
	core.type = r.type
	core.from = eth.lower(r.from)
	core.to = eth.lower(r.to)
	if not opts.no_address then core.contractAddress = eth.lower(r.contractAddress) end
	local logs = dlt.array({})
	if eth.is_array(r.logs) then
		local first
		for i, l in ipairs(r.logs) do
			if i == 1 and type(l.logIndex) == "string" then first = eth.int(l.logIndex) end
			local x = dlt.object({})
			if not opts.no_address then x.address = eth.lower(l.address) end
			x.topics = M.lower_all(l.topics)
			x.data = eth.lower(l.data)
			x.removed = l.removed
			if first and type(l.logIndex) == "string" then x.logIndexInTx = eth.int(l.logIndex) - first end
			logs[i] = x
		end
	else
		logs = r.logs
	end
	core.logs = logs
	return core
end

-- Protocol checks every receipt must pass on its own (execution-apis receipt.yaml): the
-- transaction hash, gasUsed = cumulative step, type of the signed transaction, logs carrying the
-- receipt's block and transaction.
function M.check_receipt(t, node, r, hash, kind, label)
	t:subject(node)
	t:eq(r.transactionHash, hash, label .. ": receipt transactionHash")
	t:eq(M.cumulative_step(t, node, r), eth.u(r.gasUsed),
		label .. ": cumulativeGasUsed minus the previous transaction's is gasUsed")
	if r.type ~= nil then t:eq(r.type, kind == 0 and "0x0" or "0x2", label .. ": receipt type") end
	if eth.is_array(r.logs) then
		for i, l in ipairs(r.logs) do
			t:eq(l.transactionHash, hash, string.format("%s: log %d transactionHash", label, i - 1))
			t:eq(l.blockHash, r.blockHash, string.format("%s: log %d blockHash", label, i - 1))
		end
	end
end

-- The contract address each side should report: CREATE(sender, nonce).
function M.create_address(ctx, signed, side)
	return eth.lower(dlt.eth.create_address(ctx.address[side], signed.nonce[side]))
end

---------------------------------------------------------------------------------------------
-- contracts (assembled with suites/lib/evm.lua; no compiler)

-- A counter: every call adds 1 to storage slot 0, logs the new value (LOG1 with `topic`) and
-- returns it as a 32-byte word. Returns {runtime, init, topic}; init stores nothing else.
function M.counter(topic)
	local evm = require "evm"
	local op = evm.op
	local T = evm.word(topic)
	local runtime = evm.asm(
		evm.push(0), op.SLOAD, evm.push(1), op.ADD,       -- v + 1
		"80", evm.push(0), op.SSTORE,                     -- DUP1; SSTORE(0, v + 1)
		"80", evm.push(0), op.MSTORE,                     -- DUP1; memory[0..32] = v + 1
		op.POP,
		evm.push(T), evm.push(32), evm.push(0), op.LOG1,  -- LOG1(0, 32, topic)
		evm.push(32), evm.push(0), op.RETURN)             -- return memory[0..32]
	return { runtime = runtime, init = evm.deployer("", runtime), topic = "0x" .. T }
end

-- Init code that reverts with the 32-byte word `w` as revert data.
function M.reverter(w)
	local evm = require "evm"
	local op = evm.op
	return evm.asm(evm.push(evm.word(w)), evm.push(0), op.MSTORE, evm.push(32), evm.push(0), op.REVERT)
end

-- A storage value as a quantity: execution-apis types eth_getStorageAt's result as "bytes"
-- of any length, so "0x", "0x02" and 32 bytes ending in 02 are equally valid encodings;
-- anything that is not bytes is returned as it is (and will show as a divergence).
function M.storage_value(raw)
	if raw == "0x" then return "0x0" end
	if type(raw) == "string" and eth.PRIM.bytes(eth.lower(raw)) then return eth.u(raw):hex() end
	return raw
end

-- The comparable part of a log returned by eth_getLogs: address (unless no_address), topics,
-- data, removed.
function M.log_core(l, no_address)
	local x = dlt.object({})
	if not no_address then x.address = eth.lower(l.address) end
	x.topics = M.lower_all(l.topics)
	x.data = eth.lower(l.data)
	x.removed = l.removed
	return x
end

return M
