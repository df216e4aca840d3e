-- eth_newFilter (execution-apis src/eth/filter.yaml): a log filter on a contract the scenario
-- deploys and the topic its runtime logs, from the creation block to latest; a block-hash
-- filter; then a transaction that logs, a poll with eth_getFilterChanges and eth_uninstallFilter.
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_newFilter",
	title = "eth_newFilter: filter ids (and the polled logs) validate against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01", "DATA-02" },
	vectors = { "execution-apis" },
	timeout = 120,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local c = sc.deploy(t, node, acct, "new-filter")
		local id = sc.call(t, node, "eth_newFilter", { { fromBlock = eth.qty(c.deploy.number), toBlock = "latest",
			address = c.address, topics = { c.call_topic } } }, { label = "address and topic" })
		local id2 = sc.call(t, node, "eth_newFilter", { { blockHash = c.deploy.block_hash } }, { label = "block hash", accept = true })
		local id3 = sc.call(t, node, "eth_newFilter", { { address = { c.address, acct.address }, topics = { dlt.null, dlt.null } } },
			{ label = "addresses, null topics", accept = true })
		sc.call_contract(t, node, acct, c, 2)
		sc.call(t, node, "eth_getFilterChanges", { id }, { label = "after a logging transaction" })
		for _, x in ipairs({ id, id2, id3 }) do
			if type(x) == "string" then sc.call(t, node, "eth_uninstallFilter", { x }, { label = "cleanup", optional = true }) end
		end
	end,
}
