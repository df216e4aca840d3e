-- The node names its implementation, version and network.
scenario {
	id = "btc.rpc.network-info",
	title = "getnetworkinfo and getblockchaininfo name the implementation and the configured network",
	family = "bitcoin",
	roadmap = { "TERM-01", "TERM-02" },
	run = function(t)
		local net = t.node:call("getnetworkinfo", {})
		t:shape(net, { version = "integer", subversion = "string", protocolversion = "integer",
			relayfee = "number" }, "getnetworkinfo")
		t:match(net.subversion, "^/[%w%.%-_ ]+:%d+%.%d+[%d%.]*.*/$", "subversion is BIP-14 /Name:version/")
		local chain = t.node:call("getblockchaininfo", {})
		t:shape(chain, { chain = "string", blocks = "integer", headers = "integer",
			bestblockhash = "hex64", mediantime = "integer", chainwork = "hex64" }, "getblockchaininfo")
		t:eq(chain.chain, t.node.params.network, "chain is the target's network")
		local info = t.node:info()
		t:eq(info.network, t.node.params.network, "info().network")
		t:ok(info.implementation ~= "" and info.version ~= "", "info() names implementation and version", info)
		t:eq(chain.bestblockhash, t.node:call("getbestblockhash", {}), "bestblockhash agrees with getbestblockhash")
	end,
}
