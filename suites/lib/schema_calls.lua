-- suites/lib/schema_calls.lua: helpers of suites/ethereum-schema/ (docs/suite-ethereum-schema.md).
--
-- The schema suite calls every method of ethereum/execution-apis with valid parameters taken
-- from the chain and validates each answer with dlt.schema (runner/schema/, docs/schema.md).
-- What is here:
--   * M.check(t, method, value, label): validate_result as one check whose actual value is the
--     list of violations ({path, rule, schema, message}; expected: the empty list);
--   * M.params(t, method, params): validate_params; a failure is a bug of the scenario (t:need);
--   * M.call(t, node, method, params [, o]): both of the above around node:rpc, with the
--     "method not supported" rule: a method-not-found class answer skips the scenario, unless
--     the method is mandatory for the kind of node (M.mandatory), where it fails;
--   * chain fixtures built with suites/lib/eth.lua (signing and raw submission): transactions
--     of each type, a contract with storage and logs, a contract that reverts;
--   * M.expect_code(t, err, code, group, label), M.expect_group(t, err, group, label):
--     error-group checks by CODE, never by message.
--
-- Waiting for inclusion: eth.transact/eth.deploy wait with eth_getTransactionReceipt. With
-- --schema-check the runner validates every eth_* answer a scenario gets, so every scenario that
-- deployed through them would also carry the receipt's verdict (anvil 1.7.1's receipts break
-- ReceiptInfo). M.send waits on the account nonce instead and finds the block with
-- eth_getBlockByNumber, so the verdict of eth.schema.<method> is about <method> and the few
-- basic calls every scenario makes (eth_getBlockByNumber, eth_getTransactionCount, eth_gasPrice,
-- eth_blockNumber, eth_sendRawTransaction, eth_getCode). Receipts are validated in their own
-- scenarios.
local eth = require "eth"
local evm = require "evm"
local canon = require "canon"

local M = {}
local NULL = dlt.null

---------------------------------------------------------------------------------------------
-- methods every node of a kind must serve
--
-- execution-apis marks no method as mandatory. The suite treats as mandatory for every
-- Ethereum node the methods every maintained execution client serves and on which wallets and
-- libraries depend: the original eth_ JSON-RPC set that is still specified, plus eth_chainId
-- (EIP-695), eth_feeHistory and eth_maxPriorityFeePerGas (EIP-1559 fee estimation) and
-- net_version. A node answering one of these with "method not found" fails. Nodes that manage
-- keys (capability "accounts") must also serve eth_accounts, eth_sign and eth_sendTransaction.
-- Everything else (eth_getProof, eth_createAccessList, eth_getBlockReceipts, eth_simulateV1,
-- eth_config, eth_capabilities, eth_getBlockAccessList, eth_baseFee, eth_blobBaseFee,
-- eth_fillTransaction, eth_getStorageValues, eth_signTransaction, eth_coinbase, ...) is
-- optional: "method not found" skips.
M.MANDATORY = {}
for _, m in ipairs({
	"eth_blockNumber", "eth_chainId", "eth_syncing", "eth_gasPrice", "eth_feeHistory",
	"eth_maxPriorityFeePerGas", "eth_getBalance", "eth_getStorageAt", "eth_getTransactionCount",
	"eth_getCode", "eth_call", "eth_estimateGas", "eth_sendRawTransaction", "eth_getBlockByHash",
	"eth_getBlockByNumber", "eth_getBlockTransactionCountByHash",
	"eth_getBlockTransactionCountByNumber", "eth_getTransactionByHash",
	"eth_getTransactionByBlockHashAndIndex", "eth_getTransactionByBlockNumberAndIndex",
	"eth_getTransactionReceipt", "eth_getLogs", "eth_newFilter", "eth_newBlockFilter",
	"eth_newPendingTransactionFilter", "eth_getFilterChanges", "eth_getFilterLogs",
	"eth_uninstallFilter", "net_version",
}) do M.MANDATORY[m] = "every Ethereum node" end
for _, m in ipairs({ "eth_accounts", "eth_sign", "eth_sendTransaction" }) do
	M.MANDATORY[m] = "a node that manages keys (capability accounts)"
end

function M.mandatory(node, method)
	local why = M.MANDATORY[method]
	if why == "a node that manages keys (capability accounts)" and not node:has("accounts") then
		return nil
	end
	return why
end

---------------------------------------------------------------------------------------------
-- schema checks

-- dlt.schema messages are "<path>: <rule> <argument> (<schema>) <what was found>".
function M.violations(messages)
	local list = dlt.array({})
	for _, msg in ipairs(messages or {}) do
		local path, rest = msg:match("^(%$[^ ]*): (.*)$")
		local rule = rest and rest:match("^([%w%$]+)") or nil
		local schema = msg:match("%((#[^%)]*)%)")
		list[#list + 1] = { path = path or "?", rule = rule or "?", schema = schema or NULL, message = msg }
	end
	return list
end

-- The value at a JSON path of dlt.schema's messages ("$", "$.a.b", "$[0]", "$[\"k\"]").
function M.at(value, path)
	if type(path) ~= "string" or path:sub(1, 1) ~= "$" then return nil end
	local v, i = value, 2
	while i <= #path do
		if type(v) ~= "table" or v == NULL then return nil end
		local c = path:sub(i, i)
		if c == "." then
			local key = path:match("^[^.%[]+", i + 1)
			if not key then return nil end
			v, i = v[key], i + 1 + #key
		elseif path:sub(i, i + 1) == '["' then
			local j, key = i + 2, {}
			while j <= #path and path:sub(j, j) ~= '"' do
				if path:sub(j, j) == "\\" then j = j + 1 end
				key[#key + 1] = path:sub(j, j)
				j = j + 1
			end
			if path:sub(j, j + 1) ~= '"]' then return nil end
			v, i = v[table.concat(key)], j + 2
		elseif c == "[" then
			local n = path:match("^%[(%d+)%]", i)
			if not n then return nil end
			v, i = v[tonumber(n) + 1], i + #n + 2
		else
			return nil
		end
	end
	return v
end

-- An empty array matches every "array of X" alternative of a oneOf at once: FilterResults (the
-- result of eth_getLogs, eth_getFilterChanges, eth_getFilterLogs) is oneOf [array of hash32,
-- array of Log], so at 033ca6e no empty answer validates. That is an ambiguity of the
-- specification (anyOf was meant), not a fault of the answer: like --schema-check
-- (runner/lua_node.c), M.check does not count such errors, and logs them.
local function spec_ambiguity(value, v)
	if v.rule ~= "oneOf" or not v.message:find("more than one alternative", 1, true) then return false end
	local at = M.at(value, v.path)
	return eth.is_array(at) and #at == 0
end

-- One check: the value validates against the method's result schema. The check's actual value
-- is the list of violations (each with path and rule); expected is the empty list.
function M.check(t, method, value, label)
	local what = string.format("%s: %s result validates against execution-apis %s", method,
		label or "the", dlt.schema.commit:sub(1, 7))
	local ok, errs = dlt.schema.validate_result(method, value)
	local list = dlt.array({})
	if not ok then
		for _, v in ipairs(M.violations(errs)) do
			if spec_ambiguity(value, v) then
				t:log("%s %s: not counted (an empty array matches several oneOf alternatives): %s", method,
					label or "", v.message)
			else
				list[#list + 1] = v
			end
		end
		if #list > 0 then t:log("%s %s: %s", method, label or "", table.concat(errs, "; ")) end
	end
	t:eq(list, dlt.array({}), what)
	return #list == 0
end

-- Like M.check against a component schema ("Log", "hash32", ...).
function M.check_schema(t, name, value, label)
	local ok, errs = dlt.schema.validate(name, value)
	t:eq(ok and dlt.array({}) or M.violations(errs), dlt.array({}), label)
	return ok
end

-- The params the scenario sends are valid for the method (else the scenario is wrong).
function M.params(t, method, params, label)
	local ok, errs = dlt.schema.validate_params(method, params)
	t:need(ok, string.format("%s: the scenario's params%s validate against execution-apis", method,
		label and (" (" .. label .. ")") or ""), errs and table.concat(errs, "; ") or nil)
end

---------------------------------------------------------------------------------------------
-- "method not supported"

local PROBE = "eth_dltInteropNoSuchMethod"
local unknown_codes = {}

-- The code this node answers for a method that surely does not exist (JSON-RPC 2.0 says
-- -32601; some nodes use -32004 or even -32700). Asked once per node per worker.
function M.unknown_code(node)
	local key = tostring(node.name) .. "|" .. tostring(node.params and node.params.chain_id)
	if unknown_codes[key] == nil then
		local _, err = node:rpc(PROBE, {})
		unknown_codes[key] = (type(err) == "table" and math.type(err.code) == "integer") and err.code or false
	end
	return unknown_codes[key] or nil
end

-- Whether a JSON-RPC error says "this method does not exist here": -32601 (Method not found),
-- -32004 (Method not supported, JSONRPCNonStandardErrors), or the very code the node gives a
-- method that cannot exist. Decided by codes only.
function M.not_supported(node, err)
	if type(err) ~= "table" or math.type(err.code) ~= "integer" then return false end
	if err.code == -32601 or err.code == -32004 then return true end
	local c = M.unknown_code(node)
	return c ~= nil and c ~= -32602 and c ~= -32603 and err.code == c
end

local function show_err(err)
	if type(err) ~= "table" then return tostring(err) end
	return string.format("%s %s", tostring(err.code), eth.show(err.message))
end
M.show_err = show_err

-- Calls a method with params proven valid; validates the result. An error answer to the
-- method's first call in the scenario stops it: skip when the method is not supported (fail
-- when it is mandatory), fail otherwise. Variants (later calls of a method that answered, or
-- o.accept):
--   by default / o.accept: the params are plainly valid (a block hash where
--               BlockNumberOrTagOrHash allows one, a short storage key where bytesMax32 allows
--               one): an error is a failed check "... accepts params valid per execution-apis"
--               and the scenario goes on;
--   o.optional: the specification lets the node refuse (safe/finalized before the merge:
--               -39001, pending where a node has no pending block): an error is logged.
-- Both return nil, err on an error. o.label names the variant.
local answered = setmetatable({}, { __mode = "k" })   -- per scenario (t): methods that answered

function M.call(t, node, method, params, o)
	o = o or {}
	local label = o.label and (" (" .. o.label .. ")") or ""
	canon.execution_apis(t, method)
	M.params(t, method, params, o.label)
	local res, err = node:rpc(method, params)
	local seen = answered[t] or {}
	answered[t] = seen
	if err == nil then seen[method] = true end
	if err then
		if o.optional then
			t:log("%s%s answered error %s", method, label, show_err(err))
			return nil, err
		end
		if o.accept or seen[method] then
			t:ok(false, string.format("%s accepts params valid per execution-apis%s", method, label), show_err(err))
			return nil, err
		end
		-- "not supported" only when the method has not answered in this scenario: a node that
		-- answers every failure with its unknown-method code (Ganache: -32700) would otherwise
		-- turn a failing variant into "method not found"
		if not seen[method] and M.not_supported(node, err) then
			local why = M.mandatory(node, method)
			if why then
				t:need(false, string.format("%s is served (mandatory for %s)", method, why), show_err(err))
			end
			t:skip(string.format("method not supported: %s answered %s", method, show_err(err)))
		end
		t:need(false, string.format("%s answers valid params%s with a result", method, label), show_err(err))
	end
	M.check(t, method, res, o.label)
	return res
end

---------------------------------------------------------------------------------------------
-- chain fixtures

function M.height(node)
	return eth.int(node:call("eth_blockNumber", {}))
end

-- Waits until sender's latest nonce is above `nonce` (the transaction, or one replacing it, is
-- included), then finds the block holding `hash` among blocks from_height+1 .. latest (the
-- head is read again until the block shows: a node may count the nonce before it answers the
-- new block number). Returns {hash, number, block_hash, index} (number and index: integers)
-- or stops (t:need).
function M.include(t, node, hash, sender, nonce, from_height, seconds)
	local deadline = dlt.now() + (seconds or 90)
	local last = -1
	local mined = false
	while dlt.now() < deadline do
		local h = M.height(node)
		if h ~= last then
			last = h
			if eth.nonce(node, sender, "latest") > nonce then mined = true break end
		end
		t:sleep(0.25)
	end
	t:need(mined, string.format("transaction %s is included (nonce of %s above %d)", hash, sender, nonce))
	hash = hash:lower()
	local scanned = from_height
	local stop = math.min(deadline, dlt.now() + 10)
	repeat
		local h = M.height(node)
		for n = scanned + 1, h do
			local b = eth.block(node, n, false)
			if type(b) == "table" and eth.is_array(b.transactions) then
				for i, x in ipairs(b.transactions) do
					if type(x) == "string" and x:lower() == hash then
						return { hash = hash, number = n, block_hash = b.hash, index = i - 1 }
					end
				end
			end
		end
		scanned = math.max(scanned, h)
		t:sleep(0.1)
	until dlt.now() >= stop
	t:need(false, string.format("transaction %s is found in a block %d..%d", hash, from_height + 1, scanned))
end

-- Signs (eth.prepare + eth.sign: o as eth.prepare takes it), submits with
-- eth_sendRawTransaction and waits for inclusion. Returns include()'s table plus .signed, .tx.
function M.send(t, node, o, label)
	label = label or "transaction"
	local from_height = M.height(node)
	local p = eth.prepare(node, o, t)
	local signed = eth.sign(p)
	local hash, err = eth.send_raw(node, signed.raw)
	t:need(err == nil, string.format("%s accepted by eth_sendRawTransaction%s", label,
		err and (": error " .. show_err(err)) or ""))
	t:need(type(hash) == "string", label .. ": eth_sendRawTransaction answered a hash", eth.show(hash))
	local r = M.include(t, node, hash, eth.lower(signed.sender), eth.int(p.nonce), from_height, o.wait)
	r.signed, r.tx = signed, p
	return r
end

-- The schema suite's contract. Init code: SSTORE(1, value), LOG1(data, topic). Runtime: for
-- any call, loads slot 1, emits LOG1(slot value, call_topic) and returns the slot value, so
-- eth_call returns data, a transaction to it logs, and access lists name slot 1.
function M.contract_code(tag)
	local op = evm.op
	local seed = string.format("dlt-interop/schema/%s/%.6f/%d", tostring(tag), dlt.now(), math.random(1, 1 << 30))
	local function h(part) return dlt.hex.encode(dlt.keccak256(seed .. "/" .. part)):sub(3) end
	local value, data, topic, call_topic = h("value"), h("data"), h("topic"), h("call-topic")
	local runtime = evm.asm(
		evm.push(1), op.SLOAD, evm.push(0), op.MSTORE,
		evm.push(evm.word(call_topic)), evm.push(32), evm.push(0), op.LOG1,
		evm.push(32), evm.push(0), op.RETURN)
	local prologue = evm.asm(
		evm.push(evm.word(value)), evm.push(1), op.SSTORE,
		evm.push(evm.word(data)), evm.push(0), op.MSTORE,
		evm.push(evm.word(topic)), evm.push(32), evm.push(0), op.LOG1)
	return {
		init = "0x" .. evm.deployer(prologue, runtime), runtime = "0x" .. runtime,
		value = "0x" .. value, data = "0x" .. data, topic = "0x" .. topic, call_topic = "0x" .. call_topic,
		slot = "0x1",
	}
end

-- Deploys the contract from acct ({address, key}); returns contract_code()'s fields plus
-- .address (lowercase), .deploy (include()'s table of the creation).
function M.deploy(t, node, acct, tag)
	local c = M.contract_code(tag)
	local nonce = eth.nonce(node, acct.address, "pending")
	local r = M.send(t, node, { type = 2, key = acct.key, to = nil, value = 0, data = c.init, gas = 300000,
		nonce = nonce }, "contract creation")
	c.address = eth.lower(dlt.eth.create_address(acct.address, nonce))
	c.deploy = r
	local code = node:call("eth_getCode", { c.address, "latest" })
	t:need(eth.lower(code) == c.runtime, "the contract's code is the runtime the init code returned", eth.show(code))
	return c
end

-- A transaction to the contract (it logs call_topic). Returns include()'s table.
function M.call_contract(t, node, acct, c, kind)
	return M.send(t, node, { type = kind or 2, key = acct.key, to = c.address, value = 0, data = "0x", gas = 100000 },
		"contract call")
end

-- A value transfer of type kind (0 legacy, 2 EIP-1559) to a fresh address.
function M.transfer(t, node, acct, kind)
	return M.send(t, node, { type = kind or 2, key = acct.key, to = eth.fresh_address("schema"), value = 1000 },
		(kind == 0 and "legacy" or "EIP-1559") .. " transfer")
end

-- Runtime that reverts with the 32-byte word w (REVERT(0, 32)), deployed like M.deploy.
function M.deploy_runtime(t, node, acct, runtime_hex, label)
	local nonce = eth.nonce(node, acct.address, "pending")
	local init = "0x" .. evm.deployer("", runtime_hex)
	M.send(t, node, { type = 2, key = acct.key, to = nil, value = 0, data = init, gas = 200000, nonce = nonce },
		label or "contract creation")
	local addr = eth.lower(dlt.eth.create_address(acct.address, nonce))
	local code = node:call("eth_getCode", { addr, "latest" })
	t:need(eth.lower(code) == "0x" .. runtime_hex, (label or "contract") .. " has the expected code", eth.show(code))
	return addr
end

function M.revert_runtime(word)
	local op = evm.op
	return evm.asm(evm.push(evm.word(word)), evm.push(0), op.MSTORE, evm.push(32), evm.push(0), op.REVERT)
end

---------------------------------------------------------------------------------------------
-- error groups

-- The specified entry of a code, checked against what the scenario expects (a scenario bug
-- when the pinned specification says otherwise).
function M.spec_code(t, code, group)
	canon.execution_apis_code(t, group, code)
	local g = dlt.schema.error_group(code)
	t:need(type(g) == "table" and g.group == group and g.code == code and g.message ~= nil,
		string.format("execution-apis %s specifies code %d in %s", dlt.schema.commit:sub(1, 7), code, group),
		eth.show(g))
	return g
end

-- The node's error has the specified code. Records what group the node's code falls in. When
-- the node answered no error (it accepted what it must refuse) that is one failed check and the
-- scenario goes on.
function M.expect_code(t, err, code, group, label)
	local spec = M.spec_code(t, code, group)
	local what = string.format("%s: error code is %d (%s: %s)", label, code, group, spec.message)
	if type(err) ~= "table" then
		t:ok(false, what, "the node answered no error: it accepted the request")
		return
	end
	local got = math.type(err.code) == "integer" and dlt.schema.error_group(err.code) or nil
	t:log("%s: node answered %s (%s), execution-apis: %d %s (%s)", label, show_err(err),
		got and (got.group .. (got.message and (" \"" .. got.message .. "\"") or " range")) or "no error group",
		code, eth.show(spec.message), group)
	t:eq(err.code, code, what)
end

-- The node's error code lies in a group's declared range (for conditions the group covers but
-- does not list, such as a replacement below the price bump in TxPoolErrors).
function M.expect_group(t, err, group, label)
	local what = string.format("%s: error code is in %s", label, group)
	if type(err) ~= "table" then
		t:ok(false, what, "the node answered no error: it accepted the request")
		return
	end
	local got = math.type(err.code) == "integer" and dlt.schema.error_group(err.code) or nil
	t:log("%s: node answered %s (%s)", label, show_err(err), got and got.group or "no error group")
	t:eq(got and got.group or NULL, group, what .. " (code " .. tostring(err.code) .. ")")
	-- the group's range as vector execution-apis gives it
	local range = canon.case(t, "execution-apis", "error-group-" .. group).expected.range
	if range then
		t:ok(math.type(err.code) == "integer" and err.code >= range.min and err.code <= range.max,
			string.format("%s: error code in %s's range %d..%d (vector execution-apis)", label, group, range.min, range.max),
			eth.show(err))
	end
end

-- A funded fresh key: {address, key}, holding `amount` wei (u256 or integer).
function M.funded_key(t, node, acct, amount, tag)
	local key, addr = eth.fresh_key(tag or "schema")
	M.send(t, node, { type = 2, key = acct.key, to = addr, value = amount }, "funding of a fresh key")
	return { address = addr, key = key }
end

return M
