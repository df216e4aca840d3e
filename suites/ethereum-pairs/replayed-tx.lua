-- The same raw transaction sent again after inclusion (SEC-02, IOP-06): neither node may
-- execute it twice (its nonce is used: Yellow Paper 6.2, the nonce must equal the sender's
-- nonce), so balances and nonce stay as they were; and a transaction that can never be
-- included must be refused rather than acknowledged (execution-apis error groups: txpool
-- "nonce too low" / "already known"), so the second eth_sendRawTransaction must answer an
-- error. The answers are compared as classes (the error code, or "ok").
local eth = require "eth"
local pair = require "pair"

scenario {
	id = "eth.pair.replayed-tx",
	title = "Resubmitting an included transaction is refused alike on both and changes nothing",
	family = "ethereum",
	roles = { "a", "b" },
	roadmap = { "SEC-02", "IOP-06", "NODE-12" },
	timeout = 240,
	run = function(t)
		local ctx = pair.sender(t)
		local f = pair.fees(t)
		local to = eth.fresh_address("pair-replay")
		local s = pair.sign(ctx, { type = 2, to = to, value = 777, gas = 21000, max_fee = f.max_fee, tip = f.tip })
		local sub = pair.submit(t, pair.raws(s), "transfer")
		local before = pair.each(t, function(node, side)
			return { nonce = eth.nonce(node, ctx.address[side]), from = eth.balance(node, ctx.address[side]),
				to = eth.balance(node, to), height = node:height() }
		end)
		local replay = pair.each(t, function(node, side)
			local h, err = eth.send_raw(node, s[side].raw)
			t:ok(err ~= nil, "the second submission is refused with an error", eth.show(h))
			return { class = pair.error_class(h, err), hash = h }
		end)
		-- give nodes that mine on a timer one block to (wrongly) include it again
		pair.each(t, function(node)
			if not node:has("mine") then
				local h0 = node:height()
				t:wait_until(function() return node:height() > h0 end, 40, "one more block on " .. node.name)
			end
		end)
		local got = pair.each(t, function(node, side)
			t:eq(eth.nonce(node, ctx.address[side]), before[side].nonce, "the sender's nonce is unchanged")
			t:eq(eth.balance(node, ctx.address[side]), before[side].from, "the sender's balance is unchanged")
			t:eq(eth.balance(node, to), before[side].to, "the recipient's balance is unchanged")
			local pending = eth.nonce(node, ctx.address[side], "pending")
			t:eq(pending, before[side].nonce, "no pending transaction of the sender")
			if replay[side].hash ~= nil then
				t:eq(replay[side].hash, sub.hash[side], "an acknowledged resubmission names the same hash")
			end
			return { second = replay[side].class, nonce = eth.nonce(node, ctx.address[side]) - before[side].nonce }
		end)
		t:same(got.a, got.b, "the answer to the resubmission and the nonce step")
	end,
}
