-- ExecutionErrors (execution-apis src/error-groups/execution-errors.yaml), referenced by
-- eth_sendTransaction: sending, without a gas limit, a call to a contract whose code is the
-- INVALID opcode (0xfe) makes the node estimate its gas, which fails: code 4 (Invalid opcode).
-- A node that sends it anyway (and includes a failed transaction) does not check execution at
-- submission, which eth_sendTransaction allows: the scenario skips there (no error to compare).
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.errors.invalid-opcode",
	title = "eth_sendTransaction of a call hitting INVALID is refused with code 4 (ExecutionErrors)",
	family = "ethereum",
	roadmap = { "NODE-12", "IOP-06" },
	vectors = { "execution-apis" },
	requires = { "accounts" },
	timeout = 120,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local addr = sc.deploy_runtime(t, node, acct, "fe", "contract of one INVALID opcode")
		local h0 = sc.height(node)
		local nonce = eth.nonce(node, acct.address, "pending")
		local params = { { from = acct.address, to = addr, input = "0x" } }
		sc.params(t, "eth_sendTransaction", params)
		local res, err = node:rpc("eth_sendTransaction", params)
		if res ~= nil then
			sc.include(t, node, res, acct.address, nonce, h0)
			t:skip("the node does not execute eth_sendTransaction before sending it: it sent a transaction that fails ("
				.. eth.show(res) .. "), so the condition yields no error to compare")
		end
		sc.expect_code(t, err, 4, "ExecutionErrors", "eth_sendTransaction to INVALID")
	end,
}
