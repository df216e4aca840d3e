-- null-id.lua: a result answer with a null id (served by tests/fault_server.c, run by
-- tests/integration/faults.sh).
scenario {
	id = "fault.null-id", title = "a result answer with a null id", family = "ethereum", roadmap = { "NODE-01" },
	run = function(t)
		t:eq(t.node:call("fault_null_id", {}), "ok", "result")
	end,
}
