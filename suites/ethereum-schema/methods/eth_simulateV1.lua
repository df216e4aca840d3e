-- eth_simulateV1 (execution-apis src/eth/execute.yaml): one simulated block holding a call to a
-- contract the scenario deploys and a value transfer, with and without full transactions.
-- Optional: "method not found" skips.
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_simulateV1",
	title = "eth_simulateV1: the answer validates against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01", "DATA-06" },
	vectors = { "execution-apis" },
	timeout = 120,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local transfer = { from = acct.address, to = eth.fresh_address("simulate"), value = "0x1" }
		sc.call(t, node, "eth_simulateV1", { { blockStateCalls = { { calls = { transfer } } } }, "latest" },
			{ label = "one transfer" })
		local c = sc.deploy(t, node, acct, "simulate")
		local full = sc.call(t, node, "eth_simulateV1", { {
			blockStateCalls = { { calls = { { from = acct.address, to = c.address, input = "0x" }, transfer } } },
			returnFullTransactions = true,
		}, "latest" }, { label = "contract call and transfer, full transactions" })
		-- the validator reports a failed anyOf by its closest alternative, which for Block's
		-- transactions may be the array of hashes: each transaction object is also checked
		-- against TransactionInfo on its own, so its violations carry their own paths
		local b = eth.is_array(full) and full[1] or nil
		if type(b) == "table" and eth.is_array(b.transactions) then
			for i, tx in ipairs(b.transactions) do
				if eth.is_object(tx) then
					sc.check_schema(t, "TransactionInfo", tx, string.format("eth_simulateV1: simulated transaction %d validates against execution-apis TransactionInfo", i - 1))
				end
			end
		end
		sc.call(t, node, "eth_simulateV1", { {
			blockStateCalls = { { calls = { { from = acct.address, to = c.address, input = "0x" } } } },
			validation = false, traceTransfers = true,
		}, eth.qty(c.deploy.number) }, { label = "trace transfers, by block number" })
	end,
}
