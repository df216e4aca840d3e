-- BIP-173/350 vectors: every segwit address case of the vector, re-encoded for the target's HRP
-- when valid, and as given otherwise (foreign HRPs and broken ones must be refused).
local btc = require "btc"

scenario {
	id = "btc.address.bip350-vectors",
	title = "validateaddress agrees with the BIP-173/350 segwit address vectors (re-encoded for the target's HRP)",
	family = "bitcoin",
	roadmap = { "ID-03", "ID-04", "ID-05" },
	vectors = { "bech32" },
	run = function(t)
		local hrp = t.node.params.hrp
		if not hrp then t:skip("target params.hrp is not set") end
		local n = 0
		for _, c in ipairs(t:vector("bech32").cases) do
			local addr = c.input.address
			if addr then
				n = n + 1
				if c.expected.valid then
					local prog = btc.unhex(c.expected.program)
					local mine = dlt.bech32.encode(hrp, c.expected.witver, prog)
					local v = t.node:call("validateaddress", { mine })
					t:eq(v.isvalid, true, c.name .. ": re-encoded for " .. hrp .. " is valid")
					t:eq(v.witness_version, c.expected.witver, c.name .. ": witness version")
					t:eq(v.witness_program, c.expected.program, c.name .. ": program")
					if c.expected.script_pubkey then
						t:eq(v.scriptPubKey, c.expected.script_pubkey, c.name .. ": scriptPubKey")
					end
				end
				-- every vector address as written has a foreign HRP or is broken: refused
				local hrp_of = addr:lower():match("^(.*)1[^1]*$")
				if hrp_of ~= hrp then
					t:eq(t.node:call("validateaddress", { addr }).isvalid, false, c.name .. ": " .. addr .. " is refused here")
				end
			end
		end
		t:ok(n >= 10, "the vector holds segwit address cases", n)
	end,
}
