-- eth_getTransactionByHash (execution-apis src/eth/transaction.yaml): transactions the scenario
-- sends itself: a legacy and an EIP-1559 transfer, a contract creation and a contract call;
-- and a hash nobody sent (notFound: null).
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_getTransactionByHash",
	title = "eth_getTransactionByHash: transactions of each type validate against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01", "DATA-05", "DATA-06" },
	vectors = { "execution-apis" },
	timeout = 180,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local legacy = sc.transfer(t, node, acct, 0)
		local dyn = sc.transfer(t, node, acct, 2)
		local c = sc.deploy(t, node, acct, "tx-by-hash")
		local call = sc.call_contract(t, node, acct, c, 0)
		for _, x in ipairs({ { legacy, "legacy transfer" }, { dyn, "EIP-1559 transfer" }, { c.deploy, "contract creation" },
			{ call, "legacy contract call" } }) do
			local tx = sc.call(t, node, "eth_getTransactionByHash", { x[1].hash }, { label = x[2] })
			t:ok(type(tx) == "table" and eth.lower(tx.hash) == x[1].hash, x[2] .. ": the node finds the transaction", eth.show(tx))
		end
		local none = sc.call(t, node, "eth_getTransactionByHash", { eth.keccak_str("no such transaction " .. legacy.hash) },
			{ label = "unknown hash", accept = true })
		if none ~= nil then t:eq(none, dlt.null, "an unknown transaction hash gives null") end
	end,
}
