-- The Merkle-Patricia proofs of eth_getProof verify against the stateRoot of the block they were
-- asked for (EIP-1186; Yellow Paper appendix D): the account proof leads from stateRoot along
-- keccak256(address) to rlp([nonce, balance, storageRoot, codeHash]) equal to the answered fields,
-- the storage proof leads from storageHash along keccak256(slot) to rlp(value), and an address
-- that holds nothing gets a proof of absence. Nodes without eth_getProof skip.
local eth = require "eth"
local canon = require "canon"
local evm = require "evm"

local UNSUPPORTED = { [-32601] = true, [-32004] = true }

local function account_of(t, label, root, p)
	local key = dlt.keccak256(dlt.hex.decode(p.address))
	local leaf, why = eth.verify_proof(root, key, p.accountProof)
	t:ok(leaf ~= nil, label .. ": the account proof verifies against the block's stateRoot", why)
	return leaf
end

scenario {
	id = "eth.state.get-proof-verify",
	title = "eth_getProof proofs verify against the block's stateRoot",
	family = "ethereum",
	roadmap = { "PROV-01", "CRYPTO-01" },
	vectors = { "eth-proofs" },
	timeout = 90,
	run = function(t)
		local node = t.node
		-- the verifier, first on the proofs of the execution-apis fixtures
		canon.eth_proofs(t)
		local acct = eth.sender(t, node)
		local _, perr = node:rpc("eth_getProof", { acct.address, {}, "latest" })
		if perr and (UNSUPPORTED[perr.code] or tostring(perr.message):lower():find("not supported")
			or tostring(perr.message):lower():find("not implemented")) then
			t:skip("eth_getProof is not supported: " .. eth.show(perr))
		end
		local c = evm.fresh_test_contract("proof-verify")
		local d = eth.deploy(t, node, acct, evm.hex(c.init))
		local bn = node:height()
		local block = eth.block(node, bn)
		local root = block.stateRoot
		t:log("block %d stateRoot %s", bn, root)

		-- the dev account and the contract
		for _, who in ipairs({ { "EOA", acct.address, {} }, { "contract", d.address, { eth.word("0x1") } } }) do
			local label = who[1]
			local p = node:call("eth_getProof", { who[2], who[3], eth.qty(bn) })
			local leaf = account_of(t, label, root, p)
			if leaf then
				t:ok(leaf ~= false, label .. ": the proof shows the account exists")
				if leaf then
					local a = dlt.rlp.decode(leaf)
					t:ok(type(a) == "table" and #a == 4, label .. ": the leaf is rlp([nonce, balance, storageRoot, codeHash])")
					if type(a) == "table" and #a == 4 then
						t:eq(eth.bytes_qty(a[1]), p.nonce, label .. ": proven nonce")
						t:eq(eth.bytes_qty(a[2]), p.balance, label .. ": proven balance")
						t:eq(dlt.hex.encode(a[3]), p.storageHash, label .. ": proven storageRoot")
						t:eq(dlt.hex.encode(a[4]), p.codeHash, label .. ": proven codeHash")
					end
				end
			end
			for _, sp in ipairs(p.storageProof or {}) do
				local skey = dlt.keccak256(dlt.hex.decode(eth.word(sp.key)))
				local v, why = eth.verify_proof(p.storageHash, skey, sp.proof)
				t:ok(v ~= nil, label .. ": the storage proof verifies against storageHash", why)
				if v then
					local val = dlt.rlp.decode(v)
					t:eq(eth.bytes_qty(val), sp.value, label .. ": proven storage value")
					t:eq(sp.value, dlt.u256("0x" .. c.value):hex(), label .. ": the stored value")
				end
			end
		end

		-- an address that never held anything: a valid proof of absence
		local nobody = eth.fresh_address("proof-absent")
		local p = node:call("eth_getProof", { nobody, {}, eth.qty(bn) })
		local leaf = account_of(t, "absent account", root, p)
		t:eq(leaf == nil and "an invalid proof" or leaf, false, "absent account: the proof shows no account")
		t:eq(p.balance, "0x0", "absent account: balance 0")
		t:eq(p.nonce, "0x0", "absent account: nonce 0")
	end,
}
