-- eth_newPendingTransactionFilter (execution-apis src/eth/filter.yaml): a pending transaction
-- filter, a transaction the scenario sends, a poll with eth_getFilterChanges (a dev node that
-- mines at once may report the hash or nothing: both are valid), eth_uninstallFilter.
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_newPendingTransactionFilter",
	title = "eth_newPendingTransactionFilter: the filter id (and the polled hashes) validate against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01", "DATA-02" },
	vectors = { "execution-apis" },
	timeout = 120,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local id = sc.call(t, node, "eth_newPendingTransactionFilter", {})
		sc.transfer(t, node, acct, 2)
		sc.call(t, node, "eth_getFilterChanges", { id }, { label = "after a transaction" })
		sc.call(t, node, "eth_uninstallFilter", { id }, { label = "cleanup", optional = true })
	end,
}
