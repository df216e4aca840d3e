-- Reverting execution on both implementations (IOP-03, TX-06):
--  * eth_call of code that REVERTs with 32 bytes of data: execution-apis (eth_call, error
--    group "execution reverted") answers error code 3 with the revert data in error.data;
--    compared: the error class and data;
--  * a creation transaction whose init code reverts: included with status 0x0, the same
--    gasUsed (EVM gas is fixed by the Yellow Paper), no logs; the sender's nonce still rises.
--    contractAddress of a failed creation is compared too (execution-apis: "the contract
--    address created, if the transaction was a contract creation, otherwise null": clients
--    differ on whether a failed creation "created" one).
--    eth_sendRawTransaction must return the hash of such a transaction: it is valid (signature,
--    nonce, funds, gas) and is included; only its execution fails. Nodes that answer an error
--    for it (Hardhat's default throwOnTransactionFailures) fail that protocol check; the
--    scenario then looks the receipt up by the signed hash, and compares the answer classes.
local eth = require "eth"
local evm = require "evm"
local pair = require "pair"

scenario {
	id = "eth.pair.revert",
	title = "Reverting eth_call and a reverted creation give the same error, data, status and gas on both",
	family = "ethereum",
	roles = { "a", "b" },
	roadmap = { "IOP-03", "IOP-06", "TX-04", "TX-06" },
	timeout = 240,
	run = function(t)
		local word = eth.keccak_str("dlt-interop/pair/revert")
		local code = evm.hex(pair.reverter(word))
		local ctx = pair.sender(t)
		local f = pair.fees(t)
		local s = pair.sign(ctx, { type = 2, to = nil, value = 0, gas = 100000, data = code,
			max_fee = f.max_fee, tip = f.tip })
		local calls = pair.each(t, function(node, side)
			local res, err = node:rpc("eth_call", { { from = ctx.address[side], data = code }, "latest" })
			t:ok(err ~= nil, "eth_call of reverting code answers an error", eth.show(res))
			if err then
				t:eq(err.code, 3, "reverted eth_call: error code 3 (execution-apis)")
				t:eq(eth.lower(err.data), word, "reverted eth_call: error.data is the revert data")
			end
			return { class = pair.error_class(res, err), data = err and eth.lower(err.data) or dlt.null }
		end)
		t:same(calls.a, calls.b, "reverted eth_call: error code and data")
		local n0 = pair.each(t, function(node, side) return eth.nonce(node, ctx.address[side], "latest") end)
		local answers = pair.each(t, function(node, side)
			local h, err = eth.send_raw(node, s[side].raw)
			t:ok(err == nil, "eth_sendRawTransaction of a valid (but reverting) transaction returns its hash", eth.show(err))
			if err == nil then t:eq(h, eth.lower(s[side].hash), "the returned hash is the signed hash") end
			return pair.error_class(h, err)
		end)
		local sub = { receipt = {} }
		for _, side in ipairs({ "a", "b" }) do
			sub.receipt[side] = pair.receipt(t, t[side], eth.lower(s[side].hash), "reverting creation")
		end
		local got = pair.each(t, function(node, side)
			local r = sub.receipt[side]
			t:eq(r.status, "0x0", "reverted creation: status 0x0")
			t:ok(eth.is_array(r.logs) and #r.logs == 0, "reverted creation: no logs", eth.show(r.logs))
			t:eq(eth.nonce(node, ctx.address[side], "latest"), n0[side] + 1, "the sender's nonce rose by one")
			local addr = pair.create_address(ctx, s, side)
			t:eq(node:call("eth_getCode", { addr, "latest" }), "0x", "no code at the would-be address")
			return { status = r.status, gasUsed = r.gasUsed, logs = r.logs,
				contractAddress = ctx.mode == "same" and eth.lower(r.contractAddress) or pair.form_as(r.contractAddress, "data") }
		end)
		t:same(answers.a, answers.b, "eth_sendRawTransaction answer to a reverting transaction")
		local why = pair.gas_rules_differ(t, "creation")
		if why then
			t:log("%s", why)
			got.a.gasUsed, got.b.gasUsed = nil, nil
		end
		t:same(got.a, got.b, "reverted creation receipt (status, " .. (why and "" or "gasUsed, ") .. "logs, contractAddress)")
	end,
}
