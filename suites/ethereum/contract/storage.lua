-- eth_getStorageAt reads the slot the init code wrote: the 32-byte value at slot 1 (given as a
-- short quantity and as a full 32-byte word, both allowed by bytesMax32), zero at slot 0 and at
-- slot 1 before the creation block.
local eth = require "eth"
local evm = require "evm"

scenario {
	id = "eth.contract.storage",
	title = "eth_getStorageAt reads the value the contract stored",
	family = "ethereum",
	roadmap = { "PROV-03", "TX-05", "DATA-01" },
	timeout = 90,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local c = evm.fresh_test_contract("storage")
		local d = eth.deploy(t, node, acct, evm.hex(c.init))
		local want = dlt.u256("0x" .. c.value)
		local bn = eth.int(d.receipt.blockNumber)
		local function read(slot, block, label)
			local v = node:call("eth_getStorageAt", { d.address, slot, block })
			t:ok(eth.PRIM.bytes(v), label .. ": the answer is bytes", eth.show(v))
			if not eth.PRIM.bytes(v) then return nil end
			return v == "0x" and dlt.u256(0) or dlt.u256(v)
		end
		t:eq(read("0x1", "latest", "slot 0x1"), want, "slot 0x1 holds the stored value")
		t:eq(read(eth.word("0x1"), "latest", "slot as a 32-byte word"), want, "slot given as a 32-byte word holds the stored value")
		t:eq(read("0x1", eth.qty(bn), "slot 0x1 at the creation block"), want, "slot 0x1 at the creation block")
		t:eq(read("0x0", "latest", "slot 0x0"), dlt.u256(0), "slot 0x0 was never written")
		t:eq(read("0x1", eth.qty(bn - 1), "slot 0x1 before creation"), dlt.u256(0), "slot 0x1 before the creation block is zero")
		local v = node:call("eth_getStorageAt", { d.address, "0x1", "latest" })
		t:eq(v, "0x" .. c.value, "the value is answered as 32 bytes, as in the execution-apis example")
	end,
}
