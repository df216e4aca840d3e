-- suites/lib/htlc.lua: the cross-ledger atomic swap of suites/swap/ (docs/swap.md): one hashed
-- time-locked contract on a bitcoin-family ledger (BIP-199 script in a P2WSH output) and one
-- on an ethereum-family ledger (contracts/HTLC.sol), locked with the same SHA-256 hash, each
-- step mapped to a stage of the IETF Secure Asset Transfer Protocol (SATP).
--
-- The parties: Alice holds coins on the UTXO ledger and wants ether; Bob holds ether and wants
-- coins. Alice picks the secret (the preimage) and locks first, with the longer timeout; Bob
-- checks her lock and locks his ether for her under the same hash with a shorter timeout; Alice
-- claims the ether, which publishes the preimage in the contract's Claimed event; Bob reads it
-- from the node and claims the coins. If either side stalls, each takes its own lock back after
-- its timeout.
--
-- Scenarios use roles = { utxo = "bitcoin", evm = "ethereum" } (nodes t.utxo and t.evm) and
-- call, in order: new_swap, identify (stage 0), utxo_lock / evm_deploy / evm_lock (stage 1),
-- utxo_assert / evm_assert (stage 2), evm_claim + evm_read_preimage (stage 3, preparation),
-- utxo_claim (stage 3, finalization), or the refund helpers (rollback). Every step checks
-- amounts exactly in base units (litoshi/satoshi; wei) with the fees the nodes report.
--
-- Nothing is hard-coded that the scenario can compute: function selectors and event topics are
-- keccak256 of the signatures at run time; the script, its P2WSH program and address, txids,
-- sighashes and signatures are computed here. The contract's code comes from the generated
-- block below (contracts/compile.sh: the scenarios' sandbox cannot read files).
local btc = require "btc"
local eth = require "eth"
local bs = require "btc_script"
local canon = require "canon"

local M = {}

-- BEGIN GENERATED (contracts/compile.sh from contracts/HTLC.sol; do not edit by hand)
M.CONTRACT = {
	solc = "0.8.28+commit.7893614a.Emscripten.clang",
	evm_version = "paris",
	optimizer_runs = 200,
	source_sha256 = "5068cd0cae4cc2be9b4e96585385fcaccb02cade2360b6e6474d66a2c8fd3ceb",
	init_code = "0x6080604052348015600f57600080fd5b506108298061001f6000396000f3fe6080604052600436106100865760003560e01c806367e404ce1161005957806367e404ce14610116578063a782086e14610136578063aa8c217c1461014c578063bd66528a14610162578063c19d93fb1461018257600080fd5b80630899146b1461008b57806329dcb0cf146100a0578063590e1ae3146100c957806366d003ac146100de575b600080fd5b61009e610099366004610710565b6101a9565b005b3480156100ac57600080fd5b506100b660045481565b6040519081526020015b60405180910390f35b3480156100d557600080fd5b5061009e610370565b3480156100ea57600080fd5b506002546100fe906001600160a01b031681565b6040516001600160a01b0390911681526020016100c0565b34801561012257600080fd5b506001546100fe906001600160a01b031681565b34801561014257600080fd5b506100b660005481565b34801561015857600080fd5b506100b660035481565b34801561016e57600080fd5b5061009e61017d366004610754565b610504565b34801561018e57600080fd5b5060055461019c9060ff1681565b6040516100c09190610783565b600060055460ff1660038111156101c2576101c261076d565b1461020b5760405162461bcd60e51b815260206004820152601460248201527312151310ce88185b1c9958591e481b1bd8dad95960621b60448201526064015b60405180910390fd5b6000341161024c5760405162461bcd60e51b815260206004820152600e60248201526d48544c433a206e6f2076616c756560901b6044820152606401610202565b6001600160a01b0382166102975760405162461bcd60e51b815260206004820152601260248201527112151310ce881b9bc81c9958da5c1a595b9d60721b6044820152606401610202565b4281116102de5760405162461bcd60e51b815260206004820152601560248201527412151310ce88191958591b1a5b99481c185cdcd959605a1b6044820152606401610202565b600083905560018054336001600160a01b0319918216178255600280549091166001600160a01b0385161790553460035560048290556005805460ff19168280021790555060408051348152602081018390526001600160a01b03841691339186917f9c46dd03d783850e02b90c047546a4c280a6685e86ab93bbfac7221c53b51d62910160405180910390a4505050565b600160055460ff1660038111156103895761038961076d565b146103c95760405162461bcd60e51b815260206004820152601060248201526f12151310ce881b9bdd081b1bd8dad95960821b6044820152606401610202565b60045442101561040d5760405162461bcd60e51b815260206004820152600f60248201526e48544c433a20746f6f206561726c7960881b6044820152606401610202565b6005805460ff1916600390811790915560015460005491546040519081526001600160a01b0390911691907ff552ca82e113ac3c539c3d617f29fcd19c172a0c75dad017555c9e109f7fe1839060200160405180910390a36001546003546040516000926001600160a01b031691908381818185875af1925050503d80600081146104b4576040519150601f19603f3d011682016040523d82523d6000602084013e6104b9565b606091505b50509050806105015760405162461bcd60e51b815260206004820152601460248201527312151310ce881c185e5b595b9d0819985a5b195960621b6044820152606401610202565b50565b600160055460ff16600381111561051d5761051d61076d565b1461055d5760405162461bcd60e51b815260206004820152601060248201526f12151310ce881b9bdd081b1bd8dad95960821b6044820152606401610202565b60005460028260405160200161057591815260200190565b60408051601f198184030181529082905261058f916107ab565b602060405180830381855afa1580156105ac573d6000803e3d6000fd5b5050506040513d601f19601f820116820180604052508101906105cf91906107da565b146106135760405162461bcd60e51b815260206004820152601460248201527348544c433a2077726f6e6720707265696d61676560601b6044820152606401610202565b6005805460ff19166002908117909155546000546003546040805185815260208101929092526001600160a01b03909316927f7174610af011ba0e301dfc426db763c828612727f237e0e3dfc642efb9290b6b910160405180910390a36002546003546040516000926001600160a01b031691908381818185875af1925050503d80600081146106bf576040519150601f19603f3d011682016040523d82523d6000602084013e6106c4565b606091505b505090508061070c5760405162461bcd60e51b815260206004820152601460248201527312151310ce881c185e5b595b9d0819985a5b195960621b6044820152606401610202565b5050565b60008060006060848603121561072557600080fd5b8335925060208401356001600160a01b038116811461074357600080fd5b929592945050506040919091013590565b60006020828403121561076657600080fd5b5035919050565b634e487b7160e01b600052602160045260246000fd5b60208101600483106107a557634e487b7160e01b600052602160045260246000fd5b91905290565b6000825160005b818110156107cc57602081860181015185830152016107b2565b506000920191825250919050565b6000602082840312156107ec57600080fd5b505191905056fea2646970667358221220c2ce6364f46089f6a42964cdc159cd5929f55ca927f43f927bad993e7e8225e164736f6c634300081c0033",
	runtime_code = "0x6080604052600436106100865760003560e01c806367e404ce1161005957806367e404ce14610116578063a782086e14610136578063aa8c217c1461014c578063bd66528a14610162578063c19d93fb1461018257600080fd5b80630899146b1461008b57806329dcb0cf146100a0578063590e1ae3146100c957806366d003ac146100de575b600080fd5b61009e610099366004610710565b6101a9565b005b3480156100ac57600080fd5b506100b660045481565b6040519081526020015b60405180910390f35b3480156100d557600080fd5b5061009e610370565b3480156100ea57600080fd5b506002546100fe906001600160a01b031681565b6040516001600160a01b0390911681526020016100c0565b34801561012257600080fd5b506001546100fe906001600160a01b031681565b34801561014257600080fd5b506100b660005481565b34801561015857600080fd5b506100b660035481565b34801561016e57600080fd5b5061009e61017d366004610754565b610504565b34801561018e57600080fd5b5060055461019c9060ff1681565b6040516100c09190610783565b600060055460ff1660038111156101c2576101c261076d565b1461020b5760405162461bcd60e51b815260206004820152601460248201527312151310ce88185b1c9958591e481b1bd8dad95960621b60448201526064015b60405180910390fd5b6000341161024c5760405162461bcd60e51b815260206004820152600e60248201526d48544c433a206e6f2076616c756560901b6044820152606401610202565b6001600160a01b0382166102975760405162461bcd60e51b815260206004820152601260248201527112151310ce881b9bc81c9958da5c1a595b9d60721b6044820152606401610202565b4281116102de5760405162461bcd60e51b815260206004820152601560248201527412151310ce88191958591b1a5b99481c185cdcd959605a1b6044820152606401610202565b600083905560018054336001600160a01b0319918216178255600280549091166001600160a01b0385161790553460035560048290556005805460ff19168280021790555060408051348152602081018390526001600160a01b03841691339186917f9c46dd03d783850e02b90c047546a4c280a6685e86ab93bbfac7221c53b51d62910160405180910390a4505050565b600160055460ff1660038111156103895761038961076d565b146103c95760405162461bcd60e51b815260206004820152601060248201526f12151310ce881b9bdd081b1bd8dad95960821b6044820152606401610202565b60045442101561040d5760405162461bcd60e51b815260206004820152600f60248201526e48544c433a20746f6f206561726c7960881b6044820152606401610202565b6005805460ff1916600390811790915560015460005491546040519081526001600160a01b0390911691907ff552ca82e113ac3c539c3d617f29fcd19c172a0c75dad017555c9e109f7fe1839060200160405180910390a36001546003546040516000926001600160a01b031691908381818185875af1925050503d80600081146104b4576040519150601f19603f3d011682016040523d82523d6000602084013e6104b9565b606091505b50509050806105015760405162461bcd60e51b815260206004820152601460248201527312151310ce881c185e5b595b9d0819985a5b195960621b6044820152606401610202565b50565b600160055460ff16600381111561051d5761051d61076d565b1461055d5760405162461bcd60e51b815260206004820152601060248201526f12151310ce881b9bdd081b1bd8dad95960821b6044820152606401610202565b60005460028260405160200161057591815260200190565b60408051601f198184030181529082905261058f916107ab565b602060405180830381855afa1580156105ac573d6000803e3d6000fd5b5050506040513d601f19601f820116820180604052508101906105cf91906107da565b146106135760405162461bcd60e51b815260206004820152601460248201527348544c433a2077726f6e6720707265696d61676560601b6044820152606401610202565b6005805460ff19166002908117909155546000546003546040805185815260208101929092526001600160a01b03909316927f7174610af011ba0e301dfc426db763c828612727f237e0e3dfc642efb9290b6b910160405180910390a36002546003546040516000926001600160a01b031691908381818185875af1925050503d80600081146106bf576040519150601f19603f3d011682016040523d82523d6000602084013e6106c4565b606091505b505090508061070c5760405162461bcd60e51b815260206004820152601460248201527312151310ce881c185e5b595b9d0819985a5b195960621b6044820152606401610202565b5050565b60008060006060848603121561072557600080fd5b8335925060208401356001600160a01b038116811461074357600080fd5b929592945050506040919091013590565b60006020828403121561076657600080fd5b5035919050565b634e487b7160e01b600052602160045260246000fd5b60208101600483106107a557634e487b7160e01b600052602160045260246000fd5b91905290565b6000825160005b818110156107cc57602081860181015185830152016107b2565b506000920191825250919050565b6000602082840312156107ec57600080fd5b505191905056fea2646970667358221220c2ce6364f46089f6a42964cdc159cd5929f55ca927f43f927bad993e7e8225e164736f6c634300081c0033",
}
-- END GENERATED

---------------------------------------------------------------------------------------------
-- SATP stages (draft-ietf-satp-core) and the roadmap requirements each step serves

M.SATP = {
	verify   = { stage = 0, name = "identity and asset verification" },
	initiate = { stage = 1, name = "transfer initiation", req = "IOP-08" },
	assert   = { stage = 2, name = "lock assertion", req = "IOP-09" },
	prepare  = { stage = 3, name = "commitment preparation", req = "IOP-10" },
	finalize = { stage = 3, name = "commitment finalization", req = "IOP-11" },
	rollback = { stage = 3, name = "rollback", req = "IOP-12" },
}

-- t:log a line "SATP stage N (name) [REQ]: text" (the gap-analysis report greps these).
function M.stage(t, key, fmt, ...)
	local s = assert(M.SATP[key], "htlc.stage: unknown step " .. tostring(key))
	local text = select("#", ...) > 0 and string.format(fmt, ...) or fmt
	t:log("%s", string.format("SATP stage %d (%s)%s: %s", s.stage, s.name,
		s.req and (" [" .. s.req .. "]") or "", text))
end

---------------------------------------------------------------------------------------------
-- ABI (static types only: bytes32, address, uint256, uint8, bool)

function M.selector(sig) return dlt.keccak256(sig):sub(1, 4) end
function M.topic(sig) return dlt.hex.encode(dlt.keccak256(sig)) end

local function word_of(kind, v)
	if kind == "bytes32" then
		assert(type(v) == "string" and #v == 32, "abi: bytes32 needs 32 raw bytes")
		return v
	elseif kind == "address" then
		local a = dlt.hex.decode(v)
		assert(#a == 20, "abi: address of 20 bytes")
		return string.rep("\0", 12) .. a
	elseif kind == "uint256" or kind == "uint8" or kind == "bool" then
		if kind == "bool" then v = v and 1 or 0 end
		local b = dlt.u256(v):bytes()
		return string.rep("\0", 32 - #b) .. b
	end
	error("abi: unsupported type " .. tostring(kind))
end

-- "0x" calldata: selector of `sig` followed by the arguments encoded by the types the
-- signature names, e.g. calldata("lock(bytes32,address,uint256)", hash, addr, deadline).
function M.calldata(sig, ...)
	local list = sig:match("^[%w_]+%((.*)%)$")
	assert(list, "abi: bad signature " .. sig)
	local args, out = { ... }, { M.selector(sig) }
	local i = 0
	for kind in list:gmatch("[^,]+") do
		i = i + 1
		out[#out + 1] = word_of(kind, args[i])
	end
	assert(i == #args, "abi: " .. sig .. " takes " .. i .. " argument(s)")
	return dlt.hex.encode(table.concat(out))
end

-- 32-byte words of hex data
function M.words(hex)
	local b = dlt.hex.decode(hex)
	local w = {}
	for i = 1, #b - 31, 32 do w[#w + 1] = b:sub(i, i + 31) end
	return w
end
function M.word_uint(w) return dlt.u256(dlt.hex.encode(w)) end
function M.word_address(w) return dlt.hex.encode(w:sub(13, 32)) end

-- The reason string of a revert: Error(string) data (0x08c379a0 ...) found anywhere in a
-- JSON-RPC error (anvil: error.data; Hardhat: error.data.data; Ganache: error.data.result or
-- error.data.reason). nil when the node gives none.
local ERROR_STRING = "0x08c379a0"
local function decode_error_string(hex)
	local ok, b = pcall(dlt.hex.decode, hex)
	if not ok or #b < 4 + 64 then return nil end
	local len = tonumber(tostring(dlt.u256(dlt.hex.encode(b:sub(37, 68)))))
	if not len or 68 + len > #b then return nil end
	return b:sub(69, 68 + len)
end
function M.revert_reason(err)
	local found
	local function walk(v, depth)
		if found or depth > 4 then return end
		if type(v) == "string" and v:lower():sub(1, 10) == ERROR_STRING then
			found = decode_error_string(v)
		elseif type(v) == "table" then
			for _, x in pairs(v) do walk(x, depth + 1) end
			if not found and type(v.reason) == "string" then found = v.reason end
		end
	end
	if type(err) == "table" then walk(err.data, 0) end
	return found
end

-- eth_call of a view function without arguments; returns the raw hex result.
function M.view(node, contract, sig)
	return node:call("eth_call", { { to = contract, data = M.calldata(sig) }, "latest" })
end

M.STATE = { Empty = 0, Locked = 1, Claimed = 2, Refunded = 3 }
local STATE_NAME = { [0] = "Empty", "Locked", "Claimed", "Refunded" }
function M.state(node, contract)
	local w = M.words(M.view(node, contract, "state()"))[1]
	local n = math.tointeger(tonumber(tostring(M.word_uint(w))))
	return n, STATE_NAME[n]
end

M.GAS = { deploy = 1000000, lock = 300000, claim = 150000, refund = 150000 }
-- A balance equation that involves a fee (lhs == rhs, u256): one check; when it fails, a log
-- line says by how much per unit of gas, next to the receipt's effectiveGasPrice and the
-- block's baseFeePerGas (a node whose receipts leave out the base fee is off by exactly it).
function M.eq_wei(t, node, lhs, rhs, receipt, label)
	if t:eq(lhs, rhs, label) then return true end
	local diff = lhs < rhs and rhs - lhs or lhs - rhs
	local gas = dlt.u256(receipt.gasUsed)
	local blk = eth.block(node, receipt.blockNumber)
	local per = (gas > dlt.u256(0) and diff % gas == dlt.u256(0)) and tostring(diff // gas) or "not a whole number of"
	t:log("%s: off by %s wei = %s wei per gas used (%s); the receipt says effectiveGasPrice %s, block %d has baseFeePerGas %s",
		label, tostring(diff), per, tostring(gas), tostring(dlt.u256(receipt.effectiveGasPrice)),
		eth.int(receipt.blockNumber), type(blk) == "table" and tostring(blk.baseFeePerGas and dlt.u256(blk.baseFeePerGas)) or "?")
	return false
end

-- what Bob sends a fresh Alice for gas when the target has a single dev key (0.1 ether)
M.ALICE_GAS_FUND = "100000000000000000"

---------------------------------------------------------------------------------------------
-- the swap and its parties

-- o: utxo_amount (base units, default 1000017), evm_amount (wei, default 1 ether + 7 wei),
-- utxo_blocks (refund height = current height + this, default 20), evm_seconds (deadline =
-- latest block time + this, default 1800), tag.
--
-- Capabilities per role: the UTXO side needs "mine" and "wallet" (regtest blocks, the node's
-- wallet funds the lock); o.evm_caps names what the EVM side needs (refunds: "time_control").
-- `requires` in a scenario applies to every role, so these are checked here: a target that
-- lacks one makes the scenario skip, naming target, role and capability.
function M.new_swap(t, o)
	o = o or {}
	t:need(t.utxo ~= nil and t.evm ~= nil, "the scenario has the roles utxo (bitcoin family) and evm (ethereum family)")
	-- the UTXO side's signer on BIP-143's own P2WSH example (the swap scenarios name vector bip143)
	canon.btc_p2wsh_signer(t)
	for role, caps in pairs({ utxo = { "mine", "wallet" }, evm = o.evm_caps or {} }) do
		for _, cap in ipairs(caps) do
			if not t[role]:has(cap) then
				t:skip(string.format("target %s (role %s) lacks capability \"%s\"", t[role].name, role, cap))
			end
		end
	end
	local tag = string.format("%s/%.6f/%d", o.tag or "swap", dlt.now(), math.random(1, 1 << 30))
	local s = {
		tag = tag, utxo = t.utxo, evm = t.evm,
		utxo_amount = o.utxo_amount or 1000017,
		evm_amount = dlt.u256(o.evm_amount or "1000000000000000007"),
		utxo_blocks = o.utxo_blocks or 20,
		evm_seconds = o.evm_seconds or 1800,
		fees = {},
	}
	-- Alice's secret: 32 random-looking bytes; the hash lock is its SHA-256
	s.secret = dlt.sha256("dlt-interop/swap/secret/" .. tag)
	s.hash = dlt.sha256(s.secret)
	s.alice = { btc = btc.key("swap/alice/" .. tag) }
	s.bob = { btc = btc.key("swap/bob/" .. tag) }
	return s
end

-- SATP stage 0: who the parties are and which ledgers and assets the transfer is about. HTLCs
-- have nothing on-ledger for this: the scenario checks the nodes' identity against the target
-- files and picks the parties' keys and accounts.
function M.identify(t, s)
	local u, e = s.utxo, s.evm
	local ui = u:info()
	if u.params.network then t:eq(ui.network, u.params.network, "UTXO ledger: the network the target file names") end
	local chain = e:call("eth_chainId", {})
	t:eq(eth.lower(chain), dlt.u256(eth.chain_id(e)):hex(), "EVM ledger: eth_chainId is the target's chain id")
	M.stage(t, "verify", "UTXO ledger %s (%s %s, network %s, genesis %s); EVM ledger %s (%s %s, chain id %d)",
		u.name, tostring(ui.implementation), tostring(ui.version), tostring(ui.network),
		tostring(ui.genesis_hash), e.name, tostring(e.implementation), tostring(e.version), eth.chain_id(e))
	-- two dev accounts with keys that are not the block producer (a producer would get the
	-- priority fees back and blur the exact balance checks); with only one, Alice gets a fresh
	-- key that Bob funds for her gas
	local list = eth.accounts(t, e, 1)
	local latest = eth.block(e, "latest")
	local miner = type(latest) == "table" and eth.lower(latest.miner) or nil
	local picked = {}
	for i, a in ipairs(list) do
		if a.address ~= miner and #picked < 2 then picked[#picked + 1] = eth.account(t, e, i) end
	end
	t:need(#picked >= 1, "a dev account with a key that is not the block producer " .. tostring(miner))
	if #picked == 1 then
		local key, addr = eth.fresh_key("swap/alice/" .. s.tag)
		picked = { { address = addr, key = key }, picked[1] }
		local r = eth.transact(t, e, { type = 2, key = picked[2].key, to = addr, value = M.ALICE_GAS_FUND },
			"funding Alice's fresh EVM account")
		t:need(r.receipt.status == "0x1", "funding Alice's fresh EVM account: receipt status 0x1")
		t:eq(eth.balance(e, addr), dlt.u256(M.ALICE_GAS_FUND), "Alice's fresh EVM account holds exactly what Bob sent")
		M.stage(t, "verify", "EVM: the target has one dev key; Alice uses a fresh key funded by Bob with %s wei for gas", M.ALICE_GAS_FUND)
	end
	s.alice.evm, s.bob.evm = picked[1], picked[2]
	M.stage(t, "verify", "Alice: UTXO refund key %s, EVM address %s; Bob: UTXO claim key %s, EVM address %s",
		btc.hex(s.alice.btc.pub), s.alice.evm.address, btc.hex(s.bob.btc.pub), s.bob.evm.address)
	M.stage(t, "verify", "assets: %s base units of %s on %s for %s wei on %s; identities checked against the target files (no on-ledger support: a gateway's job)",
		tostring(s.utxo_amount), tostring(u.params.coin or "coin"), u.name, tostring(s.evm_amount), e.name)
end

-- Stages 0 to 2 in the order of the protocol: identities; Alice locks coins first (she holds
-- the secret, her timeout is the longer one); Bob checks her lock before he commits anything;
-- Bob deploys and locks ether under the same hash; Alice checks his lock.
function M.lock_both(t, s)
	M.identify(t, s)
	M.utxo_lock(t, s)
	M.utxo_assert(t, s)
	M.evm_deploy(t, s)
	M.evm_lock(t, s)
	M.evm_assert(t, s)
end

---------------------------------------------------------------------------------------------
-- UTXO side (bitcoin family)

-- The witness script from the agreed terms (what each party rebuilds on its own).
function M.utxo_script(s)
	return bs.htlc_script { hash = s.hash, recipient = s.bob.btc.pub, refund = s.alice.btc.pub,
		locktime = s.locktime }
end

-- Fee rate for the suite's own spends: twice the node's minimum (relay and mempool), at least
-- 1000 base units per 1000 vbytes.
function M.utxo_fee_rate(t, s)
	if s.fee_rate then return s.fee_rate end
	local r = bs.min_fee_rates(s.utxo)
	local rate = math.max(r.relay or 0, r.mempool or 0, 500) * 2
	s.fee_rate = rate
	t:log("UTXO fee rate: %d base units per 1000 vbytes (node minimum: relay %s, mempool %s)", rate,
		tostring(r.relay), tostring(r.mempool))
	return rate
end

-- Stage 1 (Alice): build the script, check the node agrees on its asm and P2WSH address, fund
-- it from the node's wallet, check the funding fee, mine it.
function M.utxo_lock(t, s)
	local node = s.utxo
	btc.ensure_funds(t, node, s.utxo_amount + btc.COIN)
	s.locktime = node:height() + s.utxo_blocks
	s.script = M.utxo_script(s)
	s.p2wsh = bs.p2wsh(node, s.script)
	local dec = node:call("decodescript", { btc.hex(s.script) })
	t:eq(dec.asm, bs.asm(s.script), "decodescript: the node disassembles the HTLC script as the suite does")
	local seg = type(dec.segwit) == "table" and dec.segwit or {}
	local seg_addr = seg.address or (type(seg.addresses) == "table" and seg.addresses[1]) or nil
	t:eq(seg_addr, s.p2wsh.address, "decodescript: the node's P2WSH address of the script is the suite's bech32 address")
	t:eq(seg.hex, btc.hex(s.p2wsh.spk), "decodescript: the P2WSH scriptPubKey is 0 <sha256(script)>")
	M.stage(t, "initiate", "UTXO: Alice's HTLC script (%d bytes) %s", #s.script, bs.asm(s.script))
	M.stage(t, "initiate", "UTXO: P2WSH address %s, refund branch opens at height %d (now %d)",
		s.p2wsh.address, s.locktime, node:height())

	local txid = node:call("sendtoaddress", { s.p2wsh.address, btc.coins(s.utxo_amount) })
	local raw = btc.call_exact(node, "getrawtransaction", { txid, true })
	t:need(type(raw) == "table", "getrawtransaction finds the funding transaction " .. tostring(txid))
	local vout
	for _, o in ipairs(raw.vout) do
		if o.scriptPubKey.hex == btc.hex(s.p2wsh.spk) then
			vout = o.n
			t:eq(btc.sats(o.value), s.utxo_amount, "UTXO: the funding output holds exactly the agreed amount")
		end
	end
	t:need(vout ~= nil, "UTXO: the funding transaction pays the HTLC's P2WSH output")
	local entry = btc.call_exact(node, "getmempoolentry", { txid })
	local wtx = btc.call_exact(node, "gettransaction", { txid })
	local fee = entry and btc.sats(entry.fees.base)
	if wtx and wtx.fee then t:eq(-btc.sats(wtx.fee), fee, "UTXO: the wallet's fee of the funding equals the mempool's") end
	s.fund = { txid = txid, vout = vout, value = s.utxo_amount }
	s.fees.utxo_fund = fee
	local bh = node:produce_blocks(1)[1]
	s.fund.block = bh
	M.stage(t, "initiate", "UTXO: Alice locked %d base units in %s:%d (wallet fee %s), mined in %s",
		s.utxo_amount, txid, vout, tostring(fee), tostring(bh))
end

-- Stage 2 (Bob): from the node's answers alone, the agreed lock exists: the output at the
-- funding outpoint pays the P2WSH of the script Bob rebuilds from the terms, with the exact
-- amount, confirmed, and the refund height is still ahead.
function M.utxo_assert(t, s)
	local node = s.utxo
	local mine = bs.p2wsh(node, M.utxo_script(s))
	local out = btc.call_exact(node, "gettxout", { s.fund.txid, s.fund.vout, true })
	t:need(type(out) == "table", "UTXO: gettxout finds the HTLC output unspent")
	t:eq(out.scriptPubKey.hex, btc.hex(mine.spk), "UTXO: the output pays the P2WSH of the script rebuilt from the agreed terms")
	local addr = out.scriptPubKey.address or (type(out.scriptPubKey.addresses) == "table" and out.scriptPubKey.addresses[1])
	t:eq(addr, mine.address, "UTXO: gettxout names the HTLC's bech32 address")
	t:eq(btc.sats(out.value), s.utxo_amount, "UTXO: the locked amount, exact in base units")
	local need_conf = math.tointeger(tonumber(s.utxo.params.spend_confirmations or 1)) or 1
	t:ok(out.confirmations >= need_conf, string.format("UTXO: the lock has at least %d confirmation(s)", need_conf), out.confirmations)
	local h = node:height()
	t:ok(h < s.locktime, string.format("UTXO: the refund branch is still closed (height %d < %d)", h, s.locktime))
	M.stage(t, "assert", "UTXO: Bob verified %s:%d holds %d base units for sha256 %s, his key, refund to Alice from height %d (now %d, %d confirmation(s))",
		s.fund.txid, s.fund.vout, s.utxo_amount, btc.hex(s.hash), s.locktime, h, out.confirmations)
end

-- A spend of the HTLC output to the P2WPKH of `to` (a btc.key): kind "claim" (witness: sig,
-- preimage, 1, script) or "refund" (witness: sig, empty, script; nLockTime and a sequence
-- that enables it). o: preimage, locktime (refund; default s.locktime), key (signer; default
-- the party of the branch), fee (default from the rate). Returns the serialized tx plus fee,
-- value, kind.
function M.utxo_spend(t, s, kind, o)
	o = o or {}
	local to = kind == "claim" and s.bob.btc or s.alice.btc
	local key = o.key or to
	local function build(fee)
		local tx = {
			version = 2,
			locktime = kind == "refund" and (o.locktime or s.locktime) or 0,
			inputs = { { txid = s.fund.txid, vout = s.fund.vout,
				sequence = kind == "refund" and bs.SEQUENCE_LOCKTIME or bs.SEQUENCE_FINAL } },
			outputs = { { value = s.utxo_amount - fee, spk = to.spk } },
		}
		local sig = bs.sign_input(tx, 1, s.script, s.utxo_amount, key.priv)
		if kind == "claim" then
			tx.inputs[1].witness = { sig, o.preimage, "\x01", s.script }
		else
			tx.inputs[1].witness = { sig, "", s.script }
		end
		return bs.serialize(tx)
	end
	local fee = o.fee
	if not fee then
		-- size with a placeholder fee, +1 vbyte for a longer DER signature
		fee = bs.fee_for(build(0).vsize + 1, M.utxo_fee_rate(t, s))
	end
	local signed = build(fee)
	signed.fee, signed.value, signed.kind = fee, s.utxo_amount - fee, kind
	signed.to = to
	return signed
end

-- Submit a spend that must be accepted: testmempoolaccept, sendrawtransaction (the local txid),
-- the mempool fee equals inputs - outputs, one block confirms it, the HTLC output is spent and
-- the new output holds exactly amount - fee. Returns the block hash.
function M.utxo_submit(t, s, signed, label)
	local node = s.utxo
	local r = node:call("testmempoolaccept", { { signed.hex } })[1]
	t:need(r.allowed == true, string.format("%s: testmempoolaccept allows it%s", label,
		r["reject-reason"] and (" (refused: " .. tostring(r["reject-reason"]) .. ")") or ""))
	t:eq(r.txid, signed.txid, label .. ": testmempoolaccept names the locally computed txid")
	local sent, err = node:rpc("sendrawtransaction", { signed.hex })
	t:need(err == nil, string.format("%s: sendrawtransaction accepts it%s", label,
		err and (": " .. tostring(err.code) .. " " .. tostring(err.message)) or ""))
	t:eq(sent, signed.txid, label .. ": sendrawtransaction returns the locally computed txid")
	local entry = btc.call_exact(node, "getmempoolentry", { signed.txid })
	t:need(type(entry) == "table", label .. ": the transaction is in the mempool")
	t:eq(btc.sats(entry.fees.base), signed.fee, label .. ": mempool fee = HTLC amount - output, exact")
	t:eq(entry.vsize, signed.vsize, label .. ": mempool vsize is the suite's")
	local bh = node:produce_blocks(1)[1]
	local st = node:tx_status(signed.txid)
	t:eq(st.state, "confirmed", label .. ": confirmed after one block")
	t:eq(node:call("gettxout", { s.fund.txid, s.fund.vout }), dlt.null, label .. ": the HTLC output is spent")
	local out = btc.call_exact(node, "gettxout", { signed.txid, 0 })
	t:need(type(out) == "table", label .. ": the new output exists")
	t:eq(btc.sats(out.value), signed.value, label .. ": the new output holds HTLC amount - fee, exact")
	local bal = node:balance(btc.address(node, signed.to))
	t:eq(bal, dlt.u256(signed.value), label .. ": the receiving address's balance (scantxoutset) is exactly that")
	return bh
end

-- Submit a spend that must be refused, for the reason `pattern` (a Lua pattern matched
-- against testmempoolaccept's reject-reason): both testmempoolaccept and sendrawtransaction
-- refuse, and the HTLC output is untouched.
function M.utxo_refused(t, s, signed, label, pattern)
	local node = s.utxo
	local before = btc.call_exact(node, "gettxout", { s.fund.txid, s.fund.vout, true })
	local r = node:call("testmempoolaccept", { { signed.hex } })[1]
	t:eq(r.allowed, false, label .. ": testmempoolaccept refuses it")
	local reason = r["reject-reason"]
	if pattern then t:match(reason, pattern, label .. ": the reject reason names the cause") end
	local sent, err = node:rpc("sendrawtransaction", { signed.hex })
	t:ok(sent == nil and err ~= nil, label .. ": sendrawtransaction answers an error", sent)
	t:log("%s: testmempoolaccept %q; sendrawtransaction %s %q", label, tostring(reason),
		tostring(err and err.code), tostring(err and err.message))
	local after = btc.call_exact(node, "gettxout", { s.fund.txid, s.fund.vout, true })
	t:eq(after, before, label .. ": the HTLC output is unchanged")
	return reason, err
end

-- Mine until the best height is `h` (no-op when already there or above).
function M.utxo_mine_to(s, h)
	local n = h - s.utxo:height()
	if n > 0 then s.utxo:produce_blocks(n) end
	return s.utxo:height()
end

---------------------------------------------------------------------------------------------
-- EVM side (ethereum family)

-- Stage 1 (Bob): deploy the HTLC contract with his own signed transaction; the code at the new
-- address is the compiled runtime code; the deployment cost is exactly gasUsed * price.
function M.evm_deploy(t, s)
	local node, bob = s.evm, s.bob.evm
	for sig in ("lock(bytes32,address,uint256) claim(bytes32) refund()"):gmatch("%S+") do
		local sel = btc.hex(M.selector(sig))
		t:ok(M.CONTRACT.runtime_code:find("63" .. sel, 1, true) ~= nil,
			"the compiled code dispatches on keccak256(\"" .. sig .. "\")[0:4] = 0x" .. sel)
	end
	local b0 = eth.balance(node, bob.address)
	local r = eth.deploy(t, node, bob, M.CONTRACT.init_code, { gas = M.GAS.deploy, label = "HTLC deployment" })
	t:need(r.receipt.status == "0x1", "HTLC deployment: receipt status 0x1")
	t:eq(r.address, r.expected_address, "HTLC deployment: the contract address is CREATE(sender, nonce)")
	local code = node:call("eth_getCode", { r.address, "latest" })
	t:eq(eth.lower(code), M.CONTRACT.runtime_code, "HTLC deployment: the code at the address is the compiled runtime code")
	local fee = eth.fee(r.receipt)
	M.eq_wei(t, node, eth.balance(node, bob.address) + fee, b0, r.receipt,
		"HTLC deployment: Bob paid exactly gasUsed * effectiveGasPrice")
	s.contract = r.address
	s.fees.evm_deploy = fee
	M.stage(t, "initiate", "EVM: Bob deployed the HTLC contract (solc %s, %d bytes of code) at %s, gas %s, fee %s wei",
		M.CONTRACT.solc, (#M.CONTRACT.runtime_code - 2) // 2, s.contract,
		tostring(dlt.u256(r.receipt.gasUsed)), tostring(fee))
end

-- Stage 1 (Bob): lock(hash, Alice, deadline) with the agreed value. Bob's balance falls by
-- exactly value + fee and the contract holds the value.
function M.evm_lock(t, s)
	local node, bob = s.evm, s.bob.evm
	local latest = eth.block(node, "latest")
	s.deadline = eth.int(latest.timestamp) + s.evm_seconds
	local data = M.calldata("lock(bytes32,address,uint256)", s.hash, s.alice.evm.address, s.deadline)
	local b0 = eth.balance(node, bob.address)
	local r = eth.transact(t, node, { type = 2, key = bob.key, to = s.contract, value = s.evm_amount,
		data = data, gas = M.GAS.lock }, "lock()")
	t:need(r.receipt.status == "0x1", "lock(): receipt status 0x1")
	local fee = eth.fee(r.receipt)
	M.eq_wei(t, node, eth.balance(node, bob.address) + s.evm_amount + fee, b0, r.receipt,
		"lock(): Bob's balance fell by exactly the value + gasUsed * effectiveGasPrice")
	t:eq(eth.balance(node, s.contract), s.evm_amount, "lock(): the contract holds exactly the value")
	s.lock_block = eth.int(r.receipt.blockNumber)
	s.fees.evm_lock = fee
	M.stage(t, "initiate", "EVM: Bob locked %s wei for Alice under sha256 %s until time %d (block time now %d), fee %s wei",
		tostring(s.evm_amount), btc.hex(s.hash), s.deadline, eth.int(latest.timestamp), tostring(fee))
end

-- Stage 2 (Alice): from the node's answers alone, the agreed lock exists: the code is the HTLC
-- she knows, its state says hash, recipient, sender, amount and deadline as agreed, the
-- contract's balance is the amount, and the Locked event is found by an eth_getLogs query.
function M.evm_assert(t, s)
	local node = s.evm
	local code = node:call("eth_getCode", { s.contract, "latest" })
	t:eq(eth.lower(code), M.CONTRACT.runtime_code, "EVM: the contract's code is the known HTLC runtime code")
	local function w(sig) return M.words(M.view(node, s.contract, sig))[1] end
	t:eq(btc.hex(w("hashlock()")), btc.hex(s.hash), "EVM: hashlock() is the agreed SHA-256 hash")
	t:eq(M.word_address(w("recipient()")), s.alice.evm.address, "EVM: recipient() is Alice")
	t:eq(M.word_address(w("sender()")), s.bob.evm.address, "EVM: sender() is Bob")
	t:eq(M.word_uint(w("amount()")), s.evm_amount, "EVM: amount() is the agreed value, exact in wei")
	t:eq(M.word_uint(w("deadline()")), dlt.u256(s.deadline), "EVM: deadline() is the agreed time")
	t:eq(M.state(node, s.contract), M.STATE.Locked, "EVM: state() is Locked")
	t:eq(eth.balance(node, s.contract), s.evm_amount, "EVM: the contract's balance is the locked value")
	local logs = node:call("eth_getLogs", { {
		address = s.contract, fromBlock = eth.qty(s.lock_block), toBlock = "latest",
		topics = { M.topic("Locked(bytes32,address,address,uint256,uint256)"), dlt.hex.encode(s.hash) },
	} })
	t:need(type(logs) == "table" and #logs == 1, "EVM: eth_getLogs finds one Locked event for the hash", logs)
	local lg = logs[1]
	t:eq(eth.lower(lg.topics[3]), eth.word(s.bob.evm.address), "EVM: Locked.sender topic is Bob")
	t:eq(eth.lower(lg.topics[4]), eth.word(s.alice.evm.address), "EVM: Locked.recipient topic is Alice")
	local data = M.words(lg.data)
	t:eq(M.word_uint(data[1]), s.evm_amount, "EVM: Locked.amount")
	t:eq(M.word_uint(data[2]), dlt.u256(s.deadline), "EVM: Locked.deadline")
	local now = eth.int(eth.block(node, "latest").timestamp)
	t:ok(now < s.deadline, string.format("EVM: the refund is still closed (block time %d < %d)", now, s.deadline))
	M.stage(t, "assert", "EVM: Alice verified contract %s: known code, hash %s, recipient her, %s wei, deadline %d (block time now %d), Locked event in block %d",
		s.contract, btc.hex(s.hash), tostring(s.evm_amount), s.deadline, now, s.lock_block)
end

-- Stage 3, preparation (Alice): claim(preimage) from her own account; she receives exactly
-- value - fee; the contract is emptied and Claimed.
function M.evm_claim(t, s, preimage)
	local node, alice = s.evm, s.alice.evm
	local a0 = eth.balance(node, alice.address)
	local r = eth.transact(t, node, { type = 2, key = alice.key, to = s.contract, value = 0,
		data = M.calldata("claim(bytes32)", preimage), gas = M.GAS.claim }, "claim()")
	t:need(r.receipt.status == "0x1", "claim(): receipt status 0x1")
	local fee = eth.fee(r.receipt)
	M.eq_wei(t, node, eth.balance(node, alice.address) + fee, a0 + s.evm_amount, r.receipt,
		"claim(): Alice's balance rose by exactly the value - gasUsed * effectiveGasPrice")
	t:eq(eth.balance(node, s.contract), dlt.u256(0), "claim(): the contract's balance is zero")
	t:eq(M.state(node, s.contract), M.STATE.Claimed, "claim(): state() is Claimed")
	s.fees.evm_claim = fee
	s.claim_receipt = r.receipt
	M.stage(t, "prepare", "EVM: Alice claimed %s wei with the preimage in tx %s (block %d), fee %s wei",
		tostring(s.evm_amount), r.hash, eth.int(r.receipt.blockNumber), tostring(fee))
	return r
end

-- Stage 3, preparation (Bob's view): the preimage, read from the Claimed event through an
-- eth_getLogs query filtered by contract and hash, and checked against the receipt's log.
function M.evm_read_preimage(t, s)
	local node = s.evm
	local topic = M.topic("Claimed(bytes32,address,bytes32,uint256)")
	local logs = node:call("eth_getLogs", { {
		address = s.contract, fromBlock = eth.qty(s.lock_block), toBlock = "latest",
		topics = { topic, dlt.hex.encode(s.hash) },
	} })
	t:need(type(logs) == "table" and #logs == 1, "EVM: eth_getLogs finds one Claimed event for the hash", logs)
	local lg = logs[1]
	t:eq(eth.lower(lg.topics[3]), eth.word(s.alice.evm.address), "EVM: Claimed.recipient topic is Alice")
	local data = M.words(lg.data)
	t:need(#data == 2, "EVM: Claimed carries two data words (preimage, amount)")
	local preimage = data[1]
	t:eq(M.word_uint(data[2]), s.evm_amount, "EVM: Claimed.amount")
	t:need(dlt.sha256(preimage) == s.hash, "EVM: sha256 of the published preimage is the hash lock")
	if s.claim_receipt then
		local found
		for _, l in ipairs(s.claim_receipt.logs) do
			if eth.lower(l.topics[1]) == topic then found = l end
		end
		t:eq(found and eth.lower(found.data), eth.lower(lg.data), "EVM: the receipt's Claimed log carries the same data")
		t:eq(lg.transactionHash, s.claim_receipt.transactionHash, "EVM: the event comes from the claim transaction")
	end
	M.stage(t, "prepare", "EVM: Bob read the preimage %s from the Claimed event of tx %s (block %d): the commitment is prepared",
		btc.hex(preimage), tostring(lg.transactionHash), eth.int(lg.blockNumber))
	return preimage
end

-- eth_call simulation and a signed transaction of `data` from `acct` to the contract, both
-- expected to revert with `reason`. Nodes differ in how they refuse (an RPC error, a receipt
-- with status 0, or both): each is accepted; what must hold is that the contract's balance and
-- state do not change and the sender pays at most the gas of the failed transaction.
function M.evm_refused(t, s, acct, data, label, reason)
	local node = s.evm
	local res, err = node:rpc("eth_call", { { from = acct.address, to = s.contract, data = data }, "latest" })
	t:ok(err ~= nil, label .. ": eth_call answers an error (execution reverted)", res)
	if err then
		local why = M.revert_reason(err)
		if why then
			t:eq(why, reason, label .. ": eth_call revert reason")
		else
			t:log("%s: %s gives no Error(string) revert data (code %s, message %q)", label, node.name,
				tostring(err.code), tostring(err.message))
		end
	end
	local c0, st0 = eth.balance(node, s.contract), M.state(node, s.contract)
	local a0 = eth.balance(node, acct.address)
	local p = eth.prepare(node, { type = 2, key = acct.key, to = s.contract, value = 0, data = data, gas = M.GAS.claim })
	local signed = eth.sign(p)
	local hash, serr = eth.send_raw(node, signed.raw)
	local receipt
	if serr then
		t:log("%s: eth_sendRawTransaction answers error %s %q", label, tostring(serr.code), tostring(serr.message))
		local why = M.revert_reason(serr)
		if why then t:eq(why, reason, label .. ": eth_sendRawTransaction revert reason") end
		-- some nodes answer an error for a reverting transaction yet mine it (automine)
		receipt = node:rpc("eth_getTransactionReceipt", { signed.hash })
		if receipt == dlt.null then receipt = nil end
		if receipt == nil and eth.nonce(node, acct.address, "pending") > p.nonce then
			receipt = eth.wait_receipt(t, node, signed.hash, 60, label .. " receipt")
		end
	else
		t:eq(hash, eth.lower(signed.hash), label .. ": the returned hash is the signer's")
		receipt = eth.wait_receipt(t, node, hash, 60, label .. " receipt")
	end
	local fee = dlt.u256(0)
	if receipt then
		t:eq(receipt.status, "0x0", label .. ": the transaction is included with status 0 (reverted)")
		fee = eth.fee(receipt)
		t:log("%s: included in block %d with status %s, gasUsed %s", label, eth.int(receipt.blockNumber),
			tostring(receipt.status), tostring(dlt.u256(receipt.gasUsed)))
	else
		t:ok(serr ~= nil, label .. ": refused at submission")
	end
	-- how this node refuses a reverting transaction (nodes differ: an interop observation)
	t:log("%s: %s refuses a reverting transaction by %s", label, node.name,
		serr and (receipt and "an RPC error, and mines it with status 0" or "an RPC error, without mining it")
		or "mining it with status 0, without an RPC error")
	t:eq(eth.balance(node, s.contract), c0, label .. ": the contract's balance is unchanged")
	t:eq(M.state(node, s.contract), st0, label .. ": the contract's state is unchanged")
	local paid = label .. ": the sender paid exactly the gas of the failed transaction, nothing else"
	if receipt then
		M.eq_wei(t, node, eth.balance(node, acct.address) + fee, a0, receipt, paid)
	else
		t:eq(eth.balance(node, acct.address), a0, paid)
	end
end

-- Moves the EVM clock so that the next block's time is about `target` (evm_increaseTime by the
-- difference, then evm_mine); returns the new block's time.
function M.evm_advance_to(t, s, target)
	local node = s.evm
	local now = eth.int(eth.block(node, "latest").timestamp)
	local delta = target - now
	if delta > 0 then
		local _, err = node:rpc("evm_increaseTime", { delta })
		if err then
			_, err = node:rpc("evm_increaseTime", { eth.qty(delta) })
		end
		t:need(err == nil, "evm_increaseTime is available on " .. node.name .. (err and (": " .. tostring(err.message)) or ""))
	end
	node:produce_blocks(1)
	return eth.int(eth.block(node, "latest").timestamp), delta
end

-- Moves the EVM clock past the deadline: evm_increaseTime by the time left + 1 s, evm_mine.
function M.evm_pass_deadline(t, s)
	local after, delta = M.evm_advance_to(t, s, s.deadline + 1)
	t:need(after >= s.deadline, string.format("EVM: after evm_increaseTime(%d) and evm_mine the block time %d is past the deadline %d",
		delta, after, s.deadline))
	return after
end

-- Rollback (Bob): refund() after the deadline; Bob gets exactly value - fee back.
function M.evm_refund(t, s)
	local node, bob = s.evm, s.bob.evm
	local b0 = eth.balance(node, bob.address)
	local r = eth.transact(t, node, { type = 2, key = bob.key, to = s.contract, value = 0,
		data = M.calldata("refund()"), gas = M.GAS.refund }, "refund()")
	t:need(r.receipt.status == "0x1", "refund(): receipt status 0x1")
	local fee = eth.fee(r.receipt)
	M.eq_wei(t, node, eth.balance(node, bob.address) + fee, b0 + s.evm_amount, r.receipt,
		"refund(): Bob's balance rose by exactly the value - gasUsed * effectiveGasPrice")
	t:eq(eth.balance(node, s.contract), dlt.u256(0), "refund(): the contract's balance is zero")
	t:eq(M.state(node, s.contract), M.STATE.Refunded, "refund(): state() is Refunded")
	local found
	local topic = M.topic("Refunded(bytes32,address,uint256)")
	for _, l in ipairs(r.receipt.logs) do
		if eth.lower(l.topics[1]) == topic then found = l end
	end
	t:ok(found ~= nil and eth.lower(found.topics[2]) == dlt.hex.encode(s.hash),
		"refund(): the receipt has the Refunded event for the hash")
	s.fees.evm_refund = fee
	M.stage(t, "rollback", "EVM: Bob took back %s wei after the deadline in tx %s, fee %s wei",
		tostring(s.evm_amount), r.hash, tostring(fee))
	return r
end

return M
