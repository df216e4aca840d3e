-- getnewaddress yields distinct addresses of each requested type that the wallet controls; a
-- bech32 one decodes (BIP-173) with the chain's HRP (litecoin-regtest where the project has the
-- chain's constants) to a version 0 program of 20 bytes.
local canon = require "canon"

scenario {
	id = "btc.wallet.address-types",
	title = "getnewaddress bech32, p2sh-segwit and legacy: distinct, valid, owned, with the network's prefixes",
	family = "bitcoin",
	roadmap = { "ID-06", "ID-03" },
	vectors = { "litecoin-regtest", "bech32" },
	requires = { "wallet" },
	run = function(t)
		local k = canon.btc_constants(t, t.node)
		if k then t:eq(t.node.params.hrp, k.hrp, "params.hrp is the chain's bech32 HRP (litecoin-regtest)") end
		-- the bech32 decoder, first on the BIP's own addresses
		for _, c in ipairs(t:vector("bech32").cases) do
			if c.input.address and c.expected.valid and c.input.hrp then
				local v, prog = dlt.bech32.decode(c.input.hrp, c.input.address)
				if v ~= c.expected.witver or (prog and dlt.hex.encode(prog):sub(3)) ~= c.expected.program then
					t:inconclusive("dlt.bech32.decode does not reproduce vector bech32 case " .. c.name)
				end
			end
		end
		local first = t.node:new_address()
		local second = t.node:new_address()
		t:ne(first, second, "two new_address calls give two addresses")
		local hrp = t.node.params.hrp
		local seen = {}
		for _, kind in ipairs({ "bech32", "p2sh-segwit", "legacy" }) do
			local a = t.node:call("getnewaddress", { "", kind })
			t:ok(not seen[a], kind .. ": distinct", a)
			seen[a] = true
			local info = t.node:call("getaddressinfo", { a })
			t:eq(info.ismine, true, kind .. ": ismine")
			t:eq(t.node:call("validateaddress", { a }).isvalid, true, kind .. ": valid")
			if kind == "bech32" and hrp then
				t:eq(a:sub(1, #hrp + 2), hrp .. "1q", "bech32: HRP and witness version 0")
				local v, prog, got_hrp = dlt.bech32.decode(hrp, a)
				t:eq({ v, prog and #prog, got_hrp }, { 0, 20, hrp }, "bech32: decodes to version 0, a 20-byte program, the chain's HRP")
				t:eq(info.iswitness, true, "bech32: witness")
			elseif kind == "p2sh-segwit" then
				t:eq(info.isscript, true, "p2sh-segwit: script address")
			else
				t:eq(info.iswitness, false, "legacy: not witness")
			end
		end
	end,
}
