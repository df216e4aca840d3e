-- The logs bloom (Yellow Paper 4.3.1, M3:2048) of the receipt and of the block contain the three
-- bits of the log's address and of its topic; an unrelated topic is (with overwhelming
-- probability) absent.
local eth = require "eth"
local evm = require "evm"

scenario {
	id = "eth.contract.logs-bloom",
	title = "Receipt and block blooms contain the address and topic of the emitted log",
	family = "ethereum",
	roadmap = { "TX-04", "TX-07", "INTEG-06" },
	timeout = 90,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local c = evm.fresh_test_contract("bloom")
		local d = eth.deploy(t, node, acct, evm.hex(c.init))
		local addr = dlt.hex.decode(d.address)
		local topic = dlt.hex.decode(c.topic)
		local other = dlt.keccak256("dlt-interop: a topic nobody emitted " .. tostring(dlt.now()))
		local block = node:call("eth_getBlockByHash", { d.receipt.blockHash, false })
		for _, x in ipairs({ { "receipt", d.receipt.logsBloom }, { "block", block.logsBloom } }) do
			t:ok(eth.PRIM.bytes256(x[2]), x[1] .. " logsBloom is 256 bytes", eth.show(x[2]))
			if eth.PRIM.bytes256(x[2]) then
				t:ok(eth.bloom_has(x[2], addr), x[1] .. " bloom contains the contract address")
				t:ok(eth.bloom_has(x[2], topic), x[1] .. " bloom contains the topic")
				t:ok(not eth.bloom_has(x[2], other), x[1] .. " bloom does not contain an unrelated topic")
			end
		end
	end,
}
