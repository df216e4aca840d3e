-- eth_getTransactionReceipt (execution-apis src/eth/transaction.yaml): receipts of transactions
-- the scenario sends itself: a legacy and an EIP-1559 transfer, a contract creation (with a
-- log) and a contract call (with a log); and a hash nobody sent (notFound: null).
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_getTransactionReceipt",
	title = "eth_getTransactionReceipt: receipts of each kind validate against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01", "DATA-05", "DATA-06" },
	vectors = { "execution-apis" },
	timeout = 180,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local legacy = sc.transfer(t, node, acct, 0)
		local dyn = sc.transfer(t, node, acct, 2)
		local c = sc.deploy(t, node, acct, "receipt")
		local call = sc.call_contract(t, node, acct, c, 2)
		for _, x in ipairs({ { legacy, "legacy transfer" }, { dyn, "EIP-1559 transfer" }, { c.deploy, "contract creation" },
			{ call, "contract call" } }) do
			local r = sc.call(t, node, "eth_getTransactionReceipt", { x[1].hash }, { label = x[2] })
			t:ok(type(r) == "table" and eth.lower(r.transactionHash) == x[1].hash, x[2] .. ": the node finds the receipt", eth.show(r))
		end
		local none = sc.call(t, node, "eth_getTransactionReceipt", { eth.keccak_str("no such transaction " .. legacy.hash) },
			{ label = "unknown hash", accept = true })
		if none ~= nil then t:eq(none, dlt.null, "an unknown transaction hash gives null") end
	end,
}
