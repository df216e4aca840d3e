-- eth_getFilterLogs (execution-apis src/eth/filter.yaml): all logs of a log filter from the
-- creation block of a contract the scenario deploys (its init code logs) to latest, after a
-- transaction to it that logs too.
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_getFilterLogs",
	title = "eth_getFilterLogs: the logs validate against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01", "DATA-02", "DATA-03" },
	vectors = { "execution-apis" },
	timeout = 120,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local c = sc.deploy(t, node, acct, "filter-logs")
		sc.call_contract(t, node, acct, c, 2)
		local id = sc.call(t, node, "eth_newFilter", { { fromBlock = eth.qty(c.deploy.number), toBlock = "latest", address = c.address } })
		local logs = sc.call(t, node, "eth_getFilterLogs", { id }, { label = "creation and call logs" })
		t:ok(eth.is_array(logs) and #logs >= 2, "the filter finds the creation log and the call log", eth.show(logs))
		sc.call(t, node, "eth_uninstallFilter", { id }, { label = "cleanup", optional = true })
	end,
}
