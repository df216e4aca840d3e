-- Error codes for bad parameters (Bitcoin Core src/rpc/protocol.h).
local btc = require "btc"

scenario {
	id = "btc.errors.bad-parameters",
	title = "Out-of-range, malformed and unknown parameters give -8, -5, -22, -3 as protocol.h defines them",
	family = "bitcoin",
	roadmap = { "NODE-07", "NODE-12", "SEC-05", "IOP-06" },
	run = function(t)
		local n = t.node
		btc.expect_error(t, n, "getblockhash", { -1 }, -8, "negative height (RPC_INVALID_PARAMETER)")
		btc.expect_error(t, n, "getblockhash", { 100000000 }, -8, "height above the tip (RPC_INVALID_PARAMETER)")
		btc.expect_error(t, n, "getblock", { "00" }, -8, "hash of the wrong length (RPC_INVALID_PARAMETER)")
		btc.expect_error(t, n, "getblock", { string.rep("1", 64) }, -5, "unknown block (RPC_INVALID_ADDRESS_OR_KEY)")
		btc.expect_error(t, n, "getrawtransaction", { string.rep("1", 64) }, -5, "unknown transaction")
		btc.expect_error(t, n, "decoderawtransaction", { "zz" }, -22, "not hex (RPC_DESERIALIZATION_ERROR)")
		btc.expect_error(t, n, "decoderawtransaction", { "0100" }, -22, "truncated (RPC_DESERIALIZATION_ERROR)")
		btc.expect_error(t, n, "getblockhash", { "one" }, -1, "a string for a number")
		btc.expect_error(t, n, "sendrawtransaction", { "00" }, -22, "sendrawtransaction of junk")
		-- the node keeps answering
		t:ok(n:call("getblockcount", {}) >= 0, "the node still answers")
	end,
}
