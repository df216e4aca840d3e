-- eth_accounts (execution-apis src/eth/client.yaml) answers an array of addresses, without
-- duplicates; mixed-case addresses must carry a valid EIP-55 checksum.
local eth = require "eth"
local S = eth.schema

scenario {
	id = "eth.chain.accounts",
	title = "eth_accounts answers an array of distinct addresses",
	family = "ethereum",
	roadmap = { "DATA-03", "DATA-01", "ID-02" },
	requires = { "accounts" },
	run = function(t)
		local list = t.node:call("eth_accounts", {})
		eth.check_schema(t, list, S.array("address"), "eth_accounts is an array of addresses")
		t:need(eth.is_array(list), "eth_accounts is an array")
		t:ok(#list >= 1, "a node with unlocked accounts lists at least one", eth.show(list))
		local seen = {}
		for i, a in ipairs(list) do
			if type(a) == "string" then
				local k = a:lower()
				t:ok(not seen[k], string.format("eth_accounts[%d] %s is listed once", i - 1, a))
				seen[k] = true
				if a ~= a:lower() and a:sub(3) ~= a:sub(3):upper() then
					t:eq(a, dlt.eth.checksum(a), string.format("eth_accounts[%d]: mixed case is the EIP-55 checksum", i - 1))
				end
			end
		end
	end,
}
