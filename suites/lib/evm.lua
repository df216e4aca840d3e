-- suites/lib/evm.lua: a tiny EVM assembler for scenarios that deploy hand-written contracts.
--
-- Scenarios must not depend on a compiler, so the contracts they deploy are assembled here from
-- opcodes. Everything is plain Lua strings of lowercase hex without "0x"; evm.hex() adds the prefix.
-- The opcode values are those of the Ethereum Yellow Paper, appendix H (Shanghai: PUSH0 is not
-- used, so the code also runs on pre-Shanghai chains).
--
--   local evm = require "evm"
--   local c = evm.test_contract{ word = W, slot = 1, value = V, topic = T, data = D }
--   c.init     -- init code: SSTORE(slot, value), LOG1(data, topic), returns c.runtime
--   c.runtime  -- runtime code: returns the 32-byte word W for any call
local M = {}

M.op = {
	STOP = "00", ADD = "01", MSTORE = "52", SSTORE = "55", SLOAD = "54",
	CODECOPY = "39", RETURN = "f3", REVERT = "fd", CALLVALUE = "34",
	LOG0 = "a0", LOG1 = "a1", LOG2 = "a2", JUMPDEST = "5b", POP = "50",
}

local function strip(h)
	h = h:gsub("^0x", ""):lower()
	assert(#h % 2 == 0 and not h:find("[^0-9a-f]"), "evm: not hex: " .. h)
	return h
end

-- PUSHn of a hex value (1..32 bytes, kept as given: "00ff" is a PUSH2) or a small integer.
function M.push(v)
	local h
	if math.type(v) == "integer" then
		assert(v >= 0, "evm.push: negative")
		h = string.format("%x", v)
		if #h % 2 == 1 then h = "0" .. h end
	else
		h = strip(v)
		if h == "" then h = "00" end
	end
	local n = #h // 2
	assert(n >= 1 and n <= 32, "evm.push: 1..32 bytes")
	return string.format("%02x", 0x5f + n) .. h
end

-- Pads a hex value on the left to 32 bytes (a word).
function M.word(v)
	local h = strip(v)
	assert(#h <= 64, "evm.word: longer than 32 bytes")
	return string.rep("0", 64 - #h) .. h
end

function M.hex(code) return "0x" .. code end

-- Concatenates pieces (hex strings or arrays of hex strings).
function M.asm(...)
	local out = {}
	for _, p in ipairs({ ... }) do
		if type(p) == "table" then
			for _, q in ipairs(p) do out[#out + 1] = q end
		else
			out[#out + 1] = p
		end
	end
	return table.concat(out)
end

-- Runtime code that returns the 32-byte word `w` for any call:
-- PUSH32 w, PUSH1 0, MSTORE, PUSH1 32, PUSH1 0, RETURN.
function M.return_word(w)
	local op = M.op
	return M.asm(M.push(M.word(w)), M.push(0), op.MSTORE, M.push(32), M.push(0), op.RETURN)
end

-- Init code that runs `prologue` (hex) and then returns `runtime` as the contract's code:
-- PUSH1 len, PUSH1 off, PUSH1 0, CODECOPY, PUSH1 len, PUSH1 0, RETURN, then the runtime bytes.
function M.deployer(prologue, runtime)
	local op = M.op
	local len = #runtime // 2
	assert(len > 0 and len < 256, "evm.deployer: runtime of 1..255 bytes")
	-- the copy/return tail is 12 bytes when every push is PUSH1
	local off = #prologue // 2 + 12
	assert(off < 256, "evm.deployer: prologue too long")
	local tail = M.asm(M.push(len), M.push(off), M.push(0), op.CODECOPY,
		M.push(len), M.push(0), op.RETURN)
	assert(#tail // 2 == 12)
	return prologue .. tail .. runtime
end

-- The standard test contract of the suite. o.word, o.value, o.topic, o.data: hex (<= 32 bytes;
-- value, topic and data are padded to words); o.slot: integer.
function M.test_contract(o)
	local op = M.op
	local runtime = M.return_word(o.word)
	local prologue = M.asm(
		-- SSTORE(slot, value): stack top is the key
		M.push(M.word(o.value)), M.push(o.slot), op.SSTORE,
		-- memory[0..32] = data; LOG1(offset 0, size 32, topic): stack top is the offset
		M.push(M.word(o.data)), M.push(0), op.MSTORE,
		M.push(M.word(o.topic)), M.push(32), M.push(0), op.LOG1)
	return {
		runtime = runtime,
		init = M.deployer(prologue, runtime),
		slot = o.slot,
		word = M.word(o.word),
		value = M.word(o.value),
		topic = M.word(o.topic),
		data = M.word(o.data),
	}
end

-- A test contract with values nobody used before (hashes of a tag and the time), so that logs and
-- storage found later can only come from this deployment. Needs the dlt library.
local counter = 0
function M.fresh_test_contract(tag)
	counter = counter + 1
	local seed = string.format("dlt-interop/evm/%s/%d/%.6f", tostring(tag), counter, dlt.now())
	local function h(part) return dlt.hex.encode(dlt.keccak256(seed .. "/" .. part)):sub(3) end
	return M.test_contract {
		word = h("word"), slot = 1, value = h("value"), topic = h("topic"), data = h("data"),
	}
end

return M
