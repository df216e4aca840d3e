-- missing-id.lua: an answer without an id (served by tests/fault_server.c, run by
-- tests/integration/faults.sh).
scenario {
	id = "fault.missing-id", title = "an answer without an id", family = "ethereum", roadmap = { "NODE-01" },
	run = function(t)
		t:eq(t.node:call("fault_missing_id", {}), "ok", "result")
	end,
}
