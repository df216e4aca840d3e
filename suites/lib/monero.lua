-- suites/lib/monero.lua: helpers for monero-family scenarios (suites/monero/, monerod RPC).
--
-- What is here:
--   * json_rpc calls that fail the scenario on error (call) and a daemon plain-endpoint call
--     (node:rpc("/get_height", {...}) through the monero adapter);
--   * exact piconero amounts from raw bodies (numbers above 2^53 are common: 1 XMR = 10^12);
--   * Monero's varint and the genesis block id computation (cryptonote get_block_hashing_blob
--     and calculate_block_hash) with dlt.keccak256;
--   * wallet helpers (node:rpc("wallet.method", ...)), funding by mining to the wallet.
local M = {}

M.ATOMIC = 1000000000000 -- piconero per XMR

function M.hex(b) return (dlt.hex.encode(b):sub(3)) end
function M.unhex(s) return dlt.hex.decode(s) end

-- Monero varint (7 bits per byte, little-endian groups)
function M.varint(n)
	local out = {}
	repeat
		local b = n & 0x7f
		n = n >> 7
		if n ~= 0 then b = b | 0x80 end
		out[#out + 1] = string.char(b)
	until n == 0
	return table.concat(out)
end

-- Block id of a block with only a miner transaction (the genesis block): Keccak-256 of
-- varint(len(blob)) || blob, blob = header || tree_hash(miner tx hash) || varint(1).
function M.genesis_id(input)
	local miner_hash = dlt.keccak256(M.unhex(input.miner_tx))
	local header = M.varint(input.major_version) .. M.varint(input.minor_version)
		.. M.varint(input.timestamp) .. M.unhex(input.prev_hash) .. string.pack("<I4", input.nonce)
	local blob = header .. miner_hash .. M.varint(1)
	return M.hex(dlt.keccak256(M.varint(#blob) .. blob)), M.hex(miner_hash)
end

-- Quote big integers and decimals so dlt.json.decode keeps them exactly (as strings).
function M.quote_big(text)
	local out, i, n = {}, 1, #text
	while i <= n do
		local c = text:sub(i, i)
		if c == '"' then
			local j = i + 1
			while j <= n do
				local d = text:sub(j, j)
				if d == "\\" then j = j + 2 elseif d == '"' then break else j = j + 1 end
			end
			out[#out + 1] = text:sub(i, j)
			i = j + 1
		elseif c:match("[%-%d]") then
			local s, e = text:find("^%-?%d+%.?%d*[eE]?[%+%-]?%d*", i)
			local tok = text:sub(s, e)
			if tok:find("[%.eE]") or #tok > 15 then out[#out + 1] = '"' .. tok .. '"' else out[#out + 1] = tok end
			i = e + 1
		else
			out[#out + 1] = c
			i = i + 1
		end
	end
	return table.concat(out)
end

-- daemon json_rpc through rpc_raw with exact numbers; returns result, error
function M.call_exact(node, method, params)
	local body = dlt.json.encode({ jsonrpc = "2.0", id = "0", method = method, params = params or dlt.object {} })
	local r = node:rpc_raw(body, { path = "/json_rpc" })
	local ok, doc = pcall(dlt.json.decode, M.quote_big(r.body))
	if not ok or type(doc) ~= "table" then return nil, { code = "http-" .. tostring(r.status), message = r.body } end
	if doc.error ~= nil and doc.error ~= dlt.null then return nil, doc.error end
	return doc.result
end

-- an amount (integer or exact string) as u256
function M.units(x)
	if math.type(x) == "integer" then return dlt.u256(x) end
	return dlt.u256(tostring(x))
end

function M.header(node, height)
	return node:call("get_block_header_by_height", { height = height }).block_header
end

-- The wallet's primary address (wallet service via the adapter).
function M.wallet(t, node)
	if not node:has("wallet") or not node.params.wallet_url then
		t:skip("target has no wallet service (params.wallet_url)")
	end
	node:new_address() -- opens or creates the wallet
	return node:call("wallet.get_address", { account_index = 0 }).address
end

-- Account 0's unlocked balance with the wallet synced to the daemon's tip first: node:balance
-- goes through the adapter, which refreshes the wallet until its height reaches the daemon's.
local function unlocked(node, primary)
	node:balance(primary)
	local u = node:call("wallet.get_balance", { account_index = 0 }).unlocked_balance
	-- above 2^53 the decoded number is a float: rounded, which is enough for a >= check
	if math.type(u) == "float" then u = string.format("%.0f", u) end
	return M.units(u)
end

-- Mine until the wallet has `piconero` unlocked (coinbase unlocks after 60 blocks): nothing is
-- mined when earlier scenarios left enough.
function M.fund_wallet(t, node, piconero)
	local primary = M.wallet(t, node)
	if unlocked(node, primary) >= dlt.u256(piconero) then return primary end
	node:produce_blocks(node.params.fund_blocks or 80, primary)
	t:need(unlocked(node, primary) >= dlt.u256(piconero), "the wallet has unlocked funds after mining")
	return primary
end

return M
