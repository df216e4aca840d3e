-- eth_call of the ecrecover precompile (address 0x01, Yellow Paper appendix E) with the EIP-155
-- example's signing hash and signature returns the example's sender, left-padded to 32 bytes:
-- the call executes code and returns its output. A signature with s above n/2 still recovers
-- there (EIP-2 keeps the precompile unchanged), and a call changes no state: the caller's nonce
-- and balance stay as they were.
local eth = require "eth"

local ECRECOVER = "0x0000000000000000000000000000000000000001"

-- a 0x hex value as one 32-byte word (64 hex digits, left-padded)
local function word(hex)
	local digits = eth.lower(hex):sub(3)
	return string.rep("0", 64 - #digits) .. digits
end

scenario {
	id = "eth.contract.precompile-call",
	title = "eth_call of ecrecover returns the EIP-155 example's sender and changes no state",
	family = "ethereum",
	roadmap = { "TX-06", "CRYPTO-03", "ID-01" },
	vectors = { "eip155-example" },
	timeout = 60,
	run = function(t)
		local node = t.node
		local ex = t:vector("eip155-example").cases[1].expected
		local acct = eth.account(t, node, 1)
		local nonce = eth.nonce(node, acct.address, "latest")
		local bal = eth.balance(node, acct.address)
		-- input: hash, v (27 + recovery id), r, s as 32-byte words
		local recid = ex.v - 35 - 2 * t:vector("eip155-example").cases[1].input.chain_id
		local input = "0x" .. word(ex.signing_hash) .. word(eth.qty(27 + recid)) .. word(ex.r) .. word(ex.s)
		local want = "0x" .. string.rep("0", 24) .. eth.lower(ex.sender):sub(3)
		t:eq(node:call("eth_call", { { to = ECRECOVER, data = input }, "latest" }), want,
			"ecrecover(EIP-155 signing hash, v, r, s) returns the example's sender")
		t:eq(node:call("eth_call", { { from = acct.address, to = ECRECOVER, data = input, gas = "0x30d40" }, "latest" }),
			want, "the same call with from and gas")
		-- the recovered address is keccak256(public key)[12:], as dlt computes it
		local pub = dlt.secp256k1.recover(ex.signing_hash, ex.r, ex.s, recid)
		t:eq(dlt.eth.address(pub), eth.lower(ex.sender), "keccak256 of the recovered public key, last 20 bytes, is the sender")
		-- high s (n - s) with the other parity still recovers in the precompile (EIP-2)
		local n = dlt.u256("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")
		local high = "0x" .. word(ex.signing_hash) .. word(eth.qty(28 - recid)) .. word(ex.r) .. word((n - dlt.u256(ex.s)):hex())
		t:eq(node:call("eth_call", { { to = ECRECOVER, data = high }, "latest" }), want,
			"ecrecover accepts the high-s form of the same signature (EIP-2 leaves the precompile unchanged)")
		t:eq(eth.nonce(node, acct.address, "latest"), nonce, "eth_call did not change the caller's nonce")
		t:eq(eth.balance(node, acct.address), bal, "eth_call did not change the caller's balance")
	end,
}
