-- Receipts validate against ReceiptInfo of execution-apis (src/schemas/receipt.yaml, which is
-- closed: additionalProperties false) and their logs against Log: a plain transfer's receipt and
-- the receipt of a contract creation that emits a log.
local eth = require "eth"
local evm = require "evm"
local S = eth.schema

scenario {
	id = "eth.tx.receipt-shape",
	title = "Receipts carry exactly the fields and types of the execution-apis ReceiptInfo schema",
	family = "ethereum",
	roadmap = { "DATA-01", "DATA-06", "TX-04", "DATA-02" },
	timeout = 90,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local sent = eth.transact(t, node, { type = 2, key = acct.key, to = eth.fresh_address("receipt-shape"), value = 5 }, "transfer")
		eth.check_schema(t, sent.receipt, S.ReceiptInfo, "transfer receipt matches ReceiptInfo")
		local c = evm.test_contract { word = "0x2a", slot = 0, value = "0x01", topic = "0x" .. string.rep("ab", 32), data = "0x02" }
		local d = eth.deploy(t, node, acct, evm.hex(c.init), { label = "creation" })
		eth.check_schema(t, d.receipt, S.ReceiptInfo, "creation receipt matches ReceiptInfo")
		t:eq(#d.receipt.logs, 1, "creation receipt holds one log")
		eth.check_schema(t, d.receipt.logs[1], S.Log, "the log matches Log")
		-- the same receipt fetched again is identical
		t:eq(node:call("eth_getTransactionReceipt", { d.hash }), d.receipt, "a receipt fetched twice is identical")
	end,
}
