-- Two implementations configured with the same chain, mnemonic and dev accounts start from the
-- same state (IOP-04): the balances and nonces of the declared dev accounts at block 0, and an
-- empty account's code, storage and balance. Pairs of different chains skip. Genesis block
-- hashes are not compared (implementations choose different genesis headers).
local eth = require "eth"
local canon = require "canon"
local pair = require "pair"

scenario {
	id = "eth.pair.genesis-state",
	title = "Dev accounts have the same balances and nonces at block 0 on both",
	family = "ethereum",
	roles = { "a", "b" },
	roadmap = { "IOP-04", "IOP-01" },
	vectors = { "dev-accounts" },
	run = function(t)
		pair.need_same_chain(t, "their genesis states are configured separately")
		local la, lb = eth.accounts(t, t.a, 1), eth.accounts(t, t.b, 1)
		-- the dev mnemonic's accounts (vector dev-accounts): which of them each side starts with
		local mnemonic = {}
		for _, c in ipairs(t:vector("dev-accounts").cases) do
			if c.expected.address then
				if dlt.eth.address(c.expected.private_key) ~= eth.lower(c.expected.address) then
					t:inconclusive("the suite's address derivation does not reproduce vector dev-accounts case " .. c.name)
				end
				mnemonic[eth.lower(c.expected.address)] = c.name
			end
		end
		for _, side in ipairs({ "a", "b" }) do
			local names = {}
			for _, a in ipairs(side == "a" and la or lb) do names[#names + 1] = mnemonic[eth.lower(a.address)] or a.address end
			t:log("%s starts with %s", t[side].name, table.concat(names, ", "))
		end
		local n = math.min(#la, #lb)
		local empty = eth.fresh_address("pair-genesis")
		local got = pair.each(t, function(node, side)
			local list = side == "a" and la or lb
			local out = dlt.object({ accounts = dlt.array({}) })
			for i = 1, n do
				local addr = list[i].address
				out.accounts[i] = dlt.object({
					address = addr,
					balance = node:call("eth_getBalance", { addr, "0x0" }),
					nonce = node:call("eth_getTransactionCount", { addr, "0x0" }),
					code = node:call("eth_getCode", { addr, "0x0" }),
				})
				t:eq(out.accounts[i].nonce, "0x0", "dev account " .. (i - 1) .. " has nonce 0 at genesis")
			end
			out.empty = dlt.object({
				balance = node:call("eth_getBalance", { empty, "latest" }),
				code = node:call("eth_getCode", { empty, "latest" }),
			})
			-- execution-apis: the value is "bytes" of any length, so "0x" and 32 zero bytes are both
			-- valid encodings of an unset slot; the value is compared, the width only logged
			local raw = node:call("eth_getStorageAt", { empty, "0x0", "latest" })
			t:ok(eth.PRIM.bytes(raw), "eth_getStorageAt answers bytes", raw)
			t:log("%s: unset slot answered as %s", node.name, tostring(raw))
			out.empty.storage = pair.storage_value(raw)
			t:eq(out.empty.balance, "0x0", "an unused address has balance 0")
			t:eq(out.empty.code, "0x", "an unused address has no code")
			return out
		end)
		t:same(got.a, got.b, "genesis state of the dev accounts and of an empty account")
	end,
}
