-- Addresses encoded by the suite (dlt.bech32) for the target's HRP are valid to the node and
-- decode to the same witness version and program; the wrong checksum variant is refused.
local btc = require "btc"

scenario {
	id = "btc.address.own-bech32",
	title = "validateaddress accepts suite-encoded v0 (bech32) and v1 (bech32m) addresses for the target's HRP",
	family = "bitcoin",
	roadmap = { "ID-03", "ID-04" },
	vectors = { "bech32" },
	run = function(t)
		local hrp = t.node.params.hrp
		if not hrp then t:skip("target params.hrp is not set") end
		local key = btc.key("address-own")
		local cases = {
			{ ver = 0, prog = key.hash, type = "P2WPKH" },
			{ ver = 0, prog = dlt.sha256("dlt-interop witness script"), type = "P2WSH" },
			{ ver = 1, prog = dlt.sha256("dlt-interop taproot key"), type = "v1 (taproot length)" },
		}
		for _, c in ipairs(cases) do
			local addr = dlt.bech32.encode(hrp, c.ver, c.prog)
			t:eq(addr, btc.segwit_address(hrp, c.ver, c.prog), c.type .. ": dlt.bech32 and the suite's encoder agree")
			local v = t.node:call("validateaddress", { addr })
			t:eq(v.isvalid, true, c.type .. ": " .. addr .. " is valid")
			t:eq(v.iswitness, true, c.type .. ": is a witness address")
			t:eq(v.witness_version, c.ver, c.type .. ": witness version")
			t:eq(v.witness_program, btc.hex(c.prog), c.type .. ": witness program")
			t:eq(v.scriptPubKey, btc.hex(btc.witness_script(c.ver, c.prog)), c.type .. ": scriptPubKey")
			-- BIP-350: v0 with a bech32m checksum and v1+ with a bech32 checksum are invalid
			local wrong = btc.segwit_address(hrp, c.ver, c.prog, c.ver == 0 and btc.BECH32M or btc.BECH32)
			t:eq(t.node:call("validateaddress", { wrong }).isvalid, false,
				c.type .. ": the same program with the other checksum constant is refused")
			-- upper case is the same address
			t:eq(t.node:call("validateaddress", { addr:upper() }).isvalid, true, c.type .. ": upper case is valid")
		end
	end,
}
