-- eth_getTransactionByHash for the same transaction on both implementations (TX-10, IOP-05).
-- Compared as values: every field the sender signed (type, chainId, nonce, gas, to, value,
-- input, maxFeePerGas, maxPriorityFeePerGas, accessList, v/yParity, r, s), hash and from.
-- Not compared as values, because they legitimately differ between two chains that include
-- the same transaction: blockHash, blockNumber, blockTimestamp, transactionIndex (where the
-- transaction landed depends on each chain's history) and gasPrice (for a type-2 transaction
-- execution-apis defines it as the effective gas price, which follows each chain's base fee).
-- In "own" mode (different chain ids) the signature-bound fields (hash, chainId, v, yParity,
-- r, s) and the sender and nonce are per chain too and are compared with what was signed on
-- each side instead.
-- Compared as forms (field set and encoding, null vs absent) for every field, including the
-- ones above.
local eth = require "eth"
local pair = require "pair"

local POSITION = { "blockHash", "blockNumber", "blockTimestamp", "transactionIndex", "gasPrice" }
local PER_CHAIN = { "hash", "chainId", "v", "yParity", "r", "s", "from", "nonce" }
local TYPES = { input = "data", r = "quantity", s = "quantity", v = "quantity", yParity = "quantity",
	nonce = "quantity", gas = "quantity", value = "quantity", chainId = "quantity", type = "quantity",
	gasPrice = "quantity", maxFeePerGas = "quantity", maxPriorityFeePerGas = "quantity",
	blockNumber = "quantity", transactionIndex = "quantity", blockTimestamp = "quantity" }

scenario {
	id = "eth.pair.tx-by-hash",
	title = "eth_getTransactionByHash reports the same signed fields for the same transaction on both",
	family = "ethereum",
	roles = { "a", "b" },
	roadmap = { "TX-10", "IOP-05", "DATA-05" },
	timeout = 240,
	run = function(t)
		eth.check_signer(t, 2)
		local ctx = pair.sender(t)
		local f = pair.fees(t)
		local to = eth.fresh_address("pair-txhash")
		local s = pair.sign(ctx, { type = 2, to = to, value = 99, gas = 30000, data = "0xc0ffee",
			max_fee = f.max_fee, tip = f.tip })
		local sub = pair.submit(t, pair.raws(s), "type-2 transaction with input")
		local got = pair.each(t, function(node, side)
			local tx = node:call("eth_getTransactionByHash", { sub.hash[side] })
			t:need(type(tx) == "table", "eth_getTransactionByHash finds the transaction")
			local dec = eth.decode_raw(s[side].raw)
			for _, k in ipairs({ "type", "chainId", "nonce", "gas", "value", "input", "maxFeePerGas",
				"maxPriorityFeePerGas", "r", "s", "yParity" }) do
				t:eq(eth.lower(tx[k]), dec[k], "tx " .. k .. " is the signed value")
			end
			t:eq(eth.lower(tx.to), to, "tx to")
			t:eq(eth.lower(tx.from), ctx.address[side], "tx from is the signer")
			t:eq(tx.hash, sub.hash[side], "tx hash")
			t:eq(tx.blockHash, sub.receipt[side].blockHash, "tx blockHash is the receipt's")
			return tx
		end)
		local drop = {}
		for _, k in ipairs(POSITION) do drop[#drop + 1] = k end
		if ctx.mode ~= "same" then
			for _, k in ipairs(PER_CHAIN) do drop[#drop + 1] = k end
		end
		t:same(pair.lower_all(pair.omit(got.a, drop)), pair.lower_all(pair.omit(got.b, drop)),
			"transaction fields (without block position and gasPrice" .. (ctx.mode == "same" and ")" or ", signature and sender)"))
		t:same(pair.forms(got.a, TYPES), pair.forms(got.b, TYPES), "transaction field set and encodings")
	end,
}
