-- web3_sha3 returns Keccak-256 (the original Keccak padding, not NIST SHA3-256) of the given
-- data, compared with the project's keccak256 vectors (vectors/keccak256.json).
local eth = require "eth"

local function hex0x(s)
	s = tostring(s or "")
	if s:sub(1, 2) ~= "0x" and s:sub(1, 2) ~= "0X" then s = "0x" .. s end
	return s:lower()
end

scenario {
	id = "eth.chain.web3-sha3",
	title = "web3_sha3 answers the Keccak-256 of the vectors",
	family = "ethereum",
	roadmap = { "CRYPTO-01" },
	vectors = { "keccak256" },
	run = function(t)
		local v = t:vector("keccak256")
		t:need(type(v.cases) == "table" and #v.cases > 0, "the keccak256 vector has cases")
		for _, c in ipairs(v.cases) do
			-- vectors/keccak256.json: input.data = the bytes as 0x hex, expected.hash = the digest
			local res = t.node:call("web3_sha3", { hex0x(c.input.data) })
			t:eq(res, hex0x(c.expected.hash), "web3_sha3 of case " .. tostring(c.name))
		end
		-- NIST SHA3-256("") differs from Keccak-256(""): a node using the wrong padding fails here
		t:ne(t.node:call("web3_sha3", { "0x" }),
			"0xa7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a",
			"web3_sha3 is not NIST SHA3-256")
	end,
}
