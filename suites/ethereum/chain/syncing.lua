-- eth_syncing (execution-apis src/eth/client.yaml): false when the node is not syncing; a dev
-- chain that produces its own blocks has nothing to sync from.
scenario {
	id = "eth.chain.syncing",
	title = "eth_syncing answers false on a node that is not syncing",
	family = "ethereum",
	roadmap = { "DATA-01" },
	run = function(t)
		t:eq(t.node:call("eth_syncing", {}), false, "eth_syncing")
	end,
}
