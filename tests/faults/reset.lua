-- reset.lua: the connection is reset (RST) instead of an answer (served by tests/fault_server.c, run by
-- tests/integration/faults.sh).
scenario {
	id = "fault.reset", title = "the connection is reset (RST) instead of an answer", family = "ethereum", roadmap = { "NODE-01" },
	run = function(t)
		t:eq(t.node:call("fault_reset", {}), "ok", "result")
	end,
}
