-- eth_getProof (execution-apis src/eth/state.yaml, EIP-1186): the account and slot 1 of a
-- contract the scenario deploys (keys as 32 bytes, and as the short "0x1" that bytesMax32
-- allows too), and a dev account without storage keys, at latest and by block number.
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_getProof",
	title = "eth_getProof: account and storage proofs validate against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01", "DATA-02", "DATA-03" },
	vectors = { "execution-apis" },
	timeout = 120,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local c = sc.deploy(t, node, acct, "proof")
		local slot1 = eth.word(c.slot)
		sc.call(t, node, "eth_getProof", { c.address, { slot1 }, "latest" }, { label = "contract, slot 1" })
		sc.call(t, node, "eth_getProof", { c.address, { slot1, eth.word("0x0") }, eth.qty(c.deploy.number) },
			{ label = "contract, slots 1 and 0, by number" })
		-- storage keys are bytesMax32: "0x1" is as valid as the 32-byte form
		sc.call(t, node, "eth_getProof", { c.address, { c.slot }, "latest" }, { label = "short storage key 0x1", accept = true })
		sc.call(t, node, "eth_getProof", { acct.address, {}, "latest" }, { label = "dev account, no keys" })
		sc.call(t, node, "eth_getProof", { eth.fresh_address("proof"), {}, "latest" }, { label = "absent account" })
	end,
}
