-- Blocks have the same field set and encodings on both implementations (IOP-05, DATA-02):
-- the block that includes a transaction, by hash with transaction hashes and with full
-- transaction objects, and the genesis block. Values are not compared: hashes, roots,
-- timestamps, gas limits and extraData are each chain's own.
-- Fields that a hardfork introduced (baseFeePerGas: London; withdrawals, withdrawalsRoot:
-- Shanghai; blobGasUsed, excessBlobGas, parentBeaconBlockRoot: Cancun; requestsHash: Prague)
-- are present according to the hardfork each implementation runs by default, a configuration
-- difference, not a conformance one: they are compared only when both sides have them, and
-- which of them each side has is logged. Every other member (spec fields and extra ones such
-- as totalDifficulty, which execution-apis no longer lists) must be present on both alike.
local eth = require "eth"
local canon = require "canon"
local pair = require "pair"

local FORK_FIELDS = { "baseFeePerGas", "withdrawals", "withdrawalsRoot", "blobGasUsed", "excessBlobGas",
	"parentBeaconBlockRoot", "requestsHash", "withdrawals[]", "blockAccessListHash" }
local TYPES = { number = "quantity", gasLimit = "quantity", gasUsed = "quantity", timestamp = "quantity",
	size = "quantity", difficulty = "quantity", totalDifficulty = "quantity", baseFeePerGas = "quantity",
	blobGasUsed = "quantity", excessBlobGas = "quantity", extraData = "data", nonce = "data",
	["transactions[]"] = "data", ["uncles[]"] = "data" }
-- a transaction's nonce is a quantity (a block's nonce is 8 bytes of data)
local TX_TYPES = { nonce = "quantity" }

-- forms without the fork fields, and the fork fields both sides have, compared separately
local function split(fa, fb)
	local fork = {}
	for _, k in ipairs(FORK_FIELDS) do fork[k] = true end
	local base_a, base_b = dlt.object({}), dlt.object({})
	local both_a, both_b = dlt.object({}), dlt.object({})
	for k, v in pairs(fa) do
		if not fork[k] then base_a[k] = v elseif fb[k] ~= nil then both_a[k] = v end
	end
	for k, v in pairs(fb) do
		if not fork[k] then base_b[k] = v elseif fa[k] ~= nil then both_b[k] = v end
	end
	return base_a, base_b, both_a, both_b
end

local function present(f)
	local list = {}
	for _, k in ipairs(FORK_FIELDS) do if f[k] ~= nil then list[#list + 1] = k end end
	return table.concat(list, ",")
end

scenario {
	id = "eth.pair.block-fields",
	title = "Blocks (hashes-only, full and genesis) have the same field set and encodings on both",
	family = "ethereum",
	roles = { "a", "b" },
	roadmap = { "IOP-05", "DATA-02", "DATA-03", "CRYPTO-01" },
	vectors = { "eth-blocks" },
	timeout = 240,
	run = function(t)
		canon.eth_header_hash(t)
		local ctx = pair.sender(t)
		local f = pair.fees(t)
		local s = pair.sign(ctx, { type = 2, to = eth.fresh_address("pair-block"), value = 1, gas = 21000,
			max_fee = f.max_fee, tip = f.tip })
		local sub = pair.submit(t, pair.raws(s), "type-2 transfer")
		local got = pair.each(t, function(node, side)
			local h = sub.receipt[side].blockHash
			local b = node:call("eth_getBlockByHash", { h, false })
			local full = node:call("eth_getBlockByHash", { h, true })
			local g = node:call("eth_getBlockByNumber", { "0x0", false })
			t:need(type(b) == "table" and type(full) == "table" and type(g) == "table", "blocks found")
			-- each side's block hash is the hash of the header it reports (vector eth-blocks' rule)
			t:eq(eth.header_hash(b).hash, b.hash, "the including block's hash = keccak256(rlp(header))")
			t:eq(eth.header_hash(g).hash, g.hash, "the genesis block's hash = keccak256(rlp(header))")
			eth.check_schema(t, b, eth.schema.Block, "including block matches execution-apis Block")
			eth.check_schema(t, g, eth.schema.Block, "genesis block matches execution-apis Block")
			t:ok(eth.is_array(full.transactions) and type(full.transactions[1]) == "table",
				"full block lists transaction objects")
			local tx
			for _, x in ipairs(full.transactions or {}) do
				if type(x) == "table" and x.hash == sub.hash[side] then tx = x end
			end
			t:need(tx ~= nil, "full block holds the transaction")
			t:eq(tx.blockHash, h, "full transaction object: blockHash is the block's")
			return { block = pair.forms(b, TYPES), genesis = pair.forms(g, TYPES), tx = pair.forms(tx, TX_TYPES) }
		end)
		for _, which in ipairs({ "block", "genesis" }) do
			local ba, bb, fa, fb = split(got.a[which], got.b[which])
			t:log("%s: fork fields on %s: %s; on %s: %s", which, t.a.name, present(got.a[which]), t.b.name, present(got.b[which]))
			t:same(ba, bb, which .. ": field set and encodings")
			t:same(fa, fb, which .. ": encodings of the hardfork fields both have")
		end
		t:same(got.a.tx, got.b.tx, "transaction object in a full block: field set and encodings")
	end,
}
