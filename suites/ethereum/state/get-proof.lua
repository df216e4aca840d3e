-- eth_getProof (EIP-1186; execution-apis AccountProof, closed schema): for an externally owned
-- dev account and for a contract deployed by the scenario, the answer has address, accountProof
-- (array of data), balance, codeHash, nonce, storageHash and storageProof; balance and nonce equal
-- eth_getBalance and eth_getTransactionCount at the same block; an account without code has the
-- empty code hash and the empty storage root; a contract's codeHash is keccak256 of its code and
-- its storage proof answers the stored value. Nodes without eth_getProof skip.
local eth = require "eth"
local evm = require "evm"
local S = eth.schema

local UNSUPPORTED = { [-32601] = true, [-32004] = true }

scenario {
	id = "eth.state.get-proof",
	title = "eth_getProof answers the EIP-1186 fields, consistent with the other state queries",
	family = "ethereum",
	roadmap = { "PROV-01", "DATA-01" },
	timeout = 90,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local probe, perr = node:rpc("eth_getProof", { acct.address, {}, "latest" })
		if perr and (UNSUPPORTED[perr.code] or tostring(perr.message):lower():find("not supported")
			or tostring(perr.message):lower():find("not implemented")) then
			t:skip("eth_getProof is not supported: " .. eth.show(perr))
		end
		t:need(perr == nil, "eth_getProof answers: " .. eth.show(perr))

		local c = evm.fresh_test_contract("proof")
		local d = eth.deploy(t, node, acct, evm.hex(c.init))
		local bn = node:height()
		local at = eth.qty(bn)

		local p = node:call("eth_getProof", { acct.address, {}, at })
		eth.check_schema(t, p, S.AccountProof, "EOA proof matches AccountProof")
		t:eq(eth.lower(p.address), acct.address, "EOA proof address")
		t:eq(p.balance, node:call("eth_getBalance", { acct.address, at }), "EOA proof balance equals eth_getBalance")
		t:eq(p.nonce, node:call("eth_getTransactionCount", { acct.address, at }), "EOA proof nonce equals eth_getTransactionCount")
		t:eq(p.codeHash, eth.EMPTY_CODE_HASH, "EOA codeHash is keccak256 of empty code")
		t:eq(p.storageHash, eth.EMPTY_TRIE_ROOT, "EOA storageHash is the empty trie root")
		t:ok(eth.is_array(p.accountProof) and #p.accountProof >= 1, "EOA accountProof holds at least the root node")
		t:ok(eth.is_array(p.storageProof) and #p.storageProof == 0, "no storage keys asked, no storage proofs", eth.show(p.storageProof))

		local slot = eth.word("0x1")
		local q = node:call("eth_getProof", { d.address, { slot }, at })
		eth.check_schema(t, q, S.AccountProof, "contract proof matches AccountProof")
		t:eq(eth.lower(q.address), d.address, "contract proof address")
		t:eq(q.nonce, "0x1", "contract nonce is 1 (EIP-161)")
		t:eq(q.balance, "0x0", "contract balance")
		t:eq(q.codeHash, eth.keccak_hex(node:call("eth_getCode", { d.address, at })), "contract codeHash is keccak256 of eth_getCode")
		t:eq(q.codeHash, eth.keccak_hex(evm.hex(c.runtime)), "contract codeHash is keccak256 of the runtime code")
		t:ne(q.storageHash, eth.EMPTY_TRIE_ROOT, "contract storageHash is not the empty root")
		t:need(eth.is_array(q.storageProof) and #q.storageProof == 1, "one storage proof for one key")
		local sp = q.storageProof[1]
		t:ok(type(sp.key) == "string" and dlt.u256(sp.key) == dlt.u256(1), "storage proof key is slot 1", eth.show(sp.key))
		t:eq(sp.value, dlt.u256("0x" .. c.value):hex(), "storage proof value is the stored value (uint256)")
		t:ok(eth.is_array(sp.proof) and #sp.proof >= 1, "storage proof has nodes")
	end,
}
