-- deep.lua: an answer nested 100000 arrays deep (served by tests/fault_server.c, run by
-- tests/integration/faults.sh).
scenario {
	id = "fault.deep", title = "an answer nested 100000 arrays deep", family = "ethereum", roadmap = { "NODE-01" },
	run = function(t)
		t:eq(t.node:call("fault_deep", {}), "ok", "result")
	end,
}
