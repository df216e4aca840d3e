-- The same contract creation on both implementations gives the same state (IOP-04, TX-05):
-- the receipt (status, gasUsed, the creation's log), the contract's code, the storage slot
-- its init code wrote, its nonce (1, EIP-161) and balance. In "same" mode (one signed
-- transaction for both) the contract address is the same and compared; in "own" mode each
-- side's address is checked against CREATE(sender, nonce) instead.
local eth = require "eth"
local evm = require "evm"
local pair = require "pair"

scenario {
	id = "eth.pair.deploy-state",
	title = "The same contract creation gives the same receipt, code, storage and account state on both",
	family = "ethereum",
	roles = { "a", "b" },
	roadmap = { "IOP-04", "IOP-03", "TX-05", "PROV-03" },
	timeout = 240,
	run = function(t)
		local ctx = pair.sender(t)
		local f = pair.fees(t)
		local c = evm.fresh_test_contract("pair-deploy")
		local s = pair.sign(ctx, { type = 2, to = nil, value = 0, gas = 300000, data = evm.hex(c.init),
			max_fee = f.max_fee, tip = f.tip })
		local sub = pair.submit(t, pair.raws(s), "contract creation")
		local state = pair.each(t, function(node, side)
			local r = sub.receipt[side]
			pair.check_receipt(t, node, r, sub.hash[side], 2, "creation")
			t:eq(r.status, "0x1", "creation succeeded")
			local addr = pair.create_address(ctx, s, side)
			t:eq(eth.lower(r.contractAddress), addr, "contractAddress is CREATE(sender, nonce)")
			local code = node:call("eth_getCode", { addr, "latest" })
			t:eq(eth.lower(code), evm.hex(c.runtime), "eth_getCode is the runtime the init code returned")
			local slot = node:call("eth_getStorageAt", { addr, eth.qty(c.slot), "latest" })
			t:eq(eth.u(slot), eth.u("0x" .. c.value), "eth_getStorageAt of the written slot")
			local nonce = node:call("eth_getTransactionCount", { addr, "latest" })
			t:eq(nonce, "0x1", "a new contract's nonce is 1 (EIP-161)")
			local bal = node:call("eth_getBalance", { addr, "latest" })
			t:eq(bal, "0x0", "contract balance")
			return { code = eth.lower(code), slot = pair.storage_value(slot), nonce = nonce, balance = bal }
		end)
		local no_addr = ctx.mode ~= "same"
		local ca = pair.receipt_core(sub.receipt.a, { no_address = no_addr })
		local cb = pair.receipt_core(sub.receipt.b, { no_address = no_addr })
		local why = pair.gas_rules_differ(t, "creation")
		if why then
			t:log("%s", why)
			ca.gasUsed, cb.gasUsed = nil, nil
		end
		t:same(ca, cb, "creation receipt (status, " .. (why and "" or "gasUsed, ") .. "type, logs"
			.. (no_addr and ")" or ", contractAddress)"))
		t:same(state.a, state.b, "contract state (code, storage slot value, nonce, balance)")
	end,
}
