-- Lookups of a transaction hash the node never saw answer JSON null (notFound), not an error.
local eth = require "eth"

scenario {
	id = "eth.tx.unknown-hash",
	title = "Unknown transaction hashes are answered with null by the transaction and receipt lookups",
	family = "ethereum",
	roadmap = { "TX-14", "DATA-01" },
	run = function(t)
		local node = t.node
		local h = eth.keccak_str("dlt-interop: no such transaction " .. tostring(dlt.now()))
		for _, m in ipairs({ "eth_getTransactionByHash", "eth_getTransactionReceipt" }) do
			local res, err = node:rpc(m, { h })
			t:ok(err == nil, m .. ": no error", eth.show(err))
			t:eq(res == nil and "an error" or res, dlt.null, m .. ": null")
		end
	end,
}
