-- huge-raw.lua: a 200 MB answer to node:rpc_raw (served by tests/fault_server.c, run by
-- tests/integration/faults.sh).
scenario {
	id = "fault.huge-raw", title = "a 200 MB answer to node:rpc_raw", family = "ethereum", roadmap = { "NODE-01" },
	run = function(t)
		local r = t.node:rpc_raw([[{"jsonrpc":"2.0","id":1,"method":"fault_huge","params":[]}]])
		t:eq(r.status, 200, "HTTP status")
	end,
}
