-- The block parameter of eth_getBalance, eth_getTransactionCount, eth_getCode and
-- eth_getStorageAt is optional in execution-apis (src/eth/state.yaml: required false, "default:
-- 'latest'"): calls without it answer what the same calls with "latest" answer.
local eth = require "eth"

scenario {
	id = "eth.state.default-block",
	title = "State queries without a block parameter answer the state at \"latest\"",
	family = "ethereum",
	roadmap = { "NODE-07", "DATA-01" },
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local cases = {
			{ "eth_getBalance", { acct.address } },
			{ "eth_getTransactionCount", { acct.address } },
			{ "eth_getCode", { acct.address } },
			{ "eth_getStorageAt", { acct.address, "0x0" } },
		}
		for _, c in ipairs(cases) do
			local with = {}
			for i, v in ipairs(c[2]) do with[i] = v end
			with[#with + 1] = "latest"
			local want = node:call(c[1], with)
			local got, err = node:rpc(c[1], c[2])
			t:ok(err == nil, c[1] .. " without a block parameter is answered", eth.show(err))
			if err == nil then t:eq(got, want, c[1] .. " without a block parameter equals \"latest\"") end
		end
	end,
}
