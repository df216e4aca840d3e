-- eth_getLogs (execution-apis src/eth/filter.yaml): the logs of a contract the scenario deploys
-- (its init code logs) and calls (its runtime logs): by block range, address and topic; by
-- block hash; by a list of addresses and alternative topics; a range without logs ([]:
-- FilterResults' oneOf matches an empty array twice, an ambiguity of the specification that
-- neither check counts; docs/suite-ethereum-schema.md).
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_getLogs",
	title = "eth_getLogs: the logs validate against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01", "DATA-02", "DATA-03" },
	vectors = { "execution-apis" },
	timeout = 120,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local c = sc.deploy(t, node, acct, "get-logs")
		local call = sc.call_contract(t, node, acct, c, 2)
		local from, to = eth.qty(c.deploy.number), eth.qty(call.number)
		local logs = sc.call(t, node, "eth_getLogs", { { fromBlock = from, toBlock = to, address = c.address, topics = { c.topic } } },
			{ label = "range, address, topic" })
		t:ok(eth.is_array(logs) and #logs == 1, "the creation log is found", eth.show(logs))
		sc.call(t, node, "eth_getLogs", { { blockHash = call.block_hash } }, { label = "block hash" })
		sc.call(t, node, "eth_getLogs", { { fromBlock = from, toBlock = "latest", address = { c.address, acct.address },
			topics = { { c.topic, c.call_topic } } } }, { label = "addresses, alternative topics" })
		sc.call(t, node, "eth_getLogs", { { fromBlock = "earliest", toBlock = eth.qty(c.deploy.number - 1), address = c.address } },
			{ label = "range before the contract" })
	end,
}
