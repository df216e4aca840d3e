-- The LOG1 the init code emits appears in the creation receipt with the contract's address, the
-- topic and the data, and eth_getLogs finds the same log when filtered by address and topic, by
-- block hash, and by address alone, and finds nothing with another topic or a range before the
-- block. Each log names its block, transaction and position.
local eth = require "eth"
local canon = require "canon"
local evm = require "evm"

local FIELDS = { "address", "topics", "data", "blockHash", "blockNumber", "transactionHash", "transactionIndex", "logIndex" }

scenario {
	id = "eth.contract.logs",
	title = "Receipt logs and eth_getLogs agree on the emitted log and its filters",
	family = "ethereum",
	roadmap = { "TX-07", "PROV-04", "TX-04" },
	vectors = { "eth-logs" },
	timeout = 90,
	run = function(t)
		local node = t.node
		-- the members of a log object in the execution-apis fixture's answer, and the bloom test
		local members = canon.eth_logs(t)
		for _, f in ipairs(FIELDS) do
			if not members[f] then t:inconclusive("the fixture log of vector eth-logs has no member " .. f) end
		end
		local acct = eth.sender(t, node)
		local c = evm.fresh_test_contract("logs")
		local d = eth.deploy(t, node, acct, evm.hex(c.init))
		local rc = d.receipt
		local topic, data = "0x" .. c.topic, "0x" .. c.data
		t:need(eth.is_array(rc.logs) and #rc.logs == 1, "the creation receipt holds exactly one log")
		local log = rc.logs[1]
		t:eq(eth.lower(log.address), d.address, "log address is the new contract")
		t:eq(log.topics, { topic }, "log topics")
		t:eq(log.data, data, "log data")
		t:eq(log.blockHash, rc.blockHash, "log blockHash")
		t:eq(log.blockNumber, rc.blockNumber, "log blockNumber")
		t:eq(log.transactionHash, d.hash, "log transactionHash")
		t:eq(log.transactionIndex, rc.transactionIndex, "log transactionIndex")
		t:eq(log.logIndex, "0x0", "log logIndex (first log of a block holding one transaction)")
		if log.removed ~= nil then t:eq(log.removed, false, "log removed") end
		t:ok(eth.bloom_has(node:call("eth_getBlockByHash", { rc.blockHash, false }).logsBloom, dlt.hex.decode(topic)),
			"the block's logsBloom holds the log's topic")

		local function get(filter, label)
			local r = node:call("eth_getLogs", { filter })
			t:ok(eth.is_array(r), label .. ": an array", eth.show(r))
			return eth.is_array(r) and r or {}
		end
		local function same(l, label)
			local a, b = {}, {}
			for _, f in ipairs(FIELDS) do a[f] = l[f]; b[f] = log[f] end
			a.address, b.address = eth.lower(a.address), eth.lower(b.address)
			t:eq(a, b, label .. ": the log equals the receipt's")
		end
		local bn = rc.blockNumber
		local r = get({ fromBlock = bn, toBlock = bn, address = d.address, topics = { topic } }, "by address and topic")
		t:eq(#r, 1, "by address and topic: one log")
		if r[1] then same(r[1], "by address and topic") end
		r = get({ blockHash = rc.blockHash, topics = { topic } }, "by block hash")
		t:eq(#r, 1, "by block hash and topic: one log")
		if r[1] then same(r[1], "by block hash") end
		-- the fixture's filter form: a block hash and one list of alternatives per position
		r = get({ blockHash = rc.blockHash, topics = { { topic } } }, "by block hash, topic alternatives")
		t:eq(#r, 1, "by block hash and a list of alternatives (the fixture's filter form): one log")
		r = get({ fromBlock = bn, toBlock = "latest", address = d.address }, "by address")
		t:eq(#r, 1, "by address from the block to latest: one log")
		r = get({ fromBlock = bn, toBlock = bn, topics = { { topic, eth.keccak_str("other") } } }, "by topic alternatives")
		t:eq(#r, 1, "by a list of alternative topics: one log")
		r = get({ fromBlock = bn, toBlock = bn, address = d.address, topics = { eth.keccak_str("another topic") } }, "other topic")
		t:eq(#r, 0, "with another topic: no log")
		r = get({ fromBlock = bn, toBlock = bn, address = eth.fresh_address("nobody") }, "other address")
		t:eq(#r, 0, "with another address: no log")
		local before = eth.qty(eth.int(bn) - 1)
		r = get({ fromBlock = "0x0", toBlock = before, address = d.address }, "range before the block")
		t:eq(#r, 0, "in a range that ends before the block: no log")
	end,
}
