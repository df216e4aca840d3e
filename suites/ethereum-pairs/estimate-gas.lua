-- eth_estimateGas for the same calls on both implementations (TX-08, IOP-13): a plain value
-- transfer, a transfer with 3 bytes of input, a contract creation and a call that writes
-- storage (executed as init code). No specification fixes an estimate's exact value
-- (execution-apis: "an estimate of how much gas is necessary"), so each side is only checked
-- for sufficiency against the intrinsic gas (Yellow Paper 6.2: 21000, +16 per non-zero input
-- byte, +32000 for a creation); the interop comparison records whether the implementations
-- estimate alike, which is what a wallet moving between them observes.
-- The transfer with input is compared only between nodes on the same side of Prague: EIP-7623
-- (Prague) raises such a transaction's gas to a calldata floor (21000 + 10 per token, 4
-- tokens per non-zero byte: 21120 instead of 21048), so the estimate legitimately depends on
-- the hardfork each implementation runs by default. Likewise the creation is compared only
-- between nodes on the same side of Shanghai (EIP-3860 charges init code words).
local eth = require "eth"
local evm = require "evm"
local pair = require "pair"

scenario {
	id = "eth.pair.estimate-gas",
	title = "eth_estimateGas gives the same estimates for the same calls on both",
	family = "ethereum",
	roles = { "a", "b" },
	roadmap = { "TX-08", "IOP-13" },
	run = function(t)
		local to = eth.fresh_address("pair-estimate")
		local c = evm.test_contract { word = "01", slot = 1, value = "02", topic = "03", data = "04" }
		local got = pair.each(t, function(node)
			local from = eth.accounts(t, node, 1)[1].address
			local cases = {
				{ "transfer", { from = from, to = to, value = "0x1" }, 21000 },
				{ "transfer with input", { from = from, to = to, value = "0x0", data = "0xc0ffee" }, 21000 + 3 * 16 },
				{ "creation", { from = from, data = evm.hex(c.init) }, 53000 },
			}
			local out = dlt.object({})
			for _, k in ipairs(cases) do
				local est, err = node:rpc("eth_estimateGas", { k[2] })
				t:ok(err == nil, k[1] .. ": eth_estimateGas answers", eth.show(err))
				if err == nil then
					t:ok(pair.form(est) == "quantity" or pair.form(est) == "quantity|data", k[1] .. ": a quantity", est)
					t:ok(eth.u(k[3]) <= eth.u(est), k[1] .. ": at least the intrinsic gas " .. k[3], est)
				end
				out[k[1]] = err == nil and est or pair.error_class(est, err)
			end
			return out
		end)
		for case, kind in pairs({ ["transfer with input"] = "calldata", creation = "creation" }) do
			local why = pair.gas_rules_differ(t, kind)
			if why then
				t:log("%s: %s", case, why)
				got.a[case], got.b[case] = nil, nil
			end
		end
		t:same(got.a, got.b, "gas estimates")
	end,
}
