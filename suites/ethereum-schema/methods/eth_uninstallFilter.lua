-- eth_uninstallFilter (execution-apis src/eth/filter.yaml): uninstalls a block filter and a log
-- filter the scenario creates (true), then the same id again (false: no such filter).
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_uninstallFilter",
	title = "eth_uninstallFilter: the answer validates against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01" },
	vectors = { "execution-apis" },
	run = function(t)
		local node = t.node
		local id = sc.call(t, node, "eth_newBlockFilter", {})
		local r = sc.call(t, node, "eth_uninstallFilter", { id }, { label = "block filter" })
		t:eq(r, true, "uninstalling an installed filter answers true")
		sc.call(t, node, "eth_uninstallFilter", { id }, { label = "the same id again" })
		local height = sc.height(node)
		local lid = sc.call(t, node, "eth_newFilter", { { fromBlock = eth.qty(height), toBlock = "latest" } })
		sc.call(t, node, "eth_uninstallFilter", { lid }, { label = "log filter" })
	end,
}
