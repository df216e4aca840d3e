-- getnewaddress yields distinct addresses of each requested type that the wallet controls.
scenario {
	id = "btc.wallet.address-types",
	title = "getnewaddress bech32, p2sh-segwit and legacy: distinct, valid, owned, with the network's prefixes",
	family = "bitcoin",
	roadmap = { "ID-06", "ID-03" },
	requires = { "wallet" },
	run = function(t)
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
				t:eq(info.iswitness, true, "bech32: witness")
			elseif kind == "p2sh-segwit" then
				t:eq(info.isscript, true, "p2sh-segwit: script address")
			else
				t:eq(info.iswitness, false, "legacy: not witness")
			end
		end
	end,
}
