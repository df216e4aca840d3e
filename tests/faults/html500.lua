-- html500.lua: an HTML 500 page instead of a JSON-RPC answer (served by tests/fault_server.c, run by
-- tests/integration/faults.sh).
scenario {
	id = "fault.html500", title = "an HTML 500 page instead of a JSON-RPC answer", family = "ethereum", roadmap = { "NODE-01" },
	run = function(t)
		t:eq(t.node:call("fault_html500", {}), "ok", "result")
	end,
}
