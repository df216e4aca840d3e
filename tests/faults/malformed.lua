-- malformed.lua: an answer that is not JSON (served by tests/fault_server.c, run by
-- tests/integration/faults.sh).
scenario {
	id = "fault.malformed", title = "an answer that is not JSON", family = "ethereum", roadmap = { "NODE-01" },
	run = function(t)
		t:eq(t.node:call("fault_malformed", {}), "ok", "result")
	end,
}
