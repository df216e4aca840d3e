-- bad-utf8.lua: invalid UTF-8 inside a result string (served by tests/fault_server.c, run by
-- tests/integration/faults.sh).
scenario {
	id = "fault.bad-utf8", title = "invalid UTF-8 inside a result string", family = "ethereum", roadmap = { "NODE-01" },
	run = function(t)
		t:eq(t.node:call("fault_bad_utf8", {}), "ok", "result")
	end,
}
