-- web3_sha3 is Keccak-256 of the given bytes (execution-apis web3 namespace): both sides must
-- answer the same hashes for the same inputs, and each must equal the runner's own Keccak.
local eth = require "eth"
local pair = require "pair"

local INPUTS = {
	"0x",
	"0x68656c6c6f20776f726c64",                                              -- "hello world"
	"0x00",
	"0x" .. string.rep("ff", 32),
	"0x" .. string.rep("01", 136),                                            -- one Keccak block
	"0x" .. string.rep("ab", 137),
}

scenario {
	id = "eth.pair.web3-sha3",
	title = "web3_sha3 gives the same Keccak-256 on both implementations",
	family = "ethereum",
	roles = { "a", "b" },
	roadmap = { "IOP-05", "CRYPTO-01" },
	run = function(t)
		local got = pair.each(t, function(node)
			local out = dlt.array({})
			for i, input in ipairs(INPUTS) do
				local h, err = node:rpc("web3_sha3", { input })
				t:ok(err == nil, string.format("web3_sha3(%s) answered", input:sub(1, 20)), eth.show(err))
				if err == nil then t:eq(h, eth.keccak_hex(input), string.format("web3_sha3 of input %d is Keccak-256", i)) end
				out[i] = h or pair.error_class(h, err)
			end
			return out
		end)
		t:same(got.a, got.b, "web3_sha3 answers")
	end,
}
