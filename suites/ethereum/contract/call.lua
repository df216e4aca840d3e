-- eth_call executes the deployed runtime code (which returns one constant 32-byte word for any
-- input) and changes nothing: no nonce change, no balance change, no storage change. (Whether a
-- block was produced is not checked: some nodes seal blocks on a timer.)
local eth = require "eth"
local evm = require "evm"

scenario {
	id = "eth.contract.call",
	title = "eth_call returns the contract's output and leaves the state unchanged",
	family = "ethereum",
	roadmap = { "TX-06" },
	timeout = 90,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local c = evm.fresh_test_contract("call")
		local d = eth.deploy(t, node, acct, evm.hex(c.init))
		local want = "0x" .. c.word
		local nonce = eth.nonce(node, acct.address, "latest")
		local bal = eth.balance(node, acct.address)
		t:eq(node:call("eth_call", { { to = d.address, data = "0x12345678" }, "latest" }), want, "eth_call with a selector")
		t:eq(node:call("eth_call", { { to = d.address }, "latest" }), want, "eth_call without input")
		t:eq(node:call("eth_call", { { from = acct.address, to = d.address, data = "0x", gas = "0x30d40" }, "latest" }), want,
			"eth_call with from and gas")
		t:eq(node:call("eth_call", { { to = d.address }, d.receipt.blockNumber }), want, "eth_call at the creation block")
		t:eq(node:call("eth_call", { { to = d.address }, eth.qty(eth.int(d.receipt.blockNumber) - 1) }), "0x",
			"eth_call before the creation block (no code) returns empty data")
		t:eq(eth.nonce(node, acct.address, "latest"), nonce, "eth_call did not change the caller's nonce")
		t:eq(eth.balance(node, acct.address), bal, "eth_call did not change the caller's balance")
		t:eq(dlt.u256(node:call("eth_getStorageAt", { d.address, "0x1", "latest" })), dlt.u256("0x" .. c.value),
			"eth_call did not change the contract's storage")
	end,
}
