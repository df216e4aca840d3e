-- Spending the same funds twice: fund a fresh address, spend most of it, and immediately try
-- to spend most of it again. The second must be refused and must not change any balance.
scenario {
	id = "common.wallet.second-spend-rejected",
	title = "A second transfer of the same funds is refused and changes no balance",
	family = "any",
	roadmap = { "SEC-03", "PAY-05" },
	requires = { "wallet", "mine" },
	timeout = 300,
	run = function(t)
		local node, p = t.node, t.node.params
		local unit = dlt.u256(p.transfer_amount or "1000000")
		local sender = node:new_address()
		local s0 = node:balance(sender)
		-- mine fund_blocks only when the wallet cannot pay yet (earlier scenarios may have funded it)
		local fund, err = node:transfer { to = sender, amount = unit * 10 }
		if fund == nil and (p.fund_blocks or 0) > 0 then
			t:log("funding refused before mining (%s): mining %d blocks", tostring(err and err.message), p.fund_blocks)
			node:produce_blocks(p.fund_blocks)
			fund, err = node:transfer { to = sender, amount = unit * 10 }
		end
		t:need(fund ~= nil, "funding the sender", err)
		node:produce_blocks(p.spend_confirmations or 1)
		local funds = node:balance(sender)
		t:need(funds - s0 == unit * 10, "the sender holds the funding")
		local a, b = node:new_address(), node:new_address()
		local a0, b0 = node:balance(a), node:balance(b)
		-- leave room for the fee: a tenth of the funds, at least one transfer unit
		local reserve = funds // 10
		if reserve < unit then reserve = unit end
		local most = funds - reserve
		local first
		first, err = node:transfer { from = sender, to = a, amount = most }
		t:need(first ~= nil, "the first spend is accepted", err)
		local second, err2 = node:transfer { from = sender, to = b, amount = most }
		t:ok(second == nil, "the second spend of the same funds is refused", second)
		if err2 then t:log("refused with code %s: %s", tostring(err2.code), tostring(err2.message)) end
		node:produce_blocks(1) -- confirms the first spend; balances count outputs not yet spendable
		t:eq(node:balance(a) - a0, most, "the first receiver gained the amount")
		t:eq(node:balance(b), b0, "the second receiver's balance is unchanged")
	end,
}
