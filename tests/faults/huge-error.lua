-- huge-error.lua: a JSON-RPC error with a 5 MB message (served by tests/fault_server.c, run by
-- tests/integration/faults.sh).
scenario {
	id = "fault.huge-error", title = "a JSON-RPC error with a 5 MB message", family = "ethereum", roadmap = { "NODE-01" },
	run = function(t)
		t:eq(t.node:call("fault_huge_error", {}), "ok", "result")
	end,
}
