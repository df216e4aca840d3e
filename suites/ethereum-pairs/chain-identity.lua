-- Two implementations configured for the same chain report the same identity (IOP-01):
-- eth_chainId and net_version, with the same encodings. Each side is also checked against its
-- own target file (protocol). The genesis hash is not compared: it depends on genesis contents
-- each implementation chooses (extraData, gas limit, mixHash), which no specification fixes
-- for a dev chain (reference/nodes.md: hashes differ per implementation).
local eth = require "eth"
local pair = require "pair"

scenario {
	id = "eth.pair.chain-identity",
	title = "eth_chainId and net_version agree between two implementations of the same chain",
	family = "ethereum",
	roles = { "a", "b" },
	roadmap = { "IOP-01", "NODE-03" },
	run = function(t)
		local got = pair.each(t, function(node)
			local cid = node:call("eth_chainId", {})
			local nv = node:call("net_version", {})
			t:eq(cid, eth.qty(eth.chain_id(node)), "eth_chainId is the configured chain id")
			t:match(nv, "^[1-9]%d*$", "net_version is a decimal string without leading zeros")
			if node.params.network_id ~= nil and node.params.network_id ~= dlt.null then
				t:eq(nv, tostring(node.params.network_id), "net_version is the configured network id")
			end
			return { chainId = cid, net_version = nv }
		end)
		t:same(pair.form_as(got.a.chainId, "quantity"), pair.form_as(got.b.chainId, "quantity"), "eth_chainId encoding (a quantity)")
		t:same(pair.form(got.a.net_version), pair.form(got.b.net_version), "net_version encoding (a decimal string)")
		if pair.same_chain(t) then
			t:same(got.a.chainId, got.b.chainId, "eth_chainId")
			t:same(got.a.net_version, got.b.net_version, "net_version")
		else
			t:log("configured for different chains (%s, %s): values not compared", got.a.chainId, got.b.chainId)
		end
	end,
}
