-- The receipts of a value transfer and of a contract creation have the same field set and the
-- same encodings on both implementations (IOP-05): which members exist, quantities vs data,
-- JSON null vs an absent member (contractAddress of a transfer, to of a creation), arrays.
-- The values are compared by eth.pair.legacy-transfer and eth.pair.deploy-state.
local eth = require "eth"
local evm = require "evm"
local pair = require "pair"

local TYPES = { status = "quantity", type = "quantity", gasUsed = "quantity", cumulativeGasUsed = "quantity",
	effectiveGasPrice = "quantity", blockNumber = "quantity", transactionIndex = "quantity",
	blockTimestamp = "quantity", ["logs[]"] = "object" }

scenario {
	id = "eth.pair.receipt-fields",
	title = "Transfer and creation receipts have the same field set and encodings on both",
	family = "ethereum",
	roles = { "a", "b" },
	roadmap = { "IOP-05", "TX-04", "DATA-02" },
	timeout = 240,
	run = function(t)
		local ctx = pair.sender(t)
		local f = pair.fees(t)
		local c = evm.fresh_test_contract("pair-receipt")
		local s1 = pair.sign(ctx, { type = 2, to = eth.fresh_address("pair-rcpt"), value = 5, gas = 21000,
			max_fee = f.max_fee, tip = f.tip })
		local s2 = pair.sign(ctx, { type = 2, to = nil, value = 0, gas = 300000, data = evm.hex(c.init),
			max_fee = f.max_fee, tip = f.tip }, 1)
		local subs = pair.submit_all(t, { pair.raws(s1), pair.raws(s2) }, "transfer and contract creation")
		local sub1, sub2 = subs[1], subs[2]
		pair.each(t, function(node, side)
			local r1, r2 = sub1.receipt[side], sub2.receipt[side]
			eth.check_schema(t, r1, eth.schema.ReceiptInfo, "transfer receipt matches execution-apis ReceiptInfo")
			eth.check_schema(t, r2, eth.schema.ReceiptInfo, "creation receipt matches execution-apis ReceiptInfo")
			t:ok(r1.contractAddress == dlt.null, "transfer receipt: contractAddress is null (receipt.yaml: \"otherwise null\")", eth.show(r1.contractAddress))
			t:ok(r2.to == dlt.null, "creation receipt: to is null (receipt.yaml: \"null in a contract creation\")", eth.show(r2.to))
		end)
		t:same(pair.forms(sub1.receipt.a, TYPES), pair.forms(sub1.receipt.b, TYPES), "transfer receipt field set and encodings")
		t:same(pair.forms(sub2.receipt.a, TYPES), pair.forms(sub2.receipt.b, TYPES), "creation receipt field set and encodings")
		local la, lb = sub2.receipt.a.logs, sub2.receipt.b.logs
		if eth.is_array(la) and eth.is_array(lb) and la[1] and lb[1] then
			t:same(pair.forms(la[1], TYPES), pair.forms(lb[1], TYPES), "log field set and encodings")
		end
	end,
}
