-- Two transactions that spend the same output (one key image) from the wallet, built with
-- sweep_single and do_not_relay, then sent raw to the daemon (/send_raw_transaction): the first is
-- accepted; the second reuses the key image and is refused with double_spend true, while the
-- first waits in the pool and again after it is mined. /is_key_image_spent reports the key image
-- SPENT_IN_POOL, then SPENT_IN_BLOCKCHAIN. Answer fields, the status and the spent-status codes
-- are those the Monero sources define (vector monero-rpc).
local xmr = require "monero"

local function case(t, name)
	for _, c in ipairs(t:vector("monero-rpc").cases) do if c.name == name then return c end end
	error("vector monero-rpc has no case " .. name)
end

scenario {
	id = "xmr.tx.key-image-reuse",
	title = "A transaction reusing a key image is refused (double_spend), in the pool and once the first is mined",
	family = "monero",
	roadmap = { "SEC-04", "DATA-07" },
	vectors = { "monero-rpc" },
	requires = { "wallet", "mine" },
	timeout = 300,
	run = function(t)
		local node = t.node
		local status_ok = case(t, "status-ok").expected.status
		local spent = case(t, "is_key_image_spent").expected.spent_status
		local send_fields = case(t, "send_raw_transaction").expected.fields
		xmr.fund_wallet(t, node, 2 * xmr.ATOMIC)
		local out = node:call("wallet.incoming_transfers", { transfer_type = "available", account_index = 0 })
		local pick
		for _, tr in ipairs(out.transfers or {}) do
			if tr.unlocked and tr.key_image and tr.key_image ~= "" and not pick then pick = tr end
		end
		t:need(pick ~= nil, "the wallet has an unlocked output with a known key image")
		local ki = pick.key_image
		t:log("spending output %s (key image %s) twice", tostring(pick.tx_hash), ki)
		local spent0 = node:call("/is_key_image_spent", { key_images = { ki } })
		t:eq(spent0.spent_status, { spent.UNSPENT }, "the key image is UNSPENT first")
		local blobs = {}
		for i = 1, 2 do
			local to = node:new_address()
			local r = node:call("wallet.sweep_single", { key_image = ki, address = to, do_not_relay = true,
				get_tx_hex = true, ring_size = 16 })
			local blob = r.tx_blob or (r.tx_blob_list and r.tx_blob_list[1])
			t:need(type(blob) == "string" and #blob > 0, "sweep_single " .. i .. " builds a transaction without relaying it", r)
			blobs[i] = blob
		end
		t:ne(blobs[1], blobs[2], "two different transactions")
		local a = node:call("/send_raw_transaction", { tx_as_hex = blobs[1], do_not_relay = false })
		t:eq(a.status, status_ok, "the first transaction is accepted (status OK)")
		t:eq(a.double_spend, false, "the first transaction is no double spend")
		t:eq(node:call("/is_key_image_spent", { key_images = { ki } }).spent_status, { spent.SPENT_IN_POOL },
			"the key image is SPENT_IN_POOL")
		local b = node:call("/send_raw_transaction", { tx_as_hex = blobs[2], do_not_relay = false })
		t:shape(b, send_fields, "the refusal carries the fields COMMAND_RPC_SEND_RAW_TX documents")
		t:ne(b.status, status_ok, "the second transaction (same key image) is refused while the first is in the pool")
		t:eq(b.double_spend, true, "the refusal says double_spend")
		node:produce_blocks(1)
		t:eq(node:call("/is_key_image_spent", { key_images = { ki } }).spent_status, { spent.SPENT_IN_BLOCKCHAIN },
			"after a block the key image is SPENT_IN_BLOCKCHAIN")
		local c = node:call("/send_raw_transaction", { tx_as_hex = blobs[2], do_not_relay = false })
		t:ne(c.status, status_ok, "the second transaction is refused after the first is mined")
		t:eq(c.double_spend, true, "the refusal after mining says double_spend")
	end,
}
