-- content-type.lua: a JSON-RPC answer sent as text/plain (served by tests/fault_server.c, run by
-- tests/integration/faults.sh).
scenario {
	id = "fault.content-type", title = "a JSON-RPC answer sent as text/plain", family = "ethereum", roadmap = { "NODE-01" },
	run = function(t)
		local r = t.node:rpc_raw([[{"jsonrpc":"2.0","id":1,"method":"fault_content_type","params":[]}]])
		t:match(r.content_type or "", "^application/json", "Content-Type is application/json")
	end,
}
