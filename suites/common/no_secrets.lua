-- No answer to a malformed or refused request repeats private key material: the error messages
-- for an unknown method, wrong parameters and a refused transaction do not contain any private
-- key the target is configured with (params.accounts), with or without 0x, in either case.
scenario {
	id = "common.errors.no-secrets",
	title = "Error answers do not expose the configured private keys",
	family = "any",
	roadmap = { "ID-07" },
	run = function(t)
		local node = t.node
		local keys = {}
		for _, a in ipairs(node.params.accounts or {}) do
			if type(a.key) == "string" then keys[#keys + 1] = a.key:lower():gsub("^0x", "") end
		end
		local answers = {}
		local function probe(method, params)
			local res, err = node:rpc(method, params)
			answers[#answers + 1] = { method = method, text = dlt.json.encode({ res = res or dlt.null, err = err or dlt.null }) }
		end
		probe("dlt_interop_no_such_method", {})
		if node.family == "ethereum" then
			probe("eth_getBalance", { "0x12", "latest" })
			probe("eth_sendRawTransaction", { "0x" .. string.rep("ab", 40) })
			probe("eth_sign", { "0x" .. string.rep("11", 20), "0x00" })
		elseif node.family == "bitcoin" then
			probe("getblockhash", { -1 })
			probe("sendrawtransaction", { "00" })
		elseif node.family == "monero" then
			probe("get_block_header_by_height", { height = 1 << 40 })
		end
		local leaks = {}
		for _, a in ipairs(answers) do
			local text = a.text:lower()
			for _, k in ipairs(keys) do
				if text:find(k, 1, true) then leaks[#leaks + 1] = a.method end
			end
		end
		t:eq(leaks, {}, string.format("no answer of %d probes holds one of the %d configured keys", #answers, #keys))
		t:log("%d probes, %d configured keys", #answers, #keys)
	end,
}
