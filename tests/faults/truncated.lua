-- truncated.lua: a body shorter than its Content-Length, then the connection closes (served by tests/fault_server.c, run by
-- tests/integration/faults.sh).
scenario {
	id = "fault.truncated", title = "a body shorter than its Content-Length, then the connection closes", family = "ethereum", roadmap = { "NODE-01" },
	run = function(t)
		t:eq(t.node:call("fault_truncated", {}), "ok", "result")
	end,
}
