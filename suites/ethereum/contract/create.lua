-- Contract creation from hand-assembled init code (suites/lib/evm.lua), sent as a signed raw
-- transaction without a recipient: the receipt names the address keccak256(rlp([sender,
-- nonce]))[12:] (Yellow Paper 7, CREATE), eth_getCode answers exactly the runtime code the init
-- code returned (and "0x" before the creation block), the transaction keeps its input byte for
-- byte, and the new account has nonce 1 (EIP-161).
local eth = require "eth"
local evm = require "evm"

scenario {
	id = "eth.contract.create",
	title = "A raw contract creation deploys the runtime code at the CREATE address",
	family = "ethereum",
	roadmap = { "TX-05", "PROV-03", "TX-04" },
	vectors = { "create-address" },
	timeout = 90,
	run = function(t)
		local node = t.node
		-- precondition: the runner's CREATE rule reproduces the vectors
		for _, c in ipairs(t:vector("create-address").cases) do
			if eth.lower(dlt.eth.create_address(c.input.sender, c.input.nonce)) ~= eth.lower(c.expected.address) then
				t:inconclusive("dlt.eth.create_address does not reproduce vector create-address case " .. tostring(c.name))
			end
		end
		local acct = eth.sender(t, node)
		local c = evm.fresh_test_contract("create")
		local d = eth.deploy(t, node, acct, evm.hex(c.init))
		local rc = d.receipt
		t:eq(rc.status, "0x1", "creation receipt status")
		t:ok(eth.is_null(rc.to), "creation receipt to is null", eth.show(rc.to))
		t:eq(d.address, d.expected_address, "receipt contractAddress is the CREATE address of sender and nonce")
		local bn = eth.int(rc.blockNumber)
		t:eq(node:call("eth_getCode", { d.expected_address, "latest" }), evm.hex(c.runtime), "eth_getCode answers the runtime code")
		t:eq(node:call("eth_getCode", { d.expected_address, eth.qty(bn) }), evm.hex(c.runtime), "eth_getCode at the creation block")
		t:eq(node:call("eth_getCode", { d.expected_address, eth.qty(bn - 1) }), "0x", "eth_getCode before the creation block is empty")
		t:eq(eth.nonce(node, d.expected_address, "latest"), 1, "the new contract account has nonce 1 (EIP-161)")
		local tx = node:call("eth_getTransactionByHash", { d.hash })
		t:need(type(tx) == "table", "the creation transaction is found")
		t:ok(eth.is_null(tx.to), "the creation transaction has to = null", eth.show(tx.to))
		t:eq(tx.input, evm.hex(c.init), "the creation transaction's input is the init code, byte for byte")
		t:eq(eth.nonce(node, acct.address, "latest"), eth.int(d.tx.nonce) + 1, "the sender's nonce rose by one")
	end,
}
