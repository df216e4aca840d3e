-- hang.lua: a node that never answers (served by tests/fault_server.c, run by
-- tests/integration/faults.sh).
scenario {
	id = "fault.hang", title = "a node that never answers", family = "ethereum", roadmap = { "NODE-01" },
	run = function(t)
		t:eq(t.node:call("fault_hang", {}), "ok", "result")
	end,
}
