-- eth_getFilterChanges (execution-apis src/eth/filter.yaml): polls a log filter (on a contract
-- the scenario deploys, after a transaction to it that logs) and a block filter (after a new
-- block), and each once more with nothing new ([]: FilterResults' oneOf matches an empty array
-- twice, an ambiguity of the specification that neither check counts; docs/suite-ethereum-schema.md).
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_getFilterChanges",
	title = "eth_getFilterChanges: polled logs and block hashes validate against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01", "DATA-02", "DATA-03" },
	vectors = { "execution-apis" },
	timeout = 120,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local c = sc.deploy(t, node, acct, "filter-changes")
		local lid = sc.call(t, node, "eth_newFilter", { { fromBlock = eth.qty(c.deploy.number), toBlock = "latest", address = c.address } })
		local bid = sc.call(t, node, "eth_newBlockFilter", {})
		sc.call_contract(t, node, acct, c, 2)
		local logs = sc.call(t, node, "eth_getFilterChanges", { lid }, { label = "log filter" })
		t:ok(eth.is_array(logs) and #logs >= 1, "the log filter reports the contract's log", eth.show(logs))
		local blocks = sc.call(t, node, "eth_getFilterChanges", { bid }, { label = "block filter" })
		t:ok(eth.is_array(blocks) and #blocks >= 1, "the block filter reports the new block", eth.show(blocks))
		sc.call(t, node, "eth_getFilterChanges", { lid }, { label = "log filter, nothing new" })
		sc.call(t, node, "eth_getFilterChanges", { bid }, { label = "block filter, nothing new" })
		sc.call(t, node, "eth_uninstallFilter", { lid }, { label = "cleanup", optional = true })
		sc.call(t, node, "eth_uninstallFilter", { bid }, { label = "cleanup", optional = true })
	end,
}
