-- JSON-RPC 2.0 sections 4.1 and 6: "The Server MUST NOT reply to a Notification, including
-- those that are within a batch request". Over HTTP, no reply is an empty body (any status). A
-- batch made only of notifications is checked by eth.wire.notification-batch.
local eth = require "eth"

local function empty(body) return body == nil or body:gsub("%s", "") == "" end

scenario {
	id = "eth.rpc.notification",
	title = "Notifications (no id) get no response, alone or next to a call in a batch",
	family = "ethereum",
	roadmap = { "NODE-10" },
	requires = { "raw_rpc" },
	run = function(t)
		local node = t.node
		local r = node:rpc_raw('{"jsonrpc":"2.0","method":"eth_chainId","params":[]}')
		t:ok(empty(r.body), "notification of a known method: empty body", string.format("HTTP %s: %s", tostring(r.status), tostring(r.body)))
		r = node:rpc_raw('{"jsonrpc":"2.0","method":"dlt_interop_noSuchMethod","params":[]}')
		t:ok(empty(r.body), "notification of an unknown method: empty body (no error reply either)", string.format("HTTP %s: %s", tostring(r.status), tostring(r.body)))

		if node:has("batch") then
			-- a batch of notifications only is in eth.wire.notification-batch: it stops some nodes
			r = node:rpc_raw('[{"jsonrpc":"2.0","method":"eth_chainId","params":[]},{"jsonrpc":"2.0","id":21,"method":"eth_chainId","params":[]}]')
			t:ok(type(r.json) == "table" and eth.is_array(r.json), "batch of a notification and a call: an array", r.body)
			if type(r.json) == "table" and eth.is_array(r.json) then
				t:eq(#r.json, 1, "batch of a notification and a call: only the call is answered")
				if r.json[1] then
					eth.check_envelope(t, r.json[1], 21, "batch of a notification and a call")
					t:eq(r.json[1].result, eth.qty(eth.chain_id(node)), "the call's result")
				end
			end
		else
			t:log("target has no batch capability: batch cases not run")
		end
	end,
}
