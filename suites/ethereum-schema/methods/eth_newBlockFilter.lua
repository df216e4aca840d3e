-- eth_newBlockFilter (execution-apis src/eth/filter.yaml): a block filter, a transaction the
-- scenario sends (a new block), a poll with eth_getFilterChanges, eth_uninstallFilter.
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_newBlockFilter",
	title = "eth_newBlockFilter: the filter id (and the polled hashes) validate against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01", "DATA-02" },
	vectors = { "execution-apis" },
	timeout = 120,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local id = sc.call(t, node, "eth_newBlockFilter", {})
		sc.transfer(t, node, acct, 2)
		local hashes = sc.call(t, node, "eth_getFilterChanges", { id }, { label = "after a new block" })
		t:ok(eth.is_array(hashes) and #hashes >= 1, "the block filter reports the new block", eth.show(hashes))
		sc.call(t, node, "eth_uninstallFilter", { id }, { label = "cleanup", optional = true })
	end,
}
