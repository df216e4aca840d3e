-- Account addresses are the last 20 bytes of keccak256 of the public key: the node lists, in
-- eth_accounts, the address of every key the target is configured with (params.accounts), as
-- derived here from the key; where a target uses the dev mnemonic ("test ... junk"), its first
-- accounts are the ones vector dev-accounts derives with BIP-39/BIP-32 (Hardhat's and Anvil's
-- defaults), key for key.
local eth = require "eth"

scenario {
	id = "eth.chain.dev-accounts",
	title = "The node's accounts are keccak256(public key)[12:] of the configured keys and of the dev mnemonic",
	family = "ethereum",
	roadmap = { "ID-01", "ID-02", "CRYPTO-01" },
	vectors = { "dev-accounts" },
	run = function(t)
		local node = t.node
		-- the mnemonic's accounts, derived and checked against the vector
		local derived = {}
		for _, c in ipairs(t:vector("dev-accounts").cases) do
			if c.expected.address then
				local addr = dlt.eth.address(c.expected.private_key)
				if addr ~= eth.lower(c.expected.address) or dlt.eth.checksum(addr) ~= c.expected.address then
					t:inconclusive("the suite's address derivation does not reproduce vector dev-accounts case " .. c.name)
				end
				derived[addr] = c.name
			end
		end
		local listed = {}
		local accounts = node:call("eth_accounts", {})
		for _, a in ipairs(accounts) do listed[eth.lower(a)] = true end
		local params = node.params.accounts or {}
		t:need(#params > 0, "the target is configured with accounts (params.accounts)")
		local from_mnemonic = 0
		for i, a in ipairs(params) do
			local addr = dlt.eth.address(a.key)
			t:eq(addr, eth.lower(a.address), string.format("params.accounts[%d]: the address is keccak256(public key)[12:] of its key", i))
			t:ok(listed[addr] == true, string.format("eth_accounts lists %s (params.accounts[%d])", addr, i), accounts)
			if derived[addr] then from_mnemonic = from_mnemonic + 1 end
			if a.address ~= eth.lower(a.address) then
				t:eq(dlt.eth.checksum(addr), a.address, string.format("params.accounts[%d]: its mixed-case form is EIP-55", i))
			end
		end
		t:log("%d of the %d configured accounts are the dev mnemonic's (vector dev-accounts)", from_mnemonic, #params)
	end,
}
