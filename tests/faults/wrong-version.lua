-- wrong-version.lua: an answer saying jsonrpc 1.0 to a 2.0 request (served by tests/fault_server.c, run by
-- tests/integration/faults.sh).
scenario {
	id = "fault.wrong-version", title = "an answer saying jsonrpc 1.0 to a 2.0 request", family = "ethereum", roadmap = { "NODE-01" },
	run = function(t)
		t:eq(t.node:call("fault_wrong_version", {}), "ok", "result")
	end,
}
