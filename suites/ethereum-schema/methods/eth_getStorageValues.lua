-- eth_getStorageValues (execution-apis src/eth/state.yaml): slots 0 and 1 of a contract the
-- scenario deploys, and slot 0 of a dev account, in one request (keys as 32 bytes, and as the
-- short "0x1" that bytesMax32 allows too). A recent, optional method.
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_getStorageValues",
	title = "eth_getStorageValues: the answer validates against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01", "DATA-02" },
	vectors = { "execution-apis" },
	timeout = 120,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		-- an unsupported method skips before the deployment
		local zero = eth.word("0x0")
		sc.call(t, node, "eth_getStorageValues", { { [acct.address] = { zero } }, "latest" }, { label = "dev account" })
		local c = sc.deploy(t, node, acct, "storage-values")
		local slot1 = eth.word(c.slot)
		sc.call(t, node, "eth_getStorageValues", { { [c.address] = { zero, slot1 }, [acct.address] = { zero } }, "latest" },
			{ label = "contract slots 0 and 1" })
		sc.call(t, node, "eth_getStorageValues", { { [c.address] = { slot1 } }, eth.qty(c.deploy.number) },
			{ label = "by block number" })
		-- storage keys are bytesMax32: "0x1" is as valid as the 32-byte form
		sc.call(t, node, "eth_getStorageValues", { { [c.address] = { c.slot } }, "latest" }, { label = "short storage key 0x1", accept = true })
	end,
}
