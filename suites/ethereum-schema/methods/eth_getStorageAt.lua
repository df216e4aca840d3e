-- eth_getStorageAt (execution-apis src/eth/state.yaml): slot 1 of a contract the scenario
-- deploys (written by its init code), slot 0 (empty), a slot written with leading zeros (the
-- spec allows bytesMax32), by number and by hash.
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_getStorageAt",
	title = "eth_getStorageAt: the answer validates against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01", "DATA-02" },
	vectors = { "execution-apis" },
	timeout = 120,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local c = sc.deploy(t, node, acct, "storage")
		local v = sc.call(t, node, "eth_getStorageAt", { c.address, c.slot, "latest" }, { label = "slot 1, latest" })
		t:eq(type(v) == "string" and eth.word(v) or v, c.value, "slot 1 holds the value the init code stored")
		sc.call(t, node, "eth_getStorageAt", { c.address, "0x0", "latest" }, { label = "slot 0 (empty)" })
		sc.call(t, node, "eth_getStorageAt", { c.address, "0x" .. string.rep("0", 63) .. "1", eth.qty(c.deploy.number) },
			{ label = "slot 1 as 32 bytes, by block number", accept = true })
		sc.call(t, node, "eth_getStorageAt", { c.address, c.slot, c.deploy.block_hash }, { label = "by block hash", accept = true })
	end,
}
